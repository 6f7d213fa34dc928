import { describe, expect, it } from "vitest";
import { extrapolatedRate } from "./extrapolatedRate";

// Hand-computed from promql/functions.go (v2.42.0) extrapolatedRate.
describe("extrapolatedRate", () => {
  const at = (pairs: [number, number][]) => pairs.map(([s, v]) => ({ t: s * 1000, v }));

  it("samples on the range's edges: plain slope", () => {
    // 0..10 s, counter 0 → 100 in 1 s steps: increase 100, rate 10/s.
    const pts = at(Array.from({ length: 11 }, (_, i) => [i, i * 10] as [number, number]));
    expect(extrapolatedRate(pts, 0, 10_000, true, true)).toBe(10);
    expect(extrapolatedRate(pts, 0, 10_000, true, false)).toBe(100);
  });

  it("extrapolates to the edges when samples are near them, by half an interval when not", () => {
    // range [0, 60] s, samples at 15, 30, 45 s: 10, 20, 30.
    // sampled 30 s, avg 15 s, threshold 16.5: start gap 15 < 16.5 → +15; end gap 15 → +15: 60/30 = 2.
    expect(extrapolatedRate(at([[15, 10], [30, 20], [45, 30]]), 0, 60_000, false, false)).toBe(40);
    // samples at 25, 30, 35 (avg 5, threshold 5.5): gaps 25 → +2.5 each side: 15/10 = 1.5 × 20.
    expect(extrapolatedRate(at([[25, 10], [30, 20], [35, 30]]), 0, 60_000, false, false)).toBe(30);
  });

  it("a counter is not extrapolated below zero", () => {
    // samples at 30, 40, 50 s: 1, 11, 21 → increase 20 over 20 s; zero at 2 s before 30 s.
    // durationToStart = min(30, 20 × 1/20 = 1) = 1; end gap 10 < 11 → +10: (20+1+10)/20.
    expect(extrapolatedRate(at([[30, 1], [40, 11], [50, 21]]), 0, 60_000, true, false)).toBeCloseTo(31, 12);
  });

  it("a decrease is a counter reset, not for delta", () => {
    const pts = at([[0, 5], [1, 8], [2, 2], [3, 4]]);
    // increase: (4 - 5) + 8 = 7 over 3 s, on the edges of [0, 3].
    expect(extrapolatedRate(pts, 0, 3000, true, false)).toBe(7);
    expect(extrapolatedRate(pts, 0, 3000, false, false)).toBe(-1);
  });

  it("needs two samples", () => {
    expect(extrapolatedRate(at([[1, 1]]), 0, 10_000, true, true)).toBeUndefined();
    expect(extrapolatedRate([], 0, 10_000, true, true)).toBeUndefined();
  });
});
