//! The JavaScript boundary: the only module that knows wasm-bindgen, js-sys and serde-wasm-bindgen.
//!
//! Rust owns the models; JavaScript holds handles. Inputs come in as
//! `Float32Array`; big outputs (weights, gradients, activations) go out as
//! `Float32Array` views into wasm memory, without copying. A view dies when
//! wasm memory grows (any call may grow it): create it right before drawing
//! and never keep it. Every method returns a `Result`, so bad input becomes a
//! JavaScript exception with a readable message, never a panic.
//!
//! One file per area of the page; this file holds what they share.

mod digits;
mod inspect;
mod lecture;
mod network;
mod playground;

pub use digits::*;
pub use inspect::*;
pub use lecture::*;
pub use network::Mlp;
pub use playground::*;

use crate::error::Error;
use js_sys::Float32Array;
use wasm_bindgen::prelude::*;

/// Turns a crate error into a JavaScript exception with its message.
pub(crate) fn js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

/// Reads a JS object into `T`. It goes through `serde_json::Value` because serde-wasm-bindgen only
/// looks up the fields a struct knows, so a misspelled field would otherwise be silently ignored.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    let invalid = |e: &dyn std::fmt::Display| JsError::new(&format!("invalid {what}: {e}"));
    let tree: serde_json::Value = serde_wasm_bindgen::from_value(value).map_err(|e| invalid(&e))?;
    serde_json::from_value(tree).map_err(|e| invalid(&e))
}

/// Converts a Rust value into a plain JS object.
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(value).map_err(|e| JsError::new(&e.to_string()))
}

/// Views a slice of wasm memory as a Float32Array without copying.
pub(crate) fn view(data: &[f32]) -> Float32Array {
    // SAFETY: the view is returned to JS immediately; the documented contract is
    // that JS uses it before the next call into wasm (which could move the memory).
    unsafe { Float32Array::view(data) }
}

/// Whether this build runs its matrix products on simd128.
#[wasm_bindgen(js_name = simdEnabled)]
pub fn simd_enabled() -> bool {
    cfg!(target_feature = "simd128")
}
