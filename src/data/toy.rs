//! Toy 2-D data sets for the playground, generated deterministically from a seed,
//! the input features a network may see (x1, x2, x1², x2², x1·x2, sin x1, sin x2),
//! and CSV loading with line-numbered errors.
//!
//! Points live in the square `[-DOMAIN, DOMAIN]²` (as in TensorFlow Playground).
//! Classification labels are class indices `0, 1, …, K-1`; regression labels are in `[-1, 1]`.

use crate::error::{Error, Result};
use crate::nn::Rng;
use std::f32::consts::PI;

/// Half the side of the input plane: points have |x1|, |x2| <= DOMAIN.
pub const DOMAIN: f32 = 6.0;
/// Most points a data set (generated or loaded) may hold.
pub const MAX_POINTS: usize = 5000;

/// What the labels of a data set mean, which decides the losses that fit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Class indices 0 .. classes-1 (2 for binary problems).
    Classification {
        /// Number of classes K.
        classes: usize,
    },
    /// A real number in [-1, 1] per point.
    Regression,
}

/// The generated data sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Class 1 where x1·x2 >= 0 (first and third quadrants), class 0 elsewhere.
    Xor,
    /// Class 1 inside a disc of radius 2.5, class 0 on a ring 3.5 .. 5 around it.
    Circle,
    /// Two Gaussian clouds around (2, 2) (class 1) and (-2, -2) (class 0).
    Gauss,
    /// Two interleaved spiral arms, one per class.
    Spiral,
    /// Three interleaved spiral arms (classes 0, 1, 2): needs softmax.
    Spiral3,
    /// Three Gaussian blobs (classes 0, 1, 2) at the corners of a triangle.
    Blobs3,
    /// Regression: y = (x1 + x2) / (2 · 5), a tilted plane.
    Plane,
    /// Regression: a sum of two Gaussian bumps of opposite sign.
    GaussSum,
}

impl Kind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [Kind; 8] = [
        Kind::Xor,
        Kind::Circle,
        Kind::Gauss,
        Kind::Spiral,
        Kind::Spiral3,
        Kind::Blobs3,
        Kind::Plane,
        Kind::GaussSum,
    ];

    /// The name used in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Xor => "xor",
            Kind::Circle => "circle",
            Kind::Gauss => "gauss",
            Kind::Spiral => "spiral",
            Kind::Spiral3 => "spiral3",
            Kind::Blobs3 => "blobs3",
            Kind::Plane => "plane",
            Kind::GaussSum => "gausssum",
        }
    }

    /// Looks a kind up by its URL name.
    pub fn from_name(name: &str) -> Result<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name).ok_or_else(|| {
            let names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
            Error::InvalidInput(format!(
                "there is no data set called \"{}\"; choose one of {}",
                name.chars().take(30).collect::<String>(),
                names.join(", ")
            ))
        })
    }

    /// Classification with K classes, or regression.
    pub fn task(self) -> Task {
        match self {
            Kind::Spiral3 | Kind::Blobs3 => Task::Classification { classes: 3 },
            Kind::Plane | Kind::GaussSum => Task::Regression,
            _ => Task::Classification { classes: 2 },
        }
    }
}

/// Points with labels: `points[i] = [x1, x2]`, `labels[i]` its class index or value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Points {
    /// Coordinates (x1, x2) of each point.
    pub points: Vec<[f32; 2]>,
    /// The label of each point.
    pub labels: Vec<f32>,
}

impl Points {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The points as triples x1, x2, label, one after the other.
    pub fn to_triples(&self) -> Vec<f32> {
        self.points
            .iter()
            .zip(&self.labels)
            .flat_map(|(p, &l)| [p[0], p[1], l])
            .collect()
    }

    fn push(&mut self, x1: f32, x2: f32, label: f32) {
        self.points.push([x1.clamp(-DOMAIN, DOMAIN), x2.clamp(-DOMAIN, DOMAIN)]);
        self.labels.push(label);
    }
}

/// Generates `n` points of `kind` with the given `noise` (0 = clean, 0.5 = very noisy), from `seed`.
///
/// The points come out in a seeded random order, so the first `ratio · n` of them form a
/// random training set and the rest a test set. The same arguments always give the same points.
pub fn generate(kind: Kind, n: usize, noise: f32, seed: u64) -> Result<Points> {
    if !(1..=MAX_POINTS).contains(&n) {
        return Err(Error::InvalidInput(format!(
            "the number of points must be between 1 and {MAX_POINTS}; got {n}"
        )));
    }
    if !(0.0..=0.5).contains(&noise) {
        return Err(Error::InvalidInput(format!(
            "noise must be between 0 and 0.5; got {noise}"
        )));
    }
    let mut rng = Rng::new(seed);
    let mut out = Points::default();
    let r = 5.0f32;
    match kind {
        Kind::Xor => {
            for _ in 0..n {
                // Keep a small gap around the axes, where the label flips.
                let pad = 0.3;
                let mut x = rng.uniform(-r, r);
                x += if x > 0.0 { pad } else { -pad };
                let mut y = rng.uniform(-r, r);
                y += if y > 0.0 { pad } else { -pad };
                let label = (x * y >= 0.0) as u8 as f32;
                let (nx, ny) = (rng.uniform(-r, r) * noise, rng.uniform(-r, r) * noise);
                out.push(x + nx, y + ny, label);
            }
        }
        Kind::Circle => {
            for i in 0..n {
                let inside = i % 2 == 0;
                let radius = if inside {
                    rng.uniform(0.0, r * 0.5)
                } else {
                    rng.uniform(r * 0.7, r)
                };
                let angle = rng.uniform(0.0, 2.0 * PI);
                let (x, y) = (radius * angle.sin(), radius * angle.cos());
                let (nx, ny) = (rng.uniform(-r, r) * noise, rng.uniform(-r, r) * noise);
                // The label follows the noisy point, as in TensorFlow Playground.
                let label = (((x + nx).powi(2) + (y + ny).powi(2)).sqrt() < r * 0.5) as u8 as f32;
                out.push(x + nx, y + ny, label);
            }
        }
        Kind::Gauss => {
            let spread = 0.5 + noise * 7.0;
            for i in 0..n {
                let label = (i % 2) as f32;
                let c = if label == 1.0 { 2.0 } else { -2.0 };
                out.push(c + spread * rng.normal(), c + spread * rng.normal(), label);
            }
        }
        Kind::Spiral | Kind::Spiral3 => {
            let arms = if kind == Kind::Spiral { 2 } else { 3 };
            for i in 0..n {
                let arm = i % arms;
                let t = (i / arms) as f32 / (n / arms).max(1) as f32;
                let radius = t * r;
                let angle = 1.75 * t * 2.0 * PI + arm as f32 * 2.0 * PI / arms as f32;
                let (nx, ny) = (rng.uniform(-1.0, 1.0) * noise, rng.uniform(-1.0, 1.0) * noise);
                out.push(radius * angle.sin() + nx * r, radius * angle.cos() + ny * r, arm as f32);
            }
        }
        Kind::Blobs3 => {
            let spread = 0.6 + noise * 5.0;
            for i in 0..n {
                let class = i % 3;
                let angle = PI / 2.0 + class as f32 * 2.0 * PI / 3.0;
                let (cx, cy) = (3.0 * angle.cos(), 3.0 * angle.sin());
                out.push(cx + spread * rng.normal(), cy + spread * rng.normal(), class as f32);
            }
        }
        Kind::Plane | Kind::GaussSum => {
            for _ in 0..n {
                let (x, y) = (rng.uniform(-r, r), rng.uniform(-r, r));
                let (nx, ny) = (rng.uniform(-r, r) * noise, rng.uniform(-r, r) * noise);
                let label = regression_target(kind, x + nx, y + ny);
                out.push(x, y, label);
            }
        }
    }
    // A seeded shuffle: any prefix is a random sample (the training split).
    let mut order: Vec<usize> = (0..out.len()).collect();
    rng.shuffle(&mut order);
    Ok(Points {
        points: order.iter().map(|&i| out.points[i]).collect(),
        labels: order.iter().map(|&i| out.labels[i]).collect(),
    })
}

/// The regression targets, clamped to [-1, 1]: the plane y = (x1 + x2) / 10, or a sum of
/// Gaussian bumps g(c) = exp(-|x - c|² / 4): y = g(2, 2) - g(-2, -2) + 0.8 g(-2, 2.5) - 0.8 g(2.5, -2).
fn regression_target(kind: Kind, x: f32, y: f32) -> f32 {
    let v = match kind {
        Kind::Plane => (x + y) / 10.0,
        _ => {
            let bump = |cx: f32, cy: f32| (-((x - cx).powi(2) + (y - cy).powi(2)) / 4.0).exp();
            bump(2.0, 2.0) - bump(-2.0, -2.0) + bump(-2.0, 2.5) * 0.8 - bump(2.5, -2.0) * 0.8
        }
    };
    v.clamp(-1.0, 1.0)
}

/// One input feature the network can be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// x1
    X1,
    /// x2
    X2,
    /// x1²
    X1Squared,
    /// x2²
    X2Squared,
    /// x1 · x2
    X1X2,
    /// sin(x1)
    SinX1,
    /// sin(x2)
    SinX2,
}

impl Feature {
    /// Every feature; bit i of a feature mask switches `ALL[i]` on.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The feature's value at (x1, x2).
    pub fn value(self, x1: f32, x2: f32) -> f32 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
        }
    }
}

/// The features selected by `mask` (bit i selects `Feature::ALL[i]`), checked to be non-empty.
pub fn features(mask: u32) -> Result<Vec<Feature>> {
    if mask == 0 || mask >> Feature::ALL.len() != 0 {
        return Err(Error::InvalidInput(format!(
            "choose at least one input feature (mask between 1 and {}); got {mask}",
            (1u32 << Feature::ALL.len()) - 1
        )));
    }
    Ok(Feature::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| mask >> i & 1 == 1)
        .map(|(_, f)| f)
        .collect())
}

/// Expands points given as pairs `x1, x2, x1, x2, …` into rows of the selected features,
/// written into `out` (resized to `points · features`).
pub fn expand_into(xy: &[f32], mask: u32, out: &mut Vec<f32>) -> Result<usize> {
    let chosen = features(mask)?;
    if xy.len() % 2 != 0 {
        return Err(Error::InvalidInput(format!(
            "points come as pairs x1, x2; got {} numbers",
            xy.len()
        )));
    }
    out.clear();
    out.reserve(xy.len() / 2 * chosen.len());
    for p in xy.chunks_exact(2) {
        out.extend(chosen.iter().map(|f| f.value(p[0], p[1])));
    }
    Ok(chosen.len())
}

/// Parses CSV text with one point per line: `x1,x2,label`. A first line that is not numeric
/// (a header such as `x1,x2,label`), blank lines and lines starting with `#` are skipped.
///
/// Nothing is returned unless every line is good: the error lists the bad lines (up to five)
/// by number and reason, so a half-loaded data set never appears.
pub fn parse_csv(text: &str, task: Task) -> Result<Points> {
    let mut out = Points::default();
    let mut problems: Vec<String> = Vec::new();
    let mut bad_lines = 0usize;
    let mut seen_data = false;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let parsed: Vec<Option<f32>> = fields.iter().map(|f| f.parse::<f32>().ok()).collect();
        if !seen_data && number == 1 && parsed.iter().all(Option::is_none) {
            continue; // a header line
        }
        seen_data = true;
        match check_row(&fields, &parsed, task) {
            Ok([x1, x2, label]) => {
                if bad_lines == 0 {
                    out.push(x1, x2, label);
                }
            }
            Err(reason) => {
                bad_lines += 1;
                if problems.len() < 5 {
                    problems.push(format!("line {number}: {reason}"));
                }
            }
        }
    }
    if bad_lines > 0 {
        let more = if bad_lines > problems.len() {
            format!(" (and {} more bad lines)", bad_lines - problems.len())
        } else {
            String::new()
        };
        return Err(Error::InvalidInput(format!(
            "the CSV file was not loaded: {}{more}",
            problems.join("; ")
        )));
    }
    if out.is_empty() {
        return Err(Error::InvalidInput(
            "the CSV file has no data lines; write one point per line as x1,x2,label".into(),
        ));
    }
    if out.len() > MAX_POINTS {
        return Err(Error::InvalidInput(format!(
            "the CSV file has {} points; at most {MAX_POINTS} are allowed",
            out.len()
        )));
    }
    Ok(out)
}

fn check_row(fields: &[&str], parsed: &[Option<f32>], task: Task) -> std::result::Result<[f32; 3], String> {
    if fields.len() != 3 {
        return Err(format!("expected 3 values (x1,x2,label); got {}", fields.len()));
    }
    let names = ["x1", "x2", "label"];
    let mut v = [0.0f32; 3];
    for k in 0..3 {
        match parsed[k] {
            Some(x) if x.is_finite() => v[k] = x,
            _ => {
                let shown: String = fields[k].chars().take(20).collect();
                return Err(format!("{} \"{shown}\" is not a number", names[k]));
            }
        }
    }
    for k in 0..2 {
        if v[k].abs() > DOMAIN {
            return Err(format!(
                "{} = {} is outside the plane [-{DOMAIN}, {DOMAIN}]",
                names[k], v[k]
            ));
        }
    }
    match task {
        Task::Classification { classes } => {
            let label = v[2];
            if label.fract() != 0.0 || label < 0.0 || label >= classes as f32 {
                return Err(format!(
                    "label {label} is not a class of this data set (use 0 … {})",
                    classes - 1
                ));
            }
        }
        Task::Regression => {
            if v[2].abs() > 1.0 {
                return Err(format!("label {} is outside [-1, 1] (regression targets)", v[2]));
            }
        }
    }
    Ok(v)
}
