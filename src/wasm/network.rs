//! Bindings for building, training, inspecting and saving a network.

use super::{from_js, js, to_js, view};
use crate::error::Error;
use crate::nn::{Kernel, Matrix, Network, Optimizer, Regularization};
use crate::{io, Config};
use js_sys::{Float32Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// Reads a kernel name: `"simd"`, `"sgemm"` or `"scalar"`.
pub(crate) fn parse_kernel(name: &str) -> Result<Kernel, JsError> {
    match name {
        "simd" => Ok(Kernel::Simd),
        "sgemm" => Ok(Kernel::Sgemm),
        "scalar" => Ok(Kernel::Scalar),
        other => Err(JsError::new(&format!(
            "unknown kernel \"{other}\"; use \"simd\", \"sgemm\" or \"scalar\""
        ))),
    }
}

/// A network handle for JavaScript.
#[wasm_bindgen]
pub struct Mlp {
    net: Network,
    seed: f64,
}

impl Mlp {
    /// Wraps a network built on the Rust side (seed unknown: NaN).
    pub(crate) fn wrap(net: Network) -> Mlp {
        Mlp { net, seed: f64::NAN }
    }

    /// The network inside, for other bindings (digit classification, heatmaps).
    pub(crate) fn network(&self) -> &Network {
        &self.net
    }

    /// The network inside, mutably (training on MNIST digits).
    pub(crate) fn network_mut(&mut self) -> &mut Network {
        &mut self.net
    }
}

#[wasm_bindgen]
impl Mlp {
    /// Builds a network from a config object (see `Config`): `{inputs, hidden: [{units, activation}],
    /// outputs, loss, seed?, optimizer?, regularization?, outputActivation?, normalization?}`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Mlp, JsError> {
        let mut config: Config = from_js(config, "network configuration")?;
        let seed = config.seed_or_fresh();
        config.seed = Some(seed);
        Ok(Mlp {
            net: config.build().map_err(js)?,
            seed: seed as f64,
        })
    }

    /// Rebuilds a network from safetensors bytes.
    #[wasm_bindgen(js_name = fromSafetensors)]
    pub fn from_safetensors(bytes: &[u8]) -> Result<Mlp, JsError> {
        Ok(Mlp::wrap(io::safetensors::import(bytes).map_err(js)?))
    }

    /// Rebuilds a network from its JSON form.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<Mlp, JsError> {
        Ok(Mlp::wrap(io::json::import(text).map_err(js)?))
    }

    /// The seed the initial weights were drawn with (NaN for an imported network).
    #[wasm_bindgen(getter)]
    pub fn seed(&self) -> f64 {
        self.seed
    }

    /// The architecture as a plain object (inputs, hidden, outputs, outputActivation, loss, normalization).
    pub fn spec(&self) -> Result<JsValue, JsError> {
        to_js(self.net.spec())
    }

    /// Training steps taken.
    #[wasm_bindgen(getter)]
    pub fn steps(&self) -> f64 {
        self.net.steps() as f64
    }

    /// `{neurons, weights, biases, parameters}` (lecture 3.1.4).
    pub fn size(&self) -> Result<JsValue, JsError> {
        to_js(&self.net.size())
    }

    fn batch(&self, x: &[f32]) -> Result<Matrix, JsError> {
        let n = self.net.spec().inputs;
        if x.len() % n != 0 {
            return Err(js(Error::InvalidInput(format!(
                "the input length {} is not a multiple of the {n} inputs per example",
                x.len()
            ))));
        }
        Ok(Matrix::from_vec(x.len() / n, n, x.to_vec()).expect("length checked"))
    }

    /// One training step on a minibatch (examples row after row in `x`); returns the loss before the update.
    #[wasm_bindgen(js_name = trainStep)]
    pub fn train_step(&mut self, x: &[f32], targets: &[f32]) -> Result<f64, JsError> {
        let x = self.batch(x)?;
        self.net.train_step(&x, targets).map_err(js)
    }

    /// Forward pass that keeps every layer's activations (read them with `activationsView`); returns the scores.
    pub fn forward(&mut self, x: &[f32]) -> Result<Float32Array, JsError> {
        let x = self.batch(x)?;
        Ok(view(&self.net.forward(&x).map_err(js)?.data))
    }

    /// Scores for a batch, copied into a new Float32Array (`outputs` numbers per example).
    pub fn predict(&self, x: &[f32]) -> Result<Vec<f32>, JsError> {
        Ok(self.net.predict(&self.batch(x)?).map_err(js)?.data)
    }

    /// Predicted labels for a batch (class index, 0/1, or -1/+1 depending on the loss).
    #[wasm_bindgen(js_name = predictLabels)]
    pub fn predict_labels(&self, x: &[f32]) -> Result<Vec<f32>, JsError> {
        self.net.predict_labels(&self.batch(x)?).map_err(js)
    }

    /// Mean loss on a dataset without training (regularization included).
    pub fn evaluate(&self, x: &[f32], targets: &[f32]) -> Result<f64, JsError> {
        self.net.loss_on(&self.batch(x)?, targets).map_err(js)
    }

    /// Number of layers after the input (hidden layers plus the output layer).
    #[wasm_bindgen(js_name = layerCount)]
    pub fn layer_count(&self) -> usize {
        self.net.layers.len()
    }

    fn layer(&self, i: usize) -> Result<&crate::nn::Layer, JsError> {
        self.net.layers.get(i).ok_or_else(|| {
            js(Error::InvalidInput(format!(
                "layer {i} does not exist; this network has {}",
                self.net.layers.len()
            )))
        })
    }

    /// `[rows, cols]` of layer `i`'s weight matrix (`rows = units * pieces`, `cols = inputs`).
    #[wasm_bindgen(js_name = weightShape)]
    pub fn weight_shape(&self, i: usize) -> Result<Vec<u32>, JsError> {
        let w = &self.layer(i)?.weights;
        Ok(vec![w.rows as u32, w.cols as u32])
    }

    /// View of layer `i`'s weights, row-major `[units * pieces, inputs]`. Do not keep it.
    #[wasm_bindgen(js_name = weightsView)]
    pub fn weights_view(&self, i: usize) -> Result<Float32Array, JsError> {
        Ok(view(&self.layer(i)?.weights.data))
    }

    /// View of layer `i`'s biases. Do not keep it.
    #[wasm_bindgen(js_name = biasesView)]
    pub fn biases_view(&self, i: usize) -> Result<Float32Array, JsError> {
        Ok(view(&self.layer(i)?.biases))
    }

    /// View of dL/dW of layer `i` from the last training step. Do not keep it.
    #[wasm_bindgen(js_name = gradWeightsView)]
    pub fn grad_weights_view(&self, i: usize) -> Result<Float32Array, JsError> {
        Ok(view(&self.layer(i)?.grad_weights.data))
    }

    /// View of dL/db of layer `i` from the last training step. Do not keep it.
    #[wasm_bindgen(js_name = gradBiasesView)]
    pub fn grad_biases_view(&self, i: usize) -> Result<Float32Array, JsError> {
        Ok(view(&self.layer(i)?.grad_biases))
    }

    /// View of layer `i`'s activations H from the last forward pass, `batch x units`. Do not keep it.
    #[wasm_bindgen(js_name = activationsView)]
    pub fn activations_view(&self, i: usize) -> Result<Float32Array, JsError> {
        Ok(view(&self.layer(i)?.h.data))
    }

    /// View of layer `i`'s pre-activations Z from the last forward pass, `batch x (units * pieces)`. Do not keep it.
    #[wasm_bindgen(js_name = preActivationsView)]
    pub fn pre_activations_view(&self, i: usize) -> Result<Float32Array, JsError> {
        Ok(view(&self.layer(i)?.z.data))
    }

    /// Replaces layer `i`'s weights and biases (for hand-wired networks).
    #[wasm_bindgen(js_name = setParameters)]
    pub fn set_parameters(&mut self, i: usize, weights: &[f32], biases: &[f32]) -> Result<(), JsError> {
        self.net.set_parameters(i, weights, biases).map_err(js)
    }

    /// Changes the optimizer, e.g. `{kind: "momentum", learningRate: 0.1, momentum: 0.9}`.
    #[wasm_bindgen(js_name = setOptimizer)]
    pub fn set_optimizer(&mut self, optimizer: JsValue) -> Result<(), JsError> {
        let o: Optimizer = from_js(optimizer, "optimizer")?;
        self.net.set_optimizer(o).map_err(js)
    }

    /// Changes the regularization, e.g. `{kind: "l2", lambda: 0.001}` or `{kind: "none"}`.
    #[wasm_bindgen(js_name = setRegularization)]
    pub fn set_regularization(&mut self, regularization: JsValue) -> Result<(), JsError> {
        let r: Regularization = from_js(regularization, "regularization")?;
        self.net.set_regularization(r).map_err(js)
    }

    /// Chooses the matrix-product path: `"simd"` (default: our simd128 tiles), `"sgemm"`
    /// (matrixmultiply's simd128 sgemm) or `"scalar"`.
    #[wasm_bindgen(js_name = setKernel)]
    pub fn set_kernel(&mut self, name: &str) -> Result<(), JsError> {
        self.net.kernel = parse_kernel(name)?;
        Ok(())
    }

    /// Per layer `{deadFraction, saturatedFraction}` over the examples in `x`.
    #[wasm_bindgen(js_name = unitStats)]
    pub fn unit_stats(&self, x: &[f32]) -> Result<JsValue, JsError> {
        let stats = self.net.unit_stats(&self.batch(x)?).map_err(js)?;
        to_js(&stats)
    }

    /// The network as safetensors bytes.
    #[wasm_bindgen(js_name = exportSafetensors)]
    pub fn export_safetensors(&self) -> Result<Uint8Array, JsError> {
        Ok(Uint8Array::from(io::safetensors::export(&self.net).as_slice()))
    }

    /// The network as readable JSON.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> Result<String, JsError> {
        Ok(io::json::export(&self.net))
    }
}
