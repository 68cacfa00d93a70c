//! Exports used only by the benchmark suite (`bench/`): the simd128 ceiling of
//! the machine and the three matrix products of a training step, each run many
//! times inside one call so the JS-to-wasm crossing is not what gets timed.

use super::js;
use crate::error::Error;
use crate::nn::kernels::{linear, matmul_a_b, matmul_at_b};
use crate::nn::{Kernel, Matrix, Network, Rng};
use crate::Config;
use js_sys::Float32Array;
use wasm_bindgen::prelude::*;

/// The largest number of independent chains [`simd_peak`] accepts.
const MAX_CHAINS: usize = 16;

/// `iterations` rounds of `acc = acc * a + b` on `chains` independent f32x4
/// accumulators held in registers: 8 FLOPs per chain per round (4 lanes, a
/// multiply and an add), with nothing but the loop counter besides. Enough
/// chains hide the multiply and add latencies, so the time measures how many
/// simd128 multiplies and adds the engine and CPU retire per second: the
/// ceiling for kernels built from `f32x4.mul` and `f32x4.add` (simd128 has no
/// fused multiply-add). Returns the sum of all lanes so nothing can be
/// optimized away; with `a = 1, b = 0` the accumulators never change, so no
/// subnormal or infinite values slow the loop.
#[wasm_bindgen(js_name = simdPeak)]
pub fn simd_peak(chains: usize, iterations: u32, a: f32, b: f32) -> Result<f32, JsError> {
    Ok(match chains {
        4 => peak::<4>(iterations, a, b),
        8 => peak::<8>(iterations, a, b),
        10 => peak::<10>(iterations, a, b),
        12 => peak::<12>(iterations, a, b),
        13 => peak::<13>(iterations, a, b),
        14 => peak::<14>(iterations, a, b),
        MAX_CHAINS => peak::<MAX_CHAINS>(iterations, a, b),
        _ => {
            return Err(js(Error::InvalidInput(format!(
                "chains must be one of 4, 8, 10, 12, 13, 14, 16; got {chains}"
            ))))
        }
    })
}

/// FLOPs [`simd_peak`] performs: `chains * iterations * 8`.
#[wasm_bindgen(js_name = simdPeakFlops)]
pub fn simd_peak_flops(chains: usize, iterations: u32) -> f64 {
    chains as f64 * iterations as f64 * 8.0
}

#[cfg(target_feature = "simd128")]
#[inline(never)]
fn peak<const N: usize>(iterations: u32, a: f32, b: f32) -> f32 {
    use core::arch::wasm32::*;
    let (av, bv) = (f32x4_splat(a), f32x4_splat(b));
    let mut acc: [v128; N] = std::array::from_fn(|i| f32x4_splat(i as f32));
    for _ in 0..iterations {
        for v in acc.iter_mut() {
            *v = f32x4_add(f32x4_mul(*v, av), bv);
        }
    }
    let s = acc.iter().fold(f32x4_splat(0.0), |s, &v| f32x4_add(s, v));
    f32x4_extract_lane::<0>(s) + f32x4_extract_lane::<1>(s) + f32x4_extract_lane::<2>(s) + f32x4_extract_lane::<3>(s)
}

#[cfg(not(target_feature = "simd128"))]
#[inline(never)]
fn peak<const N: usize>(iterations: u32, a: f32, b: f32) -> f32 {
    let mut acc: [[f32; 4]; N] = std::array::from_fn(|i| [i as f32; 4]);
    for _ in 0..iterations {
        for v in acc.iter_mut() {
            v.iter_mut().for_each(|x| *x = *x * a + b);
        }
    }
    acc.iter().flatten().sum()
}

/// One matrix product of a training step on random operands, for timing.
///
/// `product` names it as in a layer with `inputs` inputs and `units` units at
/// batch size `batch`: `"forward"` is `Z = X W^T + 1 b^T`
/// (batch x inputs times inputs x units), `"weightGrad"` is `dW = dZ^T X`
/// (units x batch times batch x inputs), `"inputGrad"` is `dX = dZ W`
/// (batch x units times units x inputs). Each is `2 * batch * inputs * units` FLOPs.
#[wasm_bindgen]
pub struct ProductBench {
    product: Product,
    kernel: Kernel,
    x: Matrix,
    w: Matrix,
    b: Vec<f32>,
    dz: Matrix,
    out: Matrix,
}

#[derive(Clone, Copy)]
enum Product {
    Forward,
    WeightGrad,
    InputGrad,
}

#[wasm_bindgen]
impl ProductBench {
    /// Operands for `product` (`"forward"`, `"weightGrad"` or `"inputGrad"`) with kernel
    /// `"simd"`, `"sgemm"` or `"scalar"`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        product: &str,
        kernel: &str,
        batch: usize,
        inputs: usize,
        units: usize,
    ) -> Result<ProductBench, JsError> {
        let product = match product {
            "forward" => Product::Forward,
            "weightGrad" => Product::WeightGrad,
            "inputGrad" => Product::InputGrad,
            other => return Err(JsError::new(&format!("unknown product \"{other}\""))),
        };
        let kernel = super::network::parse_kernel(kernel)?;
        if [batch, inputs, units].iter().any(|&s| s == 0 || s > 4096) {
            return Err(js(Error::InvalidInput(
                "batch, inputs and units must be between 1 and 4096".into(),
            )));
        }
        let mut rng = Rng::new(1);
        let mut random = |r: usize, c: usize| {
            Matrix::from_vec(r, c, (0..r * c).map(|_| rng.uniform(-1.0, 1.0)).collect()).expect("r * c values")
        };
        let (x, w, dz) = (random(batch, inputs), random(units, inputs), random(batch, units));
        Ok(ProductBench {
            product,
            kernel,
            x,
            w,
            b: vec![0.1; units],
            dz,
            out: Matrix::default(),
        })
    }

    /// Computes the product `reps` times; returns one output value (so nothing is optimized away).
    pub fn run(&mut self, reps: u32) -> f32 {
        for _ in 0..reps {
            match self.product {
                Product::Forward => linear(self.kernel, &self.x, &self.w, &self.b, &mut self.out),
                Product::WeightGrad => matmul_at_b(self.kernel, &self.dz, &self.x, 0.0, &mut self.out),
                Product::InputGrad => matmul_a_b(self.kernel, &self.dz, &self.w, &mut self.out),
            }
        }
        self.out.data[0]
    }

    /// FLOPs of one product: `2 * batch * inputs * units`.
    pub fn flops(&self) -> f64 {
        2.0 * (self.x.rows * self.x.cols * self.w.rows) as f64
    }
}

/// One frame of the playground as the benchmark defines it: one epoch of minibatch
/// training over the points, then every neuron's heatmap on an `n x n` grid over [-6, 6]²
/// written into one Rust-owned buffer ([`Network::unit_maps`]).
#[wasm_bindgen]
pub struct PlaygroundBench {
    net: Network,
    x: Matrix,
    targets: Vec<f32>,
    batch: usize,
    xb: Matrix,
    grid: Vec<f32>,
    points: usize,
    maps: Vec<f32>,
}

#[wasm_bindgen]
impl PlaygroundBench {
    /// A network from `config` (as for `Mlp`), training points `x` (x1, x2 pairs) with
    /// `targets`, minibatches of `batch`, and an `n x n` heatmap grid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        config: JsValue,
        x: &[f32],
        targets: &[f32],
        batch: usize,
        n: usize,
    ) -> Result<PlaygroundBench, JsError> {
        let config: Config = super::from_js(config, "network configuration")?;
        let net = config.build().map_err(js)?;
        let inputs = net.spec().inputs;
        if inputs != 2 || x.len() != 2 * targets.len() || batch == 0 || !(2..=1024).contains(&n) {
            return Err(js(Error::InvalidInput(
                "the playground bench needs a 2-input network, one (x1, x2) pair per target, batch >= 1, 2 <= n <= 1024".into(),
            )));
        }
        let points = n * n;
        let mut grid = vec![0.0; 2 * points];
        for row in 0..n {
            for col in 0..n {
                let at = |i: usize| -6.0 + 12.0 * (i as f32 + 0.5) / n as f32;
                grid[row * n + col] = at(col);
                grid[points + row * n + col] = -at(row);
            }
        }
        Ok(PlaygroundBench {
            net,
            x: Matrix::from_vec(targets.len(), 2, x.to_vec()).expect("length checked"),
            targets: targets.to_vec(),
            batch,
            xb: Matrix::default(),
            grid,
            points,
            maps: Vec::new(),
        })
    }

    /// One epoch (batches in order) then all heatmaps; returns the epoch's mean loss.
    pub fn frame(&mut self) -> Result<f64, JsError> {
        let loss = self.epoch()?;
        self.maps()?;
        Ok(loss)
    }

    /// The training half of a frame: one epoch of minibatch steps, batches in order; returns the mean loss.
    pub fn epoch(&mut self) -> Result<f64, JsError> {
        let (rows, mut total, mut count) = (self.x.rows, 0.0, 0);
        let mut start = 0;
        while start < rows {
            let end = (start + self.batch).min(rows);
            self.xb.resize(end - start, 2);
            self.xb.data.copy_from_slice(&self.x.data[2 * start..2 * end]);
            total += self.net.train_step(&self.xb, &self.targets[start..end]).map_err(js)?;
            count += 1;
            start = end;
        }
        Ok(total / count as f64)
    }

    /// The drawing half of a frame: every neuron's heatmap on the grid ([`Network::unit_maps`]).
    pub fn maps(&mut self) -> Result<(), JsError> {
        self.net.unit_maps(&self.grid, self.points, &mut self.maps).map_err(js)
    }

    /// The heatmaps of the last frame: layer after layer, unit after unit, `n * n` values each
    /// (row 0 at the top). A view into wasm memory: do not keep it.
    #[wasm_bindgen(js_name = mapsView)]
    pub fn maps_view(&self) -> Float32Array {
        super::view(&self.maps)
    }
}
