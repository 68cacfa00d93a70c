//! Activation curves f(x) and f'(x) over a grid of x (lecture 2.3), evaluated with
//! [`Activation::value`] and [`Activation::derivative`], plus the facts the lecture
//! states about them: tanh(x) = 2 sigma(2x) - 1, and ReLU / leaky ReLU as maxout.

use crate::error::{Error, Result};
use crate::nn::activation::sigmoid;
use crate::nn::Activation;
use serde::Serialize;

/// Most grid points in one curve.
pub const MAX_POINTS: usize = 10_000;

/// Where the gradient is small, as a teaching label for each grid point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Zone {
    /// |f'(x)| is at least 10% of its largest value over the plotted range.
    Active,
    /// 0 < |f'(x)| < 10% of its largest value: saturated (sigmoid, tanh) or a small leak.
    Small,
    /// f'(x) = 0 exactly: a dead ReLU, or a step function (no gradient anywhere).
    Dead,
}

/// One activation sampled on a grid: x, f(x), f'(x) and the zone of each point.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Curve {
    /// Grid points x_i = lo + i (hi - lo) / (n - 1).
    pub xs: Vec<f32>,
    /// f(x_i).
    pub values: Vec<f32>,
    /// f'(x_i).
    pub derivatives: Vec<f32>,
    /// Gradient zone of each point (see [`Zone`]).
    pub zones: Vec<Zone>,
    /// max_i |f'(x_i)|, the reference for "nearly zero" (|f'| < 10% of it).
    pub max_derivative: f32,
}

/// `n` evenly spaced points from `lo` to `hi` (both included).
pub fn grid(lo: f32, hi: f32, n: usize) -> Result<Vec<f32>> {
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(Error::InvalidInput(format!(
            "the plotted range needs finite numbers with lo < hi; got {lo} to {hi}"
        )));
    }
    if !(2..=MAX_POINTS).contains(&n) {
        return Err(Error::InvalidInput(format!(
            "a curve needs between 2 and {MAX_POINTS} points; got {n}"
        )));
    }
    Ok((0..n).map(|i| lo + (hi - lo) * i as f32 / (n - 1) as f32).collect())
}

impl Curve {
    /// A curve from its samples; labels each point's gradient zone against max |f'|.
    fn new(xs: Vec<f32>, values: Vec<f32>, derivatives: Vec<f32>) -> Curve {
        let max_derivative = derivatives.iter().fold(0.0f32, |m, d| m.max(d.abs()));
        let zones = derivatives
            .iter()
            .map(|&d| {
                if d == 0.0 {
                    Zone::Dead
                } else if d.abs() < 0.1 * max_derivative {
                    Zone::Small
                } else {
                    Zone::Active
                }
            })
            .collect();
        Curve {
            xs,
            values,
            derivatives,
            zones,
            max_derivative,
        }
    }
}

/// f and f' of `activation` on the grid (maxout: use [`maxout_curve`], which needs its lines).
pub fn curve(activation: Activation, lo: f32, hi: f32, n: usize) -> Result<Curve> {
    activation.validate().map_err(Error::InvalidInput)?;
    if let Activation::Maxout { .. } = activation {
        return Err(Error::InvalidInput(
            "maxout has no curve of its own: give its lines w1, b1, w2, b2".into(),
        ));
    }
    let xs = grid(lo, hi, n)?;
    let values: Vec<f32> = xs.iter().map(|&x| activation.value(x)).collect();
    let derivatives: Vec<f32> = xs
        .iter()
        .zip(&values)
        .map(|(&x, &h)| activation.derivative(x, h))
        .collect();
    Ok(Curve::new(xs, values, derivatives))
}

/// A maxout unit on one input: f(x) = max(w1 x + b1, w2 x + b2), run through the core's
/// maxout forward and backward (k = 2); f'(x) is the slope of the winning line.
pub fn maxout_curve(lines: [f32; 4], lo: f32, hi: f32, n: usize) -> Result<Curve> {
    let [w1, b1, w2, b2] = lines;
    if lines.iter().any(|v| !v.is_finite()) {
        return Err(Error::InvalidInput(
            "the maxout lines' weights and biases must be finite numbers".into(),
        ));
    }
    let xs = grid(lo, hi, n)?;
    let act = Activation::Maxout { k: 2 };
    // z holds the two pieces of every grid point, as a maxout layer stores them.
    let z: Vec<f32> = xs.iter().flat_map(|&x| [w1 * x + b1, w2 * x + b2]).collect();
    let mut values = vec![0.0; n];
    act.forward(&z, &mut values);
    let mut dz = vec![0.0; 2 * n];
    act.backward(&z, &values, &vec![1.0; n], &mut dz);
    // df/dx = sum_p df/dz_p * dz_p/dx = dz_1 w1 + dz_2 w2.
    let derivatives: Vec<f32> = dz.chunks_exact(2).map(|d| d[0] * w1 + d[1] * w2).collect();
    Ok(Curve::new(xs, values, derivatives))
}

/// The lines of a maxout unit that computes `activation` exactly, if it is a special case:
/// ReLU = max(0 x + 0, 1 x + 0), leaky ReLU = max(alpha x + 0, 1 x + 0), identity = max(x, x).
pub fn maxout_lines_for(activation: Activation) -> Option<[f32; 4]> {
    match activation {
        Activation::Relu => Some([0.0, 0.0, 1.0, 0.0]),
        Activation::LeakyRelu { alpha } => Some([alpha, 0.0, 1.0, 0.0]),
        Activation::Identity => Some([1.0, 0.0, 1.0, 0.0]),
        _ => None,
    }
}

/// max_i |maxout(x_i) - f(x_i)| over the grid: 0 when the maxout lines reproduce f.
pub fn maxout_gap(lines: [f32; 4], activation: Activation, lo: f32, hi: f32, n: usize) -> Result<f64> {
    let m = maxout_curve(lines, lo, hi, n)?;
    let f = curve(activation, lo, hi, n)?;
    Ok(m.values
        .iter()
        .zip(&f.values)
        .fold(0.0f64, |g, (&a, &b)| g.max((a as f64 - b as f64).abs())))
}

/// How far tanh(x) is from 2 sigma(2x) - 1 over a grid (lecture 2.3.2).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityError {
    /// max |tanh(x) - (2 sigma(2x) - 1)| with the core's f32 tanh and sigmoid.
    pub max_error_f32: f64,
    /// The same in f64 (std tanh and exp), to show the f32 gap is rounding.
    pub max_error_f64: f64,
    /// Grid points compared.
    pub points: usize,
    /// The overlay 2 sigma(2 x_i) - 1 at each grid point (core sigmoid, f32).
    pub overlay: Vec<f32>,
}

/// Checks tanh(x) = 2 sigma(2x) - 1 on `n` points from `lo` to `hi`.
pub fn tanh_identity_error(lo: f32, hi: f32, n: usize) -> Result<IdentityError> {
    let xs = grid(lo, hi, n)?;
    let mut e32 = 0.0f64;
    let mut e64 = 0.0f64;
    let mut overlay = Vec::with_capacity(n);
    for &x in &xs {
        let right = 2.0 * sigmoid(2.0 * x) - 1.0;
        overlay.push(right);
        e32 = e32.max((Activation::Tanh.value(x) - right).abs() as f64);
        let x = x as f64;
        let right = 2.0 / (1.0 + (-2.0 * x).exp()) - 1.0;
        e64 = e64.max((x.tanh() - right).abs());
    }
    Ok(IdentityError {
        max_error_f32: e32,
        max_error_f64: e64,
        points: n,
        overlay,
    })
}
