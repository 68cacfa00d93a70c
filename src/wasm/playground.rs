//! Bindings for the 2-D playground: toy data sets, input features, CSV points and the
//! per-neuron heatmaps (one Rust-owned buffer the page views without copying).

use super::{js, view, Mlp};
use crate::data::toy::{self, Kind, Task};
use crate::view::heatmap;
use js_sys::Float32Array;
use wasm_bindgen::prelude::*;

fn task(classes: usize) -> Task {
    if classes == 0 {
        Task::Regression
    } else {
        Task::Classification { classes }
    }
}

/// Number of classes of a toy data set (0 for regression).
#[wasm_bindgen(js_name = toyClasses)]
pub fn toy_classes(kind: &str) -> Result<usize, JsError> {
    Ok(match Kind::from_name(kind).map_err(js)?.task() {
        Task::Classification { classes } => classes,
        Task::Regression => 0,
    })
}

/// `n` points of the toy data set `kind` as triples x1, x2, label, in a seeded random order.
#[wasm_bindgen(js_name = toyData)]
pub fn toy_data(kind: &str, n: usize, noise: f32, seed: f64) -> Result<Vec<f32>, JsError> {
    if !(seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0) {
        return Err(JsError::new("the seed must be a whole number >= 0"));
    }
    let kind = Kind::from_name(kind).map_err(js)?;
    Ok(toy::generate(kind, n, noise, seed as u64).map_err(js)?.to_triples())
}

/// Rows of the features selected by `mask` (bit i: x1, x2, x1², x2², x1·x2, sin x1, sin x2) for pairs x1, x2.
#[wasm_bindgen(js_name = expandFeatures)]
pub fn expand_features(xy: &[f32], mask: u32) -> Result<Vec<f32>, JsError> {
    let mut out = Vec::new();
    toy::expand_into(xy, mask, &mut out).map_err(js)?;
    Ok(out)
}

/// Parses CSV text (`x1,x2,label` per line) for a data set with `classes` classes (0: regression).
/// Returns triples x1, x2, label, or throws an error naming each bad line.
#[wasm_bindgen(js_name = parseCsv)]
pub fn parse_csv(text: &str, classes: usize) -> Result<Vec<f32>, JsError> {
    Ok(toy::parse_csv(text, task(classes)).map_err(js)?.to_triples())
}

/// Every neuron's output over the input plane, kept in one buffer owned by Rust.
#[wasm_bindgen]
#[derive(Default)]
pub struct Heatmaps {
    inner: heatmap::Heatmaps,
}

#[wasm_bindgen]
impl Heatmaps {
    /// An empty set of heatmaps.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Heatmaps {
        Heatmaps::default()
    }

    /// Evaluates `net` on an `n x n` grid over `[lo, hi]²` with the features in `mask`.
    pub fn compute(&mut self, net: &Mlp, mask: u32, n: usize, lo: f32, hi: f32) -> Result<(), JsError> {
        self.inner.compute(net.network(), mask, n, lo, hi).map_err(js)
    }

    /// Maps per block: the features, then each layer (hidden layers, then the output).
    pub fn counts(&self) -> Vec<u32> {
        self.inner.counts.clone()
    }

    /// Samples per side.
    #[wasm_bindgen(getter)]
    pub fn n(&self) -> usize {
        self.inner.n
    }

    /// View of all maps, block after block, unit after unit, `n * n` values each. Do not keep it.
    pub fn values(&self) -> Float32Array {
        view(&self.inner.values)
    }
}
