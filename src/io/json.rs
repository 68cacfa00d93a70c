//! A readable JSON form of a network:
//! `{"format": "mlp-playground/1", "spec": {...}, "layers": [{"weight": [[...], ...], "bias": [...]}, ...]}`,
//! with `weight` as a list of rows (`[out][in]`, the same layout as safetensors).

use super::{assemble, FORMAT};
use crate::error::{Error, Result};
use crate::nn::{Network, NetworkSpec};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerJson {
    weight: Vec<Vec<f32>>,
    bias: Vec<f32>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJson {
    format: String,
    spec: NetworkSpec,
    layers: Vec<LayerJson>,
}

/// Serializes the network as pretty-printed JSON (f32 values in shortest round-trip form).
pub fn export(net: &Network) -> String {
    let layers = net
        .layers
        .iter()
        .map(|l| LayerJson {
            weight: l
                .weights
                .data
                .chunks(l.weights.cols.max(1))
                .map(<[f32]>::to_vec)
                .collect(),
            bias: l.biases.clone(),
        })
        .collect();
    let file = FileJson {
        format: FORMAT.into(),
        spec: net.spec().clone(),
        layers,
    };
    serde_json::to_string_pretty(&file).expect("finite weights always serialize")
}

/// Rebuilds a network from JSON written by [`export`].
pub fn import(text: &str) -> Result<Network> {
    let file: FileJson = serde_json::from_str(text).map_err(|e| {
        Error::BadFile(format!(
            "not a network JSON file ({e}); expected {{\"format\", \"spec\", \"layers\"}}"
        ))
    })?;
    if file.format != FORMAT {
        return Err(Error::BadFile(format!(
            "format is \"{}\", expected \"{FORMAT}\"",
            file.format
        )));
    }
    file.spec
        .validate()
        .map_err(|e| Error::BadFile(format!("the architecture in the file is not valid: {e}")))?;
    let mut tensors = Vec::new();
    let mut fan_in = file.spec.inputs;
    let shapes = file.spec.layers();
    for (i, l) in file.layers.into_iter().enumerate() {
        if let Some(s) = shapes.get(i) {
            let rows = s.units * s.activation.pieces();
            if l.weight.len() != rows || l.weight.iter().any(|r| r.len() != fan_in) {
                return Err(Error::BadFile(format!(
                    "layer {i}: `weight` should be {rows} rows of {fan_in} numbers (shape [out, in]); got {} rows of {:?}",
                    l.weight.len(),
                    l.weight.iter().map(Vec::len).collect::<std::collections::BTreeSet<_>>()
                )));
            }
            fan_in = s.units;
        }
        tensors.push((l.weight.concat(), l.bias));
    }
    assemble(file.spec, tensors)
}
