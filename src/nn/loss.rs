//! Losses on the output layer's raw scores (lecture sections 2.2 and 3.5).
//!
//! The data loss is averaged over the batch: `L = (1/N) sum_i L_i`.
//! Targets are one number per example for the classifiers (a class index,
//! a 0/1 label for logistic, a -1/+1 label for binary hinge) and one number
//! per output for squared error.

use super::activation::sigmoid;
use super::matrix::Matrix;
use serde::{Deserialize, Serialize};

/// A loss function on the scores `s` of one example with target `t`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Loss {
    /// Softmax cross-entropy over K >= 2 classes: L_i = -log(e^{s_y} / sum_j e^{s_j}).
    SoftmaxCrossEntropy,
    /// Logistic regression, the binary softmax (one output, t in {0, 1}):
    /// L_i = -t log sigma(s) - (1 - t) log(1 - sigma(s)).
    Logistic,
    /// Hinge. One output: binary SVM with t in {-1, +1}, L_i = max(0, 1 - t s).
    /// K >= 2 outputs: multiclass SVM, L_i = sum_{j != y} max(0, s_j - s_y + 1).
    Hinge,
    /// Squared error for regression: L_i = 1/2 sum_k (y_k - t_k)^2.
    SquaredError,
}

impl Loss {
    /// The lecture's name for this loss.
    pub fn name(self) -> &'static str {
        match self {
            Loss::SoftmaxCrossEntropy => "softmax cross-entropy",
            Loss::Logistic => "logistic (binary softmax)",
            Loss::Hinge => "hinge (SVM)",
            Loss::SquaredError => "squared error",
        }
    }

    /// How many target numbers each example needs with `outputs` scores.
    pub fn targets_per_example(self, outputs: usize) -> usize {
        match self {
            Loss::SquaredError => outputs,
            _ => 1,
        }
    }

    /// Checks that this loss fits a network with `outputs` scores.
    pub fn check_outputs(self, outputs: usize) -> Result<(), String> {
        match self {
            Loss::SoftmaxCrossEntropy if outputs < 2 => Err(format!(
                "softmax cross-entropy needs at least 2 output scores (one per class); got {outputs}. \
                 For two classes with one output use the logistic loss"
            )),
            Loss::Logistic if outputs != 1 => Err(format!(
                "the logistic (binary softmax) loss needs exactly 1 output score; got {outputs}. \
                 For K classes use softmax cross-entropy"
            )),
            _ => Ok(()),
        }
    }

    fn check_target(self, outputs: usize, t: f32, example: usize) -> Result<(), String> {
        let ok = match self {
            Loss::SoftmaxCrossEntropy => t.fract() == 0.0 && t >= 0.0 && (t as usize) < outputs,
            Loss::Hinge if outputs == 1 => t == 1.0 || t == -1.0,
            Loss::Hinge => t.fract() == 0.0 && t >= 0.0 && (t as usize) < outputs,
            Loss::Logistic => (0.0..=1.0).contains(&t),
            Loss::SquaredError => t.is_finite(),
        };
        if ok {
            return Ok(());
        }
        let wanted = match self {
            Loss::SoftmaxCrossEntropy | Loss::Hinge if outputs > 1 => {
                format!("a class index 0..{}", outputs - 1)
            }
            Loss::Hinge => "a label of -1 or +1 (binary SVM)".to_string(),
            Loss::Logistic => "a label between 0 and 1".to_string(),
            _ => "a finite number".to_string(),
        };
        Err(format!(
            "target of example {example} is {t}, but the {} loss needs {wanted}",
            self.name()
        ))
    }

    /// Mean data loss over the batch, and its gradient with respect to the scores in `dscores`.
    ///
    /// `scores` is `N x K`; `targets` holds `N * targets_per_example(K)` numbers.
    pub fn forward_backward(self, scores: &Matrix, targets: &[f32], dscores: &mut Matrix) -> Result<f64, String> {
        let (n, k) = (scores.rows, scores.cols);
        let per = self.targets_per_example(k);
        if targets.len() != n * per {
            return Err(format!(
                "expected {} target numbers ({n} examples x {per}) for the {} loss; got {}",
                n * per,
                self.name(),
                targets.len()
            ));
        }
        dscores.resize(n, k);
        let scale = 1.0 / n as f32;
        let mut total = 0.0f64;
        for i in 0..n {
            let s = scores.row(i);
            let t = &targets[i * per..(i + 1) * per];
            for &ti in t {
                self.check_target(k, ti, i)?;
            }
            let d = &mut dscores.data[i * k..(i + 1) * k];
            total += self.example(s, t, d, scale);
        }
        Ok(total / n as f64)
    }

    /// Each example's own data loss L_i (the terms whose mean [`Loss::forward_backward`] returns),
    /// e.g. to show each point's share of the loss. Same shapes and target checks.
    pub fn per_example(self, scores: &Matrix, targets: &[f32]) -> Result<Vec<f64>, String> {
        let mut d = Matrix::default();
        self.forward_backward(scores, targets, &mut d)?;
        let (n, k) = (scores.rows, scores.cols);
        let per = self.targets_per_example(k);
        let mut scratch = vec![0.0f32; k];
        Ok((0..n)
            .map(|i| self.example(scores.row(i), &targets[i * per..(i + 1) * per], &mut scratch, 1.0))
            .collect())
    }

    /// Loss of one example; writes `scale * dL_i/ds` into `d`.
    fn example(self, s: &[f32], t: &[f32], d: &mut [f32], scale: f32) -> f64 {
        match self {
            Loss::SoftmaxCrossEntropy => {
                let y = t[0] as usize;
                let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let sum: f64 = s.iter().map(|&v| ((v - max) as f64).exp()).sum();
                for (j, (dj, &sj)) in d.iter_mut().zip(s).enumerate() {
                    let p = (((sj - max) as f64).exp() / sum) as f32;
                    *dj = scale * (p - (j == y) as u8 as f32);
                }
                sum.ln() - (s[y] - max) as f64
            }
            Loss::Logistic => {
                // -t log s(z) - (1-t) log(1-s(z)) = softplus(z) - t z, computed stably.
                let (z, t) = (s[0], t[0]);
                d[0] = scale * (sigmoid(z) - t);
                let zf = z as f64;
                zf.max(0.0) + (-zf.abs()).exp().ln_1p() - t as f64 * zf
            }
            Loss::Hinge if s.len() == 1 => {
                let margin = 1.0 - t[0] * s[0];
                d[0] = if margin > 0.0 { -scale * t[0] } else { 0.0 };
                margin.max(0.0) as f64
            }
            Loss::Hinge => {
                let y = t[0] as usize;
                let mut loss = 0.0f64;
                let mut violated = 0.0f32;
                for (j, (dj, &sj)) in d.iter_mut().zip(s).enumerate() {
                    let margin = sj - s[y] + 1.0;
                    *dj = 0.0;
                    if j != y && margin > 0.0 {
                        loss += margin as f64;
                        *dj = scale;
                        violated += 1.0;
                    }
                }
                d[y] = -scale * violated;
                loss
            }
            Loss::SquaredError => {
                let mut loss = 0.0f64;
                for ((dj, &yj), &tj) in d.iter_mut().zip(s).zip(t) {
                    let diff = yj - tj;
                    *dj = scale * diff;
                    loss += 0.5 * (diff as f64) * (diff as f64);
                }
                loss
            }
        }
    }

    /// The predicted label of one example from its scores: the argmax class for
    /// K-class losses, 1/0 for logistic (sigma(s) > 0.5), +1/-1 for binary hinge,
    /// and the first output itself for squared error.
    pub fn predict_label(self, s: &[f32]) -> f32 {
        match self {
            Loss::Logistic => (s[0] > 0.0) as u8 as f32,
            Loss::Hinge if s.len() == 1 => {
                if s[0] > 0.0 {
                    1.0
                } else {
                    -1.0
                }
            }
            Loss::SquaredError => s[0],
            _ => argmax(s) as f32,
        }
    }
}

/// Index of the largest value (the first one on ties).
pub fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// Softmax probabilities p_j = e^{s_j} / sum_k e^{s_k}, shifted by the max for stability.
pub fn softmax(s: &[f32]) -> Vec<f32> {
    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = s.iter().map(|&v| (v - max).exp()).collect();
    let sum: f32 = e.iter().sum();
    e.into_iter().map(|v| v / sum).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_values() {
        let s = Matrix::from_rows(&[&[1.0, 2.0, 3.0]]).unwrap();
        let mut d = Matrix::default();
        // -log(e^1 / (e^1 + e^2 + e^3)) = 2.40760596
        let l = Loss::SoftmaxCrossEntropy.forward_backward(&s, &[0.0], &mut d).unwrap();
        assert!((l - 2.407_605_96).abs() < 1e-6, "{l}");
        // multiclass SVM, y = 0: max(0, 2-1+1) + max(0, 3-1+1) = 5
        let l = Loss::Hinge.forward_backward(&s, &[0.0], &mut d).unwrap();
        assert_eq!(l, 5.0);
        assert_eq!(d.data, vec![-2.0, 1.0, 1.0]);
        let one = Matrix::from_rows(&[&[0.0]]).unwrap();
        let l = Loss::Logistic.forward_backward(&one, &[1.0], &mut d).unwrap();
        assert!((l - std::f64::consts::LN_2).abs() < 1e-7);
        let l = Loss::Hinge.forward_backward(&one, &[-1.0], &mut d).unwrap();
        assert_eq!(l, 1.0);
        let l = Loss::SquaredError
            .forward_backward(&s, &[0.0, 0.0, 0.0], &mut d)
            .unwrap();
        assert_eq!(l, 7.0); // (1 + 4 + 9) / 2
    }

    #[test]
    fn logistic_is_finite_for_huge_scores() {
        let s = Matrix::from_rows(&[&[-500.0], &[500.0]]).unwrap();
        let mut d = Matrix::default();
        let l = Loss::Logistic.forward_backward(&s, &[1.0, 0.0], &mut d).unwrap();
        assert!((l - 500.0).abs() < 1e-3, "{l}");
    }

    #[test]
    fn bad_targets_are_explained() {
        let s = Matrix::from_rows(&[&[1.0, 2.0]]).unwrap();
        let mut d = Matrix::default();
        let e = Loss::SoftmaxCrossEntropy
            .forward_backward(&s, &[2.0], &mut d)
            .unwrap_err();
        assert!(e.contains("class index 0..1"), "{e}");
        let e = Loss::SoftmaxCrossEntropy
            .forward_backward(&s, &[0.0, 1.0], &mut d)
            .unwrap_err();
        assert!(e.contains("expected 1 target numbers"), "{e}");
        let one = Matrix::from_rows(&[&[1.0]]).unwrap();
        let e = Loss::Hinge.forward_backward(&one, &[0.0], &mut d).unwrap_err();
        assert!(e.contains("-1 or +1"), "{e}");
        assert!(Loss::Logistic
            .check_outputs(3)
            .unwrap_err()
            .contains("exactly 1 output"));
    }
}
