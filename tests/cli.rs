//! The `mnist` command-line tool end to end: `train` on a tiny IDX folder, `eval` on an IDX pair,
//! `classify` on PNG files of both polarities, with clear failures. Needs `--features cli`.
#![cfg(feature = "cli")]

use mlp::data::digits::{draw_stroke, PAD_SIZE, PEN_WIDTH};
use mlp::data::idx::{self, IdxImages};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/assets/mnist-mlp.safetensors");

fn mnist(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mnist"))
        .args(args)
        .output()
        .expect("the mnist binary runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mlp-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `count` synthetic digits: class k is a bar at row 4 + 2k.
fn write_idx(dir: &Path, prefix: &str, count: usize) -> (PathBuf, PathBuf) {
    let labels: Vec<u8> = (0..count).map(|i| (i % 10) as u8).collect();
    let mut pixels = vec![0u8; count * 784];
    for (img, &l) in pixels.chunks_exact_mut(784).zip(&labels) {
        let row = 4 + 2 * l as usize;
        img[row * 28 + 4..row * 28 + 24].fill(255);
    }
    let images = idx::write_images(&IdxImages {
        count,
        rows: 28,
        cols: 28,
        pixels,
    });
    let (ip, lp) = (
        dir.join(format!("{prefix}-images-idx3-ubyte")),
        dir.join(format!("{prefix}-labels-idx1-ubyte")),
    );
    std::fs::write(&ip, images).unwrap();
    std::fs::write(&lp, idx::write_labels(&labels)).unwrap();
    (ip, lp)
}

#[test]
fn train_then_eval_on_a_small_set() {
    let dir = scratch("train");
    write_idx(&dir, "train", 200);
    let out = dir.join("tiny.safetensors");
    let o = mnist(&[
        "train",
        "--data",
        dir.to_str().unwrap(),
        "--epochs",
        "3",
        "--hidden",
        "16,8",
        "--validation",
        "50",
        "--seed",
        "4",
        "--out",
        out.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("150 training and 50 validation digits"), "{t}");
    assert!(t.contains("epoch   3/3") && t.contains("validation accuracy"), "{t}");
    assert!(out.exists());

    let (images, labels) = write_idx(&dir, "t10k", 20);
    let o = mnist(&[
        "eval",
        "--images",
        images.to_str().unwrap(),
        "--labels",
        labels.to_str().unwrap(),
        "--model",
        out.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("of 20 correct") && t.contains("confusion matrix"), "{t}");
    assert_eq!(
        t.lines()
            .filter(|l| l.ends_with('%') && !l.starts_with("accuracy"))
            .count(),
        10,
        "{t}"
    );

    // Same again through --data/--prefix, last 10 only.
    let o = mnist(&[
        "eval",
        "--data",
        dir.to_str().unwrap(),
        "--prefix",
        "t10k",
        "--last",
        "10",
        "--model",
        out.to_str().unwrap(),
    ]);
    assert!(text(&o).contains("of 10 correct"), "{}", text(&o));

    // Mismatched files fail with the parser's message.
    let o = mnist(&[
        "eval",
        "--images",
        labels.to_str().unwrap(),
        "--labels",
        images.to_str().unwrap(),
        "--model",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(text(&o).contains("swapped"), "{}", text(&o));
    std::fs::remove_dir_all(&dir).ok();
}

fn write_png(path: &Path, gray: &[u8], w: u32, h: u32) {
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(gray).unwrap();
}

#[test]
fn classify_reads_pngs_of_either_polarity() {
    let dir = scratch("classify");
    let mut ink = vec![0.0; PAD_SIZE * PAD_SIZE];
    draw_stroke(
        &mut ink,
        PAD_SIZE,
        PAD_SIZE,
        &[(120.0, 30.0), (125.0, 250.0)],
        PEN_WIDTH,
    );
    let dark_on_light: Vec<u8> = ink.iter().map(|&v| (255.0 * (1.0 - v)).round() as u8).collect();
    let light_on_dark: Vec<u8> = dark_on_light.iter().map(|&g| 255 - g).collect();
    let (a, b, blank) = (
        dir.join("one-paper.png"),
        dir.join("one-board.png"),
        dir.join("blank.png"),
    );
    write_png(&a, &dark_on_light, PAD_SIZE as u32, PAD_SIZE as u32);
    write_png(&b, &light_on_dark, PAD_SIZE as u32, PAD_SIZE as u32);
    write_png(&blank, &vec![255; 60 * 40], 60, 40);

    let o = mnist(&[
        "classify",
        "--model",
        MODEL,
        "--show",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    let answers: Vec<&str> = t.lines().filter(|l| l.contains(".png: ")).collect();
    assert_eq!(answers.len(), 2, "{t}");
    assert!(
        answers[0].contains("one-paper.png: 1 ") && answers[0].contains("dark on light"),
        "{t}"
    );
    assert!(
        answers[1].contains("one-board.png: 1 ") && answers[1].contains("light on dark"),
        "{t}"
    );
    assert!(
        answers[0].contains("0:") && answers[0].contains("9:"),
        "ten probabilities: {t}"
    );
    assert!(t.contains('#'), "--show prints the 28x28 image: {t}");

    let o = mnist(&["classify", "--model", MODEL, blank.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(text(&o).contains("nothing drawn"), "{}", text(&o));
    let o = mnist(&["classify", "--model", MODEL, dir.join("missing.png").to_str().unwrap()]);
    assert!(!o.status.success() && text(&o).contains("cannot open"), "{}", text(&o));
    let o = mnist(&["classify", "--oops"]);
    assert!(
        !o.status.success() && text(&o).contains("unknown option --oops"),
        "{}",
        text(&o)
    );
    std::fs::remove_dir_all(&dir).ok();
}
