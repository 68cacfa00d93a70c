//! Bindings for the lecture views: the backpropagation inspector's graph and the seeded 2-D datasets.

use super::{js, to_js, Mlp};
use crate::view::{backprop_graph, Dataset, DatasetKind};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Every node of the lecture's Figure 5(b) for `net` on one example (x, t): forward values, backward
/// gradients and central-difference estimates with step `eps` (see `mlp::view::BackpropGraph`).
#[wasm_bindgen(js_name = backpropGraph)]
pub fn backprop_graph_js(net: &Mlp, x: &[f32], t: &[f32], eps: f64) -> Result<JsValue, JsError> {
    to_js(&backprop_graph(net.network(), x, t, eps).map_err(js)?)
}

#[derive(Serialize)]
struct DatasetJs {
    x: Vec<f32>,
    labels: Vec<f32>,
    classes: usize,
}

/// A seeded 2-D dataset: `{x, labels, classes}` with `x` row after row (x1, x2).
/// `kind` is "circles", "moons" or "spiral"; `classes` matters only for the spiral.
#[wasm_bindgen(js_name = toyDataset)]
pub fn toy_dataset(kind: &str, per_class: usize, classes: usize, noise: f32, seed: f64) -> Result<JsValue, JsError> {
    if !(seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed < 2f64.powi(53)) {
        return Err(JsError::new(&format!(
            "the seed must be a whole number from 0 to 2^53; got {seed}"
        )));
    }
    let d = Dataset::generate(
        DatasetKind::parse(kind).map_err(js)?,
        per_class,
        classes,
        noise,
        seed as u64,
    )
    .map_err(js)?;
    to_js(&DatasetJs {
        x: d.x.data,
        labels: d.labels,
        classes: d.classes,
    })
}
