//! Parameter updates (SGD, SGD with momentum, Adam) and the regularization
//! penalties whose gradients are added to the weights' (lecture 2.2.3:
//! L2 regularization is "gradual forgetting", every update pulls w toward 0).

use serde::{Deserialize, Serialize};

fn default_momentum() -> f32 {
    0.9
}
fn default_beta1() -> f32 {
    0.9
}
fn default_beta2() -> f32 {
    0.999
}
fn default_epsilon() -> f32 {
    1e-8
}

/// How a gradient `g` changes a parameter `w`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Optimizer {
    /// Stochastic gradient descent: w <- w - lr g.
    Sgd {
        /// Step size lr.
        learning_rate: f32,
    },
    /// SGD with momentum: v <- mu v - lr g; w <- w + v.
    Momentum {
        /// Step size lr.
        learning_rate: f32,
        /// Momentum coefficient mu (default 0.9).
        #[serde(default = "default_momentum")]
        momentum: f32,
    },
    /// Adam: m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2;
    /// w <- w - lr m_hat / (sqrt(v_hat) + eps) with bias-corrected m_hat, v_hat.
    Adam {
        /// Step size lr.
        learning_rate: f32,
        /// First-moment decay b1 (default 0.9).
        #[serde(default = "default_beta1")]
        beta1: f32,
        /// Second-moment decay b2 (default 0.999).
        #[serde(default = "default_beta2")]
        beta2: f32,
        /// Denominator guard eps (default 1e-8).
        #[serde(default = "default_epsilon")]
        epsilon: f32,
    },
}

impl Default for Optimizer {
    fn default() -> Self {
        Optimizer::Sgd { learning_rate: 0.1 }
    }
}

impl Optimizer {
    /// Adam with step size `learning_rate` and the usual defaults (the same as a JSON
    /// `{"kind": "adam", "learningRate": ...}`): beta1 0.9, beta2 0.999, epsilon 1e-8.
    pub fn adam(learning_rate: f32) -> Self {
        Optimizer::Adam {
            learning_rate,
            beta1: default_beta1(),
            beta2: default_beta2(),
            epsilon: default_epsilon(),
        }
    }

    /// The step size lr.
    pub fn learning_rate(&self) -> f32 {
        match *self {
            Optimizer::Sgd { learning_rate } | Optimizer::Momentum { learning_rate, .. } => learning_rate,
            Optimizer::Adam { learning_rate, .. } => learning_rate,
        }
    }

    /// Checks that lr is in (0, 10] and the decay rates in [0, 1).
    pub fn validate(&self) -> Result<(), String> {
        let lr = self.learning_rate();
        if !(lr.is_finite() && lr > 0.0 && lr <= 10.0) {
            return Err(format!("learning rate must be greater than 0 and at most 10; got {lr}"));
        }
        let rates: &[(&str, f32)] = match self {
            Optimizer::Sgd { .. } => &[],
            Optimizer::Momentum { momentum, .. } => &[("momentum", *momentum)],
            Optimizer::Adam { beta1, beta2, .. } => &[("beta1", *beta1), ("beta2", *beta2)],
        };
        for &(name, r) in rates {
            if !(r.is_finite() && (0.0..1.0).contains(&r)) {
                return Err(format!("{name} must be in [0, 1); got {r}"));
            }
        }
        if let Optimizer::Adam { epsilon, .. } = self {
            if !(epsilon.is_finite() && *epsilon > 0.0) {
                return Err(format!("Adam's epsilon must be a small positive number; got {epsilon}"));
            }
        }
        Ok(())
    }
}

/// A penalty on the weights (never the biases) added to the data loss.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum Regularization {
    /// No penalty.
    #[default]
    None,
    /// L1: R = lambda sum |w|, dR/dw = lambda sign(w).
    L1 {
        /// Strength lambda.
        lambda: f32,
    },
    /// L2: R = lambda/2 sum w^2, dR/dw = lambda w (weight decay, "gradual forgetting").
    L2 {
        /// Strength lambda.
        lambda: f32,
    },
}

impl Regularization {
    /// Checks that lambda is finite and in [0, 10].
    pub fn validate(&self) -> Result<(), String> {
        match *self {
            Regularization::L1 { lambda } | Regularization::L2 { lambda } if !(0.0..=10.0).contains(&lambda) => Err(
                format!("regularization strength lambda must be between 0 and 10; got {lambda}"),
            ),
            _ => Ok(()),
        }
    }

    /// The penalty R(w) for one weight tensor.
    pub fn penalty(&self, weights: &[f32]) -> f64 {
        match *self {
            Regularization::None => 0.0,
            Regularization::L1 { lambda } => lambda as f64 * weights.iter().map(|w| w.abs() as f64).sum::<f64>(),
            Regularization::L2 { lambda } => {
                0.5 * lambda as f64 * weights.iter().map(|&w| (w as f64) * (w as f64)).sum::<f64>()
            }
        }
    }

    /// Adds dR/dw to the gradient `grad` of the weights `weights`.
    pub fn add_gradient(&self, weights: &[f32], grad: &mut [f32]) {
        match *self {
            Regularization::None => {}
            Regularization::L1 { lambda } => {
                for (g, &w) in grad.iter_mut().zip(weights) {
                    // sign(0) = 0: the subgradient that leaves exact zeros alone
                    *g += lambda
                        * if w > 0.0 {
                            1.0
                        } else if w < 0.0 {
                            -1.0
                        } else {
                            0.0
                        };
                }
            }
            Regularization::L2 { lambda } => grad.iter_mut().zip(weights).for_each(|(g, &w)| *g += lambda * w),
        }
    }
}

/// Per-parameter memory of an optimizer (momentum velocity, Adam moments), one slot per tensor.
#[derive(Clone, Debug, Default)]
pub struct OptimizerState {
    steps: u32,
    first: Vec<Vec<f32>>,
    second: Vec<Vec<f32>>,
}

impl OptimizerState {
    /// Forgets all history (after a change of optimizer, or a reset).
    pub fn reset(&mut self) {
        *self = OptimizerState::default();
    }

    /// Counts one training step (for Adam's bias correction).
    pub fn begin_step(&mut self) {
        self.steps += 1;
    }

    fn slot(store: &mut Vec<Vec<f32>>, slot: usize, len: usize) -> &mut Vec<f32> {
        if store.len() <= slot {
            store.resize_with(slot + 1, Vec::new);
        }
        let v = &mut store[slot];
        if v.len() != len {
            *v = vec![0.0; len];
        }
        v
    }

    /// Applies one update to the tensor in `slot`. A parameter whose new value
    /// would not be finite is left unchanged; returns false if that happened.
    pub fn update(&mut self, opt: &Optimizer, slot: usize, params: &mut [f32], grads: &[f32]) -> bool {
        let old = params.to_vec();
        self.update_into(opt, slot, &old, grads, params)
    }

    /// One update of the tensor in `slot` from `old` into `new` (same length), leaving `old` as it
    /// was: the network keeps two buffers per tensor and swaps them, so the parameters before the
    /// update are still there if training diverges, without a copy. A parameter whose new value
    /// would not be finite keeps its old value; returns false if that happened (a non-finite
    /// gradient always leads here).
    pub fn update_into(&mut self, opt: &Optimizer, slot: usize, old: &[f32], grads: &[f32], new: &mut [f32]) -> bool {
        assert!(
            old.len() == new.len() && grads.len() == new.len(),
            "one gradient per parameter"
        );
        // Branch-free so the loops vectorize (simd128 on wasm): a select and an AND per element.
        let mut finite = true;
        let mut set = |out: &mut f32, w: f32, next: f32| {
            let ok = next.is_finite();
            *out = if ok { next } else { w };
            finite &= ok;
        };
        match *opt {
            Optimizer::Sgd { learning_rate } => {
                for ((out, &w), &g) in new.iter_mut().zip(old).zip(grads) {
                    set(out, w, w - learning_rate * g);
                }
            }
            Optimizer::Momentum {
                learning_rate,
                momentum,
            } => {
                let v = Self::slot(&mut self.first, slot, new.len());
                for (((out, &w), &g), v) in new.iter_mut().zip(old).zip(grads).zip(v.iter_mut()) {
                    *v = momentum * *v - learning_rate * g;
                    set(out, w, w + *v);
                }
            }
            Optimizer::Adam {
                learning_rate,
                beta1,
                beta2,
                epsilon,
            } => {
                let t = self.steps.max(1) as i32;
                let c1 = 1.0 / (1.0 - beta1.powi(t));
                let c2 = 1.0 / (1.0 - beta2.powi(t));
                let m = Self::slot(&mut self.first, slot, new.len());
                let v = Self::slot(&mut self.second, slot, new.len());
                for ((((out, &w), &g), m), v) in new.iter_mut().zip(old).zip(grads).zip(m.iter_mut()).zip(v.iter_mut())
                {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    set(out, w, w - learning_rate * (*m * c1) / ((*v * c2).sqrt() + epsilon));
                }
            }
        }
        finite
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_forms_parse_with_defaults_and_reject_unknown_fields() {
        let o: Optimizer = serde_json::from_str(r#"{"kind":"adam","learningRate":0.01}"#).unwrap();
        assert_eq!(
            o,
            Optimizer::Adam {
                learning_rate: 0.01,
                beta1: 0.9,
                beta2: 0.999,
                epsilon: 1e-8
            }
        );
        let e = serde_json::from_str::<Optimizer>(r#"{"kind":"sgd","learningRate":0.1,"lr":2}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `lr`"), "{e}");
        let r: Regularization = serde_json::from_str(r#"{"kind":"l2","lambda":0.001}"#).unwrap();
        assert_eq!(r, Regularization::L2 { lambda: 0.001 });
    }

    #[test]
    fn l2_alone_is_gradual_forgetting() {
        // With no data loss, each SGD step multiplies every weight by (1 - lr lambda).
        let reg = Regularization::L2 { lambda: 0.5 };
        let opt = Optimizer::Sgd { learning_rate: 0.1 };
        let mut state = OptimizerState::default();
        let mut w = vec![2.0f32, -4.0];
        for _ in 0..3 {
            let mut g = vec![0.0; 2];
            reg.add_gradient(&w, &mut g);
            state.begin_step();
            state.update(&opt, 0, &mut w, &g);
        }
        let f = 0.95f32.powi(3);
        assert!((w[0] - 2.0 * f).abs() < 1e-6 && (w[1] + 4.0 * f).abs() < 1e-6, "{w:?}");
    }

    #[test]
    fn adam_first_step_moves_by_learning_rate() {
        let opt = Optimizer::adam(0.01);
        let mut state = OptimizerState::default();
        let mut w = vec![1.0f32, 1.0];
        state.begin_step();
        state.update(&opt, 0, &mut w, &[3.0, -0.2]);
        assert!((w[0] - 0.99).abs() < 1e-6 && (w[1] - 1.01).abs() < 1e-6, "{w:?}");
    }

    #[test]
    fn non_finite_updates_are_refused() {
        let mut state = OptimizerState::default();
        let mut w = vec![1.0f32];
        let ok = state.update(&Optimizer::Sgd { learning_rate: 10.0 }, 0, &mut w, &[f32::MAX]);
        assert!(!ok);
        assert_eq!(w, vec![1.0]);
    }

    #[test]
    fn bad_settings_are_explained() {
        assert!(Optimizer::Sgd { learning_rate: 0.0 }
            .validate()
            .unwrap_err()
            .contains("greater than 0"));
        let m = Optimizer::Momentum {
            learning_rate: 0.1,
            momentum: 1.5,
        };
        assert!(m.validate().unwrap_err().contains("momentum must be in [0, 1)"));
        assert!(Regularization::L2 { lambda: -1.0 }
            .validate()
            .unwrap_err()
            .contains("lambda"));
    }
}
