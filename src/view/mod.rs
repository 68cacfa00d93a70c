//! Numbers the page draws, computed in Rust: per-neuron heatmaps over the input plane.

pub mod heatmap;
