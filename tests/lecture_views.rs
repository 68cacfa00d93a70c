//! The lecture views' numbers: the backpropagation graph of lecture 3.5 against
//! values computed by hand (NumPy, f64) for a fixed example, analytic against
//! central-difference gradients, and the seeded datasets.

use mlp::nn::{Activation, LayerSpec, Loss, Network, NetworkSpec};
use mlp::view::{backprop_graph, Dataset, DatasetKind};

/// The lecture's 3.5 network: 2 inputs, 2 hidden units with activation `f`, 2 linear outputs, squared error.
fn lecture_net(f: Activation) -> Network {
    let spec = NetworkSpec {
        inputs: 2,
        hidden: vec![LayerSpec {
            units: 2,
            activation: f,
        }],
        outputs: 2,
        output_activation: Activation::Identity,
        loss: Loss::SquaredError,
        normalization: None,
    };
    let mut net = Network::new(spec, 1).unwrap();
    net.set_parameters(0, &[0.1, -0.2, 0.4, 0.3], &[0.1, -0.1]).unwrap();
    net.set_parameters(1, &[0.5, -0.3, 0.2, 0.6], &[0.0, 0.1]).unwrap();
    net
}

const X: [f32; 2] = [0.5, -1.0];
const T: [f32; 2] = [1.0, 0.0];

fn close(name: &str, got: &[f32], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name}: length");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!((g as f64 - w).abs() < 1e-6, "{name}[{i}] = {g}, hand-computed {w}");
    }
}

#[test]
fn sigmoid_graph_matches_hand_computed_values() {
    let g = backprop_graph(&lecture_net(Activation::Sigmoid), &X, &T, 1e-6).unwrap();
    // z = W1 x + b1 = (0.05 + 0.2 + 0.1, 0.2 - 0.3 - 0.1)
    close("z", &g.z, &[0.35, -0.2]);
    close("h", &g.h, &[0.5866175789, 0.4501660027]);
    close("y", &g.y, &[0.1582589887, 0.4874231174]);
    assert!((g.loss - 0.4730546128).abs() < 1e-6, "L = {}", g.loss);
    close("dL/dy", &g.d_y, &[-0.8417410113, 0.4874231174]);
    close(
        "dL/dW2",
        &g.d_w2,
        &[-0.4937800742, -0.3789231864, 0.285930969, 0.2194213164],
    );
    close("dL/db2", &g.d_b2, &[-0.8417410113, 0.4874231174]);
    close("dL/dh", &g.d_h, &[-0.3233858822, 0.5449761738]);
    close("dL/dz", &g.d_z, &[-0.078420234, 0.1348906348]);
    close(
        "dL/dW1",
        &g.d_w1,
        &[-0.039210117, 0.078420234, 0.0674453174, -0.1348906348],
    );
    close("dL/db1", &g.d_b1, &[-0.078420234, 0.1348906348]);
    // f'(z) = h (1 - h) for the sigmoid.
    close(
        "f'(z)",
        &g.f_prime,
        &[0.5866175789 * (1.0 - 0.5866175789), 0.4501660027 * (1.0 - 0.4501660027)],
    );
    assert_eq!(g.activation, "sigmoid");
}

#[test]
fn analytic_and_central_difference_gradients_agree() {
    for f in [Activation::Sigmoid, Activation::Tanh, Activation::Identity] {
        let net = lecture_net(f);
        let g = backprop_graph(&net, &X, &T, 1e-5).unwrap();
        assert!(
            g.max_difference < 1e-4,
            "{f:?}: max |analytic - numeric| = {}",
            g.max_difference
        );
        for (a, n) in g
            .d_w1
            .iter()
            .zip(&g.numeric.d_w1)
            .chain(g.d_b2.iter().zip(&g.numeric.d_b2))
        {
            assert!((*a as f64 - n).abs() < 1e-4);
        }
        assert_eq!(g.numeric.d_w1.len(), 4);
        assert_eq!(g.numeric.d_w2.len(), 4);
    }
    // A wrong gradient would show: numeric dL/dW2 of the sigmoid net is dL/dy h^T.
    let g = backprop_graph(&lecture_net(Activation::Sigmoid), &X, &T, 1e-5).unwrap();
    assert!((g.numeric.d_w2[0] - (-0.4937800742)).abs() < 1e-8);
}

#[test]
fn inspector_rejects_networks_and_examples_it_cannot_show() {
    let net = lecture_net(Activation::Sigmoid);
    let e = backprop_graph(&net, &[1.0], &T, 1e-5).unwrap_err();
    assert!(e.to_string().contains("2 input values and 2 targets"), "{e}");
    let e = backprop_graph(&net, &X, &T, 0.0).unwrap_err();
    assert!(e.to_string().contains("eps"), "{e}");
    let mut spec = net.spec().clone();
    spec.loss = Loss::Hinge;
    let e = backprop_graph(&Network::new(spec, 1).unwrap(), &X, &[1.0, 0.0], 1e-5).unwrap_err();
    assert!(e.to_string().contains("squared-error"), "{e}");
}

#[test]
fn datasets_are_seeded_balanced_and_shaped() {
    for kind in [DatasetKind::Circles, DatasetKind::Moons, DatasetKind::Spiral] {
        let a = Dataset::generate(kind, 50, 3, 0.05, 7).unwrap();
        let b = Dataset::generate(kind, 50, 3, 0.05, 7).unwrap();
        assert_eq!(a, b, "{kind:?}: same seed, same points");
        let classes = if kind == DatasetKind::Spiral { 3 } else { 2 };
        assert_eq!(a.classes, classes);
        assert_eq!(a.x.rows, 50 * classes);
        assert_eq!(a.x.cols, 2);
        for c in 0..classes {
            assert_eq!(a.labels.iter().filter(|&&l| l == c as f32).count(), 50);
        }
        assert!(a.x.data.iter().all(|v| v.abs() < 2.0));
        assert_ne!(a, Dataset::generate(kind, 50, 3, 0.05, 8).unwrap());
    }
    // Circles without noise: class 0 within radius 0.5, class 1 between 0.75 and 1.
    let d = Dataset::generate(DatasetKind::Circles, 100, 2, 0.0, 1).unwrap();
    for i in 0..d.x.rows {
        let r = d.x.row(i).iter().map(|v| v * v).sum::<f32>().sqrt();
        if d.labels[i] == 0.0 {
            assert!(r <= 0.5 + 1e-6);
        } else {
            assert!((0.75 - 1e-6..=1.0 + 1e-6).contains(&r));
        }
    }
    assert!(Dataset::generate(DatasetKind::Spiral, 10, 9, 0.0, 1).is_err());
    assert!(Dataset::generate(DatasetKind::Moons, 0, 2, 0.0, 1).is_err());
    assert!(Dataset::generate(DatasetKind::Moons, 10, 2, f32::NAN, 1).is_err());
    assert!(DatasetKind::parse("rings").is_err());
}
