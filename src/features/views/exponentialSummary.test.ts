// Unit tests for the exponential card's pure parts: its numbers over all rows (merged as the
// store merges them), its estimates as Prometheus computes them on the exposed native histogram,
// the bucket points in value order with their bounds, and the comparison with a classic
// distribution against the exact quantiles (native estimates taken back from s to ms).
import { describe, expect, it } from "vitest";
import { createStats, exponentialHistogram, measureFloat64, TagMap, tagKey } from "../../engine";
import { nativeHistogramQuantile } from "../../wire";
import { bucketLowerBound, compareQuantiles, comparisonSentence, nativeBucketPoints, summarizeExponential, tickEvery } from "./exponentialSummary";

function rows(values: readonly [string, number][]) {
  const stats = createStats({ now: () => 0 });
  const m = measureFloat64("repl/latency", { unit: "ms" });
  const k = tagKey("k");
  stats.registerView({ name: "v", measure: m, aggregation: exponentialHistogram({ maxScale: 0 }), tagKeys: [k] });
  for (const [tag, v] of values) stats.record(TagMap.of({ k: tag }), m.m(v));
  return stats.viewData("v")!;
}

describe("summarizeExponential", () => {
  it("merges all rows, in seconds, with Prometheus's estimates on the merged histogram", () => {
    const vd = rows([["a", 150], ["b", 300], ["b", 300], ["a", -1]]);
    const s = summarizeExponential(vd.view, vd.rows);
    expect(s).toMatchObject({ count: 4, sum: 0.749, min: -0.001, max: 0.3, scale: 0, zeroCount: 0, unexposable: null });
    expect(s.mean).toBeCloseTo(0.18725, 12);
    // One negative bucket, two positive ones.
    expect(s.buckets).toBe(3);
    expect(s.populated).toBe(3);
    expect(s.quantiles.p50).toBe(nativeHistogramQuantile(s.data, 0.5));
    expect(s.quantiles.p99).toBeGreaterThan(0.25);
    expect(s.quantiles.p99).toBeLessThanOrEqual(0.5);
  });

  it("has no estimates and no mean for no rows", () => {
    const vd = rows([]);
    const s = summarizeExponential(vd.view, vd.rows);
    expect(s.count).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.quantiles.p50).toBeNaN();
  });
});

describe("nativeBucketPoints", () => {
  it("lists negative buckets, the zero bucket, then positive ones, each with its bounds", () => {
    const vd = rows([["a", 150], ["a", 300], ["a", -1], ["a", 0]]);
    const s = summarizeExponential(vd.view, vd.rows);
    const points = nativeBucketPoints(s.data, "s");
    expect(points.map((p) => [p.lower, p.upper, p.count])).toEqual([
      [-(2 ** -9), -(2 ** -10), 1],
      [-s.data.zeroThreshold, s.data.zeroThreshold, 1],
      [0.125, 0.25, 1],
      [0.25, 0.5, 1],
    ]);
    expect(points[1]!.label).toBe("0");
    expect(points[2]!.range).toBe("> 0.125 and ≤ 0.25 s");
    expect(points[0]!.range).toBe("≥ -0.001953 and < -0.0009766 s");
  });

  it("labels about ten bars, at their lower bounds", () => {
    expect(tickEvery(5)).toBe(1);
    expect(tickEvery(160)).toBe(16);
    expect(bucketLowerBound(-3, 0)).toBe(0.125);
    expect(bucketLowerBound(3, 1)).toBe(2 ** 1.5);
    expect(bucketLowerBound(-1, -2)).toBe(1 / 16);
  });
});

describe("the comparison with a classic distribution", () => {
  it("measures both against the exact quantiles, the native estimate taken back to ms", () => {
    const compared = compareQuantiles({ p50: 0.101, p90: 0.2, p99: 0.5 }, { p50: 110, p90: 200, p99: 400 }, [100, 200, 500], 1 / 1000);
    expect(compared.map((c) => c.name)).toEqual(["p50", "p90", "p99"]);
    expect(compared[0]!.native).toBeCloseTo(0.01, 12);
    expect(compared[0]!.classic).toBeCloseTo(0.1, 12);
    expect(compared[1]).toMatchObject({ native: 0, classic: 0 });
    expect(compared[2]!.classic).toBeCloseTo(0.2, 12);
    expect(comparisonSentence(compared, "demo/latency")).toBe(
      "This native histogram is closer to the exact value than demo/latency at p50 and p99: its largest error is 1% (p50), demo/latency’s 20% (p99).",
    );
  });

  it("says where the classic one is closer, and when nothing can be compared", () => {
    const compared = compareQuantiles({ p50: 0.12, p90: 0.2, p99: 0.5 }, { p50: 100, p90: 210, p99: 500 }, [100, 200, 500], 1 / 1000);
    expect(comparisonSentence(compared, "c")).toBe("This native histogram is closer to the exact value than c at p90, farther at p50: its largest error is 20% (p50), c’s 5% (p90).");
    expect(comparisonSentence(compareQuantiles({ p50: NaN, p90: NaN, p99: NaN }, { p50: 1, p90: 1, p99: 1 }, [1, 1, 1], 1), "c")).toBe(
      "No quantile can be compared with c yet.",
    );
  });
});
