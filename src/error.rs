//! One error type for the whole crate, with messages a student can act on.

use std::fmt;

/// Everything that can go wrong, by what the user should fix.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// The network description is wrong (layer sizes, activation parameters, a loss that does not fit).
    InvalidSpec(String),
    /// Data or settings passed in are wrong (shapes, targets, learning rate, URL values).
    InvalidInput(String),
    /// The network contains a unit that has no gradient (the hard threshold), so it cannot be trained.
    NotTrainable(String),
    /// Training produced NaN or infinity; the weights were left as they were before the step.
    Diverged(String),
    /// A weight file (safetensors or JSON) is truncated, malformed or does not fit.
    BadFile(String),
    /// A data file (MNIST IDX images or labels) is malformed: wrong magic number, truncated,
    /// unexpected dimensions, or images and labels that do not pair up.
    BadData(String),
    /// A drawing or picture has no ink to classify (an empty canvas); the message says what was seen.
    NothingDrawn(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, msg) = match self {
            Error::InvalidSpec(m) => ("invalid network", m),
            Error::InvalidInput(m) => ("invalid input", m),
            Error::NotTrainable(m) => ("cannot train", m),
            Error::Diverged(m) => ("training diverged", m),
            Error::BadFile(m) => ("bad weight file", m),
            Error::BadData(m) => ("bad data file", m),
            Error::NothingDrawn(m) => ("nothing drawn", m),
        };
        write!(f, "{what}: {msg}")
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
