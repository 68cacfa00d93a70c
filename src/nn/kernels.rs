//! The hot loops: the three matrix products of a training step.
//!
//! Forward `Z = X W^T`, weight gradient `dW = dZ^T H`, input gradient `dH = dZ W`.
//! Three interchangeable paths compute them:
//! - [`Kernel::Simd`]: our hand-written tiles (`src/nn/tiles.rs`) on four-lane
//!   vectors. Built for wasm with `-C target-feature=+simd128` (see
//!   `.cargo/config.toml`) every vector operation is one simd128 instruction;
//!   natively the same code runs on arrays the compiler vectorizes.
//! - [`Kernel::Sgemm`]: matrixmultiply's packed sgemm (simd128 micro-kernel on
//!   wasm, SSE/AVX/NEON natively): the general-purpose library we measure ours against.
//! - [`Kernel::Scalar`]: the textbook triple loop, one `f32` at a time with a
//!   sequential sum (which the compiler may not reorder, so it stays scalar).
//!
//! Tests check that all three give the same numbers on random shapes, odd sizes included.

use super::lanes::F4;
use super::matrix::Matrix;
use super::tiles;

/// Which implementation of the matrix products to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kernel {
    /// Hand-written register tiles on four-lane vectors (simd128 on wasm).
    #[default]
    Simd,
    /// matrixmultiply's packed, blocked sgemm (its simd128 micro-kernel on wasm).
    Sgemm,
    /// Plain scalar loops: the reference the SIMD path is checked against.
    Scalar,
}

/// A read-only matrix operand seen through strides, so a transpose costs nothing.
#[derive(Clone, Copy)]
struct Operand<'a> {
    data: &'a [f32],
    row_stride: usize,
    col_stride: usize,
}

impl<'a> Operand<'a> {
    fn plain(m: &'a Matrix) -> Self {
        Operand {
            data: &m.data,
            row_stride: m.cols,
            col_stride: 1,
        }
    }
    fn transposed(m: &'a Matrix) -> Self {
        Operand {
            data: &m.data,
            row_stride: 1,
            col_stride: m.cols,
        }
    }
}

/// General product `C = A B + beta C` with `A` m x k and `B` k x n seen through strides.
fn gemm(kernel: Kernel, (m, k, n): (usize, usize, usize), a: Operand, b: Operand, beta: f32, c: &mut [f32]) {
    assert!(c.len() >= m * n, "size of C");
    if m == 0 || n == 0 {
        return;
    }
    match kernel {
        Kernel::Simd if beta == 0.0 && a.col_stride == 1 && b.row_stride == 1 => {
            tiles::gemm_nt(m, k, n, a.data, b.data, None, c)
        }
        Kernel::Simd if b.col_stride == 1 => {
            tiles::gemm_xn(m, k, n, (a.data, a.row_stride, a.col_stride), b.data, beta, c)
        }
        Kernel::Simd | Kernel::Sgemm => {
            // SAFETY: every index matrixmultiply touches is below m*rsa + k*csa etc.,
            // which the callers guarantee by building the operands from matrices of
            // the right shape (checked by the debug assertions in the callers).
            unsafe {
                matrixmultiply::sgemm(
                    m,
                    k,
                    n,
                    1.0,
                    a.data.as_ptr(),
                    a.row_stride as isize,
                    a.col_stride as isize,
                    b.data.as_ptr(),
                    b.row_stride as isize,
                    b.col_stride as isize,
                    beta,
                    c.as_mut_ptr(),
                    n as isize,
                    1,
                )
            }
        }
        Kernel::Scalar => {
            for i in 0..m {
                for j in 0..n {
                    let mut sum = 0.0f32;
                    for p in 0..k {
                        sum +=
                            a.data[i * a.row_stride + p * a.col_stride] * b.data[p * b.row_stride + j * b.col_stride];
                    }
                    let out = &mut c[i * n + j];
                    *out = if beta == 0.0 { sum } else { sum + beta * *out };
                }
            }
        }
    }
}

/// `C = A B^T`: the forward product `Z = X W^T` (A is batch x in, B is out x in).
pub fn matmul_a_bt(kernel: Kernel, a: &Matrix, b: &Matrix, c: &mut Matrix) {
    assert_eq!(a.cols, b.cols, "inner dimensions of A B^T");
    c.resize(a.rows, b.rows);
    gemm(
        kernel,
        (a.rows, a.cols, b.rows),
        Operand::plain(a),
        Operand::transposed(b),
        0.0,
        &mut c.data,
    );
}

/// `Z = X W^T + 1 b^T`: a layer's pre-activations (X is batch x in, W is out x in, b has out values).
///
/// The hand-written path adds the bias as it stores each tile, so Z is written once.
pub fn linear(kernel: Kernel, x: &Matrix, w: &Matrix, b: &[f32], z: &mut Matrix) {
    assert_eq!(x.cols, w.cols, "inner dimensions of X W^T");
    assert_eq!(b.len(), w.rows, "one bias per row of W");
    z.resize(x.rows, w.rows);
    if kernel == Kernel::Simd {
        tiles::gemm_nt(x.rows, x.cols, w.rows, &x.data, &w.data, Some(b), &mut z.data);
        return;
    }
    matmul_a_bt(kernel, x, w, z);
    if !b.is_empty() {
        for row in z.data.chunks_exact_mut(b.len()) {
            row.iter_mut().zip(b).for_each(|(v, b)| *v += b);
        }
    }
}

/// `C = A B + beta C` on row-major slices: `A` is `m x k`, `B` is `k x n`, `C` is `m x n`.
/// With `beta == 0` the old `C` is never read.
pub fn matmul_into(kernel: Kernel, (m, k, n): (usize, usize, usize), a: &[f32], b: &[f32], beta: f32, c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= k * n, "operand sizes of A B");
    let a = Operand {
        data: a,
        row_stride: k,
        col_stride: 1,
    };
    let b = Operand {
        data: b,
        row_stride: n,
        col_stride: 1,
    };
    gemm(kernel, (m, k, n), a, b, beta, c);
}

/// `C = A B + r 1^T` on row-major slices, with a bias `r` per row of `C` (the unit-major forward
/// pass `H^T = f(W H_prev^T + b 1^T)`). The hand-written path starts its accumulators at the bias.
pub fn matmul_row_bias_into(
    kernel: Kernel,
    (m, k, n): (usize, usize, usize),
    a: &[f32],
    b: &[f32],
    r: &[f32],
    c: &mut [f32],
) {
    assert!(r.len() >= m && c.len() >= m * n, "one bias per row of C");
    if kernel == Kernel::Simd {
        assert!(a.len() >= m * k, "operand size of A");
        tiles::gemm_xn_bias(m, k, n, (a, k, 1), b, (Some(r), None), 0.0, c);
        return;
    }
    for (row, &bias) in c[..m * n].chunks_exact_mut(n.max(1)).zip(r) {
        row.fill(bias);
    }
    matmul_into(kernel, (m, k, n), a, b, 1.0, c);
}

/// `C = A^T B + beta C`: the weight gradient `dW = dZ^T H` (A is batch x out, B is batch x in).
pub fn matmul_at_b(kernel: Kernel, a: &Matrix, b: &Matrix, beta: f32, c: &mut Matrix) {
    assert_eq!(a.rows, b.rows, "inner dimensions of A^T B");
    if beta == 0.0 {
        c.resize(a.cols, b.cols);
    }
    assert_eq!((c.rows, c.cols), (a.cols, b.cols), "shape of C in A^T B");
    gemm(
        kernel,
        (a.cols, a.rows, b.cols),
        Operand::transposed(a),
        Operand::plain(b),
        beta,
        &mut c.data,
    );
}

/// `C = A B`: the input gradient `dH = dZ W` (A is batch x out, B is out x in).
pub fn matmul_a_b(kernel: Kernel, a: &Matrix, b: &Matrix, c: &mut Matrix) {
    assert_eq!(a.cols, b.rows, "inner dimensions of A B");
    c.resize(a.rows, b.cols);
    gemm(
        kernel,
        (a.rows, a.cols, b.cols),
        Operand::plain(a),
        Operand::plain(b),
        0.0,
        &mut c.data,
    );
}

/// `out = 1^T A`: the sum of every column of `A` over its rows, in row order (the bias
/// gradient `db = 1^T dZ`). Four columns at a time where they fit.
pub fn column_sums(a: &Matrix, out: &mut [f32]) {
    assert_eq!(out.len(), a.cols, "one sum per column");
    assert_eq!(a.data.len(), a.rows * a.cols, "shape of A");
    let n4 = a.cols - a.cols % 4;
    for j in (0..n4).step_by(4) {
        let mut acc = F4::zero();
        for row in a.data.chunks_exact(a.cols) {
            // SAFETY: j + 4 <= n4 <= cols, the length of `row`.
            acc = acc.add(unsafe { F4::load(row.as_ptr().add(j)) });
        }
        // SAFETY: j + 4 <= out.len().
        unsafe { acc.store(out.as_mut_ptr().add(j)) }
    }
    for (j, o) in out.iter_mut().enumerate().skip(n4) {
        *o = a.data.chunks_exact(a.cols).fold(0.0, |s, row| s + row[j]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::rng::Rng;

    fn random(rng: &mut Rng, rows: usize, cols: usize) -> Matrix {
        Matrix::from_vec(rows, cols, (0..rows * cols).map(|_| rng.uniform(-1.0, 1.0)).collect()).unwrap()
    }

    fn assert_close(x: &Matrix, y: &Matrix, k: usize, what: &str) {
        assert_eq!((x.rows, x.cols), (y.rows, y.cols), "{what}");
        for (a, b) in x.data.iter().zip(&y.data) {
            // sums of k products of numbers in [-1, 1]: rounding error grows with k
            assert!((a - b).abs() <= 1e-5 * (k as f32 + 1.0), "{what}: {a} vs {b}");
        }
    }

    /// Shapes that hit every edge of the tiles: rows not a multiple of 2 or 4, columns not a
    /// multiple of 4 or 8, inner sizes not a multiple of 4, short inner sizes (the transposed
    /// path of `X W^T`), more than one inner block (KC = 128) and column block (NC = 64), and
    /// the small products that skip packing (the playground's 8 x 8 layers at batch 10), whose
    /// `W^T` is built from 4 x 4 transposes.
    pub(crate) const SHAPES: [(usize, usize, usize); 19] = [
        (1, 1, 1),
        (1, 784, 256),
        (3, 5, 7),
        (64, 33, 17),
        (13, 129, 31),
        (10, 2, 8),
        (257, 9, 4),
        (2, 15, 9),
        (5, 16, 12),
        (7, 3, 70),
        (4, 131, 65),
        (9, 300, 77),
        (6, 0, 5),
        (1, 8, 1),
        (11, 17, 3),
        (64, 256, 130),
        (10, 8, 8),
        (3, 12, 4),
        (9, 4, 13),
    ];

    #[test]
    fn simd_sgemm_and_scalar_paths_agree_on_random_shapes() {
        let mut rng = Rng::new(7);
        for &(m, k, n) in &SHAPES {
            let a = random(&mut rng, m, k);
            let bt = random(&mut rng, n, k);
            let b = random(&mut rng, k, n);
            let g = random(&mut rng, m, n);
            let bias: Vec<f32> = (0..n).map(|_| rng.uniform(-1.0, 1.0)).collect();
            let c0 = random(&mut rng, n, k);
            let mut reference = [Matrix::default(), Matrix::default(), Matrix::default(), c0.clone()];
            matmul_a_bt(Kernel::Scalar, &a, &bt, &mut reference[0]);
            matmul_a_b(Kernel::Scalar, &a, &b, &mut reference[1]);
            linear(Kernel::Scalar, &a, &bt, &bias, &mut reference[2]);
            matmul_at_b(Kernel::Scalar, &g, &a, 0.5, &mut reference[3]);
            for kernel in [Kernel::Simd, Kernel::Sgemm] {
                let what = format!("{kernel:?} at {m}x{k}x{n}");
                // start from garbage (NaN) to prove beta = 0 never reads C
                let mut s = Matrix::from_vec(m, n, vec![f32::NAN; m * n]).unwrap();
                matmul_a_bt(kernel, &a, &bt, &mut s);
                assert_close(&s, &reference[0], k, &what);
                matmul_a_b(kernel, &a, &b, &mut s);
                assert_close(&s, &reference[1], k, &what);
                linear(kernel, &a, &bt, &bias, &mut s);
                assert_close(&s, &reference[2], k + 1, &what);
                let mut s2 = c0.clone();
                matmul_at_b(kernel, &g, &a, 0.5, &mut s2);
                assert_close(&s2, &reference[3], m, &what);
                let mut s3 = Matrix::from_vec(n, k, vec![f32::NAN; n * k]).unwrap();
                let mut v3 = Matrix::default();
                matmul_at_b(kernel, &g, &a, 0.0, &mut s3);
                matmul_at_b(Kernel::Scalar, &g, &a, 0.0, &mut v3);
                assert_close(&s3, &v3, m, &what);
            }
        }
    }

    #[test]
    fn row_bias_products_agree_with_the_definition() {
        let mut rng = Rng::new(8);
        for &(m, k, n) in &SHAPES {
            let (a, b) = (random(&mut rng, m, k), random(&mut rng, k, n));
            let r: Vec<f32> = (0..m).map(|_| rng.uniform(-1.0, 1.0)).collect();
            let mut want = Matrix::default();
            matmul_a_b(Kernel::Scalar, &a, &b, &mut want);
            for (i, row) in want.data.chunks_exact_mut(n.max(1)).enumerate() {
                row.iter_mut().for_each(|v| *v += r[i]);
            }
            for kernel in [Kernel::Simd, Kernel::Sgemm, Kernel::Scalar] {
                let mut got = Matrix::from_vec(m, n, vec![f32::NAN; m * n]).unwrap();
                matmul_row_bias_into(kernel, (m, k, n), &a.data, &b.data, &r, &mut got.data);
                assert_close(&got, &want, k + 1, &format!("{kernel:?} row bias at {m}x{k}x{n}"));
            }
        }
    }

    #[test]
    fn column_sums_add_the_rows_in_order() {
        let mut rng = Rng::new(9);
        for &(m, _, n) in &SHAPES {
            let a = random(&mut rng, m, n);
            let mut got = vec![f32::NAN; n];
            column_sums(&a, &mut got);
            for (j, g) in got.iter().enumerate() {
                let want = (0..m).fold(0.0f32, |s, i| s + a.get(i, j));
                assert_eq!(g.to_bits(), want.to_bits(), "column {j} of {m}x{n}");
            }
        }
    }

    #[test]
    fn scalar_product_matches_hand_computation() {
        let a = Matrix::from_rows(&[&[1.0, 2.0], &[3.0, 4.0]]).unwrap();
        let b = Matrix::from_rows(&[&[5.0, 6.0], &[7.0, 8.0]]).unwrap();
        let mut c = Matrix::default();
        for kernel in [Kernel::Scalar, Kernel::Simd, Kernel::Sgemm] {
            matmul_a_bt(kernel, &a, &b, &mut c);
            assert_eq!(c.data, vec![17.0, 23.0, 39.0, 53.0]);
            matmul_a_b(kernel, &a, &b, &mut c);
            assert_eq!(c.data, vec![19.0, 22.0, 43.0, 50.0]);
            matmul_at_b(kernel, &a, &b, 0.0, &mut c);
            assert_eq!(c.data, vec![26.0, 30.0, 38.0, 44.0]);
        }
    }
}
