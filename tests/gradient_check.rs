//! Gradient checks: every activation x loss pair (step excluded, it has no
//! gradient) and the L1/L2 penalties. `backward` (f32) is compared with
//! central differences of an independent f64 re-implementation of the
//! forward pass and loss, so a bug in either side shows up.

use mlp::nn::{Activation, LayerSpec, Loss, Matrix, Network, NetworkSpec, Regularization, Rng};

/// f64 activation, written from the lecture's formulas (not calling the crate).
fn act64(a: Activation, z: &[f64]) -> Vec<f64> {
    match a {
        Activation::Maxout { k } => z
            .chunks(k)
            .map(|p| p.iter().copied().fold(f64::NEG_INFINITY, f64::max))
            .collect(),
        Activation::Identity => z.to_vec(),
        Activation::Sigmoid => z.iter().map(|v| 1.0 / (1.0 + (-v).exp())).collect(),
        Activation::Tanh => z.iter().map(|v| v.tanh()).collect(),
        Activation::Relu => z.iter().map(|v| v.max(0.0)).collect(),
        Activation::LeakyRelu { alpha } => z.iter().map(|&v| if v < 0.0 { alpha as f64 * v } else { v }).collect(),
        Activation::Step => unreachable!("step has no gradient to check"),
    }
}

/// f64 loss of one example, written from the lecture's formulas.
fn loss64(loss: Loss, s: &[f64], t: &[f32]) -> f64 {
    match loss {
        Loss::SoftmaxCrossEntropy => {
            let y = t[0] as usize;
            let sum: f64 = s.iter().map(|v| v.exp()).sum();
            -(s[y].exp() / sum).ln()
        }
        Loss::Logistic => {
            let p = 1.0 / (1.0 + (-s[0]).exp());
            -(t[0] as f64) * p.ln() - (1.0 - t[0] as f64) * (1.0 - p).ln()
        }
        Loss::Hinge if s.len() == 1 => (1.0 - t[0] as f64 * s[0]).max(0.0),
        Loss::Hinge => {
            let y = t[0] as usize;
            (0..s.len())
                .filter(|&j| j != y)
                .map(|j| (s[j] - s[y] + 1.0).max(0.0))
                .sum()
        }
        Loss::SquaredError => s.iter().zip(t).map(|(y, &t)| 0.5 * (y - t as f64).powi(2)).sum(),
    }
}

/// Total loss in f64 for parameter tensors `[W(1), b(1), W(2), b(2), ...]`.
fn total_loss(net: &Network, params: &[Vec<f64>], x: &Matrix, t: &[f32], reg: Regularization) -> f64 {
    let per = net.loss().targets_per_example(net.spec().outputs);
    let mut sum = 0.0;
    for i in 0..x.rows {
        let mut h: Vec<f64> = x.row(i).iter().map(|&v| v as f64).collect();
        for (layer, wb) in net.layers.iter().zip(params.chunks(2)) {
            let (w, b) = (&wb[0], &wb[1]);
            let z: Vec<f64> = (0..b.len())
                .map(|r| b[r] + (0..h.len()).map(|c| w[r * h.len() + c] * h[c]).sum::<f64>())
                .collect();
            h = act64(layer.activation, &z);
        }
        sum += loss64(net.loss(), &h, &t[i * per..(i + 1) * per]);
    }
    let penalty: f64 = params
        .iter()
        .step_by(2)
        .map(|w| match reg {
            Regularization::None => 0.0,
            Regularization::L1 { lambda } => lambda as f64 * w.iter().map(|v| v.abs()).sum::<f64>(),
            Regularization::L2 { lambda } => 0.5 * lambda as f64 * w.iter().map(|v| v * v).sum::<f64>(),
        })
        .sum();
    sum / x.rows as f64 + penalty
}

/// The network's parameters as f64 tensors `[W(1), b(1), ...]`.
fn parameters(net: &Network) -> Vec<Vec<f64>> {
    net.layers
        .iter()
        .flat_map(|l| [&l.weights.data, &l.biases])
        .map(|v| v.iter().map(|&x| x as f64).collect())
        .collect()
}

/// The gradients `backward` left, as f64 tensors in the same order.
fn analytic_gradients(net: &Network) -> Vec<Vec<f64>> {
    net.layers
        .iter()
        .flat_map(|l| [&l.grad_weights.data, &l.grad_biases])
        .map(|v| v.iter().map(|&x| x as f64).collect())
        .collect()
}

/// Central differences (f(p + eps) - f(p - eps)) / 2 eps of the f64 loss, parameter by parameter.
fn numeric_gradients(net: &Network, x: &Matrix, t: &[f32], reg: Regularization) -> Vec<Vec<f64>> {
    let eps = 1e-6;
    let mut params = parameters(net);
    let mut grads = Vec::new();
    for ti in 0..params.len() {
        let mut g = Vec::new();
        for j in 0..params[ti].len() {
            let orig = params[ti][j];
            params[ti][j] = orig + eps;
            let plus = total_loss(net, &params, x, t, reg);
            params[ti][j] = orig - eps;
            let minus = total_loss(net, &params, x, t, reg);
            params[ti][j] = orig;
            g.push((plus - minus) / (2.0 * eps));
        }
        grads.push(g);
    }
    grads
}

/// Worst error |a - n| / (0.01 + max(|a|, |n|)) over all parameters.
fn worst_error(analytic: &[Vec<f64>], numeric: &[Vec<f64>]) -> f64 {
    analytic
        .iter()
        .flatten()
        .zip(numeric.iter().flatten())
        .map(|(a, n)| (a - n).abs() / (1e-2 + a.abs().max(n.abs())))
        .fold(0.0, f64::max)
}

fn targets(loss: Loss, outputs: usize, n: usize, rng: &mut Rng) -> Vec<f32> {
    (0..n * loss.targets_per_example(outputs))
        .map(|_| match loss {
            Loss::SoftmaxCrossEntropy => rng.below(outputs) as f32,
            Loss::Hinge if outputs > 1 => rng.below(outputs) as f32,
            Loss::Hinge => [-1.0, 1.0][rng.below(2)],
            Loss::Logistic => rng.below(2) as f32,
            Loss::SquaredError => rng.uniform(-1.0, 1.0),
        })
        .collect()
}

/// Returns the worst error (absolute, relative to the gradient's size) over all parameters.
fn check(hidden: Activation, loss: Loss, outputs: usize, reg: Regularization, seed: u64) -> f64 {
    let spec = NetworkSpec {
        inputs: 3,
        hidden: vec![
            LayerSpec {
                units: 4,
                activation: hidden,
            },
            LayerSpec {
                units: 3,
                activation: hidden,
            },
        ],
        outputs,
        output_activation: Activation::Identity,
        loss,
        normalization: None,
    };
    let mut net = Network::new(spec, seed).unwrap();
    net.set_regularization(reg).unwrap();
    let mut rng = Rng::new(seed + 100);
    // Random biases too, so ReLUs sit on both sides of their kink.
    for i in 0..net.layers.len() {
        let w = net.layers[i].weights.data.clone();
        let b: Vec<f32> = net.layers[i].biases.iter().map(|_| rng.uniform(-0.5, 0.5)).collect();
        net.set_parameters(i, &w, &b).unwrap();
    }
    let n = 5;
    let x = Matrix::from_vec(n, 3, (0..n * 3).map(|_| rng.uniform(-2.0, 2.0)).collect()).unwrap();
    let t = targets(loss, outputs, n, &mut rng);

    net.forward(&x).unwrap();
    let analytic_loss = net.backward(&t).unwrap();
    let reference = total_loss(&net, &parameters(&net), &x, &t, reg);
    assert!(
        (reference - analytic_loss).abs() < 1e-5 * (1.0 + reference.abs()),
        "loss {analytic_loss} vs f64 {reference}"
    );
    worst_error(&analytic_gradients(&net), &numeric_gradients(&net, &x, &t, reg))
}

const ACTIVATIONS: [Activation; 6] = [
    Activation::Identity,
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu { alpha: 0.1 },
    Activation::Maxout { k: 2 },
];

const LOSSES: [(Loss, usize); 5] = [
    (Loss::SoftmaxCrossEntropy, 3),
    (Loss::Logistic, 1),
    (Loss::Hinge, 1),
    (Loss::Hinge, 3),
    (Loss::SquaredError, 2),
];

#[test]
fn every_activation_and_loss_pair_matches_central_differences() {
    for act in ACTIVATIONS {
        for (loss, outputs) in LOSSES {
            let worst = check(act, loss, outputs, Regularization::None, 11);
            eprintln!("{act:?} {loss:?} {outputs}: {worst:.1e}");
            assert!(
                worst < 1e-4,
                "{act:?} with {loss:?} ({outputs} outputs): worst relative error {worst:.2e}"
            );
        }
    }
}

#[test]
fn maxout_with_three_pieces_matches_central_differences() {
    let worst = check(
        Activation::Maxout { k: 3 },
        Loss::SoftmaxCrossEntropy,
        3,
        Regularization::None,
        5,
    );
    assert!(worst < 1e-4, "worst relative error {worst:.2e}");
}

#[test]
fn l1_and_l2_penalties_match_central_differences() {
    for reg in [Regularization::L2 { lambda: 0.3 }, Regularization::L1 { lambda: 0.2 }] {
        for (loss, outputs) in [(Loss::SoftmaxCrossEntropy, 3), (Loss::SquaredError, 2)] {
            let worst = check(Activation::Tanh, loss, outputs, reg, 3);
            assert!(worst < 1e-4, "{reg:?} with {loss:?}: worst relative error {worst:.2e}");
        }
    }
}

#[test]
fn a_wrong_gradient_would_be_caught() {
    // The check must be able to fail: a gradient off by 2% in one entry is flagged.
    let spec = NetworkSpec {
        inputs: 2,
        hidden: vec![LayerSpec {
            units: 2,
            activation: Activation::Tanh,
        }],
        outputs: 1,
        output_activation: Activation::Identity,
        loss: Loss::SquaredError,
        normalization: None,
    };
    let mut net = Network::new(spec, 1).unwrap();
    let x = Matrix::from_rows(&[&[0.3, -0.7], &[1.1, 0.4]]).unwrap();
    net.forward(&x).unwrap();
    net.backward(&[0.5, -0.2]).unwrap();
    let numeric = numeric_gradients(&net, &x, &[0.5, -0.2], Regularization::None);
    let mut analytic = analytic_gradients(&net);
    assert!(worst_error(&analytic, &numeric) < 1e-4);
    let big = analytic[2].iter().map(|v| v.abs()).fold(0.0, f64::max);
    let j = analytic[2].iter().position(|v| v.abs() == big).unwrap();
    analytic[2][j] *= 1.02;
    assert!(worst_error(&analytic, &numeric) > 1e-3);
}
