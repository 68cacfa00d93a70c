//! What a network is made of: the description a user writes (and a weight file carries).

use super::activation::Activation;
use super::loss::Loss;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Largest input size (CIFAR-10's 3072 pixels fit).
pub const MAX_INPUTS: usize = 4096;
/// Largest width of a hidden or output layer.
pub const MAX_UNITS: usize = 1024;
/// Most hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 16;
/// Most learnable parameters, so a typo cannot exhaust the browser's memory.
pub const MAX_PARAMETERS: usize = 4_000_000;

/// One hidden layer: its width and activation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LayerSpec {
    /// Number of units (the layer's width).
    pub units: usize,
    /// The activation f of every unit in the layer.
    pub activation: Activation,
}

/// Input normalization applied before the first layer: x' = (x - mean) / std.
/// Each vector has one entry per input, or a single entry for all inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Normalization {
    /// Subtracted from each input.
    pub mean: Vec<f32>,
    /// Each input is divided by this (must be positive).
    pub std: Vec<f32>,
}

fn identity() -> Activation {
    Activation::Identity
}

/// A multilayer perceptron: inputs, hidden layers, and an output layer of raw scores (lecture 3.1.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkSpec {
    /// Number of input features.
    pub inputs: usize,
    /// Hidden layers, first to last (may be empty: a single-layer network, a linear classifier).
    #[serde(default)]
    pub hidden: Vec<LayerSpec>,
    /// Number of output units (scores).
    pub outputs: usize,
    /// Activation of the output layer: identity (raw scores) unless hand-wiring, e.g. a step.
    #[serde(default = "identity")]
    pub output_activation: Activation,
    /// The loss applied to the scores.
    pub loss: Loss,
    /// Optional input normalization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalization: Option<Normalization>,
}

impl NetworkSpec {
    /// The lecture's default shape: the given hidden layers `(units, activation)`, an identity
    /// output layer of raw scores (3.1.3) under `loss`, and no input normalization.
    pub fn new(inputs: usize, hidden: &[(usize, Activation)], outputs: usize, loss: Loss) -> Self {
        NetworkSpec {
            inputs,
            hidden: hidden
                .iter()
                .map(|&(units, activation)| LayerSpec { units, activation })
                .collect(),
            outputs,
            output_activation: Activation::Identity,
            loss,
            normalization: None,
        }
    }

    /// Every layer after the input as (units, activation): the hidden ones, then the output.
    pub fn layers(&self) -> Vec<LayerSpec> {
        let mut all = self.hidden.clone();
        all.push(LayerSpec {
            units: self.outputs,
            activation: self.output_activation,
        });
        all
    }

    /// Learnable parameters the spec implies: sum over layers of (fan_in + 1) * units * pieces.
    pub fn parameter_count(&self) -> usize {
        let mut fan_in = self.inputs;
        let mut total = 0usize;
        for l in self.layers() {
            let rows = l.units.saturating_mul(l.activation.pieces());
            total = total.saturating_add(rows.saturating_mul(fan_in.saturating_add(1)));
            fan_in = l.units;
        }
        total
    }

    /// Checks sizes, activation parameters, loss fit and normalization, with a message that says what to change.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(Error::InvalidSpec(m));
        if !(1..=MAX_INPUTS).contains(&self.inputs) {
            return bad(format!(
                "the number of inputs must be between 1 and {MAX_INPUTS}; got {}",
                self.inputs
            ));
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return bad(format!(
                "at most {MAX_HIDDEN_LAYERS} hidden layers are supported; got {}",
                self.hidden.len()
            ));
        }
        for (i, l) in self.layers().iter().enumerate() {
            let name = if i == self.hidden.len() {
                "the output layer".to_string()
            } else {
                format!("hidden layer {}", i + 1)
            };
            if !(1..=MAX_UNITS).contains(&l.units) {
                return bad(format!(
                    "{name} must have between 1 and {MAX_UNITS} units; got {}",
                    l.units
                ));
            }
            l.activation
                .validate()
                .map_err(|m| Error::InvalidSpec(format!("{name}: {m}")))?;
        }
        let n = self.parameter_count();
        if n > MAX_PARAMETERS {
            return bad(format!(
                "this network would have {n} learnable parameters; the limit is {MAX_PARAMETERS}. Use fewer or narrower layers"
            ));
        }
        self.loss.check_outputs(self.outputs).map_err(Error::InvalidSpec)?;
        if let Some(norm) = &self.normalization {
            for (name, v) in [("mean", &norm.mean), ("std", &norm.std)] {
                if v.len() != 1 && v.len() != self.inputs {
                    return bad(format!(
                        "normalization {name} needs 1 or {} values (one per input); got {}",
                        self.inputs,
                        v.len()
                    ));
                }
                if v.iter().any(|x| !x.is_finite()) {
                    return bad(format!(
                        "normalization {name} contains a value that is not a finite number"
                    ));
                }
            }
            if norm.std.iter().any(|&s| s <= 0.0) {
                return bad("normalization std values must be positive".to_string());
            }
        }
        Ok(())
    }
}
