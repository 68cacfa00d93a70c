//! Numbers the page draws, computed from the core (plain Rust, no browser types):
//! activation curves, a single neuron's training data and losses, network sizes, and
//! the linear-separability facts behind the XOR example.

pub mod curves;
pub mod linear;
pub mod neuron;
pub mod sizes;
