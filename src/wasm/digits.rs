//! Bindings for the "draw a digit" page: MNIST-style preprocessing of the drawing pad, classification with
//! a loaded model, and MNIST digits (IDX files or raw bytes) for live training and evaluation.
//!
//! ```js
//! const model = Mlp.fromSafetensors(new Uint8Array(await (await fetch('assets/mnist-mlp.safetensors')).arrayBuffer()));
//! pad.lineWidth = penWidth();                     // on a padSize() x padSize() canvas
//! const rgba = ctx.getImageData(0, 0, w, h).data;
//! const image = preprocessDigit(rgba, w, h, true); // Float32Array(784), or undefined: nothing drawn
//! if (image) show28x28(image), showBars(classifyDigit(model, image));
//!
//! // the same without copying or allocating per call: one DigitPad, reused
//! const digitPad = new DigitPad();
//! digitPad.inputView(w, h).set(rgba);              // write the pixels straight into wasm memory
//! if (digitPad.preprocess(w, h, true)) show28x28(digitPad.imageView()), showBars(digitPad.classify(model));
//! ```

use super::network::Mlp;
use super::{js, to_js};
use crate::data::digits::{self, Options, PIXELS};
use crate::data::mnist::{self, EpochOptions, MnistSet};
use crate::data::Augment;
use crate::error::Error;
use crate::nn::Rng;
use js_sys::{Float32Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// Pen width (canvas pixels, round caps) that gives MNIST-like strokes on a `padSize()` pad.
#[wasm_bindgen(js_name = penWidth)]
pub fn pen_width() -> f32 {
    digits::PEN_WIDTH
}

/// Side of the square drawing pad the pen width is meant for (280 canvas pixels).
#[wasm_bindgen(js_name = padSize)]
pub fn pad_size() -> usize {
    digits::PAD_SIZE
}

/// Preprocesses a drawing as MNIST was made: RGBA bytes (`getImageData().data`; dark-on-light,
/// light-on-dark or strokes on a transparent canvas, detected) of a `width x height` picture become the
/// 28 x 28 image the network sees (784 values, 0 to 1, row-major). `center` shifts the center of mass to
/// the middle (MNIST's way; off = the 20x20 box is centered). Returns `undefined` when nothing is drawn.
#[wasm_bindgen(js_name = preprocessDigit)]
pub fn preprocess_digit(rgba: &[u8], width: usize, height: usize, center: bool) -> Result<Option<Vec<f32>>, JsError> {
    let ink = digits::ink_from_rgba(rgba, width, height).map_err(js)?;
    match digits::preprocess(&ink.values, width, height, Options { center_of_mass: center }) {
        Ok(image) => Ok(Some(image.to_vec())),
        Err(Error::NothingDrawn(_)) => Ok(None),
        Err(e) => Err(js(e)),
    }
}

/// The ten class probabilities (softmax of the scores) for a 784-value image from `preprocessDigit`.
#[wasm_bindgen(js_name = classifyDigit)]
pub fn classify_digit(model: &Mlp, image: &[f32]) -> Result<Vec<f32>, JsError> {
    Ok(mnist::classify(model.network(), image).map_err(js)?.to_vec())
}

/// Labelled MNIST digits held in wasm memory (bytes: 784 per digit plus a label).
#[wasm_bindgen]
pub struct MnistData {
    set: MnistSet,
}

#[derive(serde::Serialize)]
struct EvaluationJs {
    accuracy: f64,
    correct: u32,
    total: u32,
    /// confusion[true][predicted]
    confusion: [[u32; mnist::CLASSES]; mnist::CLASSES],
}

#[wasm_bindgen]
impl MnistData {
    /// Reads an IDX images file (magic 2051) and an IDX labels file (magic 2049), each plain or gzipped,
    /// e.g. the official files a user opens from disk. Malformed files throw with what is wrong.
    #[wasm_bindgen(js_name = fromIdx)]
    pub fn from_idx(images: &[u8], labels: &[u8]) -> Result<MnistData, JsError> {
        Ok(MnistData {
            set: MnistSet::from_idx(images, labels).map_err(js)?,
        })
    }

    /// Digits from raw bytes: 784 pixels per digit (0 = background, 255 = ink) and one label 0-9 each.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(pixels: &[u8], labels: &[u8]) -> Result<MnistData, JsError> {
        Ok(MnistData {
            set: MnistSet::new(pixels.to_vec(), labels.to_vec()).map_err(js)?,
        })
    }

    /// Number of digits.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.set.len()
    }

    fn check(&self, start: usize, count: usize) -> Result<(), JsError> {
        if start.checked_add(count).is_none_or(|end| end > self.set.len()) {
            return Err(js(Error::InvalidInput(format!(
                "digits {start}..{} do not exist; there are {}",
                start.saturating_add(count),
                self.set.len()
            ))));
        }
        Ok(())
    }

    /// The label (0-9) of digit `i`.
    pub fn label(&self, i: usize) -> Result<u8, JsError> {
        self.check(i, 1)?;
        Ok(self.set.labels[i])
    }

    /// Digits `start .. start + count` as network inputs (784 values in [0, 1] each, one after the other).
    pub fn inputs(&self, start: usize, count: usize) -> Result<Vec<f32>, JsError> {
        self.check(start, count)?;
        let indices: Vec<usize> = (start..start + count).collect();
        Ok(self.set.inputs(&indices).data)
    }

    /// Labels of digits `start .. start + count` as training targets (class indices).
    pub fn targets(&self, start: usize, count: usize) -> Result<Vec<f32>, JsError> {
        self.check(start, count)?;
        let indices: Vec<usize> = (start..start + count).collect();
        Ok(self.set.targets(&indices))
    }

    /// Splits off the digits from `at` on into a new set (e.g. for validation), keeping the first `at` here.
    #[wasm_bindgen(js_name = splitOff)]
    pub fn split_off(&mut self, at: usize) -> Result<MnistData, JsError> {
        self.check(at, 0)?;
        let (first, rest) = std::mem::take(&mut self.set).split(at);
        self.set = first;
        Ok(MnistData { set: rest })
    }

    /// One epoch of minibatch training of `model` over these digits in an order shuffled by `seed`,
    /// each digit randomly distorted if `augment`; returns the mean training loss. Run it in a Web Worker.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(&self, model: &mut Mlp, seed: f64, batch_size: usize, augment: bool) -> Result<f64, JsError> {
        let options = EpochOptions {
            batch_size,
            augment: augment.then(Augment::default),
        };
        let mut rng = Rng::new(seed as u64);
        mnist::train_epoch(model.network_mut(), &self.set, &mut rng, &options).map_err(js)
    }

    /// Classifies every digit: `{accuracy, correct, total, confusion}` with `confusion[true][predicted]`.
    pub fn evaluate(&self, model: &Mlp) -> Result<JsValue, JsError> {
        let e = mnist::evaluate(model.network(), &self.set).map_err(js)?;
        to_js(&EvaluationJs {
            accuracy: e.accuracy(),
            correct: e.correct(),
            total: e.total(),
            confusion: e.confusion,
        })
    }

    /// Digit `i` as the 784 values in [0, 1] the network sees, for drawing it.
    pub fn image(&self, i: usize) -> Result<Float32Array, JsError> {
        self.check(i, 1)?;
        let mut out = [0.0f32; PIXELS];
        mnist::to_unit(self.set.image(i), &mut out);
        Ok(Float32Array::from(&out[..]))
    }
}

/// [`preprocess_digit`] with buffers that live in wasm memory and are reused from call to call, for
/// preprocessing on every pen stroke: JS writes the RGBA bytes straight into [`DigitPad::input_view`]
/// (no copy into a fresh wasm allocation per call) and reads the 28 x 28 image from
/// [`DigitPad::image_view`]. Gives exactly the numbers of `preprocessDigit`.
#[wasm_bindgen]
pub struct DigitPad {
    rgba: Vec<u8>,
    ink: Vec<f32>,
    image: [f32; PIXELS],
}

impl Default for DigitPad {
    fn default() -> Self {
        DigitPad {
            rgba: Vec::new(),
            ink: Vec::new(),
            image: [0.0; PIXELS],
        }
    }
}

#[wasm_bindgen]
impl DigitPad {
    /// An empty pad; its buffers grow to the first picture's size and are kept.
    #[wasm_bindgen(constructor)]
    pub fn new() -> DigitPad {
        DigitPad::default()
    }

    /// The `width * height * 4` RGBA input bytes as a Uint8Array view into wasm memory: fill it
    /// (`view.set(imageData.data)`) and call `preprocess` right away (a view goes stale when wasm memory grows).
    #[wasm_bindgen(js_name = inputView)]
    pub fn input_view(&mut self, width: usize, height: usize) -> Result<Uint8Array, JsError> {
        if !(1..=digits::MAX_SIDE).contains(&width) || !(1..=digits::MAX_SIDE).contains(&height) {
            return Err(js(Error::InvalidInput(format!(
                "the picture must be between 1 and {} pixels on each side; got {width} x {height}",
                digits::MAX_SIDE
            ))));
        }
        let bytes = width * height * 4;
        if self.rgba.try_reserve(bytes.saturating_sub(self.rgba.len())).is_err() {
            return Err(js(Error::InvalidInput(format!(
                "not enough memory for a {width} x {height} picture"
            ))));
        }
        self.rgba.resize(bytes, 0);
        // SAFETY: as for `view`: JS fills the view before its next call into wasm.
        Ok(unsafe { Uint8Array::view(&self.rgba) })
    }

    /// Preprocesses the picture in the input view as `preprocessDigit` does (`center`: shift the center of
    /// mass to the middle). Returns false when nothing is drawn (the image is then all 0).
    pub fn preprocess(&mut self, width: usize, height: usize, center: bool) -> Result<bool, JsError> {
        digits::ink_from_rgba_into(&self.rgba, width, height, &mut self.ink).map_err(js)?;
        match digits::preprocess(&self.ink, width, height, Options { center_of_mass: center }) {
            Ok(image) => {
                self.image = image;
                Ok(true)
            }
            Err(Error::NothingDrawn(_)) => {
                self.image = [0.0; PIXELS];
                Ok(false)
            }
            Err(e) => Err(js(e)),
        }
    }

    /// The last preprocessed 28 x 28 image (784 values, 0 to 1) as a view into wasm memory: do not keep it.
    #[wasm_bindgen(js_name = imageView)]
    pub fn image_view(&self) -> Float32Array {
        super::view(&self.image)
    }

    /// The ten class probabilities of the last preprocessed image, as `classifyDigit` gives them.
    pub fn classify(&self, model: &Mlp) -> Result<Vec<f32>, JsError> {
        classify_digit(model, &self.image)
    }
}
