//! Sizing and naming networks (lecture 3.1.2 and 3.1.4): neurons, weights, biases and
//! parameters counted from a network the core builds, and the "N-layer" name.

use crate::error::Result;
use crate::nn::{Network, NetworkSpec, Size};
use serde::Serialize;

/// One layer after the input: its shape and what it contributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerCount {
    /// Units feeding each unit (the previous layer's width).
    pub inputs: usize,
    /// Units in this layer (its width).
    pub units: usize,
    /// Entries of the weight matrix: units * pieces * inputs.
    pub weights: usize,
    /// Entries of the bias vector: units * pieces.
    pub biases: usize,
}

/// A network's size and name as the lecture counts them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    /// Layers after the input, hidden first, output last.
    pub layers: Vec<LayerCount>,
    /// Neurons, weights, biases, parameters (from [`Network::size`]).
    pub size: Size,
    /// Depth: layers with weights (hidden + output); the input layer is not counted.
    pub depth: usize,
    /// Hidden layers.
    pub hidden_layers: usize,
    /// The widest layer after the input.
    pub max_width: usize,
    /// E.g. "2-layer network: 1 hidden layer of 4 units and an output layer of 2 units".
    pub name: String,
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Builds the network (so the counts are the core's own) and describes it.
pub fn describe(spec: &NetworkSpec) -> Result<Shape> {
    let net = Network::new(spec.clone(), 0)?;
    let layers: Vec<LayerCount> = net
        .layers
        .iter()
        .map(|l| LayerCount {
            inputs: l.inputs(),
            units: l.units,
            weights: l.weights.data.len(),
            biases: l.biases.len(),
        })
        .collect();
    let hidden_layers = spec.hidden.len();
    let depth = layers.len();
    let hidden = if hidden_layers == 0 {
        "no hidden layer (inputs map straight to the outputs)".to_string()
    } else {
        let widths: Vec<String> = spec.hidden.iter().map(|l| l.units.to_string()).collect();
        let all_same = spec.hidden.iter().all(|l| l.units == spec.hidden[0].units);
        if all_same {
            format!(
                "{} of {}",
                plural(hidden_layers, "hidden layer"),
                plural(spec.hidden[0].units, "unit")
            )
        } else {
            format!(
                "{} of {} units",
                plural(hidden_layers, "hidden layer"),
                widths.join(", ")
            )
        }
    };
    let name = format!(
        "{depth}-layer network: {hidden} and an output layer of {}",
        plural(spec.outputs, "unit")
    );
    Ok(Shape {
        max_width: layers.iter().map(|l| l.units).max().unwrap_or(0),
        layers,
        size: net.size(),
        depth,
        hidden_layers,
        name,
    })
}
