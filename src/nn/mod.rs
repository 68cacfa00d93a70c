//! The math: plain Rust, no browser types. Names follow the lecture.

pub mod activation;
pub mod kernels;
mod lanes;
pub mod layer;
pub mod loss;
pub mod matrix;
pub mod network;
pub mod optim;
pub mod rng;
pub mod spec;
mod tiles;

pub use activation::Activation;
pub use kernels::Kernel;
pub use layer::Layer;
pub use loss::Loss;
pub use matrix::Matrix;
pub use network::{Network, Size, UnitStats};
pub use optim::{Optimizer, Regularization};
pub use rng::Rng;
pub use spec::{LayerSpec, NetworkSpec, Normalization};
