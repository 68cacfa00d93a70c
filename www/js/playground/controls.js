// The form controls of the playground: fills them from the settings and turns
// every change into a small patch of settings for the view to apply.

import { DATASETS, LEARNING_RATES, LOSSES } from './settings.js';

const opt = (value, text) => Object.assign(document.createElement('option'), { value: String(value), textContent: text });

/** Fills the selects that depend on constants (data sets, losses, learning rates). */
export function fillChoices(root) {
  const data = root.querySelector('#pg-data');
  data.replaceChildren(...DATASETS.map((d) => opt(d.name, d.title)));
  const loss = root.querySelector('#pg-loss');
  loss.replaceChildren(...LOSSES.map((l) => opt(l.name, l.title)));
  const lr = root.querySelector('#pg-lr');
  lr.replaceChildren(...LEARNING_RATES.map((v) => opt(v, String(v))));
}

/** Shows settings `s` in the controls. */
export function showSettings(root, s) {
  const $ = (id) => root.querySelector(`#${id}`);
  $('pg-data').value = s.data;
  $('pg-data').querySelector('option[value="custom"]').disabled = s.data !== 'custom';
  $('pg-noise').value = String(s.noise);
  $('pg-noise-out').textContent = `${Math.round(s.noise * 100)}%`;
  $('pg-ratio').value = String(s.ratio);
  $('pg-ratio-out').textContent = `${s.ratio}%`;
  $('pg-points').value = String(s.points);
  $('pg-points-out').textContent = String(s.points);
  $('pg-seed').value = String(s.seed);
  const lr = $('pg-lr');
  if (![...lr.options].some((o) => Number(o.value) === s.lr)) lr.append(opt(s.lr, String(s.lr)));
  lr.value = [...lr.options].find((o) => Number(o.value) === s.lr).value;
  $('pg-batch').value = String(s.batch);
  $('pg-opt').value = s.optimizer;
  $('pg-reg').value = s.regularization;
  $('pg-lambda').value = String(s.lambda);
  $('pg-lambda').disabled = s.regularization === 'none';
  $('pg-loss').value = s.loss;
  $('pg-speed').value = s.speed;
  $('pg-test').checked = s.showTest;
  $('pg-discrete').checked = s.discretize;
  for (const id of ['pg-noise', 'pg-points']) $(id).disabled = s.data === 'custom';
}

/**
 * Calls `onChange(patch, kind)` when a control changes. kind: 'data' (new points and
 * network), 'network' (new network), 'hyper' (applied while training), 'view' (redraw).
 */
export function bindControls(root, onChange) {
  const $ = (id) => root.querySelector(`#${id}`);
  const on = (id, event, fn) => $(id).addEventListener(event, fn);
  const num = (id) => Number($(id).value);
  on('pg-data', 'change', () => onChange({ data: $('pg-data').value }, 'data'));
  on('pg-noise', 'input', () => { $('pg-noise-out').textContent = `${Math.round(num('pg-noise') * 100)}%`; });
  on('pg-noise', 'change', () => onChange({ noise: num('pg-noise') }, 'data'));
  on('pg-ratio', 'input', () => { $('pg-ratio-out').textContent = `${num('pg-ratio')}%`; });
  on('pg-ratio', 'change', () => onChange({ ratio: num('pg-ratio') }, 'data'));
  on('pg-points', 'input', () => { $('pg-points-out').textContent = String(num('pg-points')); });
  on('pg-points', 'change', () => onChange({ points: num('pg-points') }, 'data'));
  on('pg-seed', 'change', () => {
    const v = num('pg-seed');
    if (Number.isInteger(v) && v >= 0 && v <= 4294967295) {
      $('pg-seed').removeAttribute('aria-invalid');
      onChange({ seed: v }, 'data');
    } else {
      $('pg-seed').setAttribute('aria-invalid', 'true');
    }
  });
  on('pg-lr', 'change', () => onChange({ lr: num('pg-lr') }, 'hyper'));
  on('pg-batch', 'change', () => {
    const v = num('pg-batch');
    if (Number.isInteger(v) && v >= 1 && v <= 500) onChange({ batch: v }, 'hyper');
  });
  on('pg-opt', 'change', () => onChange({ optimizer: $('pg-opt').value }, 'hyper'));
  on('pg-reg', 'change', () => onChange({ regularization: $('pg-reg').value }, 'hyper'));
  on('pg-lambda', 'change', () => {
    const v = num('pg-lambda');
    if (v >= 0 && v <= 10) onChange({ lambda: v }, 'hyper');
  });
  on('pg-loss', 'change', () => onChange({ loss: $('pg-loss').value }, 'network'));
  on('pg-speed', 'change', () => onChange({ speed: $('pg-speed').value }, 'view'));
  on('pg-test', 'change', () => onChange({ showTest: $('pg-test').checked }, 'view'));
  on('pg-discrete', 'change', () => onChange({ discretize: $('pg-discrete').checked }, 'view'));
}
