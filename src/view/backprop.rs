//! The backpropagation inspector (lecture 3.5, Figure 5(b)): every node of the
//! vectorized computation graph of a one-hidden-layer network on one example,
//! forward values and backward gradients, plus central-difference estimates.
//!
//! Forward:  z = W(1) x + b(1),  h = f(z),  y = W(2) h + b(2),  L = 1/2 sum_k (y_k - t_k)^2.
//! Backward: dL/dy = y - t,  dL/dW(2) = dL/dy h^T,  dL/db(2) = dL/dy,  dL/dh = W(2)^T dL/dy,
//!           dL/dz = dL/dh * f'(z),  dL/dW(1) = dL/dz x^T,  dL/db(1) = dL/dz.

use crate::error::{Error, Result};
use crate::nn::{Activation, Loss, Matrix, Network, Regularization};
use serde::Serialize;

/// Central-difference estimates (dL/dp ~ (L(p + eps) - L(p - eps)) / 2 eps), computed in f64.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumericGradients {
    /// Estimate of dL/dW(1), row-major `[hidden, inputs]`.
    pub d_w1: Vec<f64>,
    /// Estimate of dL/db(1).
    pub d_b1: Vec<f64>,
    /// Estimate of dL/dW(2), row-major `[outputs, hidden]`.
    pub d_w2: Vec<f64>,
    /// Estimate of dL/db(2).
    pub d_b2: Vec<f64>,
}

/// Every node of Figure 5(b) for one example. Matrices are row-major: `W(1)` is `[hidden, inputs]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackpropGraph {
    /// Number of inputs (length of x).
    pub inputs: usize,
    /// Number of hidden units (length of z and h).
    pub hidden: usize,
    /// Number of outputs (length of y and t).
    pub outputs: usize,
    /// The hidden activation f, by the lecture's name.
    pub activation: &'static str,
    /// The example's input x.
    pub x: Vec<f32>,
    /// The example's target t.
    pub t: Vec<f32>,
    /// First-layer weights W(1).
    pub w1: Vec<f32>,
    /// First-layer biases b(1).
    pub b1: Vec<f32>,
    /// Output weights W(2).
    pub w2: Vec<f32>,
    /// Output biases b(2).
    pub b2: Vec<f32>,
    /// Pre-activations z = W(1) x + b(1).
    pub z: Vec<f32>,
    /// Hidden activations h = f(z).
    pub h: Vec<f32>,
    /// Outputs y = W(2) h + b(2).
    pub y: Vec<f32>,
    /// Loss L = 1/2 sum_k (y_k - t_k)^2.
    pub loss: f64,
    /// dL/dy = y - t.
    pub d_y: Vec<f32>,
    /// dL/dW(2) = dL/dy h^T (from the network's backward pass).
    pub d_w2: Vec<f32>,
    /// dL/db(2) = dL/dy (from the network's backward pass).
    pub d_b2: Vec<f32>,
    /// dL/dh = W(2)^T dL/dy.
    pub d_h: Vec<f32>,
    /// f'(z), element by element.
    pub f_prime: Vec<f32>,
    /// dL/dz = dL/dh * f'(z).
    pub d_z: Vec<f32>,
    /// dL/dW(1) = dL/dz x^T (from the network's backward pass).
    pub d_w1: Vec<f32>,
    /// dL/db(1) = dL/dz (from the network's backward pass).
    pub d_b1: Vec<f32>,
    /// The step eps of the central differences.
    pub eps: f64,
    /// Central-difference estimates of every weight and bias gradient.
    pub numeric: NumericGradients,
    /// Largest |analytic - numeric| over all parameters.
    pub max_difference: f64,
}

/// f(z) in f64, written from the lecture's formulas (independent of the crate's f32 code).
fn act64(a: Activation, z: f64) -> f64 {
    match a {
        Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
        Activation::Tanh => z.tanh(),
        Activation::Relu => z.max(0.0),
        Activation::LeakyRelu { alpha } => {
            if z < 0.0 {
                alpha as f64 * z
            } else {
                z
            }
        }
        _ => z,
    }
}

/// L = 1/2 sum_k (y_k - t_k)^2 in f64 for parameters `[W(1), b(1), W(2), b(2)]`.
fn loss64(f: Activation, p: &[Vec<f64>; 4], x: &[f64], t: &[f64]) -> f64 {
    let [w1, b1, w2, b2] = p;
    let n = x.len();
    let h: Vec<f64> = (0..b1.len())
        .map(|i| act64(f, b1[i] + (0..n).map(|j| w1[i * n + j] * x[j]).sum::<f64>()))
        .collect();
    (0..b2.len())
        .map(|k| {
            let y = b2[k] + (0..h.len()).map(|i| w2[k * h.len() + i] * h[i]).sum::<f64>();
            0.5 * (y - t[k]).powi(2)
        })
        .sum()
}

/// Checks that `net` is the lecture's 3.5 network shape: one hidden layer, identity outputs, squared error.
fn check_shape(net: &Network) -> Result<Activation> {
    let bad = |m: &str| Err(Error::InvalidInput(format!("the backpropagation inspector {m}")));
    if net.layers.len() != 2 {
        return bad(&format!(
            "needs exactly one hidden layer (lecture 3.5); this network has {}",
            net.layers.len() - 1
        ));
    }
    if net.loss() != Loss::SquaredError || net.layers[1].activation != Activation::Identity {
        return bad("needs linear outputs y = W(2) h + b(2) and the squared-error loss (lecture 3.5)");
    }
    if net.spec().normalization.is_some() {
        return bad("needs a network without input normalization");
    }
    let f = net.layers[0].activation;
    match f {
        Activation::Sigmoid
        | Activation::Tanh
        | Activation::Relu
        | Activation::LeakyRelu { .. }
        | Activation::Identity => Ok(f),
        other => bad(&format!(
            "supports sigmoid, tanh, ReLU, leaky ReLU or identity hidden units; got {}",
            other.name()
        )),
    }
}

/// Every node of the computation graph of `net` on the example (x, t), with central differences of step `eps`.
///
/// The values z, h, y and the weight and bias gradients come from [`Network::forward`] and
/// [`Network::backward`] (without regularization, as in the lecture); dL/dy, dL/dh and dL/dz are
/// computed from those layer values by the lecture's equations.
pub fn backprop_graph(net: &Network, x: &[f32], t: &[f32], eps: f64) -> Result<BackpropGraph> {
    let f = check_shape(net)?;
    let (inputs, hidden, outputs) = (net.spec().inputs, net.layers[0].units, net.layers[1].units);
    if x.len() != inputs || t.len() != outputs {
        return Err(Error::InvalidInput(format!(
            "the example needs {inputs} input values and {outputs} targets; got {} and {}",
            x.len(),
            t.len()
        )));
    }
    if !(eps.is_finite() && eps > 0.0 && eps <= 0.1) {
        return Err(Error::InvalidInput(format!(
            "the central-difference step eps must be between 0 and 0.1; got {eps}"
        )));
    }
    let mut n = net.clone();
    n.regularization = Regularization::None;
    let batch = Matrix::from_vec(1, inputs, x.to_vec()).expect("length checked");
    n.forward(&batch)?;
    let loss = n.backward(t)?;
    let (l1, l2) = (&n.layers[0], &n.layers[1]);
    let (z, h, y) = (l1.z.data.clone(), l1.h.data.clone(), l2.h.data.clone());
    let d_y: Vec<f32> = y.iter().zip(t).map(|(y, t)| y - t).collect();
    let d_h: Vec<f32> = (0..hidden)
        .map(|i| (0..outputs).map(|k| l2.weights.get(k, i) * d_y[k]).sum())
        .collect();
    let f_prime: Vec<f32> = z.iter().zip(&h).map(|(&z, &h)| f.derivative(z, h)).collect();
    let d_z: Vec<f32> = d_h.iter().zip(&f_prime).map(|(a, b)| a * b).collect();

    let to64 = |v: &[f32]| v.iter().map(|&a| a as f64).collect::<Vec<f64>>();
    let mut params = [
        to64(&l1.weights.data),
        to64(&l1.biases),
        to64(&l2.weights.data),
        to64(&l2.biases),
    ];
    let (x64, t64) = (to64(x), to64(t));
    let mut numeric: [Vec<f64>; 4] = Default::default();
    for (p, out) in numeric.iter_mut().enumerate() {
        for i in 0..params[p].len() {
            let keep = params[p][i];
            params[p][i] = keep + eps;
            let plus = loss64(f, &params, &x64, &t64);
            params[p][i] = keep - eps;
            let minus = loss64(f, &params, &x64, &t64);
            params[p][i] = keep;
            out.push((plus - minus) / (2.0 * eps));
        }
    }
    let analytic = [
        &l1.grad_weights.data,
        &l1.grad_biases,
        &l2.grad_weights.data,
        &l2.grad_biases,
    ];
    let max_difference = analytic
        .iter()
        .zip(&numeric)
        .flat_map(|(a, n)| a.iter().zip(n).map(|(&a, &n)| (a as f64 - n).abs()))
        .fold(0.0, f64::max);
    let [d_w1n, d_b1n, d_w2n, d_b2n] = numeric;
    Ok(BackpropGraph {
        inputs,
        hidden,
        outputs,
        activation: f.name(),
        x: x.to_vec(),
        t: t.to_vec(),
        w1: l1.weights.data.clone(),
        b1: l1.biases.clone(),
        w2: l2.weights.data.clone(),
        b2: l2.biases.clone(),
        z,
        h,
        y,
        loss,
        d_y,
        d_w2: l2.grad_weights.data.clone(),
        d_b2: l2.grad_biases.clone(),
        d_h,
        f_prime,
        d_z,
        d_w1: l1.grad_weights.data.clone(),
        d_b1: l1.grad_biases.clone(),
        eps,
        numeric: NumericGradients {
            d_w1: d_w1n,
            d_b1: d_b1n,
            d_w2: d_w2n,
            d_b2: d_b2n,
        },
        max_difference,
    })
}
