//! Numbers the page draws, computed from the core (plain Rust, no browser types):
//! activation curves, a single neuron's training data and losses, network sizes, the
//! linear-separability facts behind the XOR example, the backpropagation graph of
//! lecture 3.5, small seeded 2-D datasets for the feature-learning and
//! ReLU-versus-tanh views, and every neuron's output over the playground's input plane
//! (heatmaps).

pub mod backprop;
pub mod curves;
pub mod datasets;
pub mod heatmap;
pub mod linear;
pub mod neuron;
pub mod sizes;

pub use backprop::{backprop_graph, BackpropGraph, NumericGradients};
pub use datasets::{Dataset, DatasetKind};
