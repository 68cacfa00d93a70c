//! Data for the networks: MNIST's IDX files, drawn-digit preprocessing, augmentation, and the
//! digit classifier's training and evaluation.

pub mod augment;
pub mod digits;
pub mod idx;
pub mod mnist;

pub use augment::Augment;
pub use digits::{preprocess, Options};
pub use mnist::{evaluate, Evaluation, MnistSet};
