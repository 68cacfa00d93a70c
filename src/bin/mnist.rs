//! `mnist`: train, evaluate and try the playground's digit classifier from the command line.
//!
//! ```text
//! cargo run --release --features cli --bin mnist -- train --data ../shared/data/mnist --augment --out model.safetensors
//! cargo run --release --features cli --bin mnist -- eval --data ../shared/data/mnist --last 10000 --model model.safetensors
//! cargo run --release --features cli --bin mnist -- classify --model model.safetensors a.png b.png
//! ```
//! Run `mnist help` for every option.

use mlp::data::digits::{self, Background, Options, PIXELS, SIDE};
use mlp::data::mnist::{self, argmax, classifier_spec, EpochOptions, MnistSet};
use mlp::data::Augment;
use mlp::nn::{Activation, Network, Optimizer, Regularization, Rng};
use mlp::{io, Error};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
mnist: train, evaluate and try the playground's digit classifier

USAGE
  mnist train --data DIR --out FILE [options]
      Trains the two-hidden-layer MLP (lecture 3.6) on the IDX files in DIR
      (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]), holding out
      the last digits for validation, printing progress, saving safetensors.
        --seed N           seed of the weights, the shuffling and the augmentation (default 1)
        --epochs E         passes over the training digits (default 30)
        --hidden 256,128   hidden layer widths (default 256,128)
        --activation NAME  relu, leakyRelu, tanh or sigmoid (default relu)
        --validation N     digits held out at the end of the set (default 10000)
        --batch N          minibatch size (default 64)
        --lr X             initial learning rate of SGD with momentum 0.9, decayed to 0
                           along a cosine over the epochs (default 0.05)
        --l2 X             L2 regularization strength lambda (default 0)
        --augment          distort every digit each time it is seen: shifts of up to
                           2 px, rotations up to 12 degrees, scale 0.9-1.1, slant, thickness

  mnist eval --model FILE (--images F --labels F | --data DIR [--prefix P]) [--first N | --last N]
      Accuracy and the 10x10 confusion matrix on an IDX pair (plain or gzipped).
      --data DIR reads P-images-idx3-ubyte[.gz] and P-labels-idx1-ubyte[.gz] (P = train by default);
      --last 10000 evaluates the validation digits `train` held out.

  mnist classify [--model FILE] [--no-center] [--show] IMAGE.png...
      Classifies PNG pictures of any size, dark-on-light or light-on-dark, with exactly
      the page's preprocessing; prints the digit and the ten probabilities.
        --model FILE   default www/assets/mnist-mlp.safetensors
        --no-center    skip the center-of-mass shift (the page's switch)
        --show         print the 28x28 image the network sees
";

/// Parsed `--name value` options, flags and positional arguments.
struct Args {
    values: HashMap<String, String>,
    flags: Vec<String>,
    files: Vec<String>,
}

impl Args {
    fn parse(args: &[String], flags: &[&str], valued: &[&str]) -> Result<Args, String> {
        let mut out = Args {
            values: HashMap::new(),
            flags: Vec::new(),
            files: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                if flags.contains(&name) {
                    out.flags.push(name.to_string());
                } else if valued.contains(&name) {
                    let v = it.next().ok_or(format!("--{name} needs a value"))?;
                    out.values.insert(name.to_string(), v.clone());
                } else {
                    return Err(format!("unknown option --{name}; see `mnist help`"));
                }
            } else {
                out.files.push(a.clone());
            }
        }
        Ok(out)
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    fn get<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.values.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{name} {v}: not a valid value; see `mnist help`")),
        }
    }

    fn required(&self, name: &str) -> Result<&str, String> {
        self.values
            .get(name)
            .map(String::as_str)
            .ok_or(format!("--{name} is required; see `mnist help`"))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("train") => train(&args[1..]),
        Some("eval") => eval(&args[1..]),
        Some("classify") => classify(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("expected a command: train, eval or classify\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mnist: {e}");
            ExitCode::FAILURE
        }
    }
}

fn err(e: Error) -> String {
    e.to_string()
}

fn load_model(path: &Path) -> Result<Network, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the model {}: {e}", path.display()))?;
    let net = io::safetensors::import(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    mnist::check_classifier(&net).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(net)
}

fn train(args: &[String]) -> Result<(), String> {
    let a = Args::parse(
        args,
        &["augment"],
        &[
            "data",
            "out",
            "seed",
            "epochs",
            "hidden",
            "activation",
            "validation",
            "batch",
            "lr",
            "l2",
        ],
    )?;
    let data = PathBuf::from(a.required("data")?);
    let out = PathBuf::from(a.required("out")?);
    let seed: u64 = a.get("seed", 1)?;
    let epochs: usize = a.get("epochs", 30)?;
    let validation: usize = a.get("validation", 10_000)?;
    let batch_size: usize = a.get("batch", 64)?;
    let lr: f32 = a.get("lr", 0.05)?;
    let l2: f32 = a.get("l2", 0.0)?;
    let hidden: Vec<usize> = a
        .get("hidden", "256,128".to_string())?
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.trim()
                .parse()
                .map_err(|_| format!("--hidden: `{s}` is not a layer width"))
        })
        .collect::<Result<_, _>>()?;
    let activation: Activation =
        serde_json::from_value(serde_json::Value::String(a.get("activation", "relu".to_string())?))
            .map_err(|e| format!("--activation: {e}"))?;

    let started = Instant::now();
    let set = MnistSet::read_dir(&data, "train").map_err(err)?;
    if validation >= set.len() {
        return Err(format!(
            "--validation {validation} leaves nothing to train on: the set has {} digits",
            set.len()
        ));
    }
    let at = set.len() - validation;
    let (training, held_out) = set.split(at);
    println!(
        "read {} training and {} validation digits from {} in {:.1} s",
        training.len(),
        held_out.len(),
        data.display(),
        started.elapsed().as_secs_f64()
    );

    let mut net = Network::new(classifier_spec(&hidden, activation), seed).map_err(err)?;
    net.set_regularization(if l2 > 0.0 {
        Regularization::L2 { lambda: l2 }
    } else {
        Regularization::None
    })
    .map_err(err)?;
    println!(
        "network 784-{}-10 {activation:?}, {} parameters, seed {seed}, {epochs} epochs, batch {batch_size}, \
         SGD momentum 0.9, lr {lr} cosine-decayed, L2 {l2}, augmentation {}",
        hidden.iter().map(|h| h.to_string()).collect::<Vec<_>>().join("-"),
        net.size().parameters,
        if a.flag("augment") { "on" } else { "off" }
    );
    // The data order and distortions come from their own stream, so they do not depend on the network's size.
    let mut rng = Rng::new(seed ^ 0xDA7A_5EED);
    let options = EpochOptions {
        batch_size,
        augment: a.flag("augment").then(Augment::default),
    };
    for epoch in 0..epochs {
        let t = Instant::now();
        let rate = lr * 0.5 * (1.0 + (std::f32::consts::PI * epoch as f32 / epochs as f32).cos());
        net.set_optimizer(Optimizer::Momentum {
            learning_rate: rate,
            momentum: 0.9,
        })
        .map_err(err)?;
        let loss = mnist::train_epoch(&mut net, &training, &mut rng, &options).map_err(err)?;
        let accuracy = if held_out.is_empty() {
            f64::NAN
        } else {
            mnist::evaluate(&net, &held_out).map_err(err)?.accuracy()
        };
        println!(
            "epoch {:>3}/{epochs}  lr {rate:.5}  train loss {loss:.4}  validation accuracy {:.2}%  ({:.1} s)",
            epoch + 1,
            100.0 * accuracy,
            t.elapsed().as_secs_f64()
        );
    }
    let bytes = io::safetensors::export(&net);
    std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "saved {} ({} bytes) after {:.1} min",
        out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64() / 60.0
    );
    if !held_out.is_empty() {
        println!(
            "\nvalidation (the last {} digits):\n{}",
            held_out.len(),
            mnist::evaluate(&net, &held_out).map_err(err)?
        );
    }
    Ok(())
}

fn eval(args: &[String]) -> Result<(), String> {
    let a = Args::parse(
        args,
        &[],
        &["model", "images", "labels", "data", "prefix", "first", "last"],
    )?;
    let net = load_model(Path::new(a.required("model")?))?;
    let set = if let Some(dir) = a.values.get("data") {
        MnistSet::read_dir(Path::new(dir), &a.get("prefix", "train".to_string())?).map_err(err)?
    } else {
        let read = |name: &str| -> Result<Vec<u8>, String> {
            let path = a.required(name)?;
            std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
        };
        MnistSet::from_idx(&read("images")?, &read("labels")?).map_err(err)?
    };
    let n = set.len();
    let set = match (a.values.get("first"), a.values.get("last")) {
        (Some(_), Some(_)) => return Err("give --first or --last, not both".into()),
        (Some(_), None) => set.split(a.get("first", n)?).0,
        (None, Some(_)) => set.split(n.saturating_sub(a.get("last", n)?)).1,
        (None, None) => set,
    };
    let t = Instant::now();
    let evaluation = mnist::evaluate(&net, &set).map_err(err)?;
    print!("{evaluation}");
    println!("({} digits in {:.2} s)", set.len(), t.elapsed().as_secs_f64());
    Ok(())
}

/// Decodes a PNG of any colour type and bit depth into RGBA bytes.
fn read_png(path: &Path) -> Result<(Vec<u8>, usize, usize), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| format!("not a readable PNG: {e}"))?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("the PNG is too large")?];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("not a readable PNG: {e}"))?;
    let (w, h) = (frame.width as usize, frame.height as usize);
    let bytes = &buf[..frame.buffer_size()];
    let rgba: Vec<u8> = match frame.color_type {
        png::ColorType::Rgba => bytes.to_vec(),
        png::ColorType::Rgb => bytes.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        png::ColorType::Grayscale => bytes.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::GrayscaleAlpha => bytes.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
        other => return Err(format!("unsupported PNG colour type {other:?}")),
    };
    Ok((rgba, w, h))
}

fn classify(args: &[String]) -> Result<(), String> {
    let a = Args::parse(args, &["no-center", "show"], &["model"])?;
    let model = PathBuf::from(a.get("model", "www/assets/mnist-mlp.safetensors".to_string())?);
    let net = load_model(&model)?;
    if a.files.is_empty() {
        return Err("give one or more PNG files to classify; see `mnist help`".into());
    }
    let options = Options {
        center_of_mass: !a.flag("no-center"),
    };
    let mut failed = 0;
    for file in &a.files {
        match classify_one(&net, Path::new(file), options, a.flag("show")) {
            Ok(line) => println!("{file}: {line}"),
            Err(e) => {
                failed += 1;
                println!("{file}: {e}");
            }
        }
    }
    if failed > 0 {
        return Err(format!("{failed} of {} files could not be classified", a.files.len()));
    }
    Ok(())
}

fn classify_one(net: &Network, path: &Path, options: Options, show: bool) -> Result<String, String> {
    let (rgba, w, h) = read_png(path)?;
    let ink = digits::ink_from_rgba(&rgba, w, h).map_err(err)?;
    let image = digits::preprocess(&ink.values, w, h, options).map_err(err)?;
    let p = mnist::classify(net, &image).map_err(err)?;
    let digit = argmax(&p);
    let kind = match ink.background {
        Background::Light => "dark on light",
        Background::Dark => "light on dark",
        Background::Transparent => "on transparent",
    };
    let probabilities: Vec<String> = p.iter().enumerate().map(|(k, v)| format!("{k}:{v:.3}")).collect();
    let mut line = format!(
        "{digit}  (p = {:.3}; {w}x{h}, {kind})  {}",
        p[digit],
        probabilities.join(" ")
    );
    if show {
        line.push('\n');
        for row in image.chunks_exact(SIDE) {
            line.extend(row.iter().map(|&v| match v {
                v if v > 0.75 => '#',
                v if v > 0.4 => '+',
                v if v > 0.1 => '.',
                _ => ' ',
            }));
            line.push('\n');
        }
        debug_assert_eq!(image.len(), PIXELS);
    }
    Ok(line)
}
