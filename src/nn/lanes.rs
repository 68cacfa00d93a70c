//! Four `f32` lanes: one simd128 register on wasm, a plain array elsewhere.
//!
//! The tiled kernels in [`super::tiles`] are written once against [`F4`]. Built
//! for wasm with `+simd128` every method is a single wasm SIMD instruction
//! (`v128.load`, `f32x4.splat`, `f32x4.mul`, `f32x4.add`, ...). On other
//! targets `F4` is a `[f32; 4]` that the compiler vectorizes as it sees fit, so
//! native `cargo test` runs the same tiling and edge handling that runs in the
//! browser, and only the instruction selection differs.
//!
//! There is no fused multiply-add in simd128 (only in the relaxed-SIMD
//! proposal), so `mul_add` is a multiply then an add, rounded twice, exactly
//! as the scalar reference rounds.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;

    /// Four `f32` lanes in one simd128 register.
    #[derive(Clone, Copy)]
    pub struct F4(v128);

    impl F4 {
        /// All lanes zero.
        #[inline(always)]
        pub fn zero() -> F4 {
            F4(f32x4_splat(0.0))
        }

        /// All lanes `x`.
        #[inline(always)]
        pub fn splat(x: f32) -> F4 {
            F4(f32x4_splat(x))
        }

        /// The lanes `[a, b, c, d]`.
        #[inline(always)]
        pub fn new(a: f32, b: f32, c: f32, d: f32) -> F4 {
            F4(f32x4(a, b, c, d))
        }

        /// Loads `p[0..4]` (any alignment).
        ///
        /// # Safety
        /// `p .. p + 4` must be readable.
        #[inline(always)]
        pub unsafe fn load(p: *const f32) -> F4 {
            F4(v128_load(p as *const v128))
        }

        /// Stores the lanes to `p[0..4]` (any alignment).
        ///
        /// # Safety
        /// `p .. p + 4` must be writable.
        #[inline(always)]
        pub unsafe fn store(self, p: *mut f32) {
            v128_store(p as *mut v128, self.0)
        }

        /// Lane-wise `self + a * b` (multiply, then add).
        #[inline(always)]
        pub fn mul_add(self, a: F4, b: F4) -> F4 {
            F4(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
        }

        /// Lane-wise sum.
        #[inline(always)]
        pub fn add(self, o: F4) -> F4 {
            F4(f32x4_add(self.0, o.0))
        }

        /// Lane-wise product.
        #[inline(always)]
        pub fn mul(self, o: F4) -> F4 {
            F4(f32x4_mul(self.0, o.0))
        }

        /// Lane-wise quotient.
        #[inline(always)]
        pub fn div(self, o: F4) -> F4 {
            F4(f32x4_div(self.0, o.0))
        }

        /// Lane-wise `lo.max(self).min(hi)` with NaN kept (`f32x4.pmax`, `f32x4.pmin`:
        /// one instruction each, unlike the NaN-propagating `f32x4.max` and `f32x4.min`).
        #[inline(always)]
        pub fn clamp(self, lo: F4, hi: F4) -> F4 {
            F4(f32x4_pmin(f32x4_pmax(self.0, lo.0), hi.0))
        }

        /// Lane `i` (0..4).
        #[inline(always)]
        pub fn lane(self, i: usize) -> f32 {
            match i {
                0 => f32x4_extract_lane::<0>(self.0),
                1 => f32x4_extract_lane::<1>(self.0),
                2 => f32x4_extract_lane::<2>(self.0),
                _ => f32x4_extract_lane::<3>(self.0),
            }
        }

        /// The four horizontal sums `[sum a, sum b, sum c, sum d]` in one vector,
        /// by a 4x4 transpose folded into two rounds of adds.
        #[inline(always)]
        pub fn sums(a: F4, b: F4, c: F4, d: F4) -> F4 {
            let ab = f32x4_add(
                i32x4_shuffle::<0, 4, 1, 5>(a.0, b.0),
                i32x4_shuffle::<2, 6, 3, 7>(a.0, b.0),
            );
            let cd = f32x4_add(
                i32x4_shuffle::<0, 4, 1, 5>(c.0, d.0),
                i32x4_shuffle::<2, 6, 3, 7>(c.0, d.0),
            );
            F4(f32x4_add(
                i32x4_shuffle::<0, 1, 4, 5>(ab, cd),
                i32x4_shuffle::<2, 3, 6, 7>(ab, cd),
            ))
        }

        /// The 4 x 4 transpose: rows `[a, b, c, d]` become columns.
        #[inline(always)]
        pub fn transpose(a: F4, b: F4, c: F4, d: F4) -> [F4; 4] {
            let ab_lo = i32x4_shuffle::<0, 4, 1, 5>(a.0, b.0);
            let ab_hi = i32x4_shuffle::<2, 6, 3, 7>(a.0, b.0);
            let cd_lo = i32x4_shuffle::<0, 4, 1, 5>(c.0, d.0);
            let cd_hi = i32x4_shuffle::<2, 6, 3, 7>(c.0, d.0);
            [
                F4(i32x4_shuffle::<0, 1, 4, 5>(ab_lo, cd_lo)),
                F4(i32x4_shuffle::<2, 3, 6, 7>(ab_lo, cd_lo)),
                F4(i32x4_shuffle::<0, 1, 4, 5>(ab_hi, cd_hi)),
                F4(i32x4_shuffle::<2, 3, 6, 7>(ab_hi, cd_hi)),
            ]
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    /// Four `f32` lanes as a plain array (targets without simd128).
    #[derive(Clone, Copy)]
    pub struct F4([f32; 4]);

    impl F4 {
        /// All lanes zero.
        #[inline(always)]
        pub fn zero() -> F4 {
            F4([0.0; 4])
        }

        /// All lanes `x`.
        #[inline(always)]
        pub fn splat(x: f32) -> F4 {
            F4([x; 4])
        }

        /// The lanes `[a, b, c, d]`.
        #[inline(always)]
        pub fn new(a: f32, b: f32, c: f32, d: f32) -> F4 {
            F4([a, b, c, d])
        }

        /// Loads `p[0..4]` (any alignment).
        ///
        /// # Safety
        /// `p .. p + 4` must be readable.
        #[inline(always)]
        pub unsafe fn load(p: *const f32) -> F4 {
            F4((p as *const [f32; 4]).read_unaligned())
        }

        /// Stores the lanes to `p[0..4]` (any alignment).
        ///
        /// # Safety
        /// `p .. p + 4` must be writable.
        #[inline(always)]
        pub unsafe fn store(self, p: *mut f32) {
            (p as *mut [f32; 4]).write_unaligned(self.0)
        }

        /// Lane-wise `self + a * b` (multiply, then add).
        #[inline(always)]
        pub fn mul_add(self, a: F4, b: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] + a.0[i] * b.0[i]))
        }

        /// Lane-wise sum.
        #[inline(always)]
        pub fn add(self, o: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] + o.0[i]))
        }

        /// Lane-wise product.
        #[inline(always)]
        pub fn mul(self, o: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] * o.0[i]))
        }

        /// Lane-wise quotient.
        #[inline(always)]
        pub fn div(self, o: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] / o.0[i]))
        }

        /// Lane-wise clamp to `[lo, hi]` with NaN kept, as the simd128 version.
        #[inline(always)]
        pub fn clamp(self, lo: F4, hi: F4) -> F4 {
            F4(std::array::from_fn(|i| {
                let x = if self.0[i] < lo.0[i] { lo.0[i] } else { self.0[i] };
                if hi.0[i] < x {
                    hi.0[i]
                } else {
                    x
                }
            }))
        }

        /// Lane `i` (0..4).
        #[inline(always)]
        pub fn lane(self, i: usize) -> f32 {
            self.0[i]
        }

        /// The four horizontal sums `[sum a, sum b, sum c, sum d]`, added in the
        /// same order as the simd128 version.
        #[inline(always)]
        pub fn sums(a: F4, b: F4, c: F4, d: F4) -> F4 {
            let s = |v: F4| (v.0[0] + v.0[2]) + (v.0[1] + v.0[3]);
            F4([s(a), s(b), s(c), s(d)])
        }

        /// The 4 x 4 transpose: rows `[a, b, c, d]` become columns.
        #[inline(always)]
        pub fn transpose(a: F4, b: F4, c: F4, d: F4) -> [F4; 4] {
            let rows = [a.0, b.0, c.0, d.0];
            std::array::from_fn(|q| F4(std::array::from_fn(|r| rows[r][q])))
        }
    }
}

pub use imp::F4;
