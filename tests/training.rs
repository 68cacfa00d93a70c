//! Training behaviour: convergence on seeded data, divergence handling,
//! clear errors for bad input, teaching statistics, SIMD vs scalar.

use mlp::nn::{Activation, Kernel, Loss, Matrix, Network, NetworkSpec, Optimizer, Regularization, Rng};
use mlp::{Config, Error};

/// Three Gaussian blobs in 2-D, labels 0, 1, 2.
fn blobs(n: usize, seed: u64) -> (Matrix, Vec<f32>) {
    let mut rng = Rng::new(seed);
    let centers = [(-1.0, -1.0), (1.0, -1.0), (0.0, 1.2)];
    let mut x = Vec::new();
    let mut t = Vec::new();
    for i in 0..n {
        let c = i % 3;
        x.push(centers[c].0 + 0.4 * rng.normal());
        x.push(centers[c].1 + 0.4 * rng.normal());
        t.push(c as f32);
    }
    (Matrix::from_vec(n, 2, x).unwrap(), t)
}

fn accuracy(net: &Network, x: &Matrix, t: &[f32]) -> f32 {
    let p = net.predict_labels(x).unwrap();
    p.iter().zip(t).filter(|(a, b)| a == b).count() as f32 / t.len() as f32
}

#[test]
fn same_seed_same_network_golden_first_weights() {
    let s = NetworkSpec::new(2, &[(3, Activation::Tanh)], 1, Loss::Logistic);
    let a = Network::new(s.clone(), 42).unwrap();
    let b = Network::new(s.clone(), 42).unwrap();
    assert_eq!(a.layers[0].weights, b.layers[0].weights);
    assert_ne!(a.layers[0].weights, Network::new(s, 43).unwrap().layers[0].weights);
    // Xavier bound for 2 -> 3 is sqrt(6 / 5) = 1.095.
    assert!(a.layers[0].weights.data.iter().all(|w| w.abs() <= 1.0955));
    let golden = [0.253_145_22_f32, -0.196_509_24, -0.262_874_48];
    for (w, g) in a.layers[0].weights.data.iter().zip(golden) {
        assert!(
            (w - g).abs() < 1e-6,
            "weights {:?} differ from the golden values {golden:?}",
            a.layers[0].weights.data
        );
    }
}

#[test]
fn softmax_and_multiclass_hinge_learn_three_blobs() {
    let (x, t) = blobs(300, 5);
    for loss in [Loss::SoftmaxCrossEntropy, Loss::Hinge] {
        let mut net = Network::new(NetworkSpec::new(2, &[(8, Activation::Relu)], 3, loss), 2).unwrap();
        net.set_optimizer(Optimizer::Momentum {
            learning_rate: 0.05,
            momentum: 0.9,
        })
        .unwrap();
        let first = net.train_step(&x, &t).unwrap();
        let mut last = first;
        for _ in 0..200 {
            last = net.train_step(&x, &t).unwrap();
        }
        let acc = accuracy(&net, &x, &t);
        assert!(acc > 0.95, "{loss:?}: accuracy {acc}");
        assert!(last < first / 3.0, "{loss:?}: loss {first} -> {last}");
    }
}

#[test]
fn binary_svm_and_squared_error_train() {
    let (x, t3) = blobs(200, 8);
    let t: Vec<f32> = t3.iter().map(|&c| if c == 2.0 { 1.0 } else { -1.0 }).collect();
    let mut net = Network::new(NetworkSpec::new(2, &[], 1, Loss::Hinge), 1).unwrap();
    for _ in 0..300 {
        net.train_step(&x, &t).unwrap();
    }
    assert!(
        accuracy(&net, &x, &t) > 0.95,
        "a linear SVM separates blob 2 from the others"
    );

    // Regression of y = x1 * x2 on [-1, 1]^2.
    let mut rng = Rng::new(3);
    let xs: Vec<f32> = (0..400).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let x = Matrix::from_vec(200, 2, xs).unwrap();
    let y: Vec<f32> = (0..200).map(|i| x.get(i, 0) * x.get(i, 1)).collect();
    let mut net = Network::new(NetworkSpec::new(2, &[(16, Activation::Tanh)], 1, Loss::SquaredError), 4).unwrap();
    net.set_optimizer(Optimizer::adam(0.02)).unwrap();
    let first = net.train_step(&x, &y).unwrap();
    let mut last = first;
    for _ in 0..1000 {
        last = net.train_step(&x, &y).unwrap();
    }
    assert!(last < 0.002 && last < first / 10.0, "squared error {first} -> {last}");
}

#[test]
fn divergence_is_reported_and_keeps_the_last_good_weights() {
    let (x, _) = blobs(30, 1);
    let y: Vec<f32> = (0..30).map(|i| 1000.0 * x.get(i, 0)).collect();
    let mut net = Network::new(
        NetworkSpec::new(
            2,
            &[(8, Activation::Relu), (8, Activation::Relu)],
            1,
            Loss::SquaredError,
        ),
        1,
    )
    .unwrap();
    net.set_optimizer(Optimizer::Sgd { learning_rate: 10.0 }).unwrap();
    let mut outcome = None;
    for step in 0..200 {
        let before = net.layers.clone();
        match net.train_step(&x, &y) {
            Ok(_) => {}
            Err(e) => {
                outcome = Some((step, e));
                for (b, a) in before.iter().zip(&net.layers) {
                    assert!(a.weights.is_finite(), "weights must stay finite");
                    assert!(b
                        .weights
                        .data
                        .iter()
                        .zip(&a.weights.data)
                        .all(|(p, q)| p == q || q.is_finite()));
                }
                break;
            }
        }
    }
    let (step, e) = outcome.expect("a learning rate of 10 on targets of size 1000 must diverge");
    match &e {
        Error::Diverged(m) => {
            assert!(m.contains("learning rate is probably too high"), "{m}");
            assert!(m.contains("weights were restored"), "{m}");
        }
        other => panic!("expected Diverged, got {other:?}"),
    }
    // The network still predicts finite numbers after the error.
    assert!(
        net.predict(&x).unwrap().is_finite(),
        "diverged at step {step}; predictions must stay finite"
    );
    // Lowering the learning rate lets training continue from the kept weights.
    net.set_optimizer(Optimizer::Sgd { learning_rate: 1e-9 }).unwrap();
    let loss = net.train_step(&x, &y).expect("the restored weights have a finite loss");
    assert!(loss.is_finite());
}

#[test]
fn bad_input_is_a_clear_error() {
    let mut net = Network::new(NetworkSpec::new(2, &[(3, Activation::Tanh)], 1, Loss::Logistic), 1).unwrap();
    let msg = |r: Result<f64, Error>| r.unwrap_err().to_string();
    let x3 = Matrix::from_rows(&[&[1.0, 2.0, 3.0]]).unwrap();
    assert!(msg(net.train_step(&x3, &[1.0])).contains("each example needs 2 input values; got rows of 3"));
    let x = Matrix::from_rows(&[&[1.0, 2.0]]).unwrap();
    assert!(msg(net.train_step(&x, &[1.0, 0.0])).contains("expected 1 target numbers"));
    assert!(msg(net.train_step(&x, &[2.0])).contains("a label between 0 and 1"));
    assert!(msg(net.train_step(&Matrix::zeros(0, 2), &[])).contains("the batch is empty"));
    let nan = Matrix::from_rows(&[&[f32::NAN, 2.0]]).unwrap();
    assert!(msg(net.train_step(&nan, &[1.0])).contains("NaN or infinity"));
    assert!(net
        .set_parameters(0, &[1.0], &[0.0])
        .unwrap_err()
        .to_string()
        .contains("needs 6 weights (3 x 2) and 3 biases"));
    assert!(net
        .set_parameters(7, &[], &[])
        .unwrap_err()
        .to_string()
        .contains("layer 7 does not exist"));
    let e = net
        .set_optimizer(Optimizer::Sgd {
            learning_rate: f32::NAN,
        })
        .unwrap_err();
    assert!(e.to_string().contains("learning rate must be greater than 0"));
    let mut fresh = Network::new(NetworkSpec::new(2, &[], 1, Loss::Logistic), 1).unwrap();
    assert!(fresh
        .backward(&[1.0])
        .unwrap_err()
        .to_string()
        .contains("needs a forward pass first"));
    assert_eq!(net.steps(), 0, "no failed call trained anything");
}

#[test]
fn bad_configurations_are_explained() {
    let err = |text: &str| match Config::from_json(text).and_then(|c| c.build()) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted {text}"),
    };
    assert!(err(r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "layers": []}"#).contains("unknown field `layers`"));
    assert!(err(r#"{"inputs": 2, "outputs": 0, "loss": "squaredError"}"#)
        .contains("output layer must have between 1 and 1024 units; got 0"));
    assert!(err(r#"{"inputs": 2, "outputs": 1, "loss": "softmaxCrossEntropy"}"#).contains("at least 2 output scores"));
    assert!(err(r#"{"inputs": 2, "outputs": 1, "loss": "cosine"}"#).contains("unknown variant `cosine`"));
    let big = r#"{"inputs": 4096, "outputs": 10, "loss": "squaredError",
        "hidden": [{"units": 1024, "activation": "relu"}, {"units": 1024, "activation": "relu"}]}"#;
    assert!(err(big).contains("limit is 4000000"));
    let leaky = r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "hidden": [{"units": 3, "activation": {"leakyRelu": {"alpha": -1}}}]}"#;
    assert!(err(leaky).contains("hidden layer 1: leaky ReLU slope alpha must be in [0, 1)"));
    let lr = r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "optimizer": {"kind": "adam", "learningRate": 50}}"#;
    assert!(err(lr).contains("at most 10; got 50"));
    let norm = r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "normalization": {"mean": [0, 0, 0], "std": [1]}}"#;
    assert!(err(norm).contains("normalization mean needs 1 or 2 values"));
}

#[test]
fn dead_relus_and_saturated_sigmoids_are_counted() {
    let (x, _) = blobs(60, 2);
    let mut net = Network::new(
        NetworkSpec::new(2, &[(4, Activation::Relu), (4, Activation::Sigmoid)], 1, Loss::Logistic),
        1,
    )
    .unwrap();
    let w0 = net.layers[0].weights.data.clone();
    // Unit 2 gets a bias so negative it never fires on this data: a dead ReLU.
    net.set_parameters(0, &w0, &[0.0, 0.0, -100.0, 0.0]).unwrap();
    let stats = net.unit_stats(&x).unwrap();
    assert!((stats[0].dead_fraction - 0.25).abs() < 1e-6, "{stats:?}");
    assert_eq!(stats[1].dead_fraction, 0.0);
    // Huge weights push every sigmoid into its flat tails.
    let w1 = vec![50.0; 16];
    net.set_parameters(1, &w1, &[-10.0, 10.0, 0.0, 5.0]).unwrap();
    let stats = net.unit_stats(&x).unwrap();
    assert!(stats[1].saturated_fraction > 0.7, "{stats:?}");
    net.set_parameters(1, &[0.01; 16], &[0.0; 4]).unwrap();
    assert_eq!(net.unit_stats(&x).unwrap()[1].saturated_fraction, 0.0);
}

#[test]
fn a_high_learning_rate_kills_relu_units() {
    // Lecture 2.3.3: "as much as 40% of your network can be dead if the learning rate is set too high".
    let (x, t) = blobs(300, 4);
    let dead_after = |lr: f32| {
        let mut net = Network::new(
            NetworkSpec::new(
                2,
                &[(32, Activation::Relu), (32, Activation::Relu)],
                3,
                Loss::SoftmaxCrossEntropy,
            ),
            6,
        )
        .unwrap();
        net.set_optimizer(Optimizer::Sgd { learning_rate: lr }).unwrap();
        for _ in 0..100 {
            if net.train_step(&x, &t).is_err() {
                break;
            }
        }
        let s = net.unit_stats(&x).unwrap();
        (s[0].dead_fraction + s[1].dead_fraction) / 2.0
    };
    let (gentle, harsh) = (dead_after(0.01), dead_after(5.0));
    assert!(
        harsh > gentle + 0.1,
        "dead fraction: lr 0.01 -> {gentle}, lr 5 -> {harsh}"
    );
}

#[test]
fn simd_and_scalar_training_agree() {
    let (x, t) = blobs(64, 9);
    let make = |kernel| {
        let mut net = Network::new(
            NetworkSpec::new(
                2,
                &[(17, Activation::Tanh), (9, Activation::Relu)],
                3,
                Loss::SoftmaxCrossEntropy,
            ),
            3,
        )
        .unwrap();
        net.kernel = kernel;
        net.set_regularization(Regularization::L2 { lambda: 1e-3 }).unwrap();
        (0..20).map(|_| net.train_step(&x, &t).unwrap()).collect::<Vec<_>>()
    };
    let (simd, scalar) = (make(Kernel::Simd), make(Kernel::Scalar));
    for (a, b) in simd.iter().zip(&scalar) {
        assert!((a - b).abs() < 1e-4 * (1.0 + b.abs()), "{simd:?} vs {scalar:?}");
    }
}

#[test]
fn normalization_is_applied_before_the_first_layer() {
    let mut s = NetworkSpec::new(2, &[], 1, Loss::SquaredError);
    let mut plain = Network::new(s.clone(), 1).unwrap();
    s.normalization = Some(mlp::nn::Normalization {
        mean: vec![10.0, -4.0],
        std: vec![2.0],
    });
    let mut norm = Network::new(s, 1).unwrap();
    plain.set_parameters(0, &[1.0, 3.0], &[0.5]).unwrap();
    norm.set_parameters(0, &[1.0, 3.0], &[0.5]).unwrap();
    let raw = Matrix::from_rows(&[&[12.0, -2.0]]).unwrap();
    let scaled = Matrix::from_rows(&[&[1.0, 1.0]]).unwrap();
    assert_eq!(norm.predict(&raw).unwrap(), plain.predict(&scaled).unwrap());
}

#[test]
fn unit_maps_are_the_activations_unit_by_unit() {
    // the playground's tanh net, a maxout net with normalization, every kernel
    let nets = [
        NetworkSpec::new(2, &[(8, Activation::Tanh); 4], 1, Loss::Logistic),
        NetworkSpec {
            normalization: Some(mlp::nn::Normalization {
                mean: vec![0.5, -1.0, 2.0],
                std: vec![2.0],
            }),
            ..NetworkSpec::new(
                3,
                &[
                    (5, Activation::Maxout { k: 3 }),
                    (7, Activation::Sigmoid),
                    (6, Activation::Relu),
                ],
                4,
                Loss::SoftmaxCrossEntropy,
            )
        },
    ];
    let mut rng = Rng::new(11);
    // odd sizes: 101 points, 1300, and a 101 x 101 grid
    for (s, points) in nets.iter().flat_map(|s| [101, 1300, 101 * 101].map(|p| (s.clone(), p))) {
        let inputs = s.inputs;
        let x = Matrix::from_vec(
            points,
            inputs,
            (0..points * inputs).map(|_| rng.uniform(-3.0, 3.0)).collect(),
        )
        .unwrap();
        // feature-major copy of x
        let xt: Vec<f32> = (0..inputs)
            .flat_map(|f| (0..points).map(move |p| (f, p)))
            .map(|(f, p)| x.get(p, f))
            .collect();
        for kernel in [Kernel::Simd, Kernel::Sgemm, Kernel::Scalar] {
            let mut net = Network::new(s.clone(), 5).unwrap();
            net.kernel = kernel;
            let acts = net.activations(&x).unwrap();
            let mut maps = vec![f32::NAN; 3]; // garbage that must be overwritten
            net.unit_maps(&xt, points, &mut maps).unwrap();
            let mut offset = 0;
            for (_, h) in &acts {
                for j in 0..h.cols {
                    for p in 0..points {
                        let (got, want) = (maps[offset + j * points + p], h.get(p, j));
                        assert!(
                            (got - want).abs() < 1e-5,
                            "{kernel:?} unit {j} point {p}: {got} vs {want}"
                        );
                    }
                }
                offset += h.cols * points;
            }
            assert_eq!(maps.len(), offset);
        }
    }
    let net = Network::new(NetworkSpec::new(2, &[(3, Activation::Tanh)], 1, Loss::Logistic), 1).unwrap();
    let e = net.unit_maps(&[0.0; 5], 3, &mut Vec::new()).unwrap_err();
    assert!(e.to_string().contains("2 rows of 3 values"), "{e}");
}

#[test]
fn loss_on_a_dataset_equals_the_training_loss_and_changes_nothing() {
    let (x, t) = blobs(90, 3);
    let mut net = Network::new(
        NetworkSpec::new(2, &[(6, Activation::Tanh)], 3, Loss::SoftmaxCrossEntropy),
        5,
    )
    .unwrap();
    net.set_regularization(Regularization::L2 { lambda: 0.01 }).unwrap();
    let before = net.layers[0].weights.clone();
    let evaluated = net.loss_on(&x, &t).unwrap();
    assert_eq!(net.layers[0].weights, before);
    assert_eq!(net.steps(), 0);
    // train_step reports the loss before its update: the same number, computed the training way.
    let trained = net.train_step(&x, &t).unwrap();
    assert!((evaluated - trained).abs() < 1e-9, "{evaluated} vs {trained}");
    assert!(net
        .loss_on(&x, &[0.0])
        .unwrap_err()
        .to_string()
        .contains("expected 90 target numbers"));
}
