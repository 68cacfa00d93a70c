//! Every neuron's output over the input plane, for the playground's heatmaps.
//!
//! One call evaluates the network on an `n x n` grid (one batch through the vectorized
//! forward pass, not a loop per pixel) and writes every map into one buffer that the page
//! reads without copying:
//!
//! `[feature maps (F) | layer 1 units | layer 2 units | … | output units]`, each map `n * n`
//! values, row 0 at the top (x2 = hi), column 0 at the left (x1 = lo), sampled at cell centres.

use crate::data::toy::expand_into;
use crate::error::Result;
use crate::nn::{Matrix, Network};

/// The reusable buffers of the heatmaps.
#[derive(Clone, Debug, Default)]
pub struct Heatmaps {
    /// All maps, one after the other (see the module docs for the layout).
    pub values: Vec<f32>,
    /// How many maps each block holds: the features, then each layer's units.
    pub counts: Vec<u32>,
    /// Samples per side of the grid.
    pub n: usize,
    xy: Vec<f32>,
    inputs: Vec<f32>,
}

/// The grid's sample points as pairs (x1, x2), cell centres, row after row from the top.
///
/// x1 = lo + (col + 0.5) / n · (hi - lo), x2 = hi - (row + 0.5) / n · (hi - lo).
pub fn grid_points(n: usize, lo: f32, hi: f32, out: &mut Vec<f32>) {
    out.clear();
    let span = hi - lo;
    for row in 0..n {
        let x2 = hi - (row as f32 + 0.5) / n as f32 * span;
        for col in 0..n {
            out.push(lo + (col as f32 + 0.5) / n as f32 * span);
            out.push(x2);
        }
    }
}

impl Heatmaps {
    /// Evaluates `net` (fed with the features in `mask`) on the `n x n` grid over `[lo, hi]²`
    /// and stores every feature's and every neuron's value at every grid point.
    pub fn compute(&mut self, net: &Network, mask: u32, n: usize, lo: f32, hi: f32) -> Result<()> {
        if !((2..=256).contains(&n) && lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(crate::Error::InvalidInput(format!(
                "the heatmap grid needs 2 to 256 samples per side and lo < hi; got n = {n}, [{lo}, {hi}]"
            )));
        }
        grid_points(n, lo, hi, &mut self.xy);
        let f = expand_into(&self.xy, mask, &mut self.inputs)?;
        let x = Matrix::from_vec(n * n, f, std::mem::take(&mut self.inputs)).expect("sizes match");
        let acts = net.activations(&x);
        self.inputs = x.data;
        let acts = acts?;
        let pixels = n * n;
        self.n = n;
        self.counts.clear();
        self.counts.push(f as u32);
        self.counts.extend(acts.iter().map(|(_, h)| h.cols as u32));
        let total: usize = self.counts.iter().map(|&c| c as usize).sum::<usize>() * pixels;
        self.values.resize(total, 0.0);
        // Transpose each batch x units matrix into unit-major maps.
        let mut offset = 0;
        let blocks =
            std::iter::once((f, self.inputs.as_slice())).chain(acts.iter().map(|(_, h)| (h.cols, h.data.as_slice())));
        for (units, data) in blocks {
            for j in 0..units {
                let map = &mut self.values[offset + j * pixels..offset + (j + 1) * pixels];
                for (p, v) in map.iter_mut().enumerate() {
                    *v = data[p * units + j];
                }
            }
            offset += units * pixels;
        }
        Ok(())
    }

    /// The map of unit `unit` in block `block` (0 = features, 1 = first layer, …), if it exists.
    pub fn map(&self, block: usize, unit: usize) -> Option<&[f32]> {
        let pixels = self.n * self.n;
        if unit >= *self.counts.get(block)? as usize {
            return None;
        }
        let before: usize = self.counts[..block].iter().map(|&c| c as usize).sum();
        let start = (before + unit) * pixels;
        self.values.get(start..start + pixels)
    }
}
