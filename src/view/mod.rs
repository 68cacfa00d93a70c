//! Numbers the page draws, computed from the core (plain Rust, no browser types):
//! activation curves, a single neuron's training data and losses, network sizes, the
//! linear-separability facts behind the XOR example, and every neuron's output over the
//! playground's input plane (heatmaps).

pub mod curves;
pub mod heatmap;
pub mod linear;
pub mod neuron;
pub mod sizes;
