//! # mlp: a multilayer-perceptron teaching core
//!
//! The math of lecture 6 ("Multilayer Perceptrons") in plain Rust, compiled to
//! WebAssembly with simd128 for the in-browser playground and usable natively.
//!
//! A short tour: build the lecture's XOR network, train it, and count its parameters.
//!
//! ```
//! use mlp::{Config, nn::Matrix};
//!
//! let config = Config::from_json(r#"{
//!     "inputs": 2, "outputs": 1, "loss": "logistic", "seed": 3,
//!     "hidden": [{"units": 4, "activation": "tanh"}],
//!     "optimizer": {"kind": "adam", "learningRate": 0.05}
//! }"#).unwrap();
//! let mut net = config.build().unwrap();
//! let x = Matrix::from_rows(&[&[0.0, 0.0], &[0.0, 1.0], &[1.0, 0.0], &[1.0, 1.0]]).unwrap();
//! let t = [0.0, 1.0, 1.0, 0.0];
//! for _ in 0..500 {
//!     net.train_step(&x, &t).unwrap();
//! }
//! assert_eq!(net.predict_labels(&x).unwrap(), vec![0.0, 1.0, 1.0, 0.0]);
//! // 2-4-1: 5 neurons, 2*4 + 4*1 = 12 weights, 5 biases.
//! assert_eq!(net.size().parameters, 17);
//! ```
//!
//! Bad input is an [`Error`], never a panic:
//!
//! ```
//! let e = mlp::Config::from_json(r#"{"inputs": 0, "outputs": 1, "loss": "logistic"}"#)
//!     .unwrap().build().unwrap_err();
//! assert!(e.to_string().contains("inputs must be between 1 and 4096; got 0"));
//! ```
#![deny(missing_docs)]

pub mod config;
pub mod data;
pub mod error;
pub mod io;
pub mod nn;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::Config;
pub use error::{Error, Result};
