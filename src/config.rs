//! The one configuration object a user (or the page) writes to build a network:
//! the architecture plus the seed and training settings.

use crate::error::{Error, Result};
use crate::nn::{Activation, LayerSpec, Loss, Network, NetworkSpec, Normalization, Optimizer, Regularization, Rng};
use serde::Deserialize;

fn identity() -> Activation {
    Activation::Identity
}

/// Everything needed to build and train a network. Unknown fields are rejected, so a typo is reported, not ignored.
/// (It repeats the fields of [`NetworkSpec`] instead of flattening it: serde cannot reject unknown
/// fields through `#[serde(flatten)]`.)
///
/// Example (JSON or a JS object):
/// `{"inputs": 2, "hidden": [{"units": 4, "activation": "tanh"}], "outputs": 1, "loss": "logistic",
///   "seed": 1, "optimizer": {"kind": "adam", "learningRate": 0.05}}`
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// Number of input features.
    pub inputs: usize,
    /// Hidden layers, first to last.
    #[serde(default)]
    pub hidden: Vec<LayerSpec>,
    /// Number of output scores.
    pub outputs: usize,
    /// Output activation (identity unless hand-wiring).
    #[serde(default = "identity")]
    pub output_activation: Activation,
    /// Loss on the scores.
    pub loss: Loss,
    /// Input normalization.
    #[serde(default)]
    pub normalization: Option<Normalization>,
    /// Seed for the initial weights; a fresh random one when absent.
    #[serde(default)]
    pub seed: Option<u64>,
    /// Optimizer (default SGD with learning rate 0.1).
    #[serde(default)]
    pub optimizer: Optimizer,
    /// Regularization (default none).
    #[serde(default)]
    pub regularization: Regularization,
}

impl Config {
    /// Parses a JSON configuration, explaining what is wrong.
    pub fn from_json(text: &str) -> Result<Config> {
        serde_json::from_str(text).map_err(|e| Error::InvalidSpec(format!("the configuration is not valid: {e}")))
    }

    /// The seed that will be used: the given one, or a fresh one.
    pub fn seed_or_fresh(&self) -> u64 {
        self.seed.unwrap_or_else(Rng::fresh_seed)
    }

    /// Builds the network, validating every part.
    pub fn build(&self) -> Result<Network> {
        let spec = NetworkSpec {
            inputs: self.inputs,
            hidden: self.hidden.clone(),
            outputs: self.outputs,
            output_activation: self.output_activation,
            loss: self.loss,
            normalization: self.normalization.clone(),
        };
        let mut net = Network::new(spec, self.seed_or_fresh())?;
        net.set_optimizer(self.optimizer)?;
        net.set_regularization(self.regularization)?;
        Ok(net)
    }
}
