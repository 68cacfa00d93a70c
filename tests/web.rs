//! The bindings and the simd128 kernels, run in headless Chromium by
//! wasm-bindgen-test (`cargo test --target wasm32-unknown-unknown`, see README).
#![cfg(target_arch = "wasm32")]

use js_sys::{Float32Array, Reflect, Uint8Array};
use mlp::data::digits::{center_of_mass, draw_stroke, PAD_SIZE, PEN_WIDTH, SIDE};
use mlp::data::idx::{self, IdxImages};
use mlp::nn::kernels::{linear, matmul_a_b, matmul_a_bt, matmul_at_b, matmul_row_bias_into};
use mlp::nn::{Kernel, Matrix, Rng};
use mlp::wasm::{
    classify_digit, expand_features, pad_size, parse_csv, pen_width, preprocess_digit, simd_enabled, toy_classes,
    toy_data, DigitPad, Heatmaps, Mlp, MnistData,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn config(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

fn error_text(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    v.dyn_into::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_build_runs_on_simd128() {
    assert!(
        simd_enabled(),
        "the wasm build must be compiled with +simd128 (.cargo/config.toml)"
    );
}

#[wasm_bindgen_test]
fn simd128_tiles_sgemm_and_scalar_kernels_agree_on_odd_shapes() {
    let mut rng = Rng::new(3);
    let mut random =
        |r: usize, c: usize| Matrix::from_vec(r, c, (0..r * c).map(|_| rng.uniform(-1.0, 1.0)).collect()).unwrap();
    // every edge of the tiles: rows not a multiple of 2 or 4, columns not a multiple of 4 or 8,
    // inner sizes not a multiple of 4, short inner sizes (transposed path of X W^T), more than
    // one inner block (256), packed and unpacked W (fewer than 8 rows of X)
    for &(m, k, n) in &[
        (1, 1, 1),
        (3, 5, 7),
        (64, 784, 33),
        (17, 129, 31),
        (10, 2, 8),
        (5, 9, 257),
        (8, 784, 256),
        (7, 300, 13),
        (9, 15, 70),
        (2, 16, 12),
        (11, 513, 9),
        (257, 3, 4),
    ] {
        let (a, bt, b, g) = (random(m, k), random(n, k), random(k, n), random(m, n));
        let bias: Vec<f32> = random(1, n).data;
        let close = |s: &Matrix, v: &Matrix, k: usize| {
            s.data
                .iter()
                .zip(&v.data)
                .all(|(x, y)| (x - y).abs() <= 1e-5 * (k as f32 + 1.0))
        };
        let mut v = [
            Matrix::default(),
            Matrix::default(),
            Matrix::default(),
            Matrix::default(),
        ];
        matmul_a_bt(Kernel::Scalar, &a, &bt, &mut v[0]);
        matmul_a_b(Kernel::Scalar, &a, &b, &mut v[1]);
        matmul_at_b(Kernel::Scalar, &g, &a, 0.0, &mut v[2]);
        linear(Kernel::Scalar, &a, &bt, &bias, &mut v[3]);
        for kernel in [Kernel::Simd, Kernel::Sgemm] {
            let mut s = Matrix::from_vec(m, n, vec![f32::NAN; m * n]).unwrap();
            matmul_a_bt(kernel, &a, &bt, &mut s);
            assert!(close(&s, &v[0], k), "{kernel:?} A B^T at {m}x{k}x{n}");
            matmul_a_b(kernel, &a, &b, &mut s);
            assert!(close(&s, &v[1], k), "{kernel:?} A B at {m}x{k}x{n}");
            let mut s2 = Matrix::from_vec(n, k, vec![f32::NAN; n * k]).unwrap();
            matmul_at_b(kernel, &g, &a, 0.0, &mut s2);
            assert!(close(&s2, &v[2], m), "{kernel:?} A^T B at {m}x{k}x{n}");
            linear(kernel, &a, &bt, &bias, &mut s);
            assert!(close(&s, &v[3], k + 1), "{kernel:?} X W^T + b at {m}x{k}x{n}");
            // unit-major forward: A B + r 1^T (a bias per row)
            let r: Vec<f32> = bt
                .data
                .iter()
                .take(m)
                .map(|x| x * 0.5)
                .chain(std::iter::repeat(0.25))
                .take(m)
                .collect();
            let mut want = v[1].clone();
            for (i, row) in want.data.chunks_exact_mut(n).enumerate() {
                row.iter_mut().for_each(|x| *x += r[i]);
            }
            matmul_row_bias_into(kernel, (m, k, n), &a.data, &b.data, &r, &mut s.data);
            assert!(close(&s, &want, k + 1), "{kernel:?} A B + r 1^T at {m}x{k}x{n}");
        }
    }
}

const XOR: &str = r#"{"inputs": 2, "hidden": [{"units": 4, "activation": "tanh"}], "outputs": 1,
    "loss": "logistic", "seed": 1, "optimizer": {"kind": "adam", "learningRate": 0.05}}"#;

#[wasm_bindgen_test]
fn a_js_config_trains_xor_and_exposes_views() {
    let mut net = Mlp::new(config(XOR)).unwrap();
    assert_eq!(net.seed(), 1.0);
    let x = [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
    let t = [0.0, 1.0, 1.0, 0.0];
    let first = net.train_step(&x, &t).unwrap();
    let mut last = first;
    for _ in 0..300 {
        last = net.train_step(&x, &t).unwrap();
    }
    assert!(last < 0.05 && last < first / 10.0, "loss {first} -> {last}");
    assert_eq!(net.predict_labels(&x).unwrap(), vec![0.0, 1.0, 1.0, 0.0]);

    let size = net.size().unwrap();
    assert_eq!(Reflect::get(&size, &"parameters".into()).unwrap().as_f64(), Some(17.0));
    // Views alias wasm memory: no copy, same numbers as the network holds.
    let w: Float32Array = net.weights_view(0).unwrap();
    assert_eq!(w.length(), 8);
    assert_eq!(net.weight_shape(0).unwrap(), vec![4, 2]);
    let scores = net.forward(&x).unwrap().to_vec();
    let h = net.activations_view(0).unwrap();
    assert_eq!(h.length(), 16);
    assert_eq!(scores.len(), 4);
    assert!(net.grad_weights_view(1).unwrap().length() == 4);
}

#[wasm_bindgen_test]
fn export_import_round_trip_in_the_browser() {
    let mut net = Mlp::new(config(XOR)).unwrap();
    let x = [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
    for _ in 0..50 {
        net.train_step(&x, &[0.0, 1.0, 1.0, 0.0]).unwrap();
    }
    let bytes: Uint8Array = net.export_safetensors().unwrap();
    let back = Mlp::from_safetensors(&bytes.to_vec()).unwrap();
    assert_eq!(back.predict(&x).unwrap(), net.predict(&x).unwrap());
    let back = Mlp::from_json(&net.export_json().unwrap()).unwrap();
    assert_eq!(back.predict(&x).unwrap(), net.predict(&x).unwrap());
    let e = error_text(Mlp::from_safetensors(&[1, 2, 3]).err().unwrap());
    assert!(e.contains("bad weight file"), "{e}");
}

#[wasm_bindgen_test]
fn bad_js_input_is_an_exception_with_a_message_not_a_panic() {
    let e = error_text(
        Mlp::new(config(
            r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "colour": 1}"#,
        ))
        .err()
        .unwrap(),
    );
    assert!(e.contains("unknown field `colour`"), "{e}");
    let e = error_text(
        Mlp::new(config(
            r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "hidden": [{"units": 0, "activation": "relu"}]}"#,
        ))
        .err()
        .unwrap(),
    );
    assert!(
        e.contains("hidden layer 1 must have between 1 and 1024 units; got 0"),
        "{e}"
    );
    let mut net = Mlp::new(config(XOR)).unwrap();
    let e = error_text(net.train_step(&[1.0, 2.0, 3.0], &[1.0]).err().unwrap());
    assert!(e.contains("not a multiple of the 2 inputs"), "{e}");
    let e = error_text(net.weights_view(9).err().unwrap());
    assert!(e.contains("layer 9 does not exist"), "{e}");
    let e = error_text(
        net.set_optimizer(config(r#"{"kind": "sgd", "learningRate": -1}"#))
            .err()
            .unwrap(),
    );
    assert!(e.contains("learning rate must be greater than 0"), "{e}");
    let e = error_text(net.set_kernel("gpu").err().unwrap());
    assert!(e.contains("unknown kernel"), "{e}");
    // Still usable after all those errors.
    assert!(net.train_step(&[0.0, 1.0], &[1.0]).unwrap().is_finite());
}

#[wasm_bindgen_test]
fn playground_bindings_generate_parse_and_draw_every_neuron() {
    let a = toy_data("spiral3", 90, 0.1, 4.0).unwrap();
    assert_eq!(a.len(), 270);
    assert_eq!(a, toy_data("spiral3", 90, 0.1, 4.0).unwrap(), "same seed, same points");
    assert_eq!(toy_classes("spiral3").unwrap(), 3);
    assert_eq!(toy_classes("plane").unwrap(), 0);
    assert!(error_text(toy_data("moons", 10, 0.0, 1.0).unwrap_err()).contains("no data set called"));
    assert!(error_text(toy_data("xor", 10, 0.0, -1.0).unwrap_err()).contains("seed"));
    assert_eq!(expand_features(&[2.0, 3.0], 0b10100).unwrap(), vec![4.0, 6.0]);
    assert!(error_text(expand_features(&[2.0, 3.0], 0).unwrap_err()).contains("at least one input feature"));
    assert_eq!(parse_csv("x1,x2,label\n1,2,1\n", 2).unwrap(), vec![1.0, 2.0, 1.0]);
    assert!(error_text(parse_csv("1,2,1\n1,2\n", 2).unwrap_err()).contains("line 2: expected 3 values"));

    let net = Mlp::new(config(
        r#"{"inputs": 2, "hidden": [{"units": 4, "activation": "tanh"}, {"units": 2, "activation": "relu"}],
            "outputs": 1, "loss": "logistic", "seed": 1}"#,
    ))
    .unwrap();
    let mut maps = Heatmaps::new();
    maps.compute(&net, 0b11, 10, -6.0, 6.0).unwrap();
    assert_eq!(maps.counts(), vec![2, 4, 2, 1]);
    assert_eq!(maps.n(), 10);
    let values: Float32Array = maps.values();
    assert_eq!(values.length(), (2 + 4 + 2 + 1) * 100);
    // The output map equals predict() at the same grid points.
    let mut xy = Vec::new();
    mlp::view::heatmap::grid_points(10, -6.0, 6.0, &mut xy);
    let scores = net.predict(&xy).unwrap();
    let out = values.to_vec();
    for (p, s) in scores.iter().enumerate() {
        assert!((out[8 * 100 + p] - s).abs() < 1e-5);
    }
    assert!(error_text(maps.compute(&net, 0b111, 10, -6.0, 6.0).unwrap_err()).contains("input values"));
}

/// RGBA bytes of the drawing pad: black strokes on white, as the page draws them.
fn drawing(strokes: &[&[(f32, f32)]]) -> Vec<u8> {
    let mut ink = vec![0.0; PAD_SIZE * PAD_SIZE];
    for s in strokes {
        draw_stroke(&mut ink, PAD_SIZE, PAD_SIZE, s, pen_width());
    }
    ink.iter()
        .flat_map(|&v| {
            let g = (255.0 * (1.0 - v)).round() as u8;
            [g, g, g, 255]
        })
        .collect()
}

const SHIPPED_MODEL: &[u8] = include_bytes!("../www/assets/mnist-mlp.safetensors");

#[wasm_bindgen_test]
fn a_drawn_digit_is_preprocessed_and_classified_by_the_shipped_model() {
    assert_eq!((pad_size(), pen_width()), (PAD_SIZE, PEN_WIDTH));
    let model = Mlp::from_safetensors(SHIPPED_MODEL).unwrap();
    // A 7 drawn small, high and to the right: the case drawn-digit demos usually miss.
    let seven = drawing(&[&[(150.0, 20.0), (250.0, 22.0), (185.0, 150.0)]]);
    let image = preprocess_digit(&seven, PAD_SIZE, PAD_SIZE, true).unwrap().unwrap();
    assert_eq!(image.len(), 784);
    let (cx, cy) = center_of_mass(&image, SIDE).unwrap();
    assert!((cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5, "({cx}, {cy})");
    let p = classify_digit(&model, &image).unwrap();
    assert_eq!(p.len(), 10);
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    let best = (0..10).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
    assert_eq!(best, 7, "{p:?}");

    // Centering off gives a different image (the 20x20 box centered instead).
    let off = preprocess_digit(&seven, PAD_SIZE, PAD_SIZE, false).unwrap().unwrap();
    assert_ne!(off, image);

    // Nothing drawn: undefined, not a guess. Bad sizes: an exception with a message.
    let blank = drawing(&[]);
    assert!(preprocess_digit(&blank, PAD_SIZE, PAD_SIZE, true).unwrap().is_none());
    let e = error_text(preprocess_digit(&blank, 10, 10, true).err().unwrap());
    assert!(e.contains("needs 400 values"), "{e}");
    let e = error_text(classify_digit(&model, &[0.0; 10]).err().unwrap());
    assert!(e.contains("784"), "{e}");
    let xor = Mlp::new(config(XOR)).unwrap();
    let e = error_text(classify_digit(&xor, &image).err().unwrap());
    assert!(e.contains("784 inputs"), "{e}");
}

#[wasm_bindgen_test]
fn the_reused_digit_pad_gives_exactly_what_preprocess_digit_gives() {
    let model = Mlp::from_safetensors(SHIPPED_MODEL).unwrap();
    let drawings = [
        drawing(&[&[(150.0, 20.0), (250.0, 22.0), (185.0, 150.0)]]),
        drawing(&[&[(140.0, 40.0), (140.0, 240.0)]]),
        drawing(&[
            &[(60.0, 60.0), (220.0, 60.0)],
            &[(60.0, 200.0), (220.0, 210.0), (90.0, 120.0)],
        ]),
        drawing(&[&[(30.0, 250.0), (35.0, 255.0)]]),
    ];
    let mut digit_pad = DigitPad::new();
    for (i, rgba) in drawings.iter().enumerate() {
        for center in [true, false] {
            digit_pad.input_view(PAD_SIZE, PAD_SIZE).unwrap().copy_from(rgba);
            assert!(digit_pad.preprocess(PAD_SIZE, PAD_SIZE, center).unwrap());
            let want = preprocess_digit(rgba, PAD_SIZE, PAD_SIZE, center).unwrap().unwrap();
            assert_eq!(digit_pad.image_view().to_vec(), want, "drawing {i}, center {center}");
            assert_eq!(
                digit_pad.classify(&model).unwrap(),
                classify_digit(&model, &want).unwrap()
            );
        }
    }
    // a smaller picture after the big ones (the buffers shrink to it), then a blank one, then a bad size
    let small: Vec<u8> = (0..10 * 12)
        .flat_map(|i| if i % 7 == 3 { [0, 0, 0, 255] } else { [255; 4] })
        .collect();
    digit_pad.input_view(10, 12).unwrap().copy_from(&small);
    assert!(digit_pad.preprocess(10, 12, true).unwrap());
    assert_eq!(
        digit_pad.image_view().to_vec(),
        preprocess_digit(&small, 10, 12, true).unwrap().unwrap()
    );
    let blank = drawing(&[]); // before taking the view: allocating may grow (and detach) wasm memory
    digit_pad.input_view(PAD_SIZE, PAD_SIZE).unwrap().copy_from(&blank);
    assert!(!digit_pad.preprocess(PAD_SIZE, PAD_SIZE, true).unwrap());
    assert!(digit_pad.image_view().to_vec().iter().all(|&v| v == 0.0));
    let e = error_text(digit_pad.preprocess(10, 10, true).err().unwrap());
    assert!(e.contains("needs 400 values"), "{e}");
    let e = error_text(digit_pad.input_view(0, 5).err().unwrap());
    assert!(e.contains("between 1 and"), "{e}");
}

fn tiny_idx(count: usize) -> (Vec<u8>, Vec<u8>) {
    let labels: Vec<u8> = (0..count).map(|i| (i % 10) as u8).collect();
    let mut pixels = vec![0u8; count * 784];
    for (img, &l) in pixels.chunks_exact_mut(784).zip(&labels) {
        let row = 4 + 2 * l as usize;
        img[row * 28 + 4..row * 28 + 24].fill(255);
    }
    let images = IdxImages {
        count,
        rows: 28,
        cols: 28,
        pixels,
    };
    (idx::write_images(&images), idx::write_labels(&labels))
}

#[wasm_bindgen_test]
fn idx_files_load_train_and_evaluate_in_the_browser() {
    let (images, labels) = tiny_idx(30);
    let mut data = MnistData::from_idx(&images, &labels).unwrap();
    assert_eq!(data.length(), 30);
    assert_eq!(data.label(13).unwrap(), 3);
    assert_eq!(data.inputs(2, 3).unwrap().len(), 3 * 784);
    assert_eq!(data.targets(8, 3).unwrap(), vec![8.0, 9.0, 0.0]);
    assert_eq!(data.image(0).unwrap().length(), 784);
    let e = error_text(data.inputs(25, 10).err().unwrap());
    assert!(e.contains("do not exist"), "{e}");

    let mut model = Mlp::new(config(
        r#"{"inputs": 784, "hidden": [{"units": 16, "activation": "relu"}], "outputs": 10,
            "loss": "softmaxCrossEntropy", "seed": 2, "optimizer": {"kind": "adam", "learningRate": 0.01}}"#,
    ))
    .unwrap();
    let first = data.train_epoch(&mut model, 1.0, 5, false).unwrap();
    let mut last = first;
    for epoch in 0..20 {
        last = data.train_epoch(&mut model, epoch as f64, 5, true).unwrap();
    }
    assert!(last < first, "loss {first} -> {last}");
    let validation = data.split_off(20).unwrap();
    assert_eq!((data.length(), validation.length()), (20, 10));
    let result = data.evaluate(&model).unwrap();
    let accuracy = Reflect::get(&result, &"accuracy".into()).unwrap().as_f64().unwrap();
    assert!(accuracy > 0.5, "accuracy {accuracy}");
    let confusion = Reflect::get(&result, &"confusion".into()).unwrap();
    assert_eq!(js_sys::Array::from(&confusion).length(), 10);

    // Malformed files are exceptions that say what is wrong.
    let e = error_text(MnistData::from_idx(&labels, &images).err().unwrap());
    assert!(e.contains("bad data file") && e.contains("magic number"), "{e}");
    let e = error_text(MnistData::from_idx(&images[..1000], &labels).err().unwrap());
    assert!(e.contains("truncated"), "{e}");
    let (more, _) = tiny_idx(31);
    let e = error_text(MnistData::from_idx(&more, &labels).err().unwrap());
    assert!(e.contains("31 images") && e.contains("30 labels"), "{e}");
    let e = error_text(MnistData::from_bytes(&[0; 784], &[11]).err().unwrap());
    assert!(e.contains("0-9"), "{e}");
}

// ---- lecture views: activations, neuron, xor-by-hand, sizes ----

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn lecture_bindings_give_curves_identity_sizes_and_a_neuron() {
    use mlp::wasm::{activation_curve, maxout_gap, network_shape, tanh_identity_error, NeuronHandle};
    let c = activation_curve(JsValue::from_str("sigmoid"), -1.0, 1.0, 3.0).unwrap();
    let d: Vec<f32> = serde_wasm_bindgen::from_value(get(&c, "derivatives")).unwrap();
    assert!((d[1] - 0.25).abs() < 1e-7);
    let e = tanh_identity_error(-5.0, 5.0, 1001.0).unwrap();
    assert!(get(&e, "maxErrorF32").as_f64().unwrap() < 1e-6);
    let gap = maxout_gap(&[0.0, 0.0, 1.0, 0.0], JsValue::from_str("relu"), -3.0, 3.0, 61.0).unwrap();
    assert_eq!(gap, 0.0);
    let shape = network_shape(config(
        r#"{"inputs": 3, "hidden": [{"units": 4, "activation": "relu"}], "outputs": 2, "loss": "squaredError"}"#,
    ))
    .unwrap();
    assert_eq!(get(&get(&shape, "size"), "parameters").as_f64(), Some(26.0));
    let mut n = NeuronHandle::new("hinge", 10, 0.5, 1).unwrap();
    n.set_parameters(&[3.0, 4.0, 1.0]).unwrap();
    n.step(0.5, 0.2, false).unwrap();
    assert!((n.weight_norm() - 5.0 * 0.9).abs() < 1e-5);
    assert_eq!(n.per_example_loss().unwrap().len(), 20);
}

#[wasm_bindgen_test]
fn lecture_bindings_explain_bad_input() {
    use mlp::wasm::{activation_curve, maxout_curve, NeuronHandle};
    let e = activation_curve(JsValue::from_str("tanh"), -1.0, 1.0, 0.5)
        .err()
        .unwrap();
    assert!(error_text(e).contains("whole number of points"));
    let e = maxout_curve(&[1.0, 2.0], -1.0, 1.0, 10.0).err().unwrap();
    assert!(error_text(e).contains("4 numbers"));
    let e = NeuronHandle::new("softmax", 10, 0.5, 1).err().unwrap();
    assert!(error_text(e).contains("unknown loss"));
    let e = activation_curve(JsValue::from_str("swish"), -1.0, 1.0, 10.0)
        .err()
        .unwrap();
    assert!(error_text(e).contains("invalid activation"));
}

/// The lecture views' bindings: backpropGraph returns Figure 5(b) as a plain object; toyDataset is seeded.
#[wasm_bindgen_test]
fn lecture_view_bindings_return_plain_objects() {
    use mlp::wasm::{backprop_graph_js, toy_dataset};
    let get = |o: &JsValue, k: &str| Reflect::get(o, &k.into()).unwrap();
    let mut net = Mlp::new(config(
        r#"{"inputs": 2, "hidden": [{"units": 2, "activation": "sigmoid"}], "outputs": 2, "loss": "squaredError", "seed": 1}"#,
    ))
    .unwrap();
    net.set_parameters(0, &[0.1, -0.2, 0.4, 0.3], &[0.1, -0.1]).unwrap();
    net.set_parameters(1, &[0.5, -0.3, 0.2, 0.6], &[0.0, 0.1]).unwrap();
    let g = backprop_graph_js(&net, &[0.5, -1.0], &[1.0, 0.0], 1e-5).unwrap();
    assert!((get(&g, "loss").as_f64().unwrap() - 0.4730546128).abs() < 1e-6);
    assert!(get(&g, "maxDifference").as_f64().unwrap() < 1e-4);
    let dz = js_sys::Array::from(&get(&g, "dZ"));
    assert!((dz.get(0).as_f64().unwrap() - -0.078420234).abs() < 1e-6);
    let numeric = get(&g, "numeric");
    assert_eq!(js_sys::Array::from(&get(&numeric, "dW1")).length(), 4);
    let e = error_text(backprop_graph_js(&net, &[0.5], &[1.0, 0.0], 1e-5).unwrap_err());
    assert!(e.contains("2 input values"), "{e}");

    let d = toy_dataset("spiral", 10, 3, 0.0, 4.0).unwrap();
    assert_eq!(js_sys::Array::from(&get(&d, "x")).length(), 60);
    assert_eq!(js_sys::Array::from(&get(&d, "labels")).length(), 30);
    assert_eq!(get(&d, "classes").as_f64(), Some(3.0));
    let e = error_text(toy_dataset("rings", 10, 2, 0.0, 1.0).unwrap_err());
    assert!(e.contains("unknown dataset"), "{e}");
    assert!(toy_dataset("moons", 10, 2, 0.0, -1.0).is_err());
}
