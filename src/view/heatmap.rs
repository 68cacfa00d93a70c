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
use crate::nn::Network;

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
    units: Vec<f32>,
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
        let pixels = n * n;
        // The feature maps are the inputs feature-major: the first block of the buffer, and the
        // input of the network's unit-major forward pass (no per-layer matrices, no transposes).
        self.values.clear();
        self.values.resize(f * pixels, 0.0);
        for (p, row) in self.inputs.chunks_exact(f).enumerate() {
            for (j, &v) in row.iter().enumerate() {
                self.values[j * pixels + p] = v;
            }
        }
        net.unit_maps(&self.values, pixels, &mut self.units)?;
        self.values.extend_from_slice(&self.units);
        self.n = n;
        self.counts.clear();
        self.counts.push(f as u32);
        self.counts.extend(net.layers.iter().map(|l| l.units as u32));
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
