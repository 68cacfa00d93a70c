//! Export then import is exact for both formats; every malformed file is a clear error.

use mlp::io::{json, safetensors};
use mlp::nn::{Activation, LayerSpec, Loss, Matrix, Network, NetworkSpec, Normalization, Optimizer};
use mlp::Error;

fn trained_network() -> Network {
    let spec = NetworkSpec {
        inputs: 3,
        hidden: vec![
            LayerSpec {
                units: 5,
                activation: Activation::Tanh,
            },
            LayerSpec {
                units: 4,
                activation: Activation::Maxout { k: 2 },
            },
            LayerSpec {
                units: 3,
                activation: Activation::LeakyRelu { alpha: 0.05 },
            },
        ],
        outputs: 3,
        output_activation: Activation::Identity,
        loss: Loss::SoftmaxCrossEntropy,
        normalization: Some(Normalization {
            mean: vec![0.5],
            std: vec![2.0, 1.0, 0.25],
        }),
    };
    let mut net = Network::new(spec, 9).unwrap();
    net.set_optimizer(Optimizer::Momentum {
        learning_rate: 0.1,
        momentum: 0.9,
    })
    .unwrap();
    let x = batch();
    for _ in 0..20 {
        net.train_step(&x, &[0.0, 1.0, 2.0, 1.0]).unwrap();
    }
    net
}

fn batch() -> Matrix {
    Matrix::from_rows(&[
        &[0.1, -1.0, 2.0],
        &[1.5, 0.3, -0.2],
        &[-0.7, 0.8, 0.05],
        &[0.0, 0.0, 1.0],
    ])
    .unwrap()
}

fn assert_identical(a: &Network, b: &Network) {
    assert_eq!(a.spec(), b.spec());
    for (la, lb) in a.layers.iter().zip(&b.layers) {
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&la.weights.data), bits(&lb.weights.data));
        assert_eq!(bits(&la.biases), bits(&lb.biases));
    }
    let (pa, pb) = (a.predict(&batch()).unwrap(), b.predict(&batch()).unwrap());
    assert_eq!(
        pa.data.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        pb.data.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );
}

#[test]
fn safetensors_round_trip_is_bit_exact() {
    let net = trained_network();
    let bytes = safetensors::export(&net);
    assert_identical(&net, &safetensors::import(&bytes).unwrap());
    // The layout others expect: 8-byte length, JSON header, data 8-byte aligned.
    let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    assert_eq!(n % 8, 0);
    let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + n]).unwrap();
    assert_eq!(header["layers.0.weight"]["shape"], serde_json::json!([5, 3]));
    assert_eq!(
        header["layers.1.weight"]["shape"],
        serde_json::json!([8, 5]),
        "maxout: units * k rows"
    );
    assert_eq!(header["layers.3.bias"]["dtype"], "F32");
    assert!(header["__metadata__"]["spec"]
        .as_str()
        .unwrap()
        .contains("\"normalization\""));
}

#[test]
fn json_round_trip_is_bit_exact_including_awkward_floats() {
    let mut net = trained_network();
    // Values whose shortest decimal forms are hard to read back exactly.
    let w = net.layers[0].weights.data.clone();
    let awkward = [
        f32::MIN_POSITIVE,
        1.0e-45,
        3.4028235e38,
        -0.1,
        16_777_217.0,
        0.333_333_34,
        -1.0e-38,
    ];
    let mut w2 = w.clone();
    w2[..awkward.len()].copy_from_slice(&awkward);
    let b = net.layers[0].biases.clone();
    net.set_parameters(0, &w2, &b).unwrap();
    let text = json::export(&net);
    let back = json::import(&text).unwrap();
    for (x, y) in net.layers[0].weights.data.iter().zip(&back.layers[0].weights.data) {
        assert_eq!(x.to_bits(), y.to_bits(), "{x} came back as {y}");
    }
    net.set_parameters(0, &w, &b).unwrap();
    assert_identical(&net, &json::import(&json::export(&net)).unwrap());
}

fn bad_file(result: Result<Network, Error>) -> String {
    match result {
        Err(Error::BadFile(m)) => m,
        Err(e) => panic!("expected a BadFile error, got {e:?}"),
        Ok(_) => panic!("a malformed file was accepted"),
    }
}

/// Rewrites the safetensors header with `edit` and returns the new file.
fn edit_header(bytes: &[u8], edit: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let mut header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + n]).unwrap();
    edit(&mut header);
    let head = serde_json::to_vec(&header).unwrap();
    let mut out = (head.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(&head);
    out.extend_from_slice(&bytes[8 + n..]);
    out
}

#[test]
fn malformed_safetensors_files_are_explained() {
    let good = safetensors::export(&trained_network());
    let n = u64::from_le_bytes(good[..8].try_into().unwrap()) as usize;

    assert!(bad_file(safetensors::import(&[])).contains("8-byte header length"));
    assert!(bad_file(safetensors::import(&good[..5])).contains("8-byte header length"));
    assert!(bad_file(safetensors::import(&good[..100])).contains("truncated"));
    assert!(bad_file(safetensors::import(&good[..good.len() - 1])).contains("truncated"));
    let mut huge = good.clone();
    huge[..8].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(bad_file(safetensors::import(&huge)).contains("truncated or not a safetensors file"));
    let mut garbage = good.clone();
    garbage[8] = b'!';
    assert!(bad_file(safetensors::import(&garbage)).contains("not valid JSON"));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(bad_file(safetensors::import(png)).contains("truncated or not a safetensors file"));

    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["__metadata__"]["format"] = "pytorch".into()
    })));
    assert!(m.contains("not exported by this playground"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h.as_object_mut().unwrap().remove("layers.2.bias");
    })));
    assert!(m.contains("`layers.2.bias` is missing"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["layers.0.weight"]["shape"] = serde_json::json!([3, 5])
    })));
    assert!(m.contains("should have shape [5, 3]"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["layers.0.weight"]["dtype"] = "F16".into()
    })));
    assert!(m.contains("only F32"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["layers.0.weight"]["data_offsets"] = serde_json::json!([0, 8])
    })));
    assert!(m.contains("needs 60 bytes"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["layers.3.bias"]["data_offsets"] = serde_json::json!([1_000_000, 1_000_012])
    })));
    assert!(m.contains("truncated"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["extra"] = serde_json::json!({})
    })));
    assert!(m.contains("unexpected: [\"extra\"]"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["__metadata__"]["spec"] = r#"{"inputs": 0, "outputs": 3, "loss": "softmaxCrossEntropy"}"#.into()
    })));
    assert!(m.contains("inputs must be between 1 and 4096"), "{m}");
    let m = bad_file(safetensors::import(&edit_header(&good, |h| {
        h["__metadata__"]["spec"] = "{".into()
    })));
    assert!(m.contains("__metadata__.spec is not valid"), "{m}");

    // A NaN in the data.
    let mut nan = good.clone();
    nan[8 + n..8 + n + 4].copy_from_slice(&f32::NAN.to_le_bytes());
    assert!(bad_file(safetensors::import(&nan)).contains("not a finite number"));

    // Every truncation point gives an error, never a panic.
    for cut in 0..good.len() {
        assert!(safetensors::import(&good[..cut]).is_err(), "cut at {cut} was accepted");
    }
}

#[test]
fn malformed_json_files_are_explained() {
    let good = json::export(&trained_network());
    let value: serde_json::Value = serde_json::from_str(&good).unwrap();
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = value.clone();
        edit(&mut v);
        json::import(&v.to_string())
    };
    assert!(bad_file(json::import("")).contains("not a network JSON file"));
    assert!(bad_file(json::import(&good[..good.len() / 2])).contains("not a network JSON file"));
    assert!(bad_file(json::import("[1, 2, 3]")).contains("not a network JSON file"));
    assert!(bad_file(with(&|v| v["format"] = "keras".into())).contains("expected \"mlp-playground/1\""));
    let m = bad_file(with(&|v| v["layers"][0]["weight"][1] = serde_json::json!([1.0])));
    assert!(m.contains("should be 5 rows of 3 numbers"), "{m}");
    let m = bad_file(with(&|v| v["layers"][0]["weight"][0][0] = serde_json::Value::Null));
    assert!(m.contains("not a network JSON file"), "{m}");
    let m = bad_file(with(&|v| v["layers"][0]["weight"][0][0] = serde_json::json!(1e39)));
    assert!(
        m.contains("not a finite number") || m.contains("not a network JSON file"),
        "{m}"
    );
    let m = bad_file(with(&|v| v["layers"][1]["bias"] = serde_json::json!([1.0])));
    assert!(m.contains("8 biases"), "{m}");
    let m = bad_file(with(&|v| {
        v["layers"].as_array_mut().unwrap().pop();
    }));
    assert!(m.contains("4 layers but the file holds weights for 3"), "{m}");
    let m = bad_file(with(&|v| v["spec"]["hidden"][0]["units"] = serde_json::json!(0)));
    assert!(m.contains("hidden layer 1 must have between 1 and 1024 units"), "{m}");
    let m = bad_file(with(&|v| v["spec"]["colour"] = "blue".into()));
    assert!(m.contains("unknown field `colour`"), "{m}");
}
