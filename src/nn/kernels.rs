//! The hot loops: the three matrix products of a training step.
//!
//! Forward `Z = X W^T`, weight gradient `dW = dZ^T H`, input gradient `dH = dZ W`.
//! Two interchangeable paths compute them:
//! - [`Kernel::Simd`]: matrixmultiply's packed sgemm. Built for wasm with
//!   `-C target-feature=+simd128` (see `.cargo/config.toml`) it runs its
//!   simd128 micro-kernel; natively it uses the host's SSE/AVX/NEON kernel.
//! - [`Kernel::Scalar`]: the textbook triple loop, one `f32` at a time with a
//!   sequential sum (which the compiler may not reorder, so it stays scalar).
//!
//! Tests check that both give the same numbers on random shapes, odd sizes included.

use super::matrix::Matrix;

/// Which implementation of the matrix products to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kernel {
    /// Packed, blocked sgemm on SIMD registers (simd128 on wasm).
    #[default]
    Simd,
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
fn gemm(kernel: Kernel, (m, k, n): (usize, usize, usize), a: Operand, b: Operand, beta: f32, c: &mut Matrix) {
    debug_assert_eq!((c.rows, c.cols), (m, n));
    if m == 0 || n == 0 {
        return;
    }
    match kernel {
        Kernel::Simd => {
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
                    c.data.as_mut_ptr(),
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
                    let out = &mut c.data[i * n + j];
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
        c,
    );
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
        c,
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
        c,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::rng::Rng;

    fn random(rng: &mut Rng, rows: usize, cols: usize) -> Matrix {
        Matrix::from_vec(rows, cols, (0..rows * cols).map(|_| rng.uniform(-1.0, 1.0)).collect()).unwrap()
    }

    fn assert_close(x: &Matrix, y: &Matrix, k: usize) {
        assert_eq!((x.rows, x.cols), (y.rows, y.cols));
        for (a, b) in x.data.iter().zip(&y.data) {
            // sums of k products of numbers in [-1, 1]: rounding error grows with k
            assert!((a - b).abs() <= 1e-5 * (k as f32 + 1.0), "{a} vs {b}");
        }
    }

    #[test]
    fn simd_and_scalar_paths_agree_on_random_shapes() {
        let mut rng = Rng::new(7);
        let shapes = [
            (1, 1, 1),
            (1, 784, 256),
            (3, 5, 7),
            (64, 33, 17),
            (13, 129, 31),
            (10, 2, 8),
            (257, 9, 4),
        ];
        for &(m, k, n) in &shapes {
            let a = random(&mut rng, m, k);
            let bt = random(&mut rng, n, k);
            let (mut s, mut v) = (Matrix::default(), Matrix::default());
            matmul_a_bt(Kernel::Simd, &a, &bt, &mut s);
            matmul_a_bt(Kernel::Scalar, &a, &bt, &mut v);
            assert_close(&s, &v, k);

            let b = random(&mut rng, k, n);
            matmul_a_b(Kernel::Simd, &a, &b, &mut s);
            matmul_a_b(Kernel::Scalar, &a, &b, &mut v);
            assert_close(&s, &v, k);

            let g = random(&mut rng, m, n);
            let mut s2 = random(&mut rng, n, k);
            let mut v2 = s2.clone();
            matmul_at_b(Kernel::Simd, &g, &a, 0.5, &mut s2);
            matmul_at_b(Kernel::Scalar, &g, &a, 0.5, &mut v2);
            assert_close(&s2, &v2, m);
        }
    }

    #[test]
    fn scalar_product_matches_hand_computation() {
        let a = Matrix::from_rows(&[&[1.0, 2.0], &[3.0, 4.0]]).unwrap();
        let b = Matrix::from_rows(&[&[5.0, 6.0], &[7.0, 8.0]]).unwrap();
        let mut c = Matrix::default();
        for kernel in [Kernel::Scalar, Kernel::Simd] {
            matmul_a_bt(kernel, &a, &b, &mut c);
            assert_eq!(c.data, vec![17.0, 23.0, 39.0, 53.0]);
            matmul_a_b(kernel, &a, &b, &mut c);
            assert_eq!(c.data, vec![19.0, 22.0, 43.0, 50.0]);
            matmul_at_b(kernel, &a, &b, 0.0, &mut c);
            assert_eq!(c.data, vec![26.0, 30.0, 38.0, 44.0]);
        }
    }
}
