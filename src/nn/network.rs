//! A multilayer perceptron built from a [`NetworkSpec`]: vectorized forward
//! and backward propagation over a minibatch (lecture equations (4) and 3.5),
//! training steps, predictions, sizes and teaching statistics.

use super::activation::Activation;
use super::kernels::{matmul_row_bias_into, Kernel};
use super::layer::Layer;
use super::loss::Loss;
use super::matrix::Matrix;
use super::optim::{Optimizer, OptimizerState, Regularization};
use super::rng::Rng;
use super::spec::NetworkSpec;
use crate::error::{Error, Result};

/// Sizes of a network as the lecture counts them (3.1.4): inputs are not neurons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Size {
    /// Units in the hidden and output layers.
    pub neurons: usize,
    /// Entries of all weight matrices.
    pub weights: usize,
    /// Entries of all bias vectors.
    pub biases: usize,
    /// weights + biases: the learnable parameters.
    pub parameters: usize,
}

/// Per-layer teaching statistics over a dataset.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitStats {
    /// Fraction of the layer's ReLU / leaky-ReLU units whose input z is never positive on any example ("dead").
    pub dead_fraction: f32,
    /// Fraction of the layer's sigmoid/tanh outputs (units x examples) where f' is below 10% of its peak.
    pub saturated_fraction: f32,
}

/// A fully-connected network: the spec, the layers with their parameters, and the training settings.
#[derive(Clone, Debug)]
pub struct Network {
    spec: NetworkSpec,
    /// Hidden layers then the output layer.
    pub layers: Vec<Layer>,
    /// How gradients update parameters; may change between steps.
    pub optimizer: Optimizer,
    /// Penalty on the weights; may change between steps.
    pub regularization: Regularization,
    /// Which matrix-product implementation runs.
    pub kernel: Kernel,
    state: OptimizerState,
    input: Matrix,
    dscores: Matrix,
    /// Reused buffer for the gradients passed down between layers (no allocation per step).
    dinput: Matrix,
    steps: u64,
    /// Parameters before the last update (whose loss was finite), restored if training diverges.
    previous: Vec<(Vec<f32>, Vec<f32>)>,
}

impl Network {
    /// Builds a network from `spec` with weights drawn from a generator seeded by `seed`.
    pub fn new(spec: NetworkSpec, seed: u64) -> Result<Self> {
        spec.validate()?;
        let mut rng = Rng::new(seed);
        let mut fan_in = spec.inputs;
        let layers = spec
            .layers()
            .into_iter()
            .map(|l| {
                let layer = Layer::new(fan_in, l.units, l.activation, &mut rng);
                fan_in = l.units;
                layer
            })
            .collect();
        Ok(Network {
            spec,
            layers,
            optimizer: Optimizer::default(),
            regularization: Regularization::default(),
            kernel: Kernel::default(),
            state: OptimizerState::default(),
            input: Matrix::default(),
            dscores: Matrix::default(),
            dinput: Matrix::default(),
            steps: 0,
            previous: Vec::new(),
        })
    }

    /// The description this network was built from.
    pub fn spec(&self) -> &NetworkSpec {
        &self.spec
    }

    /// The loss on the scores.
    pub fn loss(&self) -> Loss {
        self.spec.loss
    }

    /// Training steps taken since construction.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Neurons, weights, biases and parameters (lecture 3.1.4: the 3-4-2 network has 6, 20, 6, 26).
    pub fn size(&self) -> Size {
        let neurons = self.layers.iter().map(|l| l.units).sum();
        let weights = self.layers.iter().map(|l| l.weights.data.len()).sum();
        let biases = self.layers.iter().map(|l| l.biases.len()).sum();
        Size {
            neurons,
            weights,
            biases,
            parameters: weights + biases,
        }
    }

    /// Changes the optimizer; its memory (momentum, Adam moments) restarts when the kind changes.
    pub fn set_optimizer(&mut self, optimizer: Optimizer) -> Result<()> {
        optimizer.validate().map_err(Error::InvalidInput)?;
        if std::mem::discriminant(&optimizer) != std::mem::discriminant(&self.optimizer) {
            self.state.reset();
        }
        self.optimizer = optimizer;
        Ok(())
    }

    /// Changes the regularization.
    pub fn set_regularization(&mut self, regularization: Regularization) -> Result<()> {
        regularization.validate().map_err(Error::InvalidInput)?;
        self.regularization = regularization;
        Ok(())
    }

    /// Replaces layer `layer`'s weights (row-major `[units * k, inputs]`) and biases, e.g. to wire a network by hand.
    pub fn set_parameters(&mut self, layer: usize, weights: &[f32], biases: &[f32]) -> Result<()> {
        let count = self.layers.len();
        let l = self
            .layers
            .get_mut(layer)
            .ok_or_else(|| Error::InvalidInput(format!("layer {layer} does not exist; this network has {count}")))?;
        if weights.len() != l.weights.data.len() || biases.len() != l.biases.len() {
            return Err(Error::InvalidInput(format!(
                "layer {layer} needs {} weights ({} x {}) and {} biases; got {} and {}",
                l.weights.data.len(),
                l.weights.rows,
                l.weights.cols,
                l.biases.len(),
                weights.len(),
                biases.len()
            )));
        }
        if weights.iter().chain(biases).any(|v| !v.is_finite()) {
            return Err(Error::InvalidInput(format!(
                "layer {layer}: every weight and bias must be a finite number"
            )));
        }
        l.weights.data.copy_from_slice(weights);
        l.biases.copy_from_slice(biases);
        Ok(())
    }

    fn check_batch(&self, x: &Matrix) -> Result<()> {
        if x.cols != self.spec.inputs || x.data.len() != x.rows * x.cols {
            return Err(Error::InvalidInput(format!(
                "each example needs {} input values; got rows of {}",
                self.spec.inputs, x.cols
            )));
        }
        if x.rows == 0 {
            return Err(Error::InvalidInput(
                "the batch is empty: give at least one example".into(),
            ));
        }
        if x.data.iter().any(|v| !v.is_finite()) {
            return Err(Error::InvalidInput("the inputs contain NaN or infinity".into()));
        }
        Ok(())
    }

    /// Applies the input normalization x' = (x - mean) / std into `out`.
    fn normalize_into(&self, x: &Matrix, out: &mut Matrix) {
        out.resize(x.rows, x.cols);
        out.data.copy_from_slice(&x.data);
        if let Some(norm) = &self.spec.normalization {
            let pick = |v: &[f32], j: usize| if v.len() == 1 { v[0] } else { v[j] };
            for row in out.data.chunks_exact_mut(x.cols) {
                for (j, v) in row.iter_mut().enumerate() {
                    *v = (*v - pick(&norm.mean, j)) / pick(&norm.std, j);
                }
            }
        }
    }

    /// Forward propagation over a batch (one example per row of `x`):
    /// `H(l) = f(l)(H(l-1) W(l)^T + 1 b(l)^T)`. Keeps every layer's Z and H and returns the scores.
    pub fn forward(&mut self, x: &Matrix) -> Result<&Matrix> {
        self.check_batch(x)?;
        let mut input = std::mem::take(&mut self.input);
        self.normalize_into(x, &mut input);
        self.input = input;
        for i in 0..self.layers.len() {
            let (before, rest) = self.layers.split_at_mut(i);
            let prev = before.last().map_or(&self.input, |l| &l.h);
            rest[0].forward(self.kernel, prev);
        }
        Ok(&self.layers.last().expect("a network has an output layer").h)
    }

    /// Scores for a batch without touching the network's stored activations.
    pub fn predict(&self, x: &Matrix) -> Result<Matrix> {
        Ok(self.activations(x)?.pop().expect("a network has an output layer").1)
    }

    /// Predicted labels (see [`Loss::predict_label`]) for a batch.
    pub fn predict_labels(&self, x: &Matrix) -> Result<Vec<f32>> {
        let s = self.predict(x)?;
        Ok((0..s.rows).map(|i| self.spec.loss.predict_label(s.row(i))).collect())
    }

    /// Every layer's (Z, H) for a batch, computed afresh.
    pub fn activations(&self, x: &Matrix) -> Result<Vec<(Matrix, Matrix)>> {
        self.check_batch(x)?;
        let mut input = Matrix::default();
        self.normalize_into(x, &mut input);
        let mut out: Vec<(Matrix, Matrix)> = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let (mut z, mut h) = (Matrix::default(), Matrix::default());
            layer.forward_into(self.kernel, out.last().map_or(&input, |p| &p.1), &mut z, &mut h);
            out.push((z, h));
        }
        Ok(out)
    }

    /// Every neuron's output at many points at once, unit-major: the numbers of per-neuron heatmaps.
    ///
    /// `x` holds the inputs feature-major, `x[f * points + p]` = feature f of point p (a grid is
    /// two rows: all x1, then all x2). `out` receives, layer after layer, each unit's `points`
    /// values: unit j of layer l at `out[(units before l + j) * points + p]`. Per layer this is
    /// the transposed forward pass `H(l)^T = f(W(l) H(l-1)^T + b(l) 1^T)`, computed straight
    /// into `out`: no per-point loop, no transpose, and no allocation once `out` is big enough
    /// (maxout layers and input normalization use a scratch buffer).
    pub fn unit_maps(&self, x: &[f32], points: usize, out: &mut Vec<f32>) -> Result<()> {
        let inputs = self.spec.inputs;
        if points == 0 || x.len() != inputs * points {
            return Err(Error::InvalidInput(format!(
                "each point needs {inputs} input values: give {inputs} rows of {points} values (one row per feature); got {} values",
                x.len()
            )));
        }
        if x.iter().any(|v| !v.is_finite()) {
            return Err(Error::InvalidInput("the inputs contain NaN or infinity".into()));
        }
        let normalized;
        let x = match &self.spec.normalization {
            Some(norm) => {
                let pick = |v: &[f32], j: usize| if v.len() == 1 { v[0] } else { v[j] };
                let mut v = x.to_vec();
                for (j, row) in v.chunks_exact_mut(points).enumerate() {
                    let (mean, std) = (pick(&norm.mean, j), pick(&norm.std, j));
                    row.iter_mut().for_each(|x| *x = (*x - mean) / std);
                }
                normalized = v;
                &normalized[..]
            }
            None => x,
        };
        out.resize(self.layers.iter().map(|l| l.units).sum::<usize>() * points, 0.0);
        let mut pieces = Vec::new();
        let mut offset = 0;
        for (i, layer) in self.layers.iter().enumerate() {
            let (before, rest) = out.split_at_mut(offset);
            let prev = if i == 0 {
                x
            } else {
                &before[offset - self.layers[i - 1].units * points..]
            };
            let rows = layer.weights.rows;
            let h = &mut rest[..layer.units * points];
            let z = if layer.activation.pieces() == 1 {
                &mut h[..]
            } else {
                pieces.resize(rows * points, 0.0);
                &mut pieces[..]
            };
            matmul_row_bias_into(
                self.kernel,
                (rows, layer.inputs(), points),
                &layer.weights.data,
                prev,
                &layer.biases,
                z,
            );
            match layer.activation {
                Activation::Maxout { k } => {
                    for (j, unit) in h.chunks_exact_mut(points).enumerate() {
                        unit.copy_from_slice(&pieces[j * k * points..(j * k + 1) * points]);
                        for piece in 1..k {
                            let other = &pieces[(j * k + piece) * points..(j * k + piece + 1) * points];
                            unit.iter_mut()
                                .zip(other)
                                .for_each(|(u, &o)| *u = if o > *u { o } else { *u });
                        }
                    }
                }
                f => f.forward_in_place(h),
            }
            offset += layer.units * points;
        }
        Ok(())
    }

    /// The total loss `L = (1/N) sum_i L_i + sum_l R(W(l))` on a dataset, without training and
    /// without touching the stored activations or gradients (a step network has a loss too).
    pub fn loss_on(&self, x: &Matrix, targets: &[f32]) -> Result<f64> {
        let scores = self.predict(x)?;
        let mut dscores = Matrix::default();
        let data = self
            .spec
            .loss
            .forward_backward(&scores, targets, &mut dscores)
            .map_err(Error::InvalidInput)?;
        let penalty: f64 = self
            .layers
            .iter()
            .map(|l| self.regularization.penalty(&l.weights.data))
            .sum();
        Ok(data + penalty)
    }

    /// Checks that every unit has a gradient (no hard threshold anywhere).
    pub fn check_trainable(&self) -> Result<()> {
        match self.layers.iter().position(|l| l.activation == Activation::Step) {
            Some(i) => Err(Error::NotTrainable(format!(
                "layer {} uses the step (hard threshold) activation, whose derivative is 0 everywhere, so \
                 backpropagation gets no signal. Step units can be wired by hand; to train, choose sigmoid, tanh or ReLU",
                i + 1
            ))),
            None => Ok(()),
        }
    }

    /// Backward propagation after [`Network::forward`]: the total loss
    /// `L = (1/N) sum_i L_i + sum_l R(W(l))` and every layer's dL/dW and dL/db.
    pub fn backward(&mut self, targets: &[f32]) -> Result<f64> {
        self.check_trainable()?;
        let last = self.layers.len() - 1;
        if self.layers[last].h.rows == 0 {
            return Err(Error::InvalidInput(
                "backward needs a forward pass first: call forward with a batch".into(),
            ));
        }
        let mut dscores = std::mem::take(&mut self.dscores);
        let data_loss = self
            .spec
            .loss
            .forward_backward(&self.layers[last].h, targets, &mut dscores);
        let data_loss = match data_loss {
            Ok(l) => l,
            Err(m) => {
                self.dscores = dscores;
                return Err(Error::InvalidInput(m));
            }
        };
        let mut dh = dscores;
        let mut dx = std::mem::take(&mut self.dinput);
        for i in (0..self.layers.len()).rev() {
            let (before, rest) = self.layers.split_at_mut(i);
            let x = before.last().map_or(&self.input, |l| &l.h);
            rest[0].backward(self.kernel, x, &dh, (i > 0).then_some(&mut dx));
            std::mem::swap(&mut dh, &mut dx);
        }
        self.dscores = dh;
        self.dinput = dx;
        let mut penalty = 0.0;
        for l in &mut self.layers {
            penalty += self.regularization.penalty(&l.weights.data);
            self.regularization
                .add_gradient(&l.weights.data, &mut l.grad_weights.data);
        }
        Ok(data_loss + penalty)
    }

    /// One step of minibatch gradient descent: forward, backward, update. Returns the loss before the update.
    ///
    /// If the loss or a gradient is NaN or infinite, the step is refused with [`Error::Diverged`]: the
    /// weights go back to those before the last update whose loss was finite and the optimizer's
    /// memory is cleared, so lowering the learning rate lets training go on.
    pub fn train_step(&mut self, x: &Matrix, targets: &[f32]) -> Result<f64> {
        self.check_trainable()?;
        self.forward(x)?;
        let loss = self.backward(targets)?;
        if !loss.is_finite() {
            return Err(self.diverged(loss));
        }
        self.apply_update()?;
        Ok(loss)
    }

    /// The optimizer's update of every layer from the stored gradients.
    ///
    /// Each tensor has a second buffer: the new values are written there and the two are swapped,
    /// so the parameters before the update are kept for [`Network::diverged`] without a copy.
    /// A non-finite gradient shows up as a non-finite new value, which is refused and undone.
    fn apply_update(&mut self) -> Result<()> {
        self.previous.resize_with(self.layers.len(), Default::default);
        self.state.begin_step();
        let mut finite = true;
        for (i, (l, (w, b))) in self.layers.iter_mut().zip(&mut self.previous).enumerate() {
            w.resize(l.weights.data.len(), 0.0);
            b.resize(l.biases.len(), 0.0);
            finite &= self
                .state
                .update_into(&self.optimizer, 2 * i, &l.weights.data, &l.grad_weights.data, w);
            finite &= self
                .state
                .update_into(&self.optimizer, 2 * i + 1, &l.biases, &l.grad_biases, b);
            std::mem::swap(&mut l.weights.data, w);
            std::mem::swap(&mut l.biases, b);
        }
        if !finite {
            return Err(self.diverged(f64::INFINITY));
        }
        self.steps += 1;
        Ok(())
    }

    /// One update on the regularization term alone, the data loss switched off (lecture 2.2.3,
    /// "gradual forgetting"): dL/dW = dR/dW, dL/db = 0. With SGD and L2 each weight
    /// shrinks by the factor (1 - lr lambda) per step. Returns the penalty R before the update.
    pub fn regularization_step(&mut self) -> Result<f64> {
        let mut penalty = 0.0;
        for l in &mut self.layers {
            penalty += self.regularization.penalty(&l.weights.data);
            l.grad_weights.data.fill(0.0);
            l.grad_biases.fill(0.0);
            self.regularization
                .add_gradient(&l.weights.data, &mut l.grad_weights.data);
        }
        self.apply_update()?;
        Ok(penalty)
    }

    /// Restores the parameters before the last update, clears the optimizer's memory, and explains.
    fn diverged(&mut self, loss: f64) -> Error {
        let restored = self.previous.len() == self.layers.len();
        if restored {
            for (l, (w, b)) in self.layers.iter_mut().zip(&self.previous) {
                l.weights.data.copy_from_slice(w);
                l.biases.copy_from_slice(b);
            }
            self.previous.clear();
        }
        self.state.reset();
        let what = if loss.is_nan() {
            "NaN (not a number)"
        } else if loss.is_infinite() {
            "infinite"
        } else {
            "finite but the gradients overflowed"
        };
        let kept = if restored {
            "The weights were restored to those before the last update and the optimizer's momentum was cleared"
        } else {
            "The weights were not changed"
        };
        Error::Diverged(format!(
            "the loss became {what} at step {} with learning rate {}. The learning rate is probably too high: \
             lower it (try 10x smaller) or reset. {kept}",
            self.steps + 1,
            self.optimizer.learning_rate()
        ))
    }

    /// Dead and saturated fractions per layer over the examples in `x` (lecture 2.3.1 and 2.3.3).
    pub fn unit_stats(&self, x: &Matrix) -> Result<Vec<UnitStats>> {
        let acts = self.activations(x)?;
        Ok(self
            .layers
            .iter()
            .zip(&acts)
            .map(|(layer, (z, h))| {
                let dead_fraction = match layer.activation {
                    Activation::Relu | Activation::LeakyRelu { .. } => {
                        let dead = (0..layer.units)
                            .filter(|&j| (0..z.rows).all(|r| z.get(r, j) <= 0.0))
                            .count();
                        dead as f32 / layer.units as f32
                    }
                    _ => 0.0,
                };
                let saturated = h.data.iter().filter(|&&v| layer.activation.is_saturated(v)).count();
                UnitStats {
                    dead_fraction,
                    saturated_fraction: saturated as f32 / h.data.len().max(1) as f32,
                }
            })
            .collect())
    }
}
