//! Data augmentation for 28x28 digits: each time a digit is trained on it is slightly moved, turned,
//! resized, slanted and made thinner or bolder, so the network learns the digit rather than its exact pixels
//! (and copes with the many ways people draw). Seeded: the same [`Rng`] gives the same distortions.

use super::digits::{PIXELS, SIDE};
use crate::nn::Rng;

/// Ranges of the random distortions; each is drawn uniformly and independently per digit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Augment {
    /// Largest shift, in pixels, along each axis.
    pub max_shift: f32,
    /// Largest rotation, in degrees, either way.
    pub max_rotation: f32,
    /// Scale factors are drawn from `[1 - max_scale, 1 + max_scale]`.
    pub max_scale: f32,
    /// Largest horizontal shear (slant), as x += shear * y.
    pub max_shear: f32,
    /// Largest change of stroke thickness: a fraction t in `[-thickness, thickness]` of a one-pixel
    /// dilation (t > 0, bolder) or erosion (t < 0, thinner) is blended in.
    pub thickness: f32,
}

impl Default for Augment {
    /// Shifts of up to 2 px, rotations of up to 12 degrees, scaling by 0.9 to 1.1, slant up to 0.15,
    /// stroke thickness +-70% of a pixel: distortions under which a digit keeps its label.
    fn default() -> Self {
        Augment {
            max_shift: 2.0,
            max_rotation: 12.0,
            max_scale: 0.1,
            max_shear: 0.15,
            thickness: 0.7,
        }
    }
}

impl Augment {
    /// Writes a randomly distorted copy of `image` (784 values, 0 to 1) into `out`.
    ///
    /// The affine part maps an output pixel p back to the source point `c + A^-1 (p - c - t)` around the
    /// center c = (14, 14), with A = rotation x shear x scale, and samples it bilinearly (0 outside).
    pub fn apply(&self, image: &[f32], rng: &mut Rng, out: &mut [f32]) {
        let angle = rng.uniform(-self.max_rotation, self.max_rotation).to_radians();
        let scale = rng.uniform(1.0 - self.max_scale, 1.0 + self.max_scale);
        let shear = rng.uniform(-self.max_shear, self.max_shear);
        let (tx, ty) = (
            rng.uniform(-self.max_shift, self.max_shift),
            rng.uniform(-self.max_shift, self.max_shift),
        );
        let thickness = rng.uniform(-self.thickness, self.thickness);
        // A = R(angle) [[1, shear], [0, 1]] * scale.
        let (s, c) = angle.sin_cos();
        let (a, b, cc, d) = (c * scale, (c * shear - s) * scale, s * scale, (s * shear + c) * scale);
        let det = a * d - b * cc;
        let (ia, ib, ic, id) = (d / det, -b / det, -cc / det, a / det);
        let center = SIDE as f32 / 2.0;
        let mut moved = [0.0f32; PIXELS];
        for y in 0..SIDE {
            for x in 0..SIDE {
                let (px, py) = (x as f32 - center - tx, y as f32 - center - ty);
                let (sx, sy) = (center + ia * px + ib * py, center + ic * px + id * py);
                moved[y * SIDE + x] = bilinear(image, sx, sy);
            }
        }
        thicken(&moved, thickness, out);
    }
}

/// Bilinear interpolation of a 28x28 image at (x, y) in index coordinates; 0 outside.
fn bilinear(image: &[f32], x: f32, y: f32) -> f32 {
    let (fx, fy) = (x.floor(), y.floor());
    let (wx, wy) = (x - fx, y - fy);
    let (x0, y0) = (fx as isize, fy as isize);
    let at = |xx: isize, yy: isize| {
        if (0..SIDE as isize).contains(&xx) && (0..SIDE as isize).contains(&yy) {
            image[yy as usize * SIDE + xx as usize]
        } else {
            0.0
        }
    };
    (1.0 - wy) * ((1.0 - wx) * at(x0, y0) + wx * at(x0 + 1, y0))
        + wy * ((1.0 - wx) * at(x0, y0 + 1) + wx * at(x0 + 1, y0 + 1))
}

/// Blends a fraction |t| of the 4-neighbour dilation (t > 0) or erosion (t < 0) of `image` into `out`.
fn thicken(image: &[f32], t: f32, out: &mut [f32]) {
    let at = |x: isize, y: isize| {
        if (0..SIDE as isize).contains(&x) && (0..SIDE as isize).contains(&y) {
            image[y as usize * SIDE + x as usize]
        } else {
            0.0
        }
    };
    for y in 0..SIDE as isize {
        for x in 0..SIDE as isize {
            let v = at(x, y);
            let n = [at(x - 1, y), at(x + 1, y), at(x, y - 1), at(x, y + 1)];
            let target = if t > 0.0 {
                n.iter().cloned().fold(v, f32::max)
            } else {
                n.iter().cloned().fold(v, f32::min)
            };
            out[y as usize * SIDE + x as usize] = (v + t.abs() * (target - v)).clamp(0.0, 1.0);
        }
    }
}
