//! MNIST for the network: a set of 28x28 digits with labels, the lecture's two-hidden-layer
//! classifier, training epochs (optionally on augmented digits), accuracy and confusion matrix.

use super::augment::Augment;
use super::digits::{PIXELS, SIDE};
use super::idx;
use crate::error::{Error, Result};
use crate::nn::{Activation, Loss, Matrix, Network, NetworkSpec, Normalization, Rng};
use std::fmt;

/// Number of classes (the digits 0-9).
pub const CLASSES: usize = 10;
/// Mean pixel value (pixel / 255) of the 60,000 training images, used to normalize the inputs.
pub const PIXEL_MEAN: f32 = 0.1307;
/// Standard deviation of the pixel values of the training images.
pub const PIXEL_STD: f32 = 0.3081;

/// Labelled 28x28 digits, kept as bytes (47 MB for the 60,000 training images; floats would take four times that).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MnistSet {
    /// `len() * 784` pixels, image after image, row-major, 0 = background, 255 = ink.
    pub pixels: Vec<u8>,
    /// One label 0-9 per image.
    pub labels: Vec<u8>,
}

impl MnistSet {
    /// Pairs an IDX images file with an IDX labels file (each plain or gzipped), checking that they
    /// match: same count, 28x28 images, labels 0-9.
    pub fn from_idx(images: &[u8], labels: &[u8]) -> Result<MnistSet> {
        let images = idx::parse_images(images)?;
        let labels = idx::parse_labels(labels)?;
        if images.count != labels.len() {
            return Err(Error::BadData(format!(
                "the images file holds {} images but the labels file holds {} labels; they must come in pairs \
                 (e.g. train-images with train-labels)",
                images.count,
                labels.len()
            )));
        }
        if (images.rows, images.cols) != (SIDE, SIDE) {
            return Err(Error::BadData(format!(
                "the images are {} x {} pixels; MNIST digits are {SIDE} x {SIDE}",
                images.rows, images.cols
            )));
        }
        MnistSet::new(images.pixels, labels)
    }

    /// Reads `train-images-idx3-ubyte[.gz]` and `train-labels-idx1-ubyte[.gz]` (or the `t10k-` pair
    /// when `prefix` is `"t10k"`) from a folder.
    pub fn read_dir(dir: &std::path::Path, prefix: &str) -> Result<MnistSet> {
        let find = |name: &str| -> Result<Vec<u8>> {
            for candidate in [format!("{prefix}-{name}.gz"), format!("{prefix}-{name}")] {
                let path = dir.join(&candidate);
                if path.exists() {
                    return std::fs::read(&path)
                        .map_err(|e| Error::BadData(format!("cannot read {}: {e}", path.display())));
                }
            }
            Err(Error::BadData(format!(
                "{} has no {prefix}-{name}.gz or {prefix}-{name}",
                dir.display()
            )))
        };
        MnistSet::from_idx(&find("images-idx3-ubyte")?, &find("labels-idx1-ubyte")?)
    }

    /// A set from raw pixels (784 bytes per image) and labels 0-9.
    pub fn new(pixels: Vec<u8>, labels: Vec<u8>) -> Result<MnistSet> {
        if pixels.len() != labels.len() * PIXELS {
            return Err(Error::BadData(format!(
                "{} labels need {} pixels (784 each); got {}",
                labels.len(),
                labels.len() * PIXELS,
                pixels.len()
            )));
        }
        if let Some((i, l)) = labels.iter().enumerate().find(|(_, &l)| l as usize >= CLASSES) {
            return Err(Error::BadData(format!(
                "label {i} is {l}; MNIST labels are the digits 0-9"
            )));
        }
        Ok(MnistSet { pixels, labels })
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when the set holds no digit.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The 784 pixels of digit `i`.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * PIXELS..(i + 1) * PIXELS]
    }

    /// Splits into the first `at` digits and the rest (e.g. training and validation).
    pub fn split(mut self, at: usize) -> (MnistSet, MnistSet) {
        let at = at.min(self.len());
        let rest = MnistSet {
            pixels: self.pixels.split_off(at * PIXELS),
            labels: self.labels.split_off(at),
        };
        (self, rest)
    }

    /// The digits at `indices` as network inputs, one row each, pixel / 255 in [0, 1].
    pub fn inputs(&self, indices: &[usize]) -> Matrix {
        let mut x = Matrix::zeros(indices.len(), PIXELS);
        for (row, &i) in x.data.chunks_exact_mut(PIXELS).zip(indices) {
            to_unit(self.image(i), row);
        }
        x
    }

    /// The labels at `indices` as the network's targets (class indices).
    pub fn targets(&self, indices: &[usize]) -> Vec<f32> {
        indices.iter().map(|&i| self.labels[i] as f32).collect()
    }
}

/// Pixel bytes to network inputs: v / 255.
pub fn to_unit(pixels: &[u8], out: &mut [f32]) {
    for (o, &p) in out.iter_mut().zip(pixels) {
        *o = p as f32 / 255.0;
    }
}

/// The lecture's classifier for MNIST (section 3.6): 784 inputs normalized by the training set's
/// mean and standard deviation, the given hidden layers, 10 scores under softmax cross-entropy.
pub fn classifier_spec(hidden: &[usize], activation: Activation) -> NetworkSpec {
    let hidden: Vec<(usize, Activation)> = hidden.iter().map(|&units| (units, activation)).collect();
    NetworkSpec {
        normalization: Some(Normalization {
            mean: vec![PIXEL_MEAN],
            std: vec![PIXEL_STD],
        }),
        ..NetworkSpec::new(PIXELS, &hidden, CLASSES, Loss::SoftmaxCrossEntropy)
    }
}

/// Checks that a network reads a 28x28 digit and gives 10 softmax scores.
pub fn check_classifier(net: &Network) -> Result<()> {
    let spec = net.spec();
    if spec.inputs != PIXELS || spec.outputs != CLASSES || spec.loss != Loss::SoftmaxCrossEntropy {
        return Err(Error::InvalidInput(format!(
            "a digit classifier needs 784 inputs (28 x 28) and 10 outputs under softmax cross-entropy; \
             this network has {} inputs, {} outputs and the {} loss",
            spec.inputs,
            spec.outputs,
            spec.loss.name()
        )));
    }
    Ok(())
}

/// Softmax of ten scores: p_k = e^{s_k} / sum_j e^{s_j} (shifted by the largest score for stability).
pub fn softmax(scores: &[f32]) -> [f32; CLASSES] {
    let top = scores.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let mut p = [0.0; CLASSES];
    for (p, &s) in p.iter_mut().zip(scores) {
        *p = (s - top).exp();
    }
    let sum: f32 = p.iter().sum();
    p.iter_mut().for_each(|v| *v /= sum);
    p
}

/// The ten class probabilities for one preprocessed digit (784 values in [0, 1]).
pub fn classify(net: &Network, image: &[f32]) -> Result<[f32; CLASSES]> {
    check_classifier(net)?;
    if image.len() != PIXELS {
        return Err(Error::InvalidInput(format!(
            "a digit is 28 x 28 = 784 values; got {}",
            image.len()
        )));
    }
    let x = Matrix::from_vec(1, PIXELS, image.to_vec()).expect("784 values");
    Ok(softmax(&net.predict(&x)?.data))
}

/// The index of the largest value (the predicted digit).
pub fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// Results of classifying a labelled set: `confusion[true][predicted]` counts.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct Evaluation {
    /// `confusion[t][p]`: how many digits with label t were predicted as p.
    pub confusion: [[u32; CLASSES]; CLASSES],
}

impl Evaluation {
    /// Number of digits evaluated.
    pub fn total(&self) -> u32 {
        self.confusion.iter().flatten().sum()
    }

    /// Number classified correctly (the diagonal).
    pub fn correct(&self) -> u32 {
        (0..CLASSES).map(|k| self.confusion[k][k]).sum()
    }

    /// Fraction classified correctly, in [0, 1].
    pub fn accuracy(&self) -> f64 {
        self.correct() as f64 / self.total().max(1) as f64
    }
}

impl fmt::Display for Evaluation {
    /// The confusion matrix as a table: one row per true digit, one column per predicted digit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "accuracy {:.2}% ({} of {} correct)",
            100.0 * self.accuracy(),
            self.correct(),
            self.total()
        )?;
        writeln!(f, "confusion matrix (rows: true digit, columns: predicted digit)")?;
        write!(f, "true\\pred")?;
        (0..CLASSES).try_for_each(|p| write!(f, "{p:>6}"))?;
        writeln!(f, "{:>9}", "recall")?;
        for (t, row) in self.confusion.iter().enumerate() {
            write!(f, "{t:>9}")?;
            row.iter().try_for_each(|c| write!(f, "{c:>6}"))?;
            let n: u32 = row.iter().sum();
            writeln!(f, "{:>8.2}%", 100.0 * row[t] as f64 / n.max(1) as f64)?;
        }
        Ok(())
    }
}

/// Classifies every digit of `set` (in batches of 500) and counts the confusion matrix.
pub fn evaluate(net: &Network, set: &MnistSet) -> Result<Evaluation> {
    check_classifier(net)?;
    let mut eval = Evaluation::default();
    let all: Vec<usize> = (0..set.len()).collect();
    for chunk in all.chunks(500) {
        let scores = net.predict(&set.inputs(chunk))?;
        for (r, &i) in chunk.iter().enumerate() {
            eval.confusion[set.labels[i] as usize][argmax(scores.row(r))] += 1;
        }
    }
    Ok(eval)
}

/// How one epoch of training runs.
#[derive(Clone, Debug, PartialEq)]
pub struct EpochOptions {
    /// Digits per minibatch.
    pub batch_size: usize,
    /// Random distortions applied to each digit each time it is seen (`None`: the digits as they are).
    pub augment: Option<Augment>,
}

impl Default for EpochOptions {
    fn default() -> Self {
        EpochOptions {
            batch_size: 64,
            augment: None,
        }
    }
}

/// One pass over `set` in an order shuffled by `rng`, one [`Network::train_step`] per minibatch,
/// each digit distorted afresh if augmentation is on. Returns the mean training loss.
/// The same seed, network and options give the same result on every run.
pub fn train_epoch(net: &mut Network, set: &MnistSet, rng: &mut Rng, options: &EpochOptions) -> Result<f64> {
    check_classifier(net)?;
    if set.is_empty() {
        return Err(Error::InvalidInput("the training set is empty".into()));
    }
    if options.batch_size == 0 {
        return Err(Error::InvalidInput("the batch size must be at least 1".into()));
    }
    let mut order: Vec<usize> = (0..set.len()).collect();
    rng.shuffle(&mut order);
    let mut x = Matrix::default();
    let mut image = [0.0f32; PIXELS];
    let (mut total, mut batches) = (0.0, 0usize);
    for chunk in order.chunks(options.batch_size) {
        x.resize(chunk.len(), PIXELS);
        for (row, &i) in x.data.chunks_exact_mut(PIXELS).zip(chunk) {
            match &options.augment {
                Some(a) => {
                    to_unit(set.image(i), &mut image);
                    a.apply(&image, rng, row);
                }
                None => to_unit(set.image(i), row),
            }
        }
        total += net.train_step(&x, &set.targets(chunk))?;
        batches += 1;
    }
    Ok(total / batches as f64)
}
