//! One neuron as a linear classifier (lecture 2.2): a network with no hidden layer,
//! s = w1 x1 + w2 x2 + b, trained with the logistic (binary softmax) or hinge (binary
//! SVM) loss on two seeded Gaussian blobs, with L2 regularization that can act alone
//! ("gradual forgetting", 2.2.3).

use crate::error::{Error, Result};
use crate::nn::activation::sigmoid;
use crate::nn::{Loss, Matrix, Network, NetworkSpec, Optimizer, Regularization, Rng};

/// Most points per class.
pub const MAX_PER_CLASS: usize = 500;

/// Two Gaussian blobs in the plane: class 0 around (-1, -0.5), class 1 around (1, 0.5),
/// standard deviation `spread`, `per_class` points each, drawn from `Rng::new(seed)`.
/// Returns the points (one per row) and the 0/1 labels.
pub fn two_blobs(per_class: usize, spread: f32, seed: u64) -> Result<(Matrix, Vec<f32>)> {
    if !(1..=MAX_PER_CLASS).contains(&per_class) {
        return Err(Error::InvalidInput(format!(
            "points per class must be between 1 and {MAX_PER_CLASS}; got {per_class}"
        )));
    }
    if !(spread.is_finite() && spread > 0.0 && spread <= 5.0) {
        return Err(Error::InvalidInput(format!(
            "the blob spread must be in (0, 5]; got {spread}"
        )));
    }
    let mut rng = Rng::new(seed);
    let centres = [(-1.0f32, -0.5f32), (1.0, 0.5)];
    let mut data = Vec::with_capacity(per_class * 4);
    let mut labels = Vec::with_capacity(per_class * 2);
    for i in 0..per_class * 2 {
        let class = i % 2;
        let (cx, cy) = centres[class];
        data.push(cx + spread * rng.normal());
        data.push(cy + spread * rng.normal());
        labels.push(class as f32);
    }
    let x = Matrix::from_vec(per_class * 2, 2, data).expect("2 numbers per point");
    Ok((x, labels))
}

/// The targets a loss expects for 0/1 labels: 0/1 for logistic, -1/+1 for the binary hinge.
pub fn targets_for(loss: Loss, labels: &[f32]) -> Vec<f32> {
    match loss {
        Loss::Hinge => labels.iter().map(|&y| 2.0 * y - 1.0).collect(),
        _ => labels.to_vec(),
    }
}

/// A single neuron with its dataset and training settings.
#[derive(Clone, Debug)]
pub struct Neuron {
    net: Network,
    x: Matrix,
    labels: Vec<f32>,
    targets: Vec<f32>,
}

impl Neuron {
    /// A 2-input, 1-output network with `loss` (logistic or hinge) on `two_blobs(per_class, spread, seed)`;
    /// the initial weights come from the same seed.
    pub fn new(loss: Loss, per_class: usize, spread: f32, seed: u64) -> Result<Neuron> {
        if !matches!(loss, Loss::Logistic | Loss::Hinge) {
            return Err(Error::InvalidInput(format!(
                "one neuron is shown with the logistic or the hinge loss; got {}",
                loss.name()
            )));
        }
        let (x, labels) = two_blobs(per_class, spread, seed)?;
        let net = Network::new(NetworkSpec::new(2, &[], 1, loss), seed)?;
        let targets = targets_for(loss, &labels);
        Ok(Neuron {
            net,
            x,
            labels,
            targets,
        })
    }

    /// Switches the loss, keeping the weights, bias and data.
    pub fn set_loss(&mut self, loss: Loss) -> Result<()> {
        let [w1, w2, b] = self.parameters();
        let mut next = Neuron::new(loss, 1, 1.0, 0)?;
        next.net.set_parameters(0, &[w1, w2], &[b])?;
        next.net.optimizer = self.net.optimizer;
        next.net.regularization = self.net.regularization;
        next.x = std::mem::take(&mut self.x);
        next.labels = std::mem::take(&mut self.labels);
        next.targets = targets_for(loss, &next.labels);
        *self = next;
        Ok(())
    }

    /// The loss in use.
    pub fn loss(&self) -> Loss {
        self.net.loss()
    }

    /// The points, one (x1, x2) per row.
    pub fn points(&self) -> &Matrix {
        &self.x
    }

    /// The 0/1 class of each point.
    pub fn labels(&self) -> &[f32] {
        &self.labels
    }

    /// [w1, w2, b].
    pub fn parameters(&self) -> [f32; 3] {
        let l = &self.net.layers[0];
        [l.weights.data[0], l.weights.data[1], l.biases[0]]
    }

    /// Sets w1, w2 and b.
    pub fn set_parameters(&mut self, p: [f32; 3]) -> Result<()> {
        self.net.set_parameters(0, &p[..2], &p[2..])
    }

    /// |w| = sqrt(w1^2 + w2^2), the length that L2 regularization shrinks.
    pub fn weight_norm(&self) -> f64 {
        let [w1, w2, _] = self.parameters();
        ((w1 as f64).powi(2) + (w2 as f64).powi(2)).sqrt()
    }

    /// Training steps taken.
    pub fn steps(&self) -> u64 {
        self.net.steps()
    }

    /// One full-batch SGD step with learning rate `lr` and L2 strength `lambda`. With `data_loss`
    /// false only the penalty lambda/2 |w|^2 is minimized, so w shrinks by (1 - lr lambda).
    /// Returns the objective before the step (data loss + penalty, or the penalty alone).
    pub fn step(&mut self, lr: f32, lambda: f32, data_loss: bool) -> Result<f64> {
        self.net.set_optimizer(Optimizer::Sgd { learning_rate: lr })?;
        self.net.set_regularization(Regularization::L2 { lambda })?;
        if data_loss {
            self.net.train_step(&self.x, &self.targets)
        } else {
            self.net.regularization_step()
        }
    }

    /// Scores s = w . x + b for points given one per row.
    pub fn scores(&self, x: &Matrix) -> Result<Vec<f32>> {
        Ok(self.net.predict(x)?.data)
    }

    /// P(y = 1 | x) = sigma(s) for points given one per row (the logistic reading of the score).
    pub fn probabilities(&self, x: &Matrix) -> Result<Vec<f32>> {
        Ok(self.scores(x)?.into_iter().map(sigmoid).collect())
    }

    /// Each training point's data loss L_i under the current weights.
    pub fn per_example_loss(&self) -> Result<Vec<f64>> {
        let s = self.net.predict(&self.x)?;
        self.net
            .loss()
            .per_example(&s, &self.targets)
            .map_err(Error::InvalidInput)
    }

    /// Mean data loss (1/N) sum_i L_i, without the penalty.
    pub fn data_loss(&self) -> Result<f64> {
        let l = self.per_example_loss()?;
        Ok(l.iter().sum::<f64>() / l.len() as f64)
    }

    /// Fraction of points on the right side: sign(s) matches the class.
    pub fn accuracy(&self) -> Result<f64> {
        let s = self.net.predict(&self.x)?;
        let right = s
            .data
            .iter()
            .zip(&self.labels)
            .filter(|(&s, &y)| (s > 0.0) == (y > 0.5))
            .count();
        Ok(right as f64 / self.labels.len() as f64)
    }
}
