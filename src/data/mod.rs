//! Data for the networks: MNIST's IDX files, drawn-digit preprocessing, augmentation, the
//! digit classifier's training and evaluation, and the playground's toy 2-D problems
//! (generated from a seed), their input features, and points loaded from CSV.

pub mod augment;
pub mod digits;
pub mod idx;
pub mod mnist;
pub mod toy;

pub use augment::Augment;
pub use digits::{preprocess, Options};
pub use mnist::{evaluate, Evaluation, MnistSet};
