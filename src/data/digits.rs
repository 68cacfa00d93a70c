//! Drawn-digit preprocessing, as MNIST itself was made (LeCun et al., the MNIST page):
//! "The original black and white images from NIST were size normalized to fit in a 20x20 pixel box
//! while preserving their aspect ratio. The resulting images contain grey levels as a result of the
//! anti-aliasing technique used by the normalization algorithm. The images were centered in a 28x28
//! image by computing the center of mass of the pixels, and translating the image so as to position
//! this point at the center of the 28x28 field."
//!
//! The page (a drawing pad) and the `mnist classify` tool (PNG files) both go through
//! [`ink_from_rgba`] then [`preprocess`], so the network sees the same 28x28 image either way.
//!
//! ```
//! use mlp::data::digits::{draw_stroke, preprocess, Options, PAD_SIZE, PEN_WIDTH, SIDE};
//! // A "1" drawn high and to the left of the pad...
//! let mut pad = vec![0.0; PAD_SIZE * PAD_SIZE];
//! draw_stroke(&mut pad, PAD_SIZE, PAD_SIZE, &[(60.0, 20.0), (60.0, 150.0)], PEN_WIDTH);
//! let image = preprocess(&pad, PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
//! // ...ends up 20 pixels tall with its center of mass at (14, 14), like every MNIST digit.
//! let (cx, cy) = mlp::data::digits::center_of_mass(&image, SIDE).unwrap();
//! assert!((cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5);
//! // An empty pad is "nothing drawn", not a guess.
//! let empty = vec![0.0; PAD_SIZE * PAD_SIZE];
//! assert!(preprocess(&empty, PAD_SIZE, PAD_SIZE, Options::default()).is_err());
//! ```

use crate::error::{Error, Result};

/// Side of an MNIST image: 28 pixels.
pub const SIDE: usize = 28;
/// Pixels of an MNIST image: 28 x 28 = 784, the network's inputs.
pub const PIXELS: usize = SIDE * SIDE;
/// The ink is scaled to fit a box of this side (20 x 20), keeping its aspect ratio.
pub const FIT: usize = 20;
/// Index coordinates (column, row) where the center of mass lands: pixel (14, 14). Measured on the
/// training set, the mean center of mass is (14.006, 13.997) with a standard deviation of 0.29 px,
/// the spread of a whole-pixel shift (1/sqrt(12)): MNIST rounded its shift to whole pixels, as we do.
pub const CENTER: f32 = 14.0;
/// A pixel is part of the drawing (for the bounding box) when its ink is above this fraction of the darkest stroke.
pub const INK_THRESHOLD: f32 = 0.1;
/// Side of the page's square drawing pad, in canvas pixels (10 times the 28-pixel image).
pub const PAD_SIZE: usize = 280;
/// Pen width (diameter, canvas pixels, round caps and joins) for a [`PAD_SIZE`] pad. MNIST strokes are about
/// 2 px wide in a digit 20 px tall, a tenth of its height (twice the area over the perimeter of the pixels above
/// 50% ink: median 1.98 px on the training set); a digit drawn 200 px tall (about 3/4 of the pad) with a 20 px pen
/// becomes 20 px tall with 2 px strokes. Augmented training (stroke thickness) tolerates drawings well above or
/// below that size.
pub const PEN_WIDTH: f32 = 20.0;
/// Largest canvas accepted, per side.
pub const MAX_SIDE: usize = 8192;

/// Choices for [`preprocess`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Shift the digit so its center of mass is at pixel (14, 14), as MNIST did (default). When off, the
    /// 20 x 20 box is centered instead, which is what a page that skips this step shows the network.
    pub center_of_mass: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { center_of_mass: true }
    }
}

/// Which way round a picture's ink is, as [`ink_from_rgba`] detected it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    /// Dark strokes on a light background (a pen on paper): ink is darkness.
    Light,
    /// Light strokes on a dark background (MNIST itself, chalk on a board): ink is brightness.
    Dark,
    /// Strokes on a transparent background (a drawing canvas never filled): ink is opacity.
    Transparent,
}

/// Ink intensity of every pixel of a picture, 0 (background) to 1 (full stroke), row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Ink {
    /// `width * height` intensities, row after row.
    pub values: Vec<f32>,
    /// Pixels per row.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// What the background was detected to be.
    pub background: Background,
}

fn check_size(width: usize, height: usize, len: usize, per_pixel: usize, what: &str) -> Result<()> {
    if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
        return Err(Error::InvalidInput(format!(
            "the {what} must be between 1 and {MAX_SIDE} pixels on each side; got {width} x {height}"
        )));
    }
    if len != width * height * per_pixel {
        return Err(Error::InvalidInput(format!(
            "a {width} x {height} {what} needs {} values ({per_pixel} per pixel); got {len}",
            width * height * per_pixel
        )));
    }
    Ok(())
}

/// Turns RGBA bytes (a canvas's `getImageData().data`, or a decoded PNG) into ink intensity, detecting
/// whether the digit is dark on light or light on dark.
///
/// The background is what most of the picture's outermost pixels (its 1-pixel frame) are: if they are
/// mostly transparent, ink is opacity (alpha / 255). Otherwise the median brightness of the frame, `bg`,
/// is the background, Y = 0.299 R + 0.587 G + 0.114 B is each pixel's brightness (composited over `bg`
/// where partly transparent), and ink is the contrast with the background:
/// `(bg - Y) / bg` on a light background, `(Y - bg) / (1 - bg)` on a dark one, clamped to [0, 1].
/// Inverting the colours of a picture therefore gives exactly the same ink.
pub fn ink_from_rgba(rgba: &[u8], width: usize, height: usize) -> Result<Ink> {
    let mut values = Vec::new();
    let background = ink_from_rgba_into(rgba, width, height, &mut values)?;
    Ok(Ink {
        values,
        width,
        height,
        background,
    })
}

/// [`ink_from_rgba`] into a reused buffer: `values` receives the `width * height` ink intensities (its
/// allocation is kept from call to call) and the detected background is returned.
pub fn ink_from_rgba_into(rgba: &[u8], width: usize, height: usize, values: &mut Vec<f32>) -> Result<Background> {
    check_size(width, height, rgba.len(), 4, "picture")?;
    values.clear();
    let frame: Vec<usize> = (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .filter(|&(x, y)| x == 0 || y == 0 || x + 1 == width || y + 1 == height)
        .map(|(x, y)| y * width + x)
        .collect();
    let mut alphas: Vec<u8> = frame.iter().map(|&i| rgba[4 * i + 3]).collect();
    alphas.sort_unstable();
    if alphas[alphas.len() / 2] < 128 {
        values.extend(rgba.chunks_exact(4).map(|p| p[3] as f32 / 255.0));
        return Ok(Background::Transparent);
    }
    // Brightness in integer units (0 ..= 255_000) so that inverting the colours is exact.
    const WHITE: f64 = 255_000.0;
    let luma = |p: &[u8]| 299.0 * p[0] as f64 + 587.0 * p[1] as f64 + 114.0 * p[2] as f64;
    let mut border: Vec<f64> = frame.iter().map(|&i| luma(&rgba[4 * i..4 * i + 4])).collect();
    border.sort_unstable_by(f64::total_cmp);
    let n = border.len();
    // The mean of the two middle values, so the median of the inverted picture is WHITE - bg exactly.
    let bg = 0.5 * (border[(n - 1) / 2] + border[n / 2]);
    let light = bg >= WHITE / 2.0;
    // A canvas is mostly runs of one colour: the last pixel's ink is reused when the bytes repeat.
    let mut last: Option<([u8; 4], f32)> = None;
    values.extend(rgba.chunks_exact(4).map(|p| {
        let bytes = [p[0], p[1], p[2], p[3]];
        if let Some((b, v)) = last {
            if b == bytes {
                return v;
            }
        }
        let a = p[3] as f64;
        // opaque pixels (nearly all of a canvas): (255 luma + 0 bg) / 255 is exactly luma
        let y = if p[3] == 255 {
            luma(p)
        } else {
            (a * luma(p) + (255.0 - a) * bg) / 255.0
        };
        let ink = if light {
            if bg > 0.0 {
                (bg - y) / bg
            } else {
                0.0
            }
        } else if bg < WHITE {
            (y - bg) / (WHITE - bg)
        } else {
            0.0
        };
        let v = ink.clamp(0.0, 1.0) as f32;
        last = Some((bytes, v));
        v
    }));
    Ok(if light { Background::Light } else { Background::Dark })
}

/// The center of mass of an image `width` pixels wide, in index coordinates (column, row):
/// `(sum v x / sum v, sum v y / sum v)`. `None` when the image has no ink.
pub fn center_of_mass(image: &[f32], width: usize) -> Option<(f32, f32)> {
    let (mut m, mut mx, mut my) = (0.0f64, 0.0f64, 0.0f64);
    for (i, &v) in image.iter().enumerate() {
        let v = v as f64;
        m += v;
        mx += v * (i % width) as f64;
        my += v * (i / width) as f64;
    }
    (m > 0.0).then(|| ((mx / m) as f32, (my / m) as f32))
}

/// For each output pixel k along one axis, the source pixels it covers and how much of each, when the
/// source span `[start, start + len)` is scaled by `scale` and its left edge placed at `origin`.
/// The weights of an output pixel are overlap lengths times `scale`, so they sum to 1 where the source
/// covers it fully: a box (area-averaging) filter, the anti-aliasing that loses no ink when shrinking.
fn coverage(origin: f64, scale: f64, start: usize, len: usize) -> Vec<Vec<(usize, f32)>> {
    (0..SIDE)
        .map(|k| {
            let a = (start as f64 + (k as f64 - origin) / scale).max(start as f64);
            let b = (start as f64 + (k as f64 + 1.0 - origin) / scale).min((start + len) as f64);
            let mut w = Vec::new();
            if b > a {
                for p in a.floor() as usize..(b.ceil() as usize).min(start + len) {
                    let overlap = b.min(p as f64 + 1.0) - a.max(p as f64);
                    if overlap > 0.0 {
                        w.push((p, (overlap * scale) as f32));
                    }
                }
            }
            w
        })
        .collect()
}

/// Preprocesses a drawing the way MNIST was made, giving the 28 x 28 image (values 0 to 1) the network sees.
///
/// `ink` is `width * height` intensities (0 = background, 1 = full stroke; see [`ink_from_rgba`]), row-major.
/// 1. Ink is scaled so the darkest stroke is 1; pixels above [`INK_THRESHOLD`] make up the drawing,
///    and the bounding box of the drawing is cropped out. No pixel above it: [`Error::NothingDrawn`].
/// 2. The crop is scaled so its longer side is exactly 20 pixels, keeping its aspect ratio, by area
///    averaging (each output pixel is the mean of the part of the drawing it covers), and placed in the
///    20 x 20 box with the shorter side centered.
/// 3. With `center_of_mass` on, the image is shifted by whole pixels so its center of mass is as close as
///    possible to pixel (14, 14): within half a pixel on each axis. Like MNIST, a drawing whose mass sits near
///    an edge of its box (a heavy-topped 7) may lose a sliver of ink past the edge of the 28 x 28 field.
///    With it off, the 20 x 20 box sits in the middle of the field.
pub fn preprocess(ink: &[f32], width: usize, height: usize, options: Options) -> Result<[f32; PIXELS]> {
    check_size(width, height, ink.len(), 1, "canvas")?;
    if ink.iter().any(|v| !v.is_finite()) {
        return Err(Error::InvalidInput("the ink values contain NaN or infinity".into()));
    }
    // a plain comparison, not f32::max (whose NaN rule makes it a libm call on wasm); no NaN is left here
    let peak = ink.iter().fold(0.0f32, |m, &v| if v > m { v } else { m }).min(1.0);
    if peak < INK_THRESHOLD {
        return Err(Error::NothingDrawn(if peak > 0.0 {
            format!(
                "the strongest mark is only {:.0}% ink, below the {:.0}% that counts as drawing; draw a digit first",
                100.0 * peak,
                100.0 * INK_THRESHOLD
            )
        } else {
            "the canvas is empty; draw a digit first".to_string()
        }));
    }
    let threshold = INK_THRESHOLD * peak;
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for (y, row) in ink.chunks_exact(width).enumerate() {
        if let Some(first) = row.iter().position(|&v| v > threshold) {
            let last = row.iter().rposition(|&v| v > threshold).unwrap_or(first);
            x0 = x0.min(first);
            x1 = x1.max(last);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
    }
    let (bw, bh) = (x1 - x0 + 1, y1 - y0 + 1);
    let scale = FIT as f64 / bw.max(bh) as f64;
    // Top-left corner of the scaled crop in the 28x28 field: the 20x20 box starts at pixel 4.
    let margin = (SIDE - FIT) as f64 / 2.0;
    let ox = margin + (FIT as f64 - bw as f64 * scale) / 2.0;
    let oy = margin + (FIT as f64 - bh as f64 * scale) / 2.0;
    let (cols, rows) = (coverage(ox, scale, x0, bw), coverage(oy, scale, y0, bh));
    // Separable box filter: first along each source row into 28 columns, then down the columns.
    let gain = 1.0 / peak;
    let mut across = vec![[0.0f32; SIDE]; bh];
    for (r, row) in across.iter_mut().enumerate() {
        let src = &ink[(y0 + r) * width..(y0 + r + 1) * width];
        for (out, w) in row.iter_mut().zip(&cols) {
            *out = w.iter().map(|&(x, wx)| wx * (src[x] * gain).clamp(0.0, 1.0)).sum();
        }
    }
    let mut image = [0.0f32; PIXELS];
    for (i, w) in rows.iter().enumerate() {
        for &(y, wy) in w {
            for (out, v) in image[i * SIDE..(i + 1) * SIDE].iter_mut().zip(&across[y - y0]) {
                *out += wy * v;
            }
        }
    }
    for v in image.iter_mut() {
        *v = v.clamp(0.0, 1.0);
    }
    if !options.center_of_mass {
        return Ok(image);
    }
    let (cx, cy) = center_of_mass(&image, SIDE).expect("the drawing has ink");
    // A whole-pixel shift, as MNIST's: its centers of mass are all within 0.52 px of (14, 14) on the
    // training set, while 723 of its digits touch the bottom edge, so it shifted even when ink left the field.
    let (dx, dy) = ((CENTER - cx).round() as isize, (CENTER - cy).round() as isize);
    let mut shifted = [0.0f32; PIXELS];
    for y in 0..SIDE as isize {
        for x in 0..SIDE as isize {
            let (sx, sy) = (x - dx, y - dy);
            if (0..SIDE as isize).contains(&sx) && (0..SIDE as isize).contains(&sy) {
                shifted[(y * SIDE as isize + x) as usize] = image[(sy * SIDE as isize + sx) as usize];
            }
        }
    }
    Ok(shifted)
}

/// Draws an anti-aliased polyline with round caps and joins into `ink` (`width * height`, row-major), as the
/// page's pen does: each pixel gets `clamp(pen / 2 + 1/2 - d, 0, 1)` where d is the distance from its center
/// to the line, keeping the larger of that and what was there. For tests, demos and synthetic digits.
pub fn draw_stroke(ink: &mut [f32], width: usize, height: usize, points: &[(f32, f32)], pen: f32) {
    let r = pen / 2.0;
    let segments: Vec<((f32, f32), (f32, f32))> = match points {
        [] => return,
        [p] => vec![(*p, *p)],
        _ => points.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    for ((ax, ay), (bx, by)) in segments {
        let x_lo = (ax.min(bx) - r - 1.0).floor().max(0.0) as usize;
        let x_hi = ((ax.max(bx) + r + 1.0).ceil().max(0.0) as usize).min(width);
        let y_lo = (ay.min(by) - r - 1.0).floor().max(0.0) as usize;
        let y_hi = ((ay.max(by) + r + 1.0).ceil().max(0.0) as usize).min(height);
        let (dx, dy) = (bx - ax, by - ay);
        let len2 = dx * dx + dy * dy;
        for y in y_lo..y_hi {
            for x in x_lo..x_hi {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let t = if len2 > 0.0 {
                    (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let d = ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt();
                let v = (r + 0.5 - d).clamp(0.0, 1.0);
                let cell = &mut ink[y * width + x];
                *cell = cell.max(v);
            }
        }
    }
}
