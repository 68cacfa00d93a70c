//! Activation functions f and their derivatives f' (lecture section 2.3).
//!
//! Each non-maxout activation maps a pre-activation `z` to `h = f(z)`
//! element by element. Maxout instead takes the maximum of `k` linear pieces
//! per unit, `max(w_1^T x + b_1, ..., w_k^T x + b_k)`; the layer stores the
//! `k` pieces of unit `j` in rows `j*k .. j*k + k` of its weight matrix.

use super::lanes::F4;
use serde::{Deserialize, Serialize};

/// An activation function, named as in the lecture. Serialized the serde way:
/// `"relu"`, `{"leakyRelu": {"alpha": 0.01}}`, `{"maxout": {"k": 2}}`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Activation {
    /// Identity: f(z) = z, f'(z) = 1. The output layer's default: raw scores.
    Identity,
    /// Hard threshold at zero: f(z) = 1 if z >= 0, else 0. f' is 0 almost everywhere,
    /// so networks containing it can be wired by hand but not trained.
    Step,
    /// Sigmoid: f(z) = 1 / (1 + e^-z), f'(z) = f(z) (1 - f(z)).
    Sigmoid,
    /// Tanh: f(z) = tanh(z) = 2 sigmoid(2z) - 1, f'(z) = 1 - f(z)^2.
    Tanh,
    /// Rectified linear unit: f(z) = max(0, z), f'(z) = 1(z > 0).
    Relu,
    /// Leaky ReLU: f(z) = 1(z < 0) alpha z + 1(z >= 0) z, f'(z) = alpha if z < 0, else 1.
    LeakyRelu {
        /// Slope for negative inputs (the lecture suggests 0.01).
        alpha: f32,
    },
    /// Maxout: f = max over k pieces of (w_p^T x + b_p); the gradient flows to the winning piece.
    Maxout {
        /// Number of linear pieces per unit (the lecture's example has 2).
        k: usize,
    },
}

impl Activation {
    /// Linear pieces per unit: `k` for maxout, 1 otherwise.
    pub fn pieces(self) -> usize {
        match self {
            Activation::Maxout { k } => k,
            _ => 1,
        }
    }

    /// The lecture's name for this activation.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Step => "step",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "ReLU",
            Activation::LeakyRelu { .. } => "leaky ReLU",
            Activation::Maxout { .. } => "maxout",
        }
    }

    /// f(z) for one number (maxout: the identity on one piece).
    pub fn value(self, z: f32) -> f32 {
        match self {
            Activation::Identity | Activation::Maxout { .. } => z,
            Activation::Step => (z >= 0.0) as u8 as f32,
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => tanh(z),
            Activation::Relu => relu(z),
            Activation::LeakyRelu { alpha } => {
                if z < 0.0 {
                    alpha * z
                } else {
                    z
                }
            }
        }
    }

    /// f'(z) for one number, given also h = f(z) (cheaper for sigmoid and tanh).
    pub fn derivative(self, z: f32, h: f32) -> f32 {
        match self {
            Activation::Identity | Activation::Maxout { .. } => 1.0,
            Activation::Step => 0.0,
            Activation::Sigmoid => h * (1.0 - h),
            Activation::Tanh => 1.0 - h * h,
            Activation::Relu => (z > 0.0) as u8 as f32,
            Activation::LeakyRelu { alpha } => {
                if z < 0.0 {
                    alpha
                } else {
                    1.0
                }
            }
        }
    }

    /// Forward over a batch: `z` is `batch x (units * k)`, `h` is `batch x units`.
    pub fn forward(self, z: &[f32], h: &mut [f32]) {
        match self {
            Activation::Maxout { k } => {
                for (out, pieces) in h.iter_mut().zip(z.chunks_exact(k)) {
                    *out = pieces.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                }
            }
            Activation::Identity => h.copy_from_slice(z),
            // one arm per function so each loop vectorizes (simd128 on wasm)
            Activation::Relu => h.iter_mut().zip(z).for_each(|(h, &z)| *h = relu(z)),
            Activation::Tanh => tanh_into(z, h),
            _ => h.iter_mut().zip(z).for_each(|(h, &z)| *h = self.value(z)),
        }
    }

    /// `v <- f(v)` element by element, for every activation but maxout (which changes the length).
    pub fn forward_in_place(self, v: &mut [f32]) {
        debug_assert!(self.pieces() == 1, "maxout has k pieces per unit");
        match self {
            Activation::Identity | Activation::Maxout { .. } => {}
            Activation::Relu => v.iter_mut().for_each(|v| *v = relu(*v)),
            Activation::Tanh => tanh_in_place(v),
            _ => v.iter_mut().for_each(|v| *v = self.value(*v)),
        }
    }

    /// Backward over a batch: `dz = dh * f'(z)`; for maxout `dz` is routed to each unit's winning piece.
    pub fn backward(self, z: &[f32], h: &[f32], dh: &[f32], dz: &mut [f32]) {
        match self {
            Activation::Maxout { k } => {
                for (((dz, pieces), &dh), &h) in dz.chunks_exact_mut(k).zip(z.chunks_exact(k)).zip(dh).zip(h) {
                    let winner = pieces.iter().position(|&p| p == h).unwrap_or(0);
                    dz.fill(0.0);
                    dz[winner] = dh;
                }
            }
            Activation::Identity => dz.copy_from_slice(dh),
            // one arm per function so each loop vectorizes (simd128 on wasm)
            Activation::Relu => {
                for ((dz, &z), &dh) in dz.iter_mut().zip(z).zip(dh) {
                    *dz = if z > 0.0 { dh } else { 0.0 };
                }
            }
            Activation::Tanh => {
                for ((dz, &h), &dh) in dz.iter_mut().zip(h).zip(dh) {
                    *dz = dh * (1.0 - h * h);
                }
            }
            Activation::Sigmoid => {
                for ((dz, &h), &dh) in dz.iter_mut().zip(h).zip(dh) {
                    *dz = dh * (h * (1.0 - h));
                }
            }
            _ => {
                for (((dz, &z), &h), &dh) in dz.iter_mut().zip(z).zip(h).zip(dh) {
                    *dz = dh * self.derivative(z, h);
                }
            }
        }
    }

    /// Whether the unit output `h` sits where the gradient is nearly zero:
    /// f' below 10% of its peak (sigmoid: h(1-h) < 0.025; tanh: 1-h^2 < 0.1).
    /// Only sigmoid and tanh saturate; ReLUs "die" instead (see the network's dead fraction).
    pub fn is_saturated(self, h: f32) -> bool {
        match self {
            Activation::Sigmoid => h * (1.0 - h) < 0.025,
            Activation::Tanh => 1.0 - h * h < 0.1,
            _ => false,
        }
    }

    /// Checks the parameters: alpha finite and in [0, 1), k between 2 and 8.
    pub fn validate(self) -> Result<(), String> {
        match self {
            Activation::LeakyRelu { alpha } if !(alpha.is_finite() && (0.0..1.0).contains(&alpha)) => Err(format!(
                "leaky ReLU slope alpha must be in [0, 1) (the lecture uses 0.01); got {alpha}"
            )),
            Activation::Maxout { k } if !(2..=8).contains(&k) => Err(format!(
                "maxout needs between 2 and 8 linear pieces per unit; got k = {k}"
            )),
            _ => Ok(()),
        }
    }
}

/// ReLU max(0, z), written as a select (NaN gives 0) so loops over it vectorize:
/// `f32::max` has IEEE maxNum semantics that wasm's `f32.max` lacks, so it becomes a libm call.
#[inline(always)]
pub fn relu(z: f32) -> f32 {
    if z > 0.0 {
        z
    } else {
        0.0
    }
}

/// tanh(z) as a rational function p(z) / q(z) (odd degree 13 over even degree 6), z clamped
/// to [-7.9053, 7.9053], the end of the fit (tanh is within 3e-7 of ±1 there). Only
/// multiplies, adds and one divide, so it runs four lanes at a time ([`tanh_in_place`]; libm's
/// `tanhf` is a scalar call). The coefficients are the minimax fit used by Eigen's
/// `ptanh_float`; both polynomials in z² are evaluated by Estrin's scheme (shorter dependency
/// chains than Horner's, so more of them run at once). The absolute error is below 4e-7
/// everywhere (tested against f64 tanh), about 3 units in the last place near ±1.
#[inline(always)]
pub fn tanh(z: f32) -> f32 {
    let c = &TANH;
    let x = z.clamp(c[LO], c[HI]); // NaN stays NaN
    let x2 = x * x;
    let x4 = x2 * x2;
    let x8 = x4 * x4;
    let p01 = c[0] + c[1] * x2;
    let p23 = c[2] + c[3] * x2;
    let p456 = (c[4] + c[5] * x2) + c[6] * x4;
    let p = (p01 + p23 * x4) + p456 * x8;
    let q = (c[7] + c[8] * x2) + (c[9] + c[10] * x2) * x4;
    x * p / q
}

/// [`tanh`] of four lanes, operation for operation, so it gives the same bits in every lane.
#[inline(always)]
fn tanh_lanes(z: F4, c: &[F4; 13]) -> F4 {
    let x = z.clamp(c[LO], c[HI]);
    let x2 = x.mul(x);
    let x4 = x2.mul(x2);
    let x8 = x4.mul(x4);
    let p01 = c[0].mul_add(c[1], x2);
    let p23 = c[2].mul_add(c[3], x2);
    let p456 = c[4].mul_add(c[5], x2).mul_add(c[6], x4);
    let p = p01.mul_add(p23, x4).add(p456.mul(x8));
    let q = c[7].mul_add(c[8], x2).mul_add(c[9].mul_add(c[10], x2), x4);
    x.mul(p).div(q)
}

/// `v <- tanh(v)` element by element, four lanes at a time; the same values as [`tanh`].
pub fn tanh_in_place(v: &mut [f32]) {
    let p = v.as_mut_ptr();
    // SAFETY: reads and writes the same `v.len()` floats, each read before it is written.
    unsafe { tanh_lanes_over(p, p, v.len()) }
}

/// `h <- tanh(z)` element by element, as [`tanh_in_place`].
pub fn tanh_into(z: &[f32], h: &mut [f32]) {
    assert_eq!(z.len(), h.len(), "one output per input");
    // SAFETY: both hold `z.len()` floats.
    unsafe { tanh_lanes_over(z.as_ptr(), h.as_mut_ptr(), z.len()) }
}

/// `dst[i] = tanh(src[i])` for `i < n`, four at a time, then one at a time.
///
/// # Safety
/// `src` has `n` readable floats and `dst` `n` writable ones; they are the same or do not overlap.
unsafe fn tanh_lanes_over(src: *const f32, dst: *mut f32, n: usize) {
    // The coefficients go through `black_box` once so they are splatted into registers before
    // the loop instead of rebuilt as constants inside it (which some engines do).
    let c: [F4; 13] = std::array::from_fn(|i| F4::splat(std::hint::black_box(TANH[i])));
    let n4 = n - n % 4;
    for i in (0..n4).step_by(4) {
        tanh_lanes(F4::load(src.add(i)), &c).store(dst.add(i));
    }
    for i in n4..n {
        *dst.add(i) = tanh(*src.add(i));
    }
}

/// The numerator's 7 coefficients (in z², lowest first), the denominator's 4, then the clamp.
const TANH: [f32; 13] = [
    4.893_524_6e-3,
    6.372_619_3e-4,
    1.485_722_4e-5,
    5.122_297e-8,
    -8.604_672e-11,
    2.000_188e-13,
    -2.760_768_5e-16,
    4.893_525e-3,
    2.268_434_6e-3,
    1.185_347_1e-4,
    1.198_258_4e-6,
    -7.905_311,
    7.905_311,
];
const LO: usize = 11;
const HI: usize = 12;

/// The logistic sigmoid 1 / (1 + e^-z), written to stay finite for large |z|.
pub fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_tanh_is_within_4e7_of_tanh_and_odd() {
        let mut worst = 0.0f64;
        for i in -200_000..=200_000 {
            let z = i as f32 * 6e-5;
            let err = (tanh(z) as f64 - (z as f64).tanh()).abs();
            worst = worst.max(err);
            assert_eq!(tanh(-z), -tanh(z));
        }
        assert!(worst < 4e-7, "worst error {worst}");
        assert_eq!(tanh(0.0), 0.0);
        // far out it is the value at the clamp, within the same error of 1
        assert!((1.0 - tanh(1e4)).abs() < 4e-7 && tanh(-1e4) == -tanh(1e4));
        assert!(tanh(f32::NAN).is_nan());
        assert_eq!(relu(f32::NAN), 0.0);
    }

    #[test]
    fn tanh_four_lanes_at_a_time_gives_the_scalar_bits() {
        let mut v: Vec<f32> = (-40_001..=40_001).map(|i| i as f32 * 2.5e-4).collect();
        v.extend([f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1e-30, -0.0]);
        let want: Vec<f32> = v.iter().map(|&z| tanh(z)).collect();
        let mut h = vec![0.0; v.len()];
        tanh_into(&v, &mut h);
        tanh_in_place(&mut v);
        assert!(h.iter().zip(&v).all(|(a, b)| a.to_bits() == b.to_bits()));
        for (g, w) in v.iter().zip(&want) {
            assert!(g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()), "{g} vs {w}");
        }
    }

    #[test]
    fn tanh_is_a_scaled_sigmoid() {
        for i in -40..=40 {
            let x = i as f32 / 8.0;
            assert!((x.tanh() - (2.0 * sigmoid(2.0 * x) - 1.0)).abs() < 1e-6);
        }
    }

    #[test]
    fn derivatives_match_finite_differences() {
        let acts = [
            Activation::Identity,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::LeakyRelu { alpha: 0.1 },
        ];
        for act in acts {
            for &z in &[-2.3f32, -0.7, 0.4, 1.9] {
                let eps = 1e-3f64;
                let f = |x: f64| act.value(x as f32) as f64;
                let numeric = (f(z as f64 + eps) - f(z as f64 - eps)) / (2.0 * eps);
                let analytic = act.derivative(z, act.value(z)) as f64;
                assert!(
                    (numeric - analytic).abs() < 1e-3,
                    "{act:?} at {z}: {numeric} vs {analytic}"
                );
            }
        }
    }

    #[test]
    fn maxout_picks_the_largest_piece_and_routes_its_gradient() {
        let act = Activation::Maxout { k: 2 };
        let z = [1.0, 3.0, -2.0, -5.0];
        let mut h = [0.0; 2];
        act.forward(&z, &mut h);
        assert_eq!(h, [3.0, -2.0]);
        let mut dz = [9.0; 4];
        act.backward(&z, &h, &[0.5, -1.0], &mut dz);
        assert_eq!(dz, [0.0, 0.5, -1.0, 0.0]);
    }

    #[test]
    fn sigmoid_stays_finite_far_out() {
        assert_eq!(sigmoid(-200.0), 0.0);
        assert_eq!(sigmoid(200.0), 1.0);
        assert!(Activation::Sigmoid.is_saturated(sigmoid(6.0)));
        assert!(!Activation::Sigmoid.is_saturated(sigmoid(0.5)));
    }

    #[test]
    fn bad_parameters_are_explained() {
        let e = Activation::LeakyRelu { alpha: 2.0 }.validate().unwrap_err();
        assert!(e.contains("alpha must be in [0, 1)"), "{e}");
        let e = Activation::Maxout { k: 1 }.validate().unwrap_err();
        assert!(e.contains("between 2 and 8"), "{e}");
    }
}
