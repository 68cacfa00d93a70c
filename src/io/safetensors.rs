//! The safetensors format: an 8-byte little-endian header length N, N bytes of
//! JSON header, then the raw little-endian f32 data.
//!
//! Tensors are named like PyTorch's `nn.Sequential` of `nn.Linear`:
//! `layers.{i}.weight` shaped `[out, in]` and `layers.{i}.bias` shaped `[out]`.
//! For a maxout layer with k pieces, `out = units * k` and rows `j*k .. j*k + k`
//! are the pieces of unit j. `__metadata__` holds `format` and `spec` (the
//! architecture, activations, loss and input normalization, as JSON).

use super::{assemble, FORMAT};
use crate::error::{Error, Result};
use crate::nn::{Network, NetworkSpec};
use serde_json::{json, Map, Value};

/// Largest header accepted (safetensors itself caps it at 100 MB).
const MAX_HEADER: u64 = 100_000_000;

/// Serializes the network's weights, biases and spec as safetensors bytes.
pub fn export(net: &Network) -> Vec<u8> {
    let mut header = Map::new();
    let spec = serde_json::to_string(net.spec()).expect("a spec always serializes");
    header.insert("__metadata__".into(), json!({ "format": FORMAT, "spec": spec }));
    let mut data: Vec<u8> = Vec::new();
    for (i, l) in net.layers.iter().enumerate() {
        for (name, shape, values) in [
            ("weight", vec![l.weights.rows, l.weights.cols], &l.weights.data),
            ("bias", vec![l.biases.len()], &l.biases),
        ] {
            let begin = data.len();
            values.iter().for_each(|v| data.extend_from_slice(&v.to_le_bytes()));
            header.insert(
                format!("layers.{i}.{name}"),
                json!({ "dtype": "F32", "shape": shape, "data_offsets": [begin, data.len()] }),
            );
        }
    }
    let mut head = serde_json::to_vec(&Value::Object(header)).expect("a header always serializes");
    // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
    while head.len() % 8 != 0 {
        head.push(b' ');
    }
    let mut out = Vec::with_capacity(8 + head.len() + data.len());
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    out.extend_from_slice(&data);
    out
}

fn bad<T>(m: impl Into<String>) -> Result<T> {
    Err(Error::BadFile(m.into()))
}

/// Reads the tensor `name` from the header and data, checking dtype, shape and bounds.
fn tensor(header: &Map<String, Value>, data: &[u8], name: &str, shape: &[usize]) -> Result<Vec<f32>> {
    let Some(info) = header.get(name) else {
        return bad(format!("the tensor `{name}` is missing"));
    };
    let dtype = info.get("dtype").and_then(Value::as_str).unwrap_or("?");
    if dtype != "F32" {
        return bad(format!(
            "`{name}` has dtype {dtype}; only F32 (32-bit float) is supported"
        ));
    }
    let got: Option<Vec<usize>> = info
        .get("shape")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().map(|v| v.as_u64().map(|n| n as usize)).collect());
    if got.as_deref() != Some(shape) {
        return bad(format!(
            "`{name}` should have shape {shape:?}; the file says {:?}",
            info.get("shape")
        ));
    }
    let offsets: Option<Vec<usize>> = info
        .get("data_offsets")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().map(|v| v.as_u64().map(|n| n as usize)).collect());
    let Some([begin, end]) = offsets.as_deref().and_then(|o| <[usize; 2]>::try_from(o).ok()) else {
        return bad(format!("`{name}` has no valid data_offsets [begin, end]"));
    };
    let count: usize = shape.iter().product();
    if end < begin || end - begin != count * 4 {
        return bad(format!(
            "`{name}` needs {} bytes of data; its offsets span {}",
            count * 4,
            end.saturating_sub(begin)
        ));
    }
    if end > data.len() {
        return bad(format!(
            "the file is truncated: `{name}` ends at byte {end} of the data, which has only {}",
            data.len()
        ));
    }
    Ok(data[begin..end]
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect())
}

/// Rebuilds a network from safetensors bytes written by [`export`].
pub fn import(bytes: &[u8]) -> Result<Network> {
    if bytes.len() < 8 {
        return bad(format!(
            "the file is {} bytes long; a safetensors file starts with an 8-byte header length",
            bytes.len()
        ));
    }
    let n = u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"));
    if n > MAX_HEADER || 8 + n > bytes.len() as u64 {
        return bad(format!(
            "the header claims {n} bytes but the file has {} after the length: it is truncated or not a safetensors file",
            bytes.len() - 8
        ));
    }
    let (head, data) = bytes[8..].split_at(n as usize);
    let header: Map<String, Value> = match serde_json::from_slice(head) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return bad("the header is JSON but not an object"),
        Err(e) => {
            return bad(format!(
                "the header is not valid JSON ({e}): is this a safetensors file?"
            ))
        }
    };
    let meta = header.get("__metadata__").and_then(Value::as_object);
    let format = meta.and_then(|m| m.get("format")).and_then(Value::as_str);
    if format != Some(FORMAT) {
        return bad(format!(
            "the metadata says format {format:?}, expected \"{FORMAT}\": this file was not exported by this playground \
             (it needs the architecture in __metadata__.spec)"
        ));
    }
    let spec_text = meta.and_then(|m| m.get("spec")).and_then(Value::as_str).unwrap_or("");
    let spec: NetworkSpec = serde_json::from_str(spec_text)
        .map_err(|e| Error::BadFile(format!("the architecture in __metadata__.spec is not valid: {e}")))?;
    spec.validate()
        .map_err(|e| Error::BadFile(format!("the architecture in the file is not valid: {e}")))?;
    let mut fan_in = spec.inputs;
    let mut tensors = Vec::new();
    for (i, l) in spec.layers().iter().enumerate() {
        let rows = l.units * l.activation.pieces();
        let w = tensor(&header, data, &format!("layers.{i}.weight"), &[rows, fan_in])?;
        let b = tensor(&header, data, &format!("layers.{i}.bias"), &[rows])?;
        tensors.push((w, b));
        fan_in = l.units;
    }
    let expected = 1 + 2 * tensors.len();
    if header.len() != expected {
        let extra: Vec<&String> = header
            .keys()
            .filter(|k| !k.starts_with("layers.") && *k != "__metadata__")
            .collect();
        return bad(format!(
            "the file has {} entries, expected {expected}; unexpected: {extra:?}",
            header.len()
        ));
    }
    assemble(spec, tensors)
}
