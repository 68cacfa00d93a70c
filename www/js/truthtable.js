// Fills the truth table: the four XOR rows with the network's P(y = 1) and
// predicted label; a right or wrong prediction is marked by a symbol and a word,
// not by colour alone.

import { XOR_INPUTS, XOR_TARGETS } from './xor.js';

/** `probs` and `labels` are per-example arrays, or null before the network exists. */
export function renderTruthTable(tbody, probs, labels) {
  if (tbody.rows.length !== XOR_TARGETS.length) {
    tbody.replaceChildren();
    for (let i = 0; i < XOR_TARGETS.length; i++) {
      const tr = tbody.insertRow();
      for (let c = 0; c < 5; c++) tr.insertCell();
      tr.cells[0].textContent = XOR_INPUTS[2 * i];
      tr.cells[1].textContent = XOR_INPUTS[2 * i + 1];
      tr.cells[2].textContent = XOR_TARGETS[i];
      tr.cells[2].className = XOR_TARGETS[i] === 1 ? 'label-one' : 'label-zero';
      tr.cells[3].className = 'num';
      tr.cells[4].className = 'pred';
    }
  }
  for (let i = 0; i < XOR_TARGETS.length; i++) {
    const tr = tbody.rows[i];
    if (!probs || !labels) {
      tr.cells[3].textContent = '–';
      tr.cells[4].textContent = '–';
      tr.dataset.state = '';
      continue;
    }
    const ok = labels[i] === XOR_TARGETS[i];
    tr.cells[3].textContent = probs[i].toFixed(3);
    tr.cells[4].innerHTML = '';
    const value = document.createElement('span');
    value.className = 'pred-value';
    value.textContent = String(labels[i]);
    const mark = document.createElement('span');
    mark.className = ok ? 'mark mark-ok' : 'mark mark-bad';
    mark.textContent = ok ? '✓' : '✗';
    mark.title = ok ? 'correct' : 'wrong';
    const word = document.createElement('span');
    word.className = 'visually-hidden';
    word.textContent = ok ? ' (correct)' : ' (wrong)';
    tr.cells[4].append(value, ' ', mark, word);
    tr.dataset.state = ok ? 'ok' : 'bad';
  }
}
