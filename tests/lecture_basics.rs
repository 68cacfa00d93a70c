//! The views of lecture 2.2-2.3 and 3.1-3.3: activation curves, the tanh identity,
//! maxout special cases, one neuron with logistic/hinge loss and "gradual forgetting",
//! per-example losses, network sizes and names, and why one line cannot do XOR.

use mlp::nn::{Activation, LayerSpec, Loss, Matrix, NetworkSpec};
use mlp::view::curves::{self, Zone};
use mlp::view::linear::{best_line, XOR_INPUTS, XOR_TARGETS};
use mlp::view::neuron::{two_blobs, Neuron};
use mlp::view::sizes::describe;

#[test]
fn sigmoid_curve_has_known_values_and_saturates_in_the_tails() {
    let c = curves::curve(Activation::Sigmoid, -6.0, 6.0, 121).unwrap();
    assert_eq!(c.xs[60], 0.0);
    assert!((c.values[60] - 0.5).abs() < 1e-7);
    assert!((c.derivatives[60] - 0.25).abs() < 1e-7, "sigma'(0) = 1/4");
    assert!((c.max_derivative - 0.25).abs() < 1e-7);
    // sigma'(x) < 0.025 iff |x| > ln((1 + sqrt(0.9)) / (1 - sqrt(0.9))) ~ 3.64
    for (x, z) in c.xs.iter().zip(&c.zones) {
        let expect = if x.abs() > 3.65 {
            Zone::Small
        } else if x.abs() < 3.63 {
            Zone::Active
        } else {
            *z
        };
        assert_eq!(*z, expect, "x = {x}");
    }
}

#[test]
fn relu_is_dead_left_of_zero_and_step_everywhere() {
    let c = curves::curve(Activation::Relu, -2.0, 2.0, 41).unwrap();
    for (x, z) in c.xs.iter().zip(&c.zones) {
        assert_eq!(*z, if *x > 0.0 { Zone::Active } else { Zone::Dead }, "x = {x}");
    }
    let s = curves::curve(Activation::Step, -2.0, 2.0, 41).unwrap();
    assert!(s.zones.iter().all(|z| *z == Zone::Dead));
    let l = curves::curve(Activation::LeakyRelu { alpha: 0.05 }, -2.0, 2.0, 41).unwrap();
    assert_eq!(l.derivatives[0], 0.05);
    assert_eq!(
        l.zones[0],
        Zone::Small,
        "a leak of 5% is below 10% of the peak slope, but not zero"
    );
    let l = curves::curve(Activation::LeakyRelu { alpha: 0.3 }, -2.0, 2.0, 41).unwrap();
    assert_eq!(l.zones[0], Zone::Active);
}

#[test]
fn tanh_identity_holds_to_rounding() {
    let e = curves::tanh_identity_error(-5.0, 5.0, 1001).unwrap();
    assert!(e.max_error_f32 < 1e-6, "{e:?}");
    assert!(e.max_error_f64 < 1e-15, "{e:?}");
    assert_eq!(e.points, 1001);
}

#[test]
fn relu_and_leaky_relu_are_maxout_special_cases() {
    for act in [
        Activation::Relu,
        Activation::LeakyRelu { alpha: 0.1 },
        Activation::Identity,
    ] {
        let lines = curves::maxout_lines_for(act).unwrap();
        assert_eq!(curves::maxout_gap(lines, act, -3.0, 3.0, 301).unwrap(), 0.0, "{act:?}");
    }
    // A different line is not ReLU: at x = -3, max(0.5x, x) = -1.5 but ReLU = 0.
    let gap = curves::maxout_gap([0.5, 0.0, 1.0, 0.0], Activation::Relu, -3.0, 3.0, 301).unwrap();
    assert!((gap - 1.5).abs() < 1e-6, "{gap}");
    assert!(curves::maxout_lines_for(Activation::Tanh).is_none());
}

#[test]
fn maxout_derivative_is_the_winning_slope() {
    // max(-x + 1, 2x - 2): the lines cross at x = 1.
    let c = curves::maxout_curve([-1.0, 1.0, 2.0, -2.0], -2.0, 3.0, 51).unwrap();
    for ((x, f), d) in c.xs.iter().zip(&c.values).zip(&c.derivatives) {
        let expect = (-x + 1.0f32).max(2.0 * x - 2.0);
        assert!((f - expect).abs() < 1e-6);
        if (x - 1.0).abs() > 1e-3 {
            assert_eq!(*d, if *x < 1.0 { -1.0 } else { 2.0 }, "x = {x}");
        }
    }
}

#[test]
fn bad_curve_requests_are_explained() {
    let e = curves::curve(Activation::Tanh, 1.0, -1.0, 10).unwrap_err().to_string();
    assert!(e.contains("lo < hi"), "{e}");
    let e = curves::curve(Activation::Tanh, -1.0, 1.0, 1).unwrap_err().to_string();
    assert!(e.contains("between 2 and"), "{e}");
    let e = curves::maxout_curve([f32::NAN, 0.0, 1.0, 0.0], -1.0, 1.0, 10)
        .unwrap_err()
        .to_string();
    assert!(e.contains("finite"), "{e}");
}

#[test]
fn per_example_losses_match_the_formulas_and_average_to_the_loss() {
    let s = Matrix::from_rows(&[&[0.0], &[2.0], &[-0.5]]).unwrap();
    let l = Loss::Logistic.per_example(&s, &[1.0, 0.0, 0.0]).unwrap();
    assert!((l[0] - std::f64::consts::LN_2).abs() < 1e-7);
    assert!((l[1] - (1.0 + 2f64.exp()).ln()).abs() < 1e-6, "-log(1 - sigma(2))");
    assert!((l[2] - (1.0 + (-0.5f64).exp()).ln()).abs() < 1e-6);
    let h = Loss::Hinge.per_example(&s, &[1.0, -1.0, -1.0]).unwrap();
    assert_eq!(h, vec![1.0, 3.0, 0.5]);
    let mut d = Matrix::default();
    let mean = Loss::Hinge.forward_backward(&s, &[1.0, -1.0, -1.0], &mut d).unwrap();
    assert!((mean - 4.5 / 3.0).abs() < 1e-9);
    assert!(Loss::Hinge.per_example(&s, &[0.0, 1.0, 1.0]).is_err());
}

#[test]
fn blobs_are_seeded_and_balanced() {
    let (a, la) = two_blobs(50, 0.6, 7).unwrap();
    let (b, lb) = two_blobs(50, 0.6, 7).unwrap();
    assert_eq!(a, b);
    assert_eq!(la, lb);
    assert_eq!(la.iter().filter(|&&y| y == 1.0).count(), 50);
    let mean1: f32 = (0..100).filter(|&i| la[i] == 1.0).map(|i| a.get(i, 0)).sum::<f32>() / 50.0;
    assert!((mean1 - 1.0).abs() < 0.3, "class 1 is centred near x1 = 1: {mean1}");
    assert!(two_blobs(0, 0.6, 7).is_err());
}

#[test]
fn one_neuron_learns_both_losses() {
    for loss in [Loss::Logistic, Loss::Hinge] {
        let mut n = Neuron::new(loss, 40, 0.5, 3).unwrap();
        let first = n.step(0.1, 0.001, true).unwrap();
        for _ in 0..300 {
            n.step(0.1, 0.001, true).unwrap();
        }
        let last = n.data_loss().unwrap();
        assert!(last < first, "{loss:?}: {first} -> {last}");
        assert!(n.accuracy().unwrap() >= 0.9, "{loss:?}: {}", n.accuracy().unwrap());
        let per = n.per_example_loss().unwrap();
        assert_eq!(per.len(), 80);
        assert!((per.iter().sum::<f64>() / 80.0 - last).abs() < 1e-9);
    }
}

#[test]
fn without_data_loss_weights_shrink_by_one_minus_lr_lambda() {
    let mut n = Neuron::new(Loss::Logistic, 20, 0.5, 1).unwrap();
    n.set_parameters([2.0, -1.0, 0.5]).unwrap();
    let (lr, lambda) = (0.1f32, 0.5f32);
    for k in 1..=20 {
        let penalty = n.step(lr, lambda, false).unwrap();
        let expected = (1.0 - lr as f64 * lambda as f64).powi(k) * 5f64.sqrt();
        assert!(
            (n.weight_norm() - expected).abs() < 1e-5,
            "step {k}: {} vs {expected}",
            n.weight_norm()
        );
        assert!(penalty > 0.0);
    }
    assert_eq!(n.parameters()[2], 0.5, "the bias is not regularized");
    assert_eq!(n.steps(), 20);
}

#[test]
fn switching_the_loss_keeps_the_weights() {
    let mut n = Neuron::new(Loss::Logistic, 10, 0.5, 2).unwrap();
    n.set_parameters([1.0, 2.0, -0.25]).unwrap();
    n.set_loss(Loss::Hinge).unwrap();
    assert_eq!(n.parameters(), [1.0, 2.0, -0.25]);
    assert_eq!(n.loss(), Loss::Hinge);
    assert_eq!(n.labels().len(), 20);
    assert!(Neuron::new(Loss::SoftmaxCrossEntropy, 10, 0.5, 2).is_err());
}

fn spec(inputs: usize, hidden: &[usize], outputs: usize) -> NetworkSpec {
    NetworkSpec {
        inputs,
        hidden: hidden
            .iter()
            .map(|&units| LayerSpec {
                units,
                activation: Activation::Relu,
            })
            .collect(),
        outputs,
        output_activation: Activation::Identity,
        loss: Loss::SquaredError,
        normalization: None,
    }
}

#[test]
fn figure_4_and_cifar_10_sizes() {
    let left = describe(&spec(3, &[4], 2)).unwrap();
    assert_eq!(
        (
            left.size.neurons,
            left.size.weights,
            left.size.biases,
            left.size.parameters
        ),
        (6, 20, 6, 26)
    );
    assert_eq!(left.depth, 2);
    assert_eq!(
        left.name,
        "2-layer network: 1 hidden layer of 4 units and an output layer of 2 units"
    );
    let right = describe(&spec(3, &[4, 4], 1)).unwrap();
    assert_eq!(
        (
            right.size.neurons,
            right.size.weights,
            right.size.biases,
            right.size.parameters
        ),
        (9, 32, 9, 41)
    );
    assert_eq!(right.depth, 3);
    assert_eq!(
        right.layers.iter().map(|l| l.weights).collect::<Vec<_>>(),
        vec![12, 16, 4]
    );
    assert!(
        right.name.starts_with("3-layer network: 2 hidden layers of 4 units"),
        "{}",
        right.name
    );
    let mut c = spec(3072, &[100], 10);
    c.loss = Loss::SoftmaxCrossEntropy;
    let cifar = describe(&c).unwrap();
    assert_eq!(cifar.size.parameters, 3072 * 100 + 100 + 100 * 10 + 10);
    assert_eq!(cifar.size.parameters, 308_310);
    let single = describe(&spec(2, &[], 1)).unwrap();
    assert_eq!(single.depth, 1);
    assert!(
        single.name.starts_with("1-layer network: no hidden layer"),
        "{}",
        single.name
    );
    let mixed = describe(&spec(3, &[5, 2], 1)).unwrap();
    assert!(mixed.name.contains("2 hidden layers of 5, 2 units"), "{}", mixed.name);
    assert!(describe(&spec(3, &[0], 1)).is_err());
}

#[test]
fn no_line_gets_more_than_three_xor_points_right() {
    let best = best_line(&XOR_INPUTS, &XOR_TARGETS, 360, 401);
    assert_eq!(best.correct, 3);
    assert_eq!(best.total, 4);
    assert_eq!(best.tried, 360 * 401);
    // ...while AND is linearly separable: the same search finds a perfect line.
    let and = best_line(&XOR_INPUTS, &[0.0, 0.0, 0.0, 1.0], 360, 401);
    assert_eq!(and.correct, 4);
}

#[test]
fn the_best_xor_line_cuts_off_one_corner_with_a_clear_margin() {
    let best = best_line(&XOR_INPUTS, &XOR_TARGETS, 360, 401);
    let margin = XOR_INPUTS
        .chunks_exact(2)
        .map(|x| (best.w1 * x[0] + best.w2 * x[1] + best.b).abs())
        .fold(f32::INFINITY, f32::min);
    // Cutting one corner off the unit square leaves a margin of at most 1/(2 sqrt 2) ~ 0.354.
    assert!(margin > 0.3 && margin < 0.36, "{margin}");
}
