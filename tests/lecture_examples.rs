//! The lecture's own examples: XOR by hand (3.3), XOR learned, and the sizes of Figure 4 (3.1.4).

use mlp::nn::{Activation, Loss, Matrix, Network, NetworkSpec, Optimizer};
use mlp::Error;

fn xor_inputs() -> Matrix {
    Matrix::from_rows(&[&[0.0, 0.0], &[0.0, 1.0], &[1.0, 0.0], &[1.0, 1.0]]).unwrap()
}

#[test]
fn hand_designed_step_network_computes_xor() {
    // h1 = OR: fires if x1 + x2 >= 0.5; h2 = AND: fires if x1 + x2 >= 1.5; y = h1 AND NOT h2.
    let mut s = NetworkSpec::new(2, &[(2, Activation::Step)], 1, Loss::SquaredError);
    s.output_activation = Activation::Step;
    let mut net = Network::new(s, 0).unwrap();
    net.set_parameters(0, &[1.0, 1.0, 1.0, 1.0], &[-0.5, -1.5]).unwrap();
    net.set_parameters(1, &[1.0, -1.0], &[-0.5]).unwrap();
    let y = net.predict(&xor_inputs()).unwrap();
    assert_eq!(y.data, vec![0.0, 1.0, 1.0, 0.0]);
    let acts = net.activations(&xor_inputs()).unwrap();
    assert_eq!(
        acts[0].1.data,
        vec![0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0],
        "h1 = OR, h2 = AND"
    );

    // The hard threshold has no gradient: training it is a clear error, and nothing changes.
    let before = net.layers[0].weights.clone();
    match net.train_step(&xor_inputs(), &[0.0, 1.0, 1.0, 0.0]) {
        Err(Error::NotTrainable(m)) => assert!(m.contains("step (hard threshold)"), "{m}"),
        other => panic!("expected NotTrainable, got {other:?}"),
    }
    assert_eq!(net.layers[0].weights, before);
}

/// Steps of full-batch Adam (lr 0.05) within which seed 1 must learn XOR.
const XOR_STEPS: usize = 300;

#[test]
fn fixed_seed_learns_xor_with_sigmoid_tanh_and_relu() {
    for act in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
        let mut net = Network::new(NetworkSpec::new(2, &[(4, act)], 1, Loss::Logistic), 1).unwrap();
        net.set_optimizer(Optimizer::adam(0.05)).unwrap();
        let t = [0.0, 1.0, 1.0, 0.0];
        let first = net.train_step(&xor_inputs(), &t).unwrap();
        let mut solved_at = None;
        let mut last = first;
        for step in 1..XOR_STEPS {
            last = net.train_step(&xor_inputs(), &t).unwrap();
            if solved_at.is_none() && net.predict_labels(&xor_inputs()).unwrap() == t {
                solved_at = Some(step);
            }
        }
        assert_eq!(
            net.predict_labels(&xor_inputs()).unwrap(),
            t,
            "{act:?} did not learn XOR in {XOR_STEPS} steps"
        );
        assert!(last < 0.1 && last < first / 5.0, "{act:?}: loss {first} -> {last}");
        eprintln!("{act:?}: all four right at step {solved_at:?}, loss {first:.3} -> {last:.4}");
    }
}

#[test]
fn a_single_linear_unit_cannot_fit_xor() {
    let mut net = Network::new(NetworkSpec::new(2, &[], 1, Loss::Logistic), 1).unwrap();
    net.set_optimizer(Optimizer::adam(0.05)).unwrap();
    let t = [0.0, 1.0, 1.0, 0.0];
    let mut loss = 0.0;
    for _ in 0..2000 {
        loss = net.train_step(&xor_inputs(), &t).unwrap();
    }
    let right = net
        .predict_labels(&xor_inputs())
        .unwrap()
        .iter()
        .zip(&t)
        .filter(|(a, b)| a == b)
        .count();
    assert!(right <= 3, "a linear classifier got all four XOR points right");
    assert!(
        loss > 0.6,
        "a linear unit's XOR loss stays near ln 2 = 0.693; got {loss}"
    );
}

#[test]
fn lecture_figure_4_sizes() {
    // Left: 3 inputs, one hidden layer of 4, 2 outputs.
    let left = Network::new(
        NetworkSpec::new(3, &[(4, Activation::Relu)], 2, Loss::SoftmaxCrossEntropy),
        0,
    )
    .unwrap();
    let s = left.size();
    assert_eq!((s.neurons, s.weights, s.biases, s.parameters), (6, 20, 6, 26));
    // Right: 3 inputs, two hidden layers of 4, 1 output.
    let right = Network::new(
        NetworkSpec::new(
            3,
            &[(4, Activation::Relu), (4, Activation::Relu)],
            1,
            Loss::SquaredError,
        ),
        0,
    )
    .unwrap();
    let s = right.size();
    assert_eq!((s.neurons, s.weights, s.biases, s.parameters), (9, 32, 9, 41));
    assert_eq!(right.spec().parameter_count(), 41);
    // Section 1: CIFAR-10, 3072 inputs, 100 hidden, 10 scores.
    let cifar = NetworkSpec::new(3072, &[(100, Activation::Relu)], 10, Loss::SoftmaxCrossEntropy);
    assert_eq!(cifar.parameter_count(), 3072 * 100 + 100 + 100 * 10 + 10);
    // Maxout doubles the parameters of every unit (2.3.5).
    let maxout = NetworkSpec::new(3, &[(4, Activation::Maxout { k: 2 })], 2, Loss::SoftmaxCrossEntropy);
    assert_eq!(
        Network::new(maxout, 0).unwrap().size().parameters,
        2 * (3 * 4 + 4) + 4 * 2 + 2
    );
}
