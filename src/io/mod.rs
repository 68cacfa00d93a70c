//! Weight export and import: safetensors (binary, PyTorch-compatible names)
//! and a readable JSON form. Both carry the [`crate::nn::NetworkSpec`],
//! so a file alone rebuilds the network, and both round-trip bit for bit.

pub mod json;
pub mod safetensors;

use crate::error::{Error, Result};
use crate::nn::{Network, NetworkSpec};

/// Format tag written into every file, checked on import.
pub const FORMAT: &str = "mlp-playground/1";

/// Builds a network from a spec and per-layer (weights, biases), checking every shape and value.
pub(crate) fn assemble(spec: NetworkSpec, tensors: Vec<(Vec<f32>, Vec<f32>)>) -> Result<Network> {
    spec.validate()
        .map_err(|e| Error::BadFile(format!("the architecture in the file is not valid: {e}")))?;
    let mut net = Network::new(spec, 0)?;
    if tensors.len() != net.layers.len() {
        return Err(Error::BadFile(format!(
            "the architecture has {} layers but the file holds weights for {}",
            net.layers.len(),
            tensors.len()
        )));
    }
    for (i, (w, b)) in tensors.into_iter().enumerate() {
        let l = &net.layers[i];
        if w.len() != l.weights.data.len() || b.len() != l.biases.len() {
            return Err(Error::BadFile(format!(
                "layer {i} should have a {} x {} weight matrix and {} biases; the file has {} weights and {} biases",
                l.weights.rows,
                l.weights.cols,
                l.biases.len(),
                w.len(),
                b.len()
            )));
        }
        if let Some(v) = w.iter().chain(&b).find(|v| !v.is_finite()) {
            return Err(Error::BadFile(format!(
                "layer {i} contains a value that is not a finite number ({v})"
            )));
        }
        net.set_parameters(i, &w, &b)?;
    }
    Ok(net)
}
