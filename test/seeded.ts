// mulberry32: the seeded generator tests and benchmarks draw their values from, so a failing
// case replays from its seed. Small and fast; the same seed gives the same values everywhere.
// Pure (no imports): engine and wire tests, which may import nothing of the app, use it too.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
