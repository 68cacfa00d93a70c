//! Small seeded 2-D datasets for the lecture views (the same seed gives the same
//! points on every platform). Two classes that no line separates (circles,
//! moons) for feature learning, and the K-class spiral for ReLU versus tanh.

use crate::error::{Error, Result};
use crate::nn::{Matrix, Rng};
use serde::{Deserialize, Serialize};

/// Which dataset to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DatasetKind {
    /// Class 0: a disc of radius 0.5; class 1: a ring of radii 0.75..1 around it.
    Circles,
    /// Two interleaved half circles of radius 1, the second shifted by (1, -0.5).
    Moons,
    /// K arms of a spiral, r in [0, 1], arm k rotated by 2 pi k / K (the CS231n toy set).
    Spiral,
}

impl DatasetKind {
    /// Parses the page's name for a dataset ("circles", "moons", "spiral").
    pub fn parse(name: &str) -> Result<DatasetKind> {
        match name {
            "circles" => Ok(DatasetKind::Circles),
            "moons" => Ok(DatasetKind::Moons),
            "spiral" => Ok(DatasetKind::Spiral),
            other => Err(Error::InvalidInput(format!(
                "unknown dataset \"{other}\"; use circles, moons or spiral"
            ))),
        }
    }
}

/// Points (one example per row of `x`, two columns) and their class labels 0..classes-1.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// The inputs, `n x 2`, inside [-1.5, 1.5]^2 (moons: shifted into it).
    pub x: Matrix,
    /// One class index per example, as f32 (the networks' target format).
    pub labels: Vec<f32>,
    /// Number of classes.
    pub classes: usize,
}

/// Most points a dataset may have (keeps a URL typo from freezing the page).
pub const MAX_POINTS: usize = 5000;

impl Dataset {
    /// Makes `per_class` points of each of `classes` classes (2 for circles and moons), with
    /// Gaussian noise of standard deviation `noise` on each coordinate, from `seed`.
    pub fn generate(kind: DatasetKind, per_class: usize, classes: usize, noise: f32, seed: u64) -> Result<Dataset> {
        let classes = if kind == DatasetKind::Spiral { classes } else { 2 };
        if !(2..=8).contains(&classes) {
            return Err(Error::InvalidInput(format!(
                "a spiral needs between 2 and 8 classes; got {classes}"
            )));
        }
        if per_class == 0 || per_class * classes > MAX_POINTS {
            return Err(Error::InvalidInput(format!(
                "a dataset needs between 1 and {MAX_POINTS} points in all; got {per_class} per class x {classes} classes"
            )));
        }
        if !(noise.is_finite() && (0.0..=1.0).contains(&noise)) {
            return Err(Error::InvalidInput(format!(
                "the noise must be between 0 and 1; got {noise}"
            )));
        }
        let mut rng = Rng::new(seed);
        let mut data = Vec::with_capacity(per_class * classes * 2);
        let mut labels = Vec::with_capacity(per_class * classes);
        let tau = std::f32::consts::TAU;
        for c in 0..classes {
            for i in 0..per_class {
                let (x1, x2) = match kind {
                    DatasetKind::Circles => {
                        let r = if c == 0 {
                            0.5 * rng.next_f32().sqrt()
                        } else {
                            rng.uniform(0.75, 1.0)
                        };
                        let a = rng.uniform(0.0, tau);
                        (r * a.cos(), r * a.sin())
                    }
                    DatasetKind::Moons => {
                        let a = rng.uniform(0.0, std::f32::consts::PI);
                        if c == 0 {
                            (a.cos() - 0.5, a.sin() - 0.25)
                        } else {
                            (0.5 - a.cos(), 0.25 - a.sin())
                        }
                    }
                    DatasetKind::Spiral => {
                        let r = (i as f32 + 0.5) / per_class as f32;
                        let a = tau * c as f32 / classes as f32 + 4.0 * r;
                        (r * a.cos(), r * a.sin())
                    }
                };
                data.push(x1 + noise * rng.normal());
                data.push(x2 + noise * rng.normal());
                labels.push(c as f32);
            }
        }
        // Interleave the classes so that any prefix is balanced (handy for minibatches).
        let mut order: Vec<usize> = (0..labels.len()).collect();
        rng.shuffle(&mut order);
        let x = order.iter().flat_map(|&i| [data[2 * i], data[2 * i + 1]]).collect();
        let labels = order.iter().map(|&i| labels[i]).collect();
        Ok(Dataset {
            x: Matrix::from_vec(per_class * classes, 2, x).expect("two columns"),
            labels,
            classes,
        })
    }
}
