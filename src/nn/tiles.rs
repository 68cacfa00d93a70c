//! Hand-written tiled matrix products on four-lane vectors ([`F4`]): simd128 on wasm.
//!
//! Two shapes of inner loop cover the three products of a training step:
//! - **Dot tiles** for `Z = X W^T + 1 b^T` (both operands run along the inner
//!   dimension in memory): a 2 x 4 block of outputs keeps eight vector
//!   accumulators, each summing four lanes of the inner dimension at a time;
//!   four horizontal sums become one vector store, bias added on the way out.
//!   The four rows of `W` a tile reads are first interleaved into a panel, so
//!   they are read through one pointer, and reused for every row of `X`.
//! - **Broadcast tiles** for `dH = dZ W` and `dW = dZ^T H` (the right operand
//!   runs along the output row in memory): a 4 x 8 block of outputs keeps
//!   eight vector accumulators; each step loads two vectors of `B` and four
//!   vectors of `A` that were splatted (each scalar repeated in four lanes)
//!   into a panel beforehand. `A` is read through strides while packing, so
//!   `dZ^T` is never materialized.
//!
//! Why panels: V8 turns every wasm load from a computed address into an
//! address add plus the load, and a splatting load (`v128.load32_splat`) costs
//! a shuffle on top; measured on x86-64, loads through one pointer with
//! constant offsets let the same multiply-adds run about a third faster.
//! Eight accumulators plus the operands fit in the 15 vector registers V8
//! hands out on x86-64, with enough independent adds in flight to cover the
//! add latency. Packing costs one pass over the smaller operand; the panels
//! live in a scratch buffer that is reused, so a training step allocates nothing.
//!
//! Products too small to repay a panel (up to [`SMALL`] multiply-adds, such as
//! the playground's 8 x 8 layers at batch 10) run the same broadcast tiles
//! straight from the operands; a short `W^T` for them is built from 4 x 4
//! vector transposes.
//!
//! Every public function here checks the slice lengths it is given before the
//! unchecked pointer arithmetic, so a wrong shape is a panic, never a wild read.

use super::lanes::F4;
use std::cell::RefCell;

/// Inner-dimension block of the broadcast tiles: a splatted `A` panel is `KC x 4 x 4` floats (16 KB).
const KC: usize = 256;
/// Below this inner dimension, `X W^T` transposes `W` and uses broadcast tiles:
/// a dot product over 2 or 8 inputs is mostly horizontal-sum overhead.
const SHORT_DOT: usize = 16;
/// Up to this many multiply-adds, the broadcast products read the operands in place instead of
/// packing a splatted panel (the playground's 8-unit layers at batch 10 are 640).
const SMALL: usize = 2048;
/// Largest `W^T` the short path transposes (16 KB); larger ones use dot tiles.
const SHORT_MAX: usize = 4096;
/// Below this many rows of `X`, `X W^T` reads `W` in place: packing would cost
/// as much memory traffic as the product itself.
const PACK_ROWS: usize = 8;

thread_local! {
    /// Reused panel memory (wasm is single-threaded: one buffer for the whole module).
    static SCRATCH: RefCell<Vec<F4>> = const { RefCell::new(Vec::new()) };
    /// Reused memory for the transposed `W` of the short path (which then uses `SCRATCH` too).
    static TRANSPOSED: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with a scratch buffer of at least `len` vectors (contents unspecified).
fn with_scratch<R>(len: usize, f: impl FnOnce(&mut [F4]) -> R) -> R {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut v) => {
            if v.len() < len {
                v.resize(len, F4::zero());
            }
            f(&mut v[..len])
        }
        // only if a product were ever nested inside another: fall back to a fresh buffer
        Err(_) => f(&mut vec![F4::zero(); len]),
    })
}

/// `C = A B^T + 1 bias^T`: `A` is `m x k`, `B` is `n x k`, `C` is `m x n`, all row-major;
/// `bias` (length `n`) is optional.
pub fn gemm_nt(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], bias: Option<&[f32]>, c: &mut [f32]) {
    assert!(
        a.len() >= m * k && b.len() >= n * k && c.len() >= m * n,
        "operand sizes of A B^T"
    );
    if let Some(bias) = bias {
        assert!(bias.len() >= n, "bias length");
    }
    if m == 0 || n == 0 {
        return;
    }
    if k < SHORT_DOT && k * n <= SHORT_MAX {
        let mut short = |bt: &mut Vec<f32>| {
            if bt.len() < k * n {
                bt.resize(k * n, 0.0);
            }
            // SAFETY: b has n * k values (checked above) and bt at least k * n.
            unsafe { transpose(n, k, b.as_ptr(), bt.as_mut_ptr()) }
            gemm_xn_bias(m, k, n, (a, k, 1), bt, (None, bias), 0.0, c);
        };
        TRANSPOSED.with(|t| match t.try_borrow_mut() {
            Ok(mut bt) => short(&mut bt),
            Err(_) => short(&mut Vec::new()),
        });
        return;
    }
    let k4 = k - k % 4;
    let pack = m >= PACK_ROWS;
    with_scratch(if pack { k4 } else { 0 }, |panel| {
        // SAFETY: the lengths were checked above; every tile reads rows i..i+MR of A and
        // j..j+NB of B (all < m and < n) over columns 0..k, and writes inside row i.. of C;
        // the panel holds 4 * k4 floats.
        unsafe {
            let (a, b, c) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
            let bias = ptr_or_null(bias);
            let panel = panel.as_mut_ptr() as *mut f32;
            let n4 = n - n % 4;
            let mut j = 0;
            while j < n4 {
                let rows = b.add(j * k);
                let packed = if pack {
                    // interleave four rows of B by four floats: [b0[p..p+4], b1[p..p+4], b2.., b3..]
                    for p in (0..k4).step_by(4) {
                        for q in 0..4 {
                            F4::load(rows.add(q * k + p)).store(panel.add(4 * p + 4 * q));
                        }
                    }
                    Some(panel as *const f32)
                } else {
                    None
                };
                dot_column::<4>(m, k, a, rows, packed, bias_at(bias, j), c.add(j), n);
                j += 4;
            }
            while j < n {
                dot_column::<1>(m, k, a, b.add(j * k), None, bias_at(bias, j), c.add(j), n);
                j += 1;
            }
        }
    })
}

/// Writes the `k x n` transpose of the row-major `n x k` matrix at `src` to `dst`, in 4 x 4
/// blocks of vectors where both sizes allow.
///
/// # Safety
/// `src` has `n * k` readable values, `dst` `n * k` writable ones, and they do not overlap.
unsafe fn transpose(n: usize, k: usize, src: *const f32, dst: *mut f32) {
    if n % 4 == 0 && k % 4 == 0 {
        for j in (0..n).step_by(4) {
            for p in (0..k).step_by(4) {
                let row = |q: usize| F4::load(src.add((j + q) * k + p));
                let cols = F4::transpose(row(0), row(1), row(2), row(3));
                for (q, v) in cols.iter().enumerate() {
                    v.store(dst.add((p + q) * n + j));
                }
            }
        }
        return;
    }
    for j in 0..n {
        for p in 0..k {
            *dst.add(p * n + j) = *src.add(j * k + p);
        }
    }
}

/// The start of an optional bias, or null.
fn ptr_or_null(bias: Option<&[f32]>) -> *const f32 {
    bias.map_or(std::ptr::null(), |b| b.as_ptr())
}

/// `bias + j`, or null for no bias.
fn bias_at(bias: *const f32, j: usize) -> *const f32 {
    if bias.is_null() {
        bias
    } else {
        bias.wrapping_add(j)
    }
}

/// All rows of `C` for `NB` consecutive rows of `B` (columns of `C`).
///
/// # Safety
/// `a` is `m x k`, `b` is `NB x k` (row stride `k`), `packed` (if any) holds the same rows
/// interleaved (`NB == 4`), `c` has row stride `ldc` and `NB` columns; `bias` is null or has `NB` values.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn dot_column<const NB: usize>(
    m: usize,
    k: usize,
    a: *const f32,
    b: *const f32,
    packed: Option<*const f32>,
    bias: *const f32,
    c: *mut f32,
    ldc: usize,
) {
    let mut i = 0;
    while i + 2 <= m {
        match packed {
            Some(panel) => dot_tile::<2, NB, true>(k, a.add(i * k), panel, b, bias, c.add(i * ldc), ldc),
            None => dot_tile::<2, NB, false>(k, a.add(i * k), b, b, bias, c.add(i * ldc), ldc),
        }
        i += 2;
    }
    if i < m {
        match packed {
            Some(panel) => dot_tile::<1, NB, true>(k, a.add(i * k), panel, b, bias, c.add(i * ldc), ldc),
            None => dot_tile::<1, NB, false>(k, a.add(i * k), b, b, bias, c.add(i * ldc), ldc),
        }
    }
}

/// `C[r][q] = bias[q] + sum_p A[r][p] B[q][p]` for an `MR x NB` block. With `PACKED`,
/// the vector part of `B` is read from the interleaved panel `bv` instead of the rows `b`.
///
/// # Safety
/// As for [`dot_column`], with `MR` rows of `A` (stride `k`) and of `C` (stride `ldc`).
#[inline(always)]
#[allow(clippy::needless_range_loop)] // acc[r][q] is indexed both ways, as in the math
unsafe fn dot_tile<const MR: usize, const NB: usize, const PACKED: bool>(
    k: usize,
    a: *const f32,
    bv: *const f32,
    b: *const f32,
    bias: *const f32,
    c: *mut f32,
    ldc: usize,
) {
    let mut acc = [[F4::zero(); NB]; MR];
    let k4 = k - k % 4;
    let mut p = 0;
    while p < k4 {
        let mut av = [F4::zero(); MR];
        for (r, v) in av.iter_mut().enumerate() {
            *v = F4::load(a.add(r * k + p));
        }
        for q in 0..NB {
            let x = if PACKED {
                F4::load(bv.add(4 * p + 4 * q))
            } else {
                F4::load(bv.add(q * k + p))
            };
            for r in 0..MR {
                acc[r][q] = acc[r][q].mul_add(av[r], x);
            }
        }
        p += 4;
    }
    for (r, acc) in acc.iter().enumerate() {
        // the k % 4 leftover products, in order, as the scalar reference adds them
        let mut tail = [0.0f32; NB];
        for (q, t) in tail.iter_mut().enumerate() {
            for p in k4..k {
                *t += *a.add(r * k + p) * *b.add(q * k + p);
            }
        }
        let out = c.add(r * ldc);
        if NB == 4 {
            let mut s = F4::sums(acc[0], acc[1], acc[2], acc[3]).add(F4::new(tail[0], tail[1], tail[2], tail[3]));
            if !bias.is_null() {
                s = s.add(F4::load(bias));
            }
            s.store(out);
        } else {
            for (q, (v, t)) in acc.iter().zip(tail).enumerate() {
                let mut s = (v.lane(0) + v.lane(2)) + (v.lane(1) + v.lane(3)) + t;
                if !bias.is_null() {
                    s += *bias.add(q);
                }
                *out.add(q) = s;
            }
        }
    }
}

/// `C = op(A) B + beta C` where `op(A)` is `m x k` read through strides
/// (`op(A)[i][p] = a.0[i * a.1 + p * a.2]`, so `A^T` costs nothing), `B` is `k x n`
/// row-major and `C` is `m x n` row-major. With `beta == 0` the old `C` is never read.
pub fn gemm_xn(m: usize, k: usize, n: usize, a: (&[f32], usize, usize), b: &[f32], beta: f32, c: &mut [f32]) {
    gemm_xn_bias(m, k, n, a, b, (None, None), beta, c);
}

/// [`gemm_xn`] plus a bias: `C = op(A) B + r 1^T + 1 s^T + beta C` for `(r, s) = bias`, a bias per row
/// (`m` values; a unit-major forward pass) and/or per column (`n` values; the usual `X W^T + 1 b^T`).
/// The bias is where the accumulators start, so it costs no extra pass over `C`.
#[allow(clippy::too_many_arguments)]
pub fn gemm_xn_bias(
    m: usize,
    k: usize,
    n: usize,
    a: (&[f32], usize, usize),
    b: &[f32],
    bias: (Option<&[f32]>, Option<&[f32]>),
    beta: f32,
    c: &mut [f32],
) {
    let (a, rsa, csa) = a;
    let (row_bias, col_bias) = bias;
    assert!(row_bias.is_none_or(|r| r.len() >= m), "one bias per row");
    assert!(col_bias.is_none_or(|s| s.len() >= n), "one bias per column");
    if m == 0 || n == 0 {
        return;
    }
    assert!(
        k == 0 || a.len() > (m - 1) * rsa + (k - 1) * csa,
        "operand size of A in A B"
    );
    assert!(b.len() >= k * n && c.len() >= m * n, "operand sizes of A B");
    let (rowp, colp) = (ptr_or_null(row_bias), ptr_or_null(col_bias));
    // columns the vector tiles take (with k = 0 there is nothing to multiply: all are "left over")
    let n4 = if k == 0 { 0 } else { n - n % 4 };
    if n4 > 0 && m * k * n4 <= SMALL {
        // SAFETY: lengths checked above; rows i..i+mr of op(A) are read through their strides,
        // rows 0..k of B over columns < n4, rows i..i+mr of C over columns < n4.
        unsafe {
            let (ap, bp, cp) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
            let mut i = 0;
            while i < m {
                let mr = (m - i).min(4);
                let rb = bias_at(rowp, i);
                let ar = (ap.add(i * rsa), rsa, csa);
                let mut j = 0;
                while j < n4 {
                    let cb = bias_at(colp, j);
                    let (bj, out) = (bp.add(j), cp.add(i * n + j));
                    let nv = if j + 8 <= n4 { 2 } else { 1 };
                    match (mr, nv) {
                        (4, 2) => small_tile::<4, 2>(k, ar, bj, n, (rb, cb), beta, out),
                        (4, _) => small_tile::<4, 1>(k, ar, bj, n, (rb, cb), beta, out),
                        (3, 2) => small_tile::<3, 2>(k, ar, bj, n, (rb, cb), beta, out),
                        (3, _) => small_tile::<3, 1>(k, ar, bj, n, (rb, cb), beta, out),
                        (2, 2) => small_tile::<2, 2>(k, ar, bj, n, (rb, cb), beta, out),
                        (2, _) => small_tile::<2, 1>(k, ar, bj, n, (rb, cb), beta, out),
                        (_, 2) => small_tile::<1, 2>(k, ar, bj, n, (rb, cb), beta, out),
                        _ => small_tile::<1, 1>(k, ar, bj, n, (rb, cb), beta, out),
                    }
                    j += 4 * nv;
                }
                i += mr;
            }
        }
    } else if n4 > 0 {
        with_scratch(4 * KC.min(k), |panel| {
            let mut p0 = 0;
            while p0 < k {
                let kb = KC.min(k - p0);
                let beta = if p0 == 0 { beta } else { 1.0 };
                let mut i = 0;
                while i < m {
                    let mr = (m - i).min(4);
                    // splat op(A)[i..i+mr][p0..p0+kb] into the panel, step by step
                    for p in 0..kb {
                        for r in 0..mr {
                            panel[p * mr + r] = F4::splat(a[(i + r) * rsa + (p0 + p) * csa]);
                        }
                    }
                    // SAFETY: lengths checked above; the tiles read panel[..kb * mr], rows
                    // p0..p0+kb of B over columns < n4, and write rows i..i+mr of C.
                    // the bias goes into the first inner block only
                    let first = p0 == 0;
                    let none = std::ptr::null();
                    let (rb, cb) = if first { (bias_at(rowp, i), colp) } else { (none, none) };
                    unsafe {
                        let (ap, bp) = (panel.as_ptr() as *const f32, b.as_ptr().add(p0 * n));
                        let cp = c.as_mut_ptr().add(i * n);
                        let bias = (rb, cb);
                        match mr {
                            4 => broadcast_row::<4>(kb, n4, ap, bp, n, bias, beta, cp),
                            3 => broadcast_row::<3>(kb, n4, ap, bp, n, bias, beta, cp),
                            2 => broadcast_row::<2>(kb, n4, ap, bp, n, bias, beta, cp),
                            _ => broadcast_row::<1>(kb, n4, ap, bp, n, bias, beta, cp),
                        }
                    }
                    i += mr;
                }
                p0 += kb;
            }
        });
    }
    if n4 < n {
        // SAFETY: lengths checked above; reads op(A) rows < m through its strides, B columns
        // n4..n of rows < k, and writes C columns n4..n of rows < m.
        unsafe {
            leftover_columns(
                m,
                k,
                n,
                n4,
                (a.as_ptr(), rsa, csa),
                b.as_ptr(),
                (rowp, colp),
                beta,
                c.as_mut_ptr(),
            )
        }
    }
}

/// The `n % 4` columns `n4..n` of `C` the vector tiles leave, one dot product each, in order.
///
/// # Safety
/// As for [`gemm_xn_bias`]: `a` is `m x k` through strides `(a.1, a.2)`, `b` is `k x n`, `c` is `m x n`.
#[allow(clippy::too_many_arguments)]
unsafe fn leftover_columns(
    m: usize,
    k: usize,
    n: usize,
    n4: usize,
    a: (*const f32, usize, usize),
    b: *const f32,
    bias: (*const f32, *const f32),
    beta: f32,
    c: *mut f32,
) {
    let (a, rsa, csa) = a;
    let col = |j: usize| if bias.1.is_null() { 0.0 } else { *bias.1.add(j) };
    let mut i0 = 0;
    if rsa == 1 {
        // op(A) = A^T (a weight gradient): four rows of op(A) are contiguous, so four outputs
        // of a column are summed at once, each in the same order as below.
        while i0 + 4 <= m {
            for j in n4..n {
                let mut s = F4::splat(col(j));
                if !bias.0.is_null() {
                    s = s.add(F4::load(bias.0.add(i0)));
                }
                for p in 0..k {
                    s = s.mul_add(F4::load(a.add(i0 + p * csa)), F4::splat(*b.add(p * n + j)));
                }
                for r in 0..4 {
                    let out = c.add((i0 + r) * n + j);
                    *out = if beta == 0.0 {
                        s.lane(r)
                    } else {
                        s.lane(r) + beta * *out
                    };
                }
            }
            i0 += 4;
        }
    }
    for i in i0..m {
        let ar = a.add(i * rsa);
        let rb = if bias.0.is_null() { 0.0 } else { *bias.0.add(i) };
        for j in n4..n {
            let mut s = rb + col(j);
            for p in 0..k {
                s += *ar.add(p * csa) * *b.add(p * n + j);
            }
            let out = c.add(i * n + j);
            *out = if beta == 0.0 { s } else { s + beta * *out };
        }
    }
}

/// An `MR x 4NV` block of `C` straight from the operands, no panel: for products small
/// enough ([`SMALL`]) that packing would cost more than it saves. The same sums in the same
/// order as [`broadcast_tile`].
///
/// # Safety
/// `a.0` is row i of `op(A)` with row stride `a.1` and column stride `a.2`, `MR` rows of `k`
/// values; `b` is `k x 4NV` with row stride `ldb`; `c` is `MR x 4NV` with row stride `ldb`;
/// `bias` is (null or `MR` row values, null or `4 * NV` column values).
#[inline(always)]
unsafe fn small_tile<const MR: usize, const NV: usize>(
    k: usize,
    a: (*const f32, usize, usize),
    b: *const f32,
    ldb: usize,
    bias: (*const f32, *const f32),
    beta: f32,
    c: *mut f32,
) {
    let (a, rsa, csa) = a;
    let mut acc = tile_start::<MR, NV>(bias);
    for p in 0..k {
        let mut bv = [F4::zero(); NV];
        for (v, x) in bv.iter_mut().enumerate() {
            *x = F4::load(b.add(p * ldb + 4 * v));
        }
        for (r, acc) in acc.iter_mut().enumerate() {
            let av = F4::splat(*a.add(r * rsa + p * csa));
            for v in 0..NV {
                acc[v] = acc[v].mul_add(av, bv[v]);
            }
        }
    }
    tile_store(&acc, beta, c, ldb);
}

/// `MR` rows of `C` over `nb` columns (a multiple of 4) in tiles of 8, then 4.
///
/// # Safety
/// `a` is a splatted panel of `kb * MR` vectors, `b` is `kb x nb` with row stride `ldb`,
/// `c` is `MR x nb` with row stride `ldb`; `bias` is (null or `MR` row values, null or `nb` column values).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn broadcast_row<const MR: usize>(
    kb: usize,
    nb: usize,
    a: *const f32,
    b: *const f32,
    ldb: usize,
    bias: (*const f32, *const f32),
    beta: f32,
    c: *mut f32,
) {
    let mut j = 0;
    while j + 8 <= nb {
        broadcast_tile::<MR, 2>(kb, a, b.add(j), ldb, (bias.0, bias_at(bias.1, j)), beta, c.add(j));
        j += 8;
    }
    if j < nb {
        broadcast_tile::<MR, 1>(kb, a, b.add(j), ldb, (bias.0, bias_at(bias.1, j)), beta, c.add(j));
    }
}

/// `C[r][4v..4v+4] = sum_p A[r][p] B[p][4v..4v+4] + beta C[r][..]` for an `MR x 4NV` block,
/// with `A[r][p]` already splatted at `a[4 * (p * MR + r)..]`.
///
/// # Safety
/// As for [`broadcast_row`], with `4 * NV` columns.
#[inline(always)]
unsafe fn broadcast_tile<const MR: usize, const NV: usize>(
    kb: usize,
    a: *const f32,
    b: *const f32,
    ldb: usize,
    bias: (*const f32, *const f32),
    beta: f32,
    c: *mut f32,
) {
    let (mut ap, mut bp) = (a, b);
    let mut acc = tile_start::<MR, NV>(bias);
    for _ in 0..kb {
        let mut bv = [F4::zero(); NV];
        for (v, x) in bv.iter_mut().enumerate() {
            *x = F4::load(bp.add(4 * v));
        }
        for (r, acc) in acc.iter_mut().enumerate() {
            let av = F4::load(ap.add(4 * r));
            for v in 0..NV {
                acc[v] = acc[v].mul_add(av, bv[v]);
            }
        }
        ap = ap.add(4 * MR);
        bp = bp.add(ldb);
    }
    tile_store(&acc, beta, c, ldb);
}

/// The accumulators of an `MR x 4NV` tile, started at its biases: `bias.0` null or `MR` row
/// values, `bias.1` null or `4 * NV` column values.
///
/// # Safety
/// The non-null bias pointers have those many readable values.
#[inline(always)]
unsafe fn tile_start<const MR: usize, const NV: usize>(bias: (*const f32, *const f32)) -> [[F4; NV]; MR] {
    let mut acc = [[F4::zero(); NV]; MR];
    if !bias.0.is_null() {
        for (r, acc) in acc.iter_mut().enumerate() {
            acc.iter_mut().for_each(|v| *v = F4::splat(*bias.0.add(r)));
        }
    }
    if !bias.1.is_null() {
        for acc in acc.iter_mut() {
            for (v, x) in acc.iter_mut().enumerate() {
                *x = x.add(F4::load(bias.1.add(4 * v)));
            }
        }
    }
    acc
}

/// Stores a finished tile: `C[r][4v..4v+4] = acc[r][v] + beta C[r][4v..4v+4]` (`C` not read if
/// `beta == 0`), rows `ldc` apart.
///
/// # Safety
/// `c` is `MR x 4NV` writable (and readable if `beta != 0`) with row stride `ldc`.
#[inline(always)]
unsafe fn tile_store<const MR: usize, const NV: usize>(acc: &[[F4; NV]; MR], beta: f32, c: *mut f32, ldc: usize) {
    let betav = F4::splat(beta);
    for (r, acc) in acc.iter().enumerate() {
        for (v, &s) in acc.iter().enumerate() {
            let out = c.add(r * ldc + 4 * v);
            let s = if beta == 0.0 {
                s
            } else {
                s.add(betav.mul(F4::load(out)))
            };
            s.store(out);
        }
    }
}
