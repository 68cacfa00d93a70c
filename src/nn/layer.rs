//! A fully-connected layer (lecture 3.1.1): `Z = X W^T + 1 b^T`, `H = f(Z)`.
//!
//! For maxout with k pieces the layer has `units * k` rows of weights; rows
//! `j*k .. j*k + k` are the pieces of unit `j`, and `H` keeps the largest.

use super::activation::Activation;
use super::kernels::{column_sums, linear, matmul_a_b, matmul_at_b, Kernel};
use super::matrix::Matrix;
use super::rng::Rng;

/// One fully-connected layer with its parameters, gradients and the values of the last forward pass.
#[derive(Clone, Debug)]
pub struct Layer {
    /// Number of units (neurons) in this layer.
    pub units: usize,
    /// The layer's activation function f.
    pub activation: Activation,
    /// Weights W, `[units * k, inputs]`: row i holds the weights w_ij into unit (piece) i.
    pub weights: Matrix,
    /// Biases b, one per unit (per piece for maxout).
    pub biases: Vec<f32>,
    /// dL/dW from the last backward pass, same shape as `weights`.
    pub grad_weights: Matrix,
    /// dL/db from the last backward pass.
    pub grad_biases: Vec<f32>,
    /// Pre-activations Z of the last forward pass, `batch x (units * k)`.
    pub z: Matrix,
    /// Activations H = f(Z) of the last forward pass, `batch x units`.
    pub h: Matrix,
    dz: Matrix,
}

impl Layer {
    /// A layer of `units` units over `inputs` inputs, initialized from `rng`:
    /// He normal, w ~ N(0, 2 / fan_in), for the ReLU family and maxout; Xavier/Glorot uniform,
    /// w ~ U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), otherwise. Biases start at 0.
    pub fn new(inputs: usize, units: usize, activation: Activation, rng: &mut Rng) -> Self {
        let rows = units * activation.pieces();
        let mut weights = Matrix::zeros(rows, inputs);
        match activation {
            Activation::Relu | Activation::LeakyRelu { .. } | Activation::Maxout { .. } => {
                let std = (2.0 / inputs as f32).sqrt();
                weights.data.iter_mut().for_each(|w| *w = std * rng.normal());
            }
            _ => {
                let a = (6.0 / (inputs + units) as f32).sqrt();
                weights.data.iter_mut().for_each(|w| *w = rng.uniform(-a, a));
            }
        }
        Layer {
            units,
            activation,
            grad_weights: Matrix::zeros(rows, inputs),
            grad_biases: vec![0.0; rows],
            weights,
            biases: vec![0.0; rows],
            z: Matrix::default(),
            h: Matrix::default(),
            dz: Matrix::default(),
        }
    }

    /// Number of inputs each unit sees.
    pub fn inputs(&self) -> usize {
        self.weights.cols
    }

    /// Computes `z = x W^T + 1 b^T` and `h = f(z)` into the given buffers.
    pub fn forward_into(&self, kernel: Kernel, x: &Matrix, z: &mut Matrix, h: &mut Matrix) {
        linear(kernel, x, &self.weights, &self.biases, z);
        h.resize(x.rows, self.units);
        self.activation.forward(&z.data, &mut h.data);
    }

    /// Forward pass that keeps `z` and `h` for the backward pass.
    pub fn forward(&mut self, kernel: Kernel, x: &Matrix) {
        let (mut z, mut h) = (std::mem::take(&mut self.z), std::mem::take(&mut self.h));
        self.forward_into(kernel, x, &mut z, &mut h);
        self.z = z;
        self.h = h;
    }

    /// Backward pass: given `dh = dL/dH` and this layer's input `x`, sets
    /// `dZ = dH * f'(Z)`, `dW = dZ^T X`, `db = 1^T dZ`, and if `dx` is given, `dX = dZ W`.
    pub fn backward(&mut self, kernel: Kernel, x: &Matrix, dh: &Matrix, dx: Option<&mut Matrix>) {
        self.dz.resize(self.z.rows, self.z.cols);
        self.activation
            .backward(&self.z.data, &self.h.data, &dh.data, &mut self.dz.data);
        matmul_at_b(kernel, &self.dz, x, 0.0, &mut self.grad_weights);
        column_sums(&self.dz, &mut self.grad_biases);
        if let Some(dx) = dx {
            matmul_a_b(kernel, &self.dz, &self.weights, dx);
        }
    }
}
