// A small seeded generator shared by the page, the build script that orders the
// MNIST digits and the benchmarks, so the same seed gives the same sequence everywhere.

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
