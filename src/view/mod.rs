//! Numbers the page draws for the lecture views: the backpropagation graph of
//! lecture 3.5 and small seeded 2-D datasets for the feature-learning and
//! ReLU-versus-tanh views. Plain Rust, no browser types.

pub mod backprop;
pub mod datasets;

pub use backprop::{backprop_graph, BackpropGraph, NumericGradients};
pub use datasets::{Dataset, DatasetKind};
