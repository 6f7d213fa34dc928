// The bucket advisor: its layout is never worse than the exponential layout with as many
// bounds on the test distributions, its nice bounds are 1-2-5 numbers, and the errors it reports
// are histogram_quantile's against the exact quantiles.
import { describe, expect, it } from "vitest";
import { adviseBounds, layoutErrors } from "./advisor";
import { exponentialBucketsRange } from "./buckets";
import { exactQuantile } from "./exact";
import { histogramQuantile } from "./quantile";
import { mulberry32 } from "../../test/seeded";

function draw(kind: string, n: number, seed = 1): Float64Array {
  const r = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    switch (kind) {
      case "lognormal":
        out[i] = 120 * Math.exp(0.8 * normal());
        break;
      case "bimodal":
        out[i] = r() < 0.9 ? 80 * Math.exp(0.4 * normal()) : 900 * Math.exp(0.6 * normal());
        break;
      case "uniform":
        out[i] = 1000 * r();
        break;
      case "exponential":
        out[i] = -50 * Math.log(1 - r());
        break;
      case "pareto":
        out[i] = 10 / (1 - r()) ** (1 / 1.5);
        break;
    }
  }
  return out;
}

/** x rounded down to 1, 2 or 5 times a power of ten. */
function round125(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return Number(((m >= 5 ? 5 : m >= 2 ? 2 : 1) * p).toPrecision(12));
}

const KINDS = ["lognormal", "bimodal", "uniform", "exponential", "pareto"];
const maxErr = (e: { relativeError: number }[]) => Math.max(...e.map((x) => x.relativeError));

describe("adviseBounds", () => {
  it.each(KINDS)("is never worse than the exponential layout with as many bounds (%s)", (kind) => {
    const values = draw(kind, 20_000);
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v > 0) min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (const buckets of [3, 5, 10, 20, 60])
      for (const nice of [false, true]) {
        const advice = adviseBounds(values, { buckets, nice });
        // With `nice`, against the exponential layout rounded down to the 1-2-5 series, as the
        // advisor's own bounds are: a layout of any reals can be finer than one of 1-2-5 numbers.
        const raw = exponentialBucketsRange(min, max, buckets);
        const layout = nice ? [...new Set(raw.map(round125))] : raw;
        const exponential = maxErr(layoutErrors(values, layout));
        expect(advice.maxError, `${kind}, ${buckets} bounds, nice ${nice}`).toBeLessThanOrEqual(exponential);
        expect(advice.bounds.length).toBeLessThanOrEqual(buckets);
        for (let i = 1; i < advice.bounds.length; i++) expect(advice.bounds[i]!).toBeGreaterThan(advice.bounds[i - 1]!);
      }
  });

  it("with ten bounds, brings the p99 error of a bimodal latency far below the exponential layout's", () => {
    const values = draw("bimodal", 100_000, 7);
    const exponential = layoutErrors(values, exponentialBucketsRange(1, 10_000, 10));
    const advice = adviseBounds(values, { buckets: 10 });
    expect(advice.method).toBe("brackets");
    expect(advice.errors[2]!.relativeError).toBeLessThan(0.001);
    expect(exponential[2]!.relativeError).toBeGreaterThan(0.05);
  });

  it("rounds to the 1-2-5 series when asked", () => {
    const advice = adviseBounds(draw("lognormal", 10_000), { buckets: 12, nice: true });
    for (const b of advice.bounds) {
      const m = b / 10 ** Math.floor(Math.log10(b));
      expect([1, 2, 5].some((x) => Math.abs(m - x) < 1e-9), `${b}`).toBe(true);
    }
  });

  it("reports histogram_quantile's estimate against the exact quantile", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const [e] = layoutErrors(values, [5, 10], [0.5]);
    const estimate = histogramQuantile(0.5, [
      { upperBound: 5, count: 5 },
      { upperBound: 10, count: 10 },
      { upperBound: Infinity, count: 10 },
    ]);
    expect(e).toEqual({ q: 0.5, exact: exactQuantile(values, 0.5), estimate, relativeError: Math.abs(estimate - 5) / 5 });
  });

  it("refuses what it cannot advise on", () => {
    expect(() => adviseBounds([], { buckets: 5 })).toThrow(expect.objectContaining({ code: "BUCKETS" }));
    expect(() => adviseBounds([1], { buckets: 0 })).toThrow(/whole number of buckets from 1 to 1000/);
    expect(() => adviseBounds([1], { buckets: 1001 })).toThrow(expect.objectContaining({ code: "BUCKETS" }));
    expect(() => adviseBounds([1], { buckets: 5, quantiles: [1] })).toThrow(expect.objectContaining({ code: "QUANTILE" }));
  });

  it("copes with identical values and values at or below zero", () => {
    expect(adviseBounds(new Float64Array(100).fill(42), { buckets: 3 }).maxError).toBeLessThan(1e-6);
    const mixed = Float64Array.from({ length: 1000 }, (_, i) => i - 500);
    expect(Number.isFinite(adviseBounds(mixed, { buckets: 8 }).maxError)).toBe(true);
  });
});
