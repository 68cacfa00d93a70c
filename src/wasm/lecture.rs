//! Bindings for the lecture views: activation curves (2.3), one neuron (2.2), the
//! hand-wired XOR's linear-separability search (3.3) and network sizes (3.1.4).

use super::{from_js, js, to_js};
use crate::error::Error;
use crate::nn::{Activation, Loss, Matrix, NetworkSpec};
use crate::view::{curves, linear, neuron, sizes};
use wasm_bindgen::prelude::*;

fn points(n: f64) -> Result<usize, JsError> {
    if n.fract() != 0.0 || !(2.0..=curves::MAX_POINTS as f64).contains(&n) {
        return Err(js(Error::InvalidInput(format!(
            "a curve needs a whole number of points between 2 and {}; got {n}",
            curves::MAX_POINTS
        ))));
    }
    Ok(n as usize)
}

fn lines(l: &[f32]) -> Result<[f32; 4], JsError> {
    l.try_into().map_err(|_| {
        js(Error::InvalidInput(format!(
            "maxout needs 4 numbers [w1, b1, w2, b2]; got {}",
            l.len()
        )))
    })
}

/// `{xs, values, derivatives, zones, maxDerivative}` of an activation (e.g. `"tanh"`,
/// `{leakyRelu: {alpha: 0.1}}`) on `n` points from `lo` to `hi`; zones are "active", "small", "dead".
#[wasm_bindgen(js_name = activationCurve)]
pub fn activation_curve(activation: JsValue, lo: f32, hi: f32, n: f64) -> Result<JsValue, JsError> {
    let act: Activation = from_js(activation, "activation")?;
    to_js(&curves::curve(act, lo, hi, points(n)?).map_err(js)?)
}

/// The curve of max(w1 x + b1, w2 x + b2) for `lines = [w1, b1, w2, b2]`.
#[wasm_bindgen(js_name = maxoutCurve)]
pub fn maxout_curve(lines_: &[f32], lo: f32, hi: f32, n: f64) -> Result<JsValue, JsError> {
    to_js(&curves::maxout_curve(lines(lines_)?, lo, hi, points(n)?).map_err(js)?)
}

/// max |maxout(x) - f(x)| on the grid for the given lines and activation (0: f is that maxout).
#[wasm_bindgen(js_name = maxoutGap)]
pub fn maxout_gap(lines_: &[f32], activation: JsValue, lo: f32, hi: f32, n: f64) -> Result<f64, JsError> {
    let act: Activation = from_js(activation, "activation")?;
    curves::maxout_gap(lines(lines_)?, act, lo, hi, points(n)?).map_err(js)
}

/// The maxout lines `[w1, b1, w2, b2]` that reproduce `activation` (ReLU, leaky ReLU, identity).
#[wasm_bindgen(js_name = maxoutLinesFor)]
pub fn maxout_lines_for(activation: JsValue) -> Result<Vec<f32>, JsError> {
    let act: Activation = from_js(activation, "activation")?;
    curves::maxout_lines_for(act).map(|l| l.to_vec()).ok_or_else(|| {
        js(Error::InvalidInput(format!(
            "{} is not a special case of a 2-piece maxout",
            act.name()
        )))
    })
}

/// `{maxErrorF32, maxErrorF64, points}`: max |tanh(x) - (2 sigma(2x) - 1)| on the grid.
#[wasm_bindgen(js_name = tanhIdentityError)]
pub fn tanh_identity_error(lo: f32, hi: f32, n: f64) -> Result<JsValue, JsError> {
    to_js(&curves::tanh_identity_error(lo, hi, points(n)?).map_err(js)?)
}

/// `{layers: [{inputs, units, weights, biases}], size: {neurons, weights, biases, parameters},
/// depth, hiddenLayers, maxWidth, name}` for a network spec `{inputs, hidden, outputs, loss}`.
#[wasm_bindgen(js_name = networkShape)]
pub fn network_shape(spec: JsValue) -> Result<JsValue, JsError> {
    let spec: NetworkSpec = from_js(spec, "network description")?;
    to_js(&sizes::describe(&spec).map_err(js)?)
}

/// `{correct, total, tried, w1, w2, b}`: the best of many lines on the four XOR points.
#[wasm_bindgen(js_name = bestLineOnXor)]
pub fn best_line_on_xor() -> Result<JsValue, JsError> {
    to_js(&linear::best_line(&linear::XOR_INPUTS, &linear::XOR_TARGETS, 360, 401))
}

/// Points given as (x1, x2) pairs, one per row.
fn pairs(x: &[f32]) -> Result<Matrix, JsError> {
    if x.len() % 2 != 0 || x.is_empty() {
        return Err(js(Error::InvalidInput(format!(
            "points come as (x1, x2) pairs; got {} numbers",
            x.len()
        ))));
    }
    Ok(Matrix::from_vec(x.len() / 2, 2, x.to_vec()).expect("length checked"))
}

fn loss_named(name: &str) -> Result<Loss, JsError> {
    match name {
        "logistic" => Ok(Loss::Logistic),
        "hinge" => Ok(Loss::Hinge),
        other => Err(js(Error::InvalidInput(format!(
            "unknown loss \"{other}\" for one neuron; use \"logistic\" or \"hinge\""
        )))),
    }
}

/// One neuron on two Gaussian blobs (lecture 2.2), for JavaScript.
#[wasm_bindgen(js_name = Neuron)]
pub struct NeuronHandle {
    inner: neuron::Neuron,
}

#[wasm_bindgen(js_class = Neuron)]
impl NeuronHandle {
    /// `loss` is "logistic" or "hinge"; `perClass` points per class with spread `spread`, from `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(loss: &str, per_class: usize, spread: f32, seed: u32) -> Result<NeuronHandle, JsError> {
        Ok(NeuronHandle {
            inner: neuron::Neuron::new(loss_named(loss)?, per_class, spread, seed as u64).map_err(js)?,
        })
    }

    /// Switches the loss ("logistic" or "hinge"), keeping the weights.
    #[wasm_bindgen(js_name = setLoss)]
    pub fn set_loss(&mut self, loss: &str) -> Result<(), JsError> {
        self.inner.set_loss(loss_named(loss)?).map_err(js)
    }

    /// One SGD step (learning rate `lr`, L2 strength `lambda`); `dataLoss` false trains on the penalty alone.
    pub fn step(&mut self, lr: f32, lambda: f32, data_loss: bool) -> Result<f64, JsError> {
        self.inner.step(lr, lambda, data_loss).map_err(js)
    }

    /// `[w1, w2, b]`.
    pub fn parameters(&self) -> Vec<f32> {
        self.inner.parameters().to_vec()
    }

    /// Sets `[w1, w2, b]`.
    #[wasm_bindgen(js_name = setParameters)]
    pub fn set_parameters(&mut self, p: &[f32]) -> Result<(), JsError> {
        let p: [f32; 3] = p.try_into().map_err(|_| {
            js(Error::InvalidInput(format!(
                "a neuron has 3 parameters [w1, w2, b]; got {}",
                p.len()
            )))
        })?;
        self.inner.set_parameters(p).map_err(js)
    }

    /// |w| = sqrt(w1^2 + w2^2).
    #[wasm_bindgen(js_name = weightNorm)]
    pub fn weight_norm(&self) -> f64 {
        self.inner.weight_norm()
    }

    /// Training steps taken.
    #[wasm_bindgen(getter)]
    pub fn steps(&self) -> f64 {
        self.inner.steps() as f64
    }

    /// The points, x1 and x2 of each in turn.
    pub fn points(&self) -> Vec<f32> {
        self.inner.points().data.clone()
    }

    /// The 0/1 class of each point.
    pub fn labels(&self) -> Vec<f32> {
        self.inner.labels().to_vec()
    }

    /// Scores s = w . x + b for points given as x1, x2 pairs.
    pub fn scores(&self, x: &[f32]) -> Result<Vec<f32>, JsError> {
        self.inner.scores(&pairs(x)?).map_err(js)
    }

    /// P(y = 1 | x) = sigma(s) for points given as x1, x2 pairs.
    pub fn probabilities(&self, x: &[f32]) -> Result<Vec<f32>, JsError> {
        self.inner.probabilities(&pairs(x)?).map_err(js)
    }

    /// Each point's data loss L_i.
    #[wasm_bindgen(js_name = perExampleLoss)]
    pub fn per_example_loss(&self) -> Result<Vec<f64>, JsError> {
        self.inner.per_example_loss().map_err(js)
    }

    /// Mean data loss, without the penalty.
    #[wasm_bindgen(js_name = dataLoss)]
    pub fn data_loss(&self) -> Result<f64, JsError> {
        self.inner.data_loss().map_err(js)
    }

    /// Fraction of points classified right.
    pub fn accuracy(&self) -> Result<f64, JsError> {
        self.inner.accuracy().map_err(js)
    }
}
