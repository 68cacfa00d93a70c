//! A small row-major `f32` matrix: one row per example, as in the lecture's
//! vectorized equations (`H = f(X W^T + 1 b^T)`, "each row contains the hidden
//! units for one example").

/// A dense row-major matrix of `f32`: element (r, c) lives at `data[r * cols + c]`.
///
/// Weights use the same layout as PyTorch's `nn.Linear`: `W` is `[out, in]`,
/// so row `i` holds the weights `w_ij` feeding unit `i`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Matrix {
    /// Number of rows (examples, or output units for a weight matrix).
    pub rows: usize,
    /// Number of columns (features, or input units for a weight matrix).
    pub cols: usize,
    /// `rows * cols` values, row after row.
    pub data: Vec<f32>,
}

impl Matrix {
    /// A `rows x cols` matrix of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// Wraps `data` (row-major) as a `rows x cols` matrix; `None` if the length is not `rows * cols`.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<f32>) -> Option<Self> {
        (rows.checked_mul(cols)? == data.len()).then_some(Matrix { rows, cols, data })
    }

    /// Builds a matrix from nested rows (handy in tests and examples); `None` if rows differ in length.
    pub fn from_rows(rows: &[&[f32]]) -> Option<Self> {
        let cols = rows.first().map_or(0, |r| r.len());
        if rows.iter().any(|r| r.len() != cols) {
            return None;
        }
        Some(Matrix {
            rows: rows.len(),
            cols,
            data: rows.concat(),
        })
    }

    /// Row `r` as a slice.
    pub fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }

    /// Element (r, c).
    pub fn get(&self, r: usize, c: usize) -> f32 {
        self.data[r * self.cols + c]
    }

    /// Reshapes in place to `rows x cols`, reusing the allocation; contents are unspecified afterwards.
    pub fn resize(&mut self, rows: usize, cols: usize) {
        self.rows = rows;
        self.cols = cols;
        self.data.resize(rows * cols, 0.0);
    }

    /// True when every element is finite (no NaN or infinity).
    pub fn is_finite(&self) -> bool {
        self.data.iter().all(|v| v.is_finite())
    }
}
