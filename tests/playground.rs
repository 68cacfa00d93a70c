//! The playground's Rust side: toy data sets, features, CSV loading and the per-neuron heatmaps.

use mlp::data::toy::{self, expand_into, features, generate, parse_csv, Feature, Kind, Task, DOMAIN};
use mlp::nn::Matrix;
use mlp::view::heatmap::{grid_points, Heatmaps};
use mlp::Config;

#[test]
fn same_seed_same_points_other_seed_other_points() {
    for kind in Kind::ALL {
        let a = generate(kind, 200, 0.1, 7).unwrap();
        let b = generate(kind, 200, 0.1, 7).unwrap();
        let c = generate(kind, 200, 0.1, 8).unwrap();
        assert_eq!(a, b, "{}", kind.name());
        assert_ne!(a, c, "{}", kind.name());
        assert_eq!(a.len(), 200);
        assert!(a.points.iter().all(|p| p[0].abs() <= DOMAIN && p[1].abs() <= DOMAIN));
        assert_eq!(Kind::from_name(kind.name()).unwrap(), kind);
    }
    assert!(Kind::from_name("moons")
        .unwrap_err()
        .to_string()
        .contains("xor, circle"));
}

#[test]
fn labels_follow_the_rule_of_each_clean_data_set() {
    let xor = generate(Kind::Xor, 300, 0.0, 1).unwrap();
    for (p, &l) in xor.points.iter().zip(&xor.labels) {
        assert_eq!(l, (p[0] * p[1] >= 0.0) as u8 as f32, "{p:?}");
    }
    let circle = generate(Kind::Circle, 300, 0.0, 1).unwrap();
    for (p, &l) in circle.points.iter().zip(&circle.labels) {
        assert_eq!(l, ((p[0].hypot(p[1])) < 2.5) as u8 as f32, "{p:?}");
    }
    let plane = generate(Kind::Plane, 100, 0.0, 1).unwrap();
    for (p, &l) in plane.points.iter().zip(&plane.labels) {
        assert!((l - (p[0] + p[1]) / 10.0).abs() < 1e-6);
    }
    // Balanced classes: the spiral arms and blobs have n / K points each.
    for (kind, k) in [
        (Kind::Spiral, 2),
        (Kind::Spiral3, 3),
        (Kind::Blobs3, 3),
        (Kind::Gauss, 2),
    ] {
        let d = generate(kind, 300, 0.2, 2).unwrap();
        for c in 0..k {
            assert_eq!(
                d.labels.iter().filter(|&&l| l == c as f32).count(),
                300 / k,
                "{}",
                kind.name()
            );
        }
        assert_eq!(kind.task(), Task::Classification { classes: k });
    }
    assert_eq!(Kind::GaussSum.task(), Task::Regression);
}

#[test]
fn bad_sizes_and_noise_are_errors() {
    assert!(generate(Kind::Xor, 0, 0.0, 1)
        .unwrap_err()
        .to_string()
        .contains("between 1 and 5000"));
    assert!(generate(Kind::Xor, 10, 0.9, 1)
        .unwrap_err()
        .to_string()
        .contains("noise"));
}

#[test]
fn features_expand_in_mask_order() {
    assert_eq!(features(0b1111111).unwrap(), Feature::ALL.to_vec());
    assert!(features(0)
        .unwrap_err()
        .to_string()
        .contains("at least one input feature"));
    assert!(features(1 << 7).is_err());
    let mut out = Vec::new();
    // x1, x2, x1², x2², x1·x2, sin x1, sin x2 at (2, -3).
    let f = expand_into(&[2.0, -3.0], 0b1111111, &mut out).unwrap();
    assert_eq!(f, 7);
    let want = [2.0, -3.0, 4.0, 9.0, -6.0, 2f32.sin(), (-3f32).sin()];
    assert_eq!(out, want);
    // Only x1² and sin x2.
    expand_into(&[2.0, -3.0, 1.0, 0.5], 0b1000100, &mut out).unwrap();
    assert_eq!(out, [4.0, (-3f32).sin(), 1.0, 0.5f32.sin()]);
    assert!(expand_into(&[1.0], 1, &mut out).is_err());
}

#[test]
fn csv_loads_good_files_with_header_comments_and_blank_lines() {
    let text = "x1,x2,label\n# a comment\n1, 2, 0\n\n-3.5,4,1\r\n0,0,1\n";
    let p = parse_csv(text, Task::Classification { classes: 2 }).unwrap();
    assert_eq!(p.to_triples(), vec![1.0, 2.0, 0.0, -3.5, 4.0, 1.0, 0.0, 0.0, 1.0]);
    let r = parse_csv("0.5,0.5,-0.25", Task::Regression).unwrap();
    assert_eq!(r.labels, vec![-0.25]);
}

#[test]
fn csv_errors_name_the_line_and_reason_and_load_nothing() {
    let two = Task::Classification { classes: 2 };
    let e = parse_csv("x1,x2,label\n1,2,0\n1,2\n3,abc,1\n9,0,1\n1,1,2\n0,0,0.5\n", two)
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 3: expected 3 values (x1,x2,label); got 2"), "{e}");
    assert!(e.contains("line 4: x2 \"abc\" is not a number"), "{e}");
    assert!(e.contains("line 5: x1 = 9 is outside the plane [-6, 6]"), "{e}");
    assert!(
        e.contains("line 6: label 2 is not a class of this data set (use 0 … 1)"),
        "{e}"
    );
    assert!(e.contains("line 7: label 0.5"), "{e}");
    let e = parse_csv("1,1,0\n1,1,x\n1,1,x\n1,1,x\n1,1,x\n1,1,x\n1,1,x\n", two)
        .unwrap_err()
        .to_string();
    assert!(e.contains("and 1 more bad lines"), "{e}");
    assert!(parse_csv("", two).unwrap_err().to_string().contains("no data lines"));
    assert!(parse_csv("0,0,NaN", two)
        .unwrap_err()
        .to_string()
        .contains("line 1: label \"NaN\" is not a number"));
    assert!(parse_csv("0,0,1.5", Task::Regression)
        .unwrap_err()
        .to_string()
        .contains("outside [-1, 1]"));
}

#[test]
fn grid_points_are_cell_centres_from_the_top_left() {
    let mut xy = Vec::new();
    grid_points(2, -6.0, 6.0, &mut xy);
    assert_eq!(xy, vec![-3.0, 3.0, 3.0, 3.0, -3.0, -3.0, 3.0, -3.0]);
}

#[test]
fn heatmaps_hold_every_neuron_and_match_the_forward_pass() {
    let net = Config::from_json(
        r#"{"inputs": 3, "outputs": 3, "loss": "softmaxCrossEntropy", "seed": 5,
            "hidden": [{"units": 4, "activation": "tanh"}, {"units": 2, "activation": {"maxout": {"k": 2}}}]}"#,
    )
    .unwrap()
    .build()
    .unwrap();
    let mask = 0b0010011; // x1, x2, x1·x2
    let n = 9;
    let mut maps = Heatmaps::default();
    maps.compute(&net, mask, n, -6.0, 6.0).unwrap();
    assert_eq!(maps.counts, vec![3, 4, 2, 3]);
    assert_eq!(maps.values.len(), (3 + 4 + 2 + 3) * n * n);
    // Pixel (row 2, col 7) against a forward pass of that one point.
    let (row, col) = (2, 7);
    let x1 = -6.0 + (col as f32 + 0.5) / n as f32 * 12.0;
    let x2 = 6.0 - (row as f32 + 0.5) / n as f32 * 12.0;
    let x = Matrix::from_rows(&[&[x1, x2, x1 * x2]]).unwrap();
    let acts = net.activations(&x).unwrap();
    let p = row * n + col;
    assert_eq!(maps.map(0, 2).unwrap()[p], x1 * x2);
    for (l, (_, h)) in acts.iter().enumerate() {
        for j in 0..h.cols {
            let got = maps.map(l + 1, j).unwrap()[p];
            assert!(
                (got - h.get(0, j)).abs() < 1e-5,
                "layer {l} unit {j}: {got} vs {}",
                h.get(0, j)
            );
        }
    }
    assert!(maps.map(3, 3).is_none());
    assert!(maps.map(4, 0).is_none());
    // Wrong feature count for this network, or a bad grid: errors, not panics.
    assert!(maps.compute(&net, 0b11, n, -6.0, 6.0).is_err());
    assert!(maps.compute(&net, mask, 1, -6.0, 6.0).is_err());
    assert!(maps.compute(&net, mask, n, 6.0, -6.0).is_err());
}

#[test]
fn a_network_learns_the_circle_from_squared_features() {
    let data = toy::generate(Kind::Circle, 200, 0.0, 3).unwrap();
    let xy: Vec<f32> = data.points.iter().flatten().copied().collect();
    let mut rows = Vec::new();
    let f = expand_into(&xy, 0b1100, &mut rows).unwrap(); // x1², x2²
    let x = Matrix::from_vec(data.len(), f, rows).unwrap();
    let mut net = Config::from_json(
        r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "seed": 1,
            "optimizer": {"kind": "adam", "learningRate": 0.05}}"#,
    )
    .unwrap()
    .build()
    .unwrap();
    for _ in 0..600 {
        net.train_step(&x, &data.labels).unwrap();
    }
    let right = net
        .predict_labels(&x)
        .unwrap()
        .iter()
        .zip(&data.labels)
        .filter(|(a, b)| a == b)
        .count();
    assert!(
        right >= 196,
        "a linear model on x1², x2² separates the circle; {right}/200 right"
    );
}
