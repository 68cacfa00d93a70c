//! Why one linear unit cannot compute XOR (lecture 3.3): an exhaustive search over
//! lines shows that no line classifies more than 3 of the 4 XOR points.

use serde::Serialize;

/// The XOR inputs (0,0), (0,1), (1,0), (1,1), one per row.
pub const XOR_INPUTS: [f32; 8] = [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
/// XOR of each input row.
pub const XOR_TARGETS: [f32; 4] = [0.0, 1.0, 1.0, 0.0];

/// The best line found: its parameters and how many points it gets right.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BestLine {
    /// Points on the right side of the best line.
    pub correct: usize,
    /// Points in the dataset.
    pub total: usize,
    /// Lines tried.
    pub tried: usize,
    /// Weights (w1, w2) and bias b of the best line: predict 1 where w1 x1 + w2 x2 + b > 0.
    pub w1: f32,
    /// See `w1`.
    pub w2: f32,
    /// See `w1`.
    pub b: f32,
}

/// Tries `angles` unit normals w = (cos t, sin t) and `offsets` biases b in [-2, 2] and keeps
/// the line y = 1(w . x + b > 0) with the most correct points; among those, the one farthest
/// from its nearest point (the widest margin, so the picture is clear).
pub fn best_line(inputs: &[f32], targets: &[f32], angles: usize, offsets: usize) -> BestLine {
    let angles = angles.clamp(1, 3600);
    let offsets = offsets.clamp(2, 4001);
    let mut best = BestLine {
        correct: 0,
        total: targets.len(),
        tried: angles * offsets,
        w1: 0.0,
        w2: 0.0,
        b: 0.0,
    };
    let mut best_margin = f32::NEG_INFINITY;
    for a in 0..angles {
        let t = std::f32::consts::TAU * a as f32 / angles as f32;
        let (w1, w2) = (t.cos(), t.sin());
        for o in 0..offsets {
            let b = -2.0 + 4.0 * o as f32 / (offsets - 1) as f32;
            let correct = inputs
                .chunks_exact(2)
                .zip(targets)
                .filter(|(x, &y)| ((w1 * x[0] + w2 * x[1] + b) > 0.0) == (y > 0.5))
                .count();
            let margin = inputs
                .chunks_exact(2)
                .map(|x| (w1 * x[0] + w2 * x[1] + b).abs())
                .fold(f32::INFINITY, f32::min);
            if correct > best.correct || (correct == best.correct && margin > best_margin) {
                best = BestLine {
                    correct,
                    w1,
                    w2,
                    b,
                    ..best
                };
                best_margin = margin;
            }
        }
    }
    best
}
