// Numbers and small matrices as HTML for the equations of the lecture views.
// Matrices render as bracketed grids (a column vector is an n x 1 matrix).

/** A number with `digits` decimals and a true minus sign; '–' when not finite. */
export function fmt(v, digits = 4) {
  if (!Number.isFinite(v)) return '–';
  const s = Math.abs(v) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : v.toFixed(digits);
  return s.replace('-', '−');
}

/** Parses a number written by fmt (true minus sign allowed). */
export const parseFmt = (text) => Number(String(text).trim().replace('−', '-'));

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A rows x cols matrix (row-major `data`) as a bracketed grid. */
export function mat(data, rows, cols, digits = 4) {
  const cells = Array.from(data, (v) => `<span>${fmt(v, digits)}</span>`).join('');
  return `<span class="mat" style="--cols:${cols}" role="math" aria-label="${esc(
    `${rows} by ${cols} matrix: ${Array.from(data, (v) => fmt(v, digits)).join(', ')}`,
  )}">${cells}</span>`;
}

/** A column vector. */
export const col = (v, digits = 4) => mat(v, v.length, 1, digits);
/** A row vector (a transposed column). */
export const row = (v, digits = 4) => mat(v, 1, v.length, digits);
/** The transpose of a rows x cols row-major matrix, as row-major data. */
export function transpose(data, rows, cols) {
  const out = new Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}
