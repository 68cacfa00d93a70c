//! MNIST: IDX parsing (good files and every malformed case), drawn-digit preprocessing (center of mass,
//! 20x20 fit, nothing drawn, either polarity), augmentation, training and `evaluate`, and the shipped model
//! on real digits and on drawn ones.
//!
//! Tests that need the official training set read it from `../shared/data/mnist` (beside the repository,
//! as in CI), `../../shared/data/mnist` (a git worktree) or `$MNIST_DIR`; without it they print a note and pass.

use flate2::{write::GzEncoder, Compression};
use mlp::data::digits::{
    center_of_mass, draw_stroke, ink_from_rgba, ink_from_rgba_into, preprocess, Background, Options, FIT, PAD_SIZE,
    PEN_WIDTH, PIXELS, SIDE,
};
use mlp::data::idx::{self, IdxImages};
use mlp::data::mnist::{self, argmax, classifier_spec, EpochOptions, MnistSet};
use mlp::data::{evaluate, Augment};
use mlp::nn::{Activation, Network, Optimizer, Rng};
use mlp::{io, Error};
use std::io::Write;
use std::path::PathBuf;

// ---------------------------------------------------------------- IDX files

fn small_images(count: usize) -> IdxImages {
    IdxImages {
        count,
        rows: SIDE,
        cols: SIDE,
        pixels: (0..count * PIXELS).map(|i| (i * 7 % 256) as u8).collect(),
    }
}

fn small_labels(count: usize) -> Vec<u8> {
    (0..count).map(|i| (i % 10) as u8).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn bad_data(r: mlp::Result<impl std::fmt::Debug>) -> String {
    match r {
        Err(Error::BadData(m)) => m,
        other => panic!("expected a BadData error, got {other:?}"),
    }
}

#[test]
fn idx_files_parse_plain_and_gzipped() {
    let images = small_images(5);
    let labels = small_labels(5);
    let (img_bytes, lab_bytes) = (idx::write_images(&images), idx::write_labels(&labels));
    assert_eq!(img_bytes.len(), 16 + 5 * 784);
    assert_eq!(&img_bytes[..4], &[0, 0, 8, 3], "magic 2051 is big-endian");
    assert_eq!(idx::parse_images(&img_bytes).unwrap(), images);
    assert_eq!(idx::parse_labels(&lab_bytes).unwrap(), labels);
    assert_eq!(idx::parse_images(&gzip(&img_bytes)).unwrap(), images);
    assert_eq!(idx::parse_labels(&gzip(&lab_bytes)).unwrap(), labels);

    let set = MnistSet::from_idx(&gzip(&img_bytes), &lab_bytes).unwrap();
    assert_eq!(set.len(), 5);
    assert_eq!(set.image(2), &images.pixels[2 * 784..3 * 784]);
    let x = set.inputs(&[4, 0]);
    assert_eq!((x.rows, x.cols), (2, 784));
    assert_eq!(x.get(0, 1), images.pixels[4 * 784 + 1] as f32 / 255.0);
    assert_eq!(set.targets(&[4, 0]), vec![4.0, 0.0]);
    let (a, b) = set.split(3);
    assert_eq!((a.len(), b.len()), (3, 2));
    assert_eq!(b.labels, vec![3, 4]);

    // An empty pair is well-formed too.
    let empty = MnistSet::from_idx(&idx::write_images(&small_images(0)), &idx::write_labels(&[])).unwrap();
    assert!(empty.is_empty());
}

#[test]
fn bad_magic_numbers_are_explained() {
    let images = idx::write_images(&small_images(2));
    let labels = idx::write_labels(&small_labels(2));
    let m = bad_data(idx::parse_images(&labels));
    assert!(
        m.contains("magic number 2049") && m.contains("expected 2051") && m.contains("swapped"),
        "{m}"
    );
    let m = bad_data(idx::parse_labels(&images));
    assert!(
        m.contains("magic number 2051") && m.contains("expected 2049") && m.contains("swapped"),
        "{m}"
    );
    let m = bad_data(MnistSet::from_idx(&labels, &images));
    assert!(m.contains("swapped"), "{m}");

    let mut little_endian = images.clone();
    little_endian[..4].copy_from_slice(&2051u32.to_le_bytes());
    let m = bad_data(idx::parse_images(&little_endian));
    assert!(m.contains("big-endian"), "{m}");

    let m = bad_data(idx::parse_images(b"\x89PNG\r\n\x1a\n rest of a picture"));
    assert!(m.contains("not an MNIST IDX file"), "{m}");
    let m = bad_data(idx::parse_images(&[0, 0]));
    assert!(m.contains("too short"), "{m}");
}

#[test]
fn truncated_files_say_how_many_bytes_are_missing() {
    let images = idx::write_images(&small_images(3));
    let labels = idx::write_labels(&small_labels(3));

    // Header cut short.
    let m = bad_data(idx::parse_images(&images[..10]));
    assert!(
        m.contains("truncated") && m.contains("16 bytes") && m.contains("has 10"),
        "{m}"
    );
    let m = bad_data(idx::parse_labels(&labels[..6]));
    assert!(
        m.contains("truncated") && m.contains("8 bytes") && m.contains("has 6"),
        "{m}"
    );

    // Data cut short: 3 images need 16 + 3 * 784 = 2368 bytes.
    let m = bad_data(idx::parse_images(&images[..2000]));
    assert!(
        m.contains("3 images of 28 x 28")
            && m.contains("2368 bytes")
            && m.contains("has 2000")
            && m.contains("368 missing"),
        "{m}"
    );
    let m = bad_data(idx::parse_labels(&labels[..9]));
    assert!(
        m.contains("3 labels") && m.contains("11 bytes") && m.contains("has 9"),
        "{m}"
    );
    // ...also inside a gzip stream whose content is cut.
    let m = bad_data(idx::parse_images(&gzip(&images[..2000])));
    assert!(m.contains("368 missing"), "{m}");

    // Extra bytes after the data are not silently ignored.
    let mut long = labels.clone();
    long.push(7);
    let m = bad_data(idx::parse_labels(&long));
    assert!(m.contains("1 bytes after the 3 labels"), "{m}");
}

#[test]
fn images_and_labels_must_pair_up() {
    let images = idx::write_images(&small_images(4));
    let labels = idx::write_labels(&small_labels(3));
    let m = bad_data(MnistSet::from_idx(&images, &labels));
    assert!(m.contains("4 images") && m.contains("3 labels"), "{m}");

    let wrong_size = idx::write_images(&IdxImages {
        count: 1,
        rows: 32,
        cols: 32,
        pixels: vec![0; 1024],
    });
    let m = bad_data(MnistSet::from_idx(&wrong_size, &idx::write_labels(&[1])));
    assert!(m.contains("32 x 32") && m.contains("28 x 28"), "{m}");
    let zero = [
        &2051u32.to_be_bytes()[..],
        &1u32.to_be_bytes(),
        &0u32.to_be_bytes(),
        &28u32.to_be_bytes(),
    ]
    .concat();
    let m = bad_data(idx::parse_images(&zero));
    assert!(m.contains("0 x 28"), "{m}");

    let m = bad_data(MnistSet::from_idx(
        &idx::write_images(&small_images(2)),
        &idx::write_labels(&[3, 12]),
    ));
    assert!(m.contains("label 1 is 12") && m.contains("0-9"), "{m}");
}

#[test]
fn garbage_and_truncated_gzip_are_errors_not_panics() {
    let m = bad_data(idx::parse_images(&[0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    assert!(m.contains("gzip") && m.contains("truncated or corrupt"), "{m}");
    let good = gzip(&idx::write_images(&small_images(3)));
    let m = bad_data(idx::parse_images(&good[..good.len() / 2]));
    assert!(m.contains("gzip") && m.contains("truncated or corrupt"), "{m}");
    let mut flipped = good.clone();
    let n = flipped.len();
    flipped[n - 6] ^= 0xff; // the CRC-32 of the content
    let m = bad_data(idx::parse_images(&flipped));
    assert!(m.contains("truncated or corrupt"), "{m}");
}

// ---------------------------------------------------------------- preprocessing

/// Strokes of a drawing: polylines in pad pixels.
type Strokes = Vec<Vec<(f32, f32)>>;

/// Ink of a pad with the given strokes (each a polyline in pad pixels).
fn pad(strokes: &[Vec<(f32, f32)>], pen: f32) -> Vec<f32> {
    let mut ink = vec![0.0; PAD_SIZE * PAD_SIZE];
    for s in strokes {
        draw_stroke(&mut ink, PAD_SIZE, PAD_SIZE, s, pen);
    }
    ink
}

/// (left, right, top, bottom) of the pixels above `t`.
fn extent(image: &[f32], t: f32) -> (usize, usize, usize, usize) {
    let mut e = (SIDE, 0, SIDE, 0);
    for (i, &v) in image.iter().enumerate() {
        if v > t {
            let (x, y) = (i % SIDE, i / SIDE);
            e = (e.0.min(x), e.1.max(x), e.2.min(y), e.3.max(y));
        }
    }
    e
}

/// A variety of strokes: sizes from tiny to the whole pad, every corner, thin and wide, lopsided.
fn stroke_cases() -> Vec<(&'static str, Strokes)> {
    let ellipse = |cx: f32, cy: f32, rx: f32, ry: f32| -> Vec<(f32, f32)> {
        (0..=32)
            .map(|i| {
                let a = i as f32 / 32.0 * std::f32::consts::TAU;
                (cx + rx * a.cos(), cy + ry * a.sin())
            })
            .collect()
    };
    vec![
        ("vertical bar high left", vec![vec![(40.0, 15.0), (40.0, 130.0)]]),
        ("horizontal bar low right", vec![vec![(150.0, 250.0), (265.0, 250.0)]]),
        ("big ring centered", vec![ellipse(140.0, 140.0, 90.0, 120.0)]),
        ("small ring in a corner", vec![ellipse(240.0, 30.0, 12.0, 18.0)]),
        ("wide flat ellipse", vec![ellipse(120.0, 200.0, 100.0, 25.0)]),
        (
            "seven drawn high",
            vec![vec![(90.0, 20.0), (200.0, 20.0), (130.0, 130.0)]],
        ),
        ("lopsided L", vec![vec![(60.0, 40.0), (60.0, 240.0), (230.0, 240.0)]]),
        ("dot", vec![vec![(100.0, 100.0)]]),
        ("diagonal across the pad", vec![vec![(5.0, 5.0), (275.0, 275.0)]]),
        (
            "four, two strokes",
            vec![
                vec![(170.0, 40.0), (80.0, 170.0), (210.0, 170.0)],
                vec![(170.0, 40.0), (170.0, 250.0)],
            ],
        ),
    ]
}

#[test]
fn center_of_mass_lands_within_half_a_pixel_of_the_center() {
    for (name, strokes) in stroke_cases() {
        for pen in [6.0, PEN_WIDTH, 35.0] {
            let image = preprocess(&pad(&strokes, pen), PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
            let (cx, cy) = center_of_mass(&image, SIDE).unwrap();
            assert!(
                (cx - 14.0).abs() <= 0.5 + 1e-4 && (cy - 14.0).abs() <= 0.5 + 1e-4,
                "{name}, pen {pen}: center of mass ({cx}, {cy})"
            );
        }
    }
}

#[test]
fn the_ink_fits_20x20_with_the_longer_side_filling_it() {
    for (name, strokes) in stroke_cases() {
        for center in [true, false] {
            let image = preprocess(
                &pad(&strokes, PEN_WIDTH),
                PAD_SIZE,
                PAD_SIZE,
                Options { center_of_mass: center },
            )
            .unwrap();
            let (l, r, t, b) = extent(&image, 0.0);
            let (w, h) = (r - l + 1, b - t + 1);
            assert!(w <= FIT && h <= FIT, "{name}: ink spans {w} x {h} pixels");
            assert!(w.max(h) >= FIT - 1, "{name}: the longer side is {} pixels", w.max(h));
            assert!(
                image.iter().all(|v| (0.0..=1.0).contains(v)),
                "{name}: values out of [0, 1]"
            );
            let peak = image.iter().cloned().fold(0.0, f32::max);
            assert!(peak > 0.5, "{name}: the strongest pixel is only {peak}");
            if !center {
                // Without centering the 20x20 box is in the middle: pixels 4..=23.
                assert!(l >= 4 && r <= 23 && t >= 4 && b <= 23, "{name}: {l}..{r} x {t}..{b}");
            }
        }
    }
}

#[test]
fn aspect_ratio_is_kept() {
    // A 2:1 filled rectangle becomes 20 x 10.
    let mut ink = vec![0.0; 100 * 100];
    for y in 30..70 {
        for x in 10..90 {
            ink[y * 100 + x] = 1.0;
        }
    }
    let image = preprocess(&ink, 100, 100, Options::default()).unwrap();
    let (l, r, t, b) = extent(&image, 0.5);
    assert_eq!((r - l + 1, b - t + 1), (20, 10));
    let mass: f32 = image.iter().sum();
    assert!(
        (mass - 200.0).abs() < 1e-2,
        "area averaging keeps the scaled mass: {mass}"
    );
}

#[test]
fn an_empty_canvas_is_nothing_drawn_not_a_guess() {
    let empty = vec![0.0; PAD_SIZE * PAD_SIZE];
    match preprocess(&empty, PAD_SIZE, PAD_SIZE, Options::default()) {
        Err(e @ Error::NothingDrawn(_)) => assert!(e.to_string().contains("nothing drawn"), "{e}"),
        other => panic!("expected NothingDrawn, got {other:?}"),
    }
    let mut faint = empty.clone();
    faint[1000] = 0.05;
    let e = preprocess(&faint, PAD_SIZE, PAD_SIZE, Options::default()).unwrap_err();
    assert!(
        matches!(e, Error::NothingDrawn(_)) && e.to_string().contains("5% ink"),
        "{e}"
    );

    // A blank white picture (dark-on-light, nothing drawn) and a blank black one.
    for value in [255u8, 0] {
        let rgba: Vec<u8> = (0..50 * 40).flat_map(|_| [value, value, value, 255]).collect();
        let ink = ink_from_rgba(&rgba, 50, 40).unwrap();
        assert!(matches!(
            preprocess(&ink.values, 50, 40, Options::default()),
            Err(Error::NothingDrawn(_))
        ));
    }
}

#[test]
fn bad_canvas_sizes_are_explained() {
    let e = preprocess(&[0.0; 10], 4, 4, Options::default()).unwrap_err();
    assert!(
        e.to_string()
            .contains("a 4 x 4 canvas needs 16 values (1 per pixel); got 10"),
        "{e}"
    );
    let e = preprocess(&[], 0, 0, Options::default()).unwrap_err();
    assert!(e.to_string().contains("between 1 and"), "{e}");
    let e = ink_from_rgba(&[0; 12], 2, 2).unwrap_err();
    assert!(e.to_string().contains("needs 16 values (4 per pixel)"), "{e}");
    let e = preprocess(&[f32::NAN; 4], 2, 2, Options::default()).unwrap_err();
    assert!(e.to_string().contains("NaN"), "{e}");
}

/// RGBA bytes of a picture: ink drawn in `ink_rgb` over `paper_rgb`.
fn picture(ink: &[f32], paper: [u8; 3], pen: [u8; 3]) -> Vec<u8> {
    ink.iter()
        .flat_map(|&v| {
            let mix = |p: u8, q: u8| (p as f32 + v * (q as f32 - p as f32)).round() as u8;
            [mix(paper[0], pen[0]), mix(paper[1], pen[1]), mix(paper[2], pen[2]), 255]
        })
        .collect()
}

#[test]
fn dark_on_light_gives_the_same_image_as_light_on_dark() {
    let strokes = &stroke_cases()[5].1;
    let ink = pad(strokes, PEN_WIDTH);
    let black_on_white = picture(&ink, [255, 255, 255], [0, 0, 0]);
    let white_on_black: Vec<u8> = black_on_white
        .chunks_exact(4)
        .flat_map(|p| [255 - p[0], 255 - p[1], 255 - p[2], p[3]])
        .collect();
    let a = ink_from_rgba(&black_on_white, PAD_SIZE, PAD_SIZE).unwrap();
    let b = ink_from_rgba(&white_on_black, PAD_SIZE, PAD_SIZE).unwrap();
    assert_eq!((a.background, b.background), (Background::Light, Background::Dark));
    assert_eq!(a.values, b.values, "inverting the colours gives exactly the same ink");
    let pa = preprocess(&a.values, PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
    let pb = preprocess(&b.values, PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
    assert_eq!(pa, pb);
    let direct = preprocess(&ink, PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
    let worst = pa.iter().zip(&direct).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max);
    assert!(
        worst < 0.01,
        "the picture gives the ink it was drawn with (up to byte rounding): {worst}"
    );

    // Blue ballpoint on cream paper, and black strokes on a transparent canvas, agree too.
    let blue = picture(&ink, [250, 245, 225], [20, 40, 160]);
    let c = ink_from_rgba(&blue, PAD_SIZE, PAD_SIZE).unwrap();
    assert_eq!(c.background, Background::Light);
    let pc = preprocess(&c.values, PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
    let transparent: Vec<u8> = ink.iter().flat_map(|&v| [0, 0, 0, (v * 255.0).round() as u8]).collect();
    let d = ink_from_rgba(&transparent, PAD_SIZE, PAD_SIZE).unwrap();
    assert_eq!(d.background, Background::Transparent);
    let pd = preprocess(&d.values, PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
    for other in [&pc, &pd] {
        let worst = other
            .iter()
            .zip(&direct)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f32::max);
        assert!(worst < 0.05, "{worst}");
    }
}

#[test]
fn the_pen_width_gives_mnist_like_strokes() {
    // MNIST: twice the area over the perimeter of the pixels above 50% ink, a stroke-width estimate,
    // has a median of 1.98 px on the training set. A ring and a seven drawn 200 px tall with the pen:
    let ring: Vec<(f32, f32)> = (0..=40)
        .map(|i| {
            let a = i as f32 / 40.0 * std::f32::consts::TAU;
            (140.0 + 65.0 * a.cos(), 140.0 + 100.0 * a.sin())
        })
        .collect();
    let seven = vec![(70.0, 40.0), (200.0, 40.0), (120.0, 240.0)];
    for (name, s) in [("ring", ring), ("seven", seven)] {
        let image = preprocess(&pad(&[s], PEN_WIDTH), PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
        let on = |x: isize, y: isize| {
            (0..SIDE as isize).contains(&x)
                && (0..SIDE as isize).contains(&y)
                && image[y as usize * SIDE + x as usize] > 0.5
        };
        let (mut area, mut perimeter) = (0, 0);
        for y in 0..SIDE as isize {
            for x in 0..SIDE as isize {
                if on(x, y) {
                    area += 1;
                    perimeter += [(1, 0), (-1, 0), (0, 1), (0, -1)]
                        .iter()
                        .filter(|(dx, dy)| !on(x + dx, y + dy))
                        .count();
                }
            }
        }
        let width = 2.0 * area as f32 / perimeter as f32;
        assert!((1.5..=2.6).contains(&width), "{name}: stroke width {width} px");
    }
}

// ---------------------------------------------------------------- augmentation and training

#[test]
fn augmentation_is_seeded_and_gentle() {
    let strokes = &stroke_cases()[6].1;
    let image = preprocess(&pad(strokes, PEN_WIDTH), PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
    let aug = Augment::default();
    let (mut a, mut b) = ([0.0; PIXELS], [0.0; PIXELS]);
    aug.apply(&image, &mut Rng::new(5), &mut a);
    aug.apply(&image, &mut Rng::new(5), &mut b);
    assert_eq!(a, b, "same seed, same distortion");
    aug.apply(&image, &mut Rng::new(6), &mut b);
    assert_ne!(a, b);
    let mass = |v: &[f32]| v.iter().sum::<f32>();
    assert!(
        (mass(&a) / mass(&image) - 1.0).abs() < 0.6,
        "{} vs {}",
        mass(&a),
        mass(&image)
    );
    let none = Augment {
        max_shift: 0.0,
        max_rotation: 0.0,
        max_scale: 0.0,
        max_shear: 0.0,
        thickness: 0.0,
    };
    none.apply(&image, &mut Rng::new(1), &mut a);
    let worst = a.iter().zip(&image).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max);
    assert!(worst < 1e-5, "no distortion leaves the digit as it was: {worst}");
}

/// Twenty synthetic "digits": class k is a bar at a place of its own, with a little noise.
fn synthetic_set(n: usize, seed: u64) -> MnistSet {
    let mut rng = Rng::new(seed);
    let mut pixels = vec![0u8; n * PIXELS];
    let labels: Vec<u8> = (0..n).map(|i| (i % 10) as u8).collect();
    for (img, &l) in pixels.chunks_exact_mut(PIXELS).zip(&labels) {
        let row = 4 + 2 * l as usize;
        for x in 4..24 {
            img[row * SIDE + x] = 200 + rng.below(56) as u8;
        }
        img[rng.below(PIXELS)] = 255;
    }
    MnistSet::new(pixels, labels).unwrap()
}

#[test]
fn evaluate_counts_a_confusion_matrix_on_a_small_set() {
    let set = synthetic_set(20, 1);
    let mut net = Network::new(classifier_spec(&[16], Activation::Relu), 3).unwrap();
    net.set_optimizer(Optimizer::Momentum {
        learning_rate: 0.05,
        momentum: 0.9,
    })
    .unwrap();
    let before = evaluate(&net, &set).unwrap();
    assert_eq!(before.total(), 20);
    let mut rng = Rng::new(7);
    let options = EpochOptions {
        batch_size: 5,
        augment: None,
    };
    let first = mnist::train_epoch(&mut net, &set, &mut rng, &options).unwrap();
    let mut last = first;
    for _ in 0..30 {
        last = mnist::train_epoch(&mut net, &set, &mut rng, &options).unwrap();
    }
    assert!(last < first / 5.0, "training loss {first} -> {last}");
    let after = evaluate(&net, &set).unwrap();
    assert_eq!(after.total(), 20);
    assert_eq!(after.correct(), 20, "{after}");
    assert_eq!(after.accuracy(), 1.0);
    for k in 0..10 {
        assert_eq!(after.confusion[k][k], 2);
    }
    let table = after.to_string();
    assert!(
        table.contains("accuracy 100.00% (20 of 20 correct)") && table.contains("recall"),
        "{table}"
    );

    // A network that always answers 3: everything lands in column 3.
    let mut always_three = Network::new(classifier_spec(&[4], Activation::Relu), 1).unwrap();
    for i in 0..always_three.layers.len() {
        let l = &always_three.layers[i];
        let (w, mut b) = (vec![0.0; l.weights.data.len()], vec![0.0; l.biases.len()]);
        if i == 1 {
            b[3] = 5.0;
        }
        always_three.set_parameters(i, &w, &b).unwrap();
    }
    let e = evaluate(&always_three, &set).unwrap();
    assert_eq!(e.correct(), 2);
    assert!((0..10).all(|t| e.confusion[t][3] == 2));
    let p = mnist::classify(&always_three, &[0.0; PIXELS]).unwrap();
    assert_eq!(argmax(&p), 3);
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);

    // Not a digit classifier: a clear error.
    let xor = mlp::Config::from_json(r#"{"inputs": 2, "outputs": 1, "loss": "logistic", "seed": 1}"#)
        .unwrap()
        .build()
        .unwrap();
    let e = evaluate(&xor, &set).unwrap_err();
    assert!(e.to_string().contains("784 inputs"), "{e}");
}

#[test]
fn training_is_deterministic_for_a_seed_with_augmentation() {
    let set = synthetic_set(40, 2);
    let run = || {
        let mut net = Network::new(classifier_spec(&[8, 8], Activation::Relu), 11).unwrap();
        let mut rng = Rng::new(12);
        let options = EpochOptions {
            batch_size: 8,
            augment: Some(Augment::default()),
        };
        for _ in 0..2 {
            mnist::train_epoch(&mut net, &set, &mut rng, &options).unwrap();
        }
        io::safetensors::export(&net)
    };
    assert_eq!(run(), run());
}

// ---------------------------------------------------------------- the shipped model

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/assets/mnist-mlp.safetensors");

fn shipped_model() -> Network {
    let bytes = std::fs::read(MODEL).expect("the shipped model www/assets/mnist-mlp.safetensors");
    io::safetensors::import(&bytes).unwrap()
}

fn mnist_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("MNIST_DIR")
        .map(PathBuf::from)
        .into_iter()
        .chain([root.join("../shared/data/mnist"), root.join("../../shared/data/mnist")])
        .find(|d| d.join("train-labels-idx1-ubyte.gz").exists() || d.join("train-labels-idx1-ubyte").exists())
}

#[test]
fn the_shipped_model_fits_the_budget_and_carries_its_normalization() {
    let size = std::fs::metadata(MODEL).unwrap().len();
    assert!(
        size <= 1_048_576,
        "the shipped model is {size} bytes; the page's budget is 1 MB"
    );
    let net = shipped_model();
    let spec = net.spec();
    assert_eq!((spec.inputs, spec.outputs, spec.hidden.len()), (784, 10, 2));
    assert!(
        spec.normalization.is_some(),
        "the file alone must rebuild the network, normalization included"
    );
}

/// The last 10,000 training digits were held out from training: the shipped model's validation set.
#[test]
fn the_shipped_model_reaches_98_3_percent_on_held_out_digits() {
    let Some(dir) = mnist_dir() else {
        println!("note: ../shared/data/mnist not found; skipping the validation-accuracy check");
        return;
    };
    let set = MnistSet::read_dir(&dir, "train").unwrap();
    assert_eq!(set.len(), 60_000);
    let (_, validation) = set.split(50_000);
    let e = evaluate(&shipped_model(), &validation).unwrap();
    println!("{e}");
    assert!(e.accuracy() >= 0.983, "{e}");
}

/// MNIST digits are already preprocessed: running them through our preprocessing again changes little,
/// and the shipped model reads them the same way, which shows the page feeds it what it was trained on.
#[test]
fn preprocessing_an_mnist_digit_again_keeps_it_an_mnist_digit() {
    let Some(dir) = mnist_dir() else {
        println!("note: ../shared/data/mnist not found; skipping the real-digit preprocessing check");
        return;
    };
    let set = MnistSet::read_dir(&dir, "train").unwrap();
    let net = shipped_model();
    let (mut agree, mut diff, n) = (0, 0.0, 300);
    for i in 50_000..50_000 + n {
        let mut ink = [0.0; PIXELS];
        mnist::to_unit(set.image(i), &mut ink);
        let again = preprocess(&ink, SIDE, SIDE, Options::default()).unwrap();
        diff += again.iter().zip(&ink).map(|(a, b)| (a - b).abs()).sum::<f32>() / ink.iter().sum::<f32>();
        let p = mnist::classify(&net, &again).unwrap();
        let q = mnist::classify(&net, &ink).unwrap();
        agree += (argmax(&p) == argmax(&q)) as usize;
    }
    let diff = diff / n as f32;
    println!("mean relative change {diff:.3}, same answer on {agree} of {n}");
    assert!(diff < 0.35, "mean relative change {diff}");
    assert!(agree >= n * 98 / 100, "same answer on {agree} of {n}");
}

/// Digits drawn the way people draw them, at several sizes and places on the pad, with the page's pen
/// and with pens 0.6 and 1.5 times as wide.
fn drawn_digit(digit: usize) -> Strokes {
    let arc = |cx: f32, cy: f32, rx: f32, ry: f32, from: f32, to: f32| -> Vec<(f32, f32)> {
        (0..=24)
            .map(|i| {
                let a = (from + (to - from) * i as f32 / 24.0).to_radians();
                (cx + rx * a.cos(), cy + ry * a.sin())
            })
            .collect()
    };
    // Unit box: x in [0, 0.7], y in [0, 1], y down.
    match digit {
        0 => vec![arc(0.35, 0.5, 0.3, 0.48, -90.0, 275.0)],
        1 => vec![vec![(0.2, 0.15), (0.42, 0.0), (0.4, 1.0)]],
        2 => vec![[
            arc(0.35, 0.27, 0.28, 0.25, 200.0, 360.0),
            vec![(0.6, 0.4), (0.05, 1.0), (0.7, 0.98)],
        ]
        .concat()],
        3 => vec![[
            arc(0.32, 0.25, 0.28, 0.24, 200.0, 450.0),
            arc(0.32, 0.74, 0.33, 0.26, -90.0, 150.0),
        ]
        .concat()],
        4 => vec![
            vec![(0.45, 0.0), (0.05, 0.62), (0.7, 0.62)],
            vec![(0.52, 0.25), (0.52, 1.0)],
        ],
        5 => vec![[
            vec![(0.65, 0.0), (0.15, 0.0), (0.1, 0.45)],
            arc(0.33, 0.68, 0.32, 0.3, -120.0, 150.0),
        ]
        .concat()],
        6 => vec![[vec![(0.55, 0.0), (0.2, 0.35)], arc(0.35, 0.72, 0.3, 0.27, 200.0, 560.0)].concat()],
        7 => vec![vec![(0.0, 0.02), (0.7, 0.0), (0.25, 1.0)]],
        8 => vec![[
            arc(0.35, 0.25, 0.24, 0.24, 90.0, 450.0),
            arc(0.35, 0.74, 0.3, 0.25, -90.0, 270.0),
        ]
        .concat()],
        _ => vec![[arc(0.35, 0.27, 0.28, 0.25, 0.0, 360.0), vec![(0.63, 0.27), (0.6, 1.0)]].concat()],
    }
}

#[test]
fn the_shipped_model_reads_drawn_digits_anywhere_on_the_pad() {
    let net = shipped_model();
    // (left, top, height) on the 280 x 280 pad: centered, high, low right, small, large.
    let placements = [
        (90.0, 40.0, 200.0),
        (40.0, 10.0, 120.0),
        (150.0, 130.0, 140.0),
        (110.0, 100.0, 90.0),
        (50.0, 5.0, 270.0),
    ];
    let mut wrong = Vec::new();
    let mut count = 0;
    for digit in 0..10 {
        for (&(left, top, height), pen) in placements
            .iter()
            .flat_map(|p| [(p, PEN_WIDTH), (p, 0.6 * PEN_WIDTH), (p, 1.5 * PEN_WIDTH)])
        {
            count += 1;
            let strokes: Strokes = drawn_digit(digit)
                .into_iter()
                .map(|s| {
                    s.into_iter()
                        .map(|(x, y)| (left + x * height, top + y * height))
                        .collect()
                })
                .collect();
            let ink = pad(&strokes, pen);
            let image = preprocess(&ink, PAD_SIZE, PAD_SIZE, Options::default()).unwrap();
            let p = mnist::classify(&net, &image).unwrap();
            if argmax(&p) != digit {
                wrong.push(format!(
                    "{digit} at {left},{top} size {height} pen {pen}: read as {} ({:.2})",
                    argmax(&p),
                    p[argmax(&p)]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {count} drawn digits misread:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn ink_into_a_reused_buffer_is_the_same_ink() {
    // every stroke case in three colourings, then a smaller picture, all through one buffer
    let mut values = vec![f32::NAN; 7]; // garbage that must be replaced
    let mut checked = 0;
    for (name, strokes) in stroke_cases() {
        let ink = pad(&strokes, PEN_WIDTH);
        let pictures = [
            picture(&ink, [255, 255, 255], [0, 0, 0]),
            picture(&ink, [0, 0, 0], [255, 255, 255]),
            ink.iter().flat_map(|&v| [0, 0, 0, (v * 255.0).round() as u8]).collect(),
        ];
        for rgba in &pictures {
            let want = ink_from_rgba(rgba, PAD_SIZE, PAD_SIZE).unwrap();
            let background = ink_from_rgba_into(rgba, PAD_SIZE, PAD_SIZE, &mut values).unwrap();
            assert_eq!(background, want.background, "{name}");
            assert_eq!(values, want.values, "{name}");
            checked += 1;
        }
    }
    assert!(checked >= 6);
    let small = picture(&[0.0, 1.0, 0.5, 0.0, 0.0, 0.25], [255, 255, 255], [0, 0, 0]);
    assert_eq!(
        ink_from_rgba_into(&small, 3, 2, &mut values).unwrap(),
        Background::Light
    );
    assert_eq!(values, ink_from_rgba(&small, 3, 2).unwrap().values);
    assert_eq!(values.len(), 6);
    let e = ink_from_rgba_into(&small, 2, 2, &mut values).unwrap_err();
    assert!(e.to_string().contains("needs 16 values"), "{e}");
}
