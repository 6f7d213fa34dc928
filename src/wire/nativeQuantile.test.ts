// Prometheus's histogram_quantile on the exposed native histogram: hand-checked cases (one
// bucket, the zero bucket's special cases, q at 0 and 1, schema merging, bounds from Go's table),
// and a property over recorded data that the estimate lies in the bucket that holds the rank,
// with that bucket found from the row's own buckets, not through nativeHistogram.
import { describe, expect, it } from "vitest";
import { createStats, type ExponentialHistogramData, exponentialHistogram, measureFloat64 } from "../engine";
import { nativeHistogram } from "./nativeHistogram";
import { allBuckets, getBound, nativeHistogramCount, nativeHistogramQuantile, nativeHistogramSum } from "./nativeQuantile";
import { mulberry32 } from "../../test/seeded";

const T = 2.938735877055719e-39; // 2^-128, the default zero threshold

/** A row as the engine keeps it; count and sum from the buckets unless given. */
function row(
  scale: number,
  positive: { offset: number; counts: number[] },
  more: { negative?: { offset: number; counts: number[] }; zeroCount?: number; zeroThreshold?: number; sum?: number } = {},
): ExponentialHistogramData {
  const negative = more.negative ?? { offset: 0, counts: [] };
  const zeroCount = more.zeroCount ?? 0;
  const count = zeroCount + [...positive.counts, ...negative.counts].reduce((a, b) => a + b, 0);
  return {
    type: "exponentialHistogram",
    scale,
    zeroThreshold: more.zeroThreshold ?? T,
    zeroCount,
    positive,
    negative,
    count,
    sum: more.sum ?? 0,
    min: 0,
    max: 0,
  };
}

describe("getBound (Prometheus 2.42 model/histogram/generic.go)", () => {
  it("uses Go's table constants, which are not what Math.pow rounds to", () => {
    // exponentialBounds[8][10] = 0.5137229745593818; 2^(10/256) / 2 rounds one ulp higher.
    expect(getBound(10, 8)).toBe(1.0274459491187635);
    expect(2 ** (10 / 256)).not.toBe(1.0274459491187635);
    expect(getBound(1, 3)).toBe(1.0905077326652577); // 2 · exponentialBounds[3][1]
    expect(getBound(5, 3)).toBe(getBound(20, 5)); // the same boundary in two schemas
    expect(getBound(-1, 8)).toBe(0.9972960560854698); // exponentialBounds[8][255], exponent 0
  });

  it("powers of two at schema <= 0, MaxFloat64 for the last finite bucket, subnormals as Go rounds them", () => {
    expect([getBound(0, 0), getBound(3, 0), getBound(-2, 0)]).toEqual([1, 8, 0.25]);
    expect([getBound(1, -2), getBound(-1, -4)]).toEqual([16, 2 ** -16]);
    expect(getBound(256, -2)).toBe(Number.MAX_VALUE);
    expect(getBound(1024 * 256, 8)).toBe(Number.MAX_VALUE);
    expect(getBound(1024 * 256 - 1, 8)).toBeLessThan(Number.MAX_VALUE);
    expect(getBound(-1074, 0)).toBe(Number.MIN_VALUE);
    expect(getBound(-1075, 0)).toBe(0);
    // 0.75 · 2^-1074 rounds up to 2^-1074 (Go's Ldexp rounds once); 2 ** -1075 alone would be 0.
    expect(getBound(-1074 * 2 + 1, 1)).toBe(Number.MIN_VALUE);
  });
});

describe("nativeHistogramQuantile", () => {
  it("one bucket: linear between its bounds, q 0 its lower bound, q 1 its upper", () => {
    const d = row(0, { offset: 0, counts: [4] }); // OTel bucket 0 at scale 0: (1, 2], Prometheus index 1
    expect(nativeHistogramQuantile(d, 0.5)).toBe(1.5);
    expect(nativeHistogramQuantile(d, 0.25)).toBe(1.25);
    expect(nativeHistogramQuantile(d, 0)).toBe(1);
    expect(nativeHistogramQuantile(d, 1)).toBe(2);
    const wide = row(-2, { offset: 0, counts: [2] }); // (1, 16]
    expect(nativeHistogramQuantile(wide, 0.5)).toBe(8.5);
  });

  it("q outside [0, 1], NaN, and no observations", () => {
    const d = row(0, { offset: 0, counts: [4] });
    expect(nativeHistogramQuantile(d, -0.1)).toBe(-Infinity);
    expect(nativeHistogramQuantile(d, 1.1)).toBe(Infinity);
    expect(nativeHistogramQuantile(d, NaN)).toBeNaN();
    const empty = row(0, { offset: 0, counts: [] });
    expect(nativeHistogramQuantile(empty, 0.5)).toBeNaN();
    // The range checks come first, as in histogramQuantile.
    expect(nativeHistogramQuantile(empty, 2)).toBe(Infinity);
  });

  it("the zero bucket takes 0 as its lower bound with only positive buckets, as its upper with only negative ones", () => {
    const positive = row(0, { offset: 0, counts: [2] }, { zeroCount: 2 });
    // rank 1 of the zero bucket's 2: 0 + (T − 0) · 1/2.
    expect(nativeHistogramQuantile(positive, 0.25)).toBe(T / 2);
    expect(nativeHistogramQuantile(positive, 0)).toBe(0);
    const negative = row(0, { offset: 0, counts: [] }, { negative: { offset: 0, counts: [2] }, zeroCount: 2 });
    // [-2, -1) holds 2; then the zero bucket [-T, 0]: rank 3 is its first of 2.
    expect(nativeHistogramQuantile(negative, 0.75)).toBe(-T / 2);
    expect(nativeHistogramQuantile(negative, 1)).toBe(0);
    expect(nativeHistogramQuantile(negative, 0.25)).toBe(-1.5);
    // Both signs: the zero bucket keeps [-T, T].
    const both = row(0, { offset: 0, counts: [1] }, { negative: { offset: 0, counts: [1] }, zeroCount: 2 });
    expect(nativeHistogramQuantile(both, 0.5)).toBe(0); // -T + 2T · 1/2
    expect(nativeHistogramQuantile(both, 0.375)).toBe(-T / 2);
    // Only the zero bucket: neither special case, [-T, T].
    expect(nativeHistogramQuantile(row(0, { offset: 0, counts: [] }, { zeroCount: 4 }), 0.25)).toBe(-T / 2);
  });

  it("a bucket that straddles the zero threshold is cut at it", () => {
    // Threshold 0.01 inside OTel bucket -7 at scale 0, (2^-7, 2^-6]: its values are above 0.01.
    const pos = row(0, { offset: -7, counts: [2] }, { zeroThreshold: 0.01 });
    expect(nativeHistogramQuantile(pos, 0)).toBe(0.01);
    expect(nativeHistogramQuantile(pos, 0.5)).toBe(0.01 + (0.015625 - 0.01) * 0.5);
    const neg = row(0, { offset: 0, counts: [] }, { negative: { offset: -7, counts: [2] }, zeroThreshold: 0.01 });
    expect(nativeHistogramQuantile(neg, 1)).toBe(-0.01);
    expect(nativeHistogramQuantile(neg, 0)).toBe(-0.015625);
  });

  it("q 0 is the lowest bound and q 1 the highest, across both signs", () => {
    const d = row(1, { offset: 2, counts: [1, 0, 3] }, { negative: { offset: -1, counts: [2, 5] }, zeroCount: 1 });
    // Most negative bucket: OTel negative index 0 (scale 1) → Prometheus 1 → [-√2, -1).
    expect(nativeHistogramQuantile(d, 0)).toBe(-getBound(1, 1));
    // 2 · exponentialBounds[1][1]: one ulp below Math.SQRT2.
    expect(nativeHistogramQuantile(d, 0)).toBe(-1.414213562373095);
    expect(Math.SQRT2).not.toBe(1.414213562373095);
    // Highest: OTel positive index 4 → Prometheus 5 → upper 2^(5/2).
    expect(nativeHistogramQuantile(d, 1)).toBe(getBound(5, 1));
    expect(getBound(5, 1)).toBe(5.65685424949238);
  });

  it("works on the buckets merged to schema 8, not the row's finer ones", () => {
    // OTel index 1 at scale 10, (2^(1/1024), 2^(2/1024)], merges into Prometheus bucket 1 at
    // schema 8, (1, 2^(1/256)]: the median is that bucket's middle.
    const d = row(10, { offset: 1, counts: [2] });
    expect(nativeHistogram(d).schema).toBe(8);
    const b = getBound(1, 8);
    expect(b).toBe(1.0027112750502025);
    expect(nativeHistogramQuantile(d, 0.5)).toBe(1 + (b - 1) * 0.5);
    // Outside the row's own bucket: the estimate is Prometheus's, from the merged one.
    expect(nativeHistogramQuantile(d, 0.5)).toBeGreaterThan(2 ** (2 / 1024));
    // Negative OTel indices merge by floor: -1 and -4 at scale 10 are both Prometheus 0 at 8.
    const n = row(10, { offset: -4, counts: [1, 0, 0, 1] });
    expect(allBuckets(nativeHistogram(n))).toEqual([{ lower: getBound(-1, 8), upper: 1, count: 2 }]);
  });

  it("empty buckets inside a span are iterated and count 0", () => {
    // Prometheus buckets 1 and 3 (one empty between, kept in the span).
    const d = row(0, { offset: 0, counts: [1, 0, 1] });
    expect(nativeHistogram(d).positiveSpan).toEqual([{ offset: 1, length: 3 }]);
    expect(allBuckets(nativeHistogram(d)).map((b) => b.count)).toEqual([1, 0, 1]);
    expect(nativeHistogramQuantile(d, 0.5)).toBe(2); // rank 1 reached in (1, 2]: its upper bound
    expect(nativeHistogramQuantile(d, 0.75)).toBe(6); // (4, 8], half of its one
  });

  it("histogram_count and histogram_sum are the row's count and sum", () => {
    const d = row(0, { offset: 0, counts: [3] }, { zeroCount: 1, sum: 4.25 });
    expect([nativeHistogramCount(d), nativeHistogramSum(d)]).toEqual([4, 4.25]);
  });
});


/** The buckets of `d` in value order, from the row's own buckets and bounds by Math.pow (approximate). */
function expectedBuckets(d: ExponentialHistogramData): { lower: number; upper: number; count: number }[] {
  const schema = Math.min(d.scale, 8);
  const merge = 2 ** (d.scale - schema);
  const base = (i: number) => 2 ** (i / 2 ** schema);
  const merged = (b: { offset: number; counts: number[] }) => {
    const m = new Map<number, number>();
    b.counts.forEach((c, k) => {
      const i = Math.floor((b.offset + k) / merge);
      m.set(i, (m.get(i) ?? 0) + c);
    });
    return [...m].filter(([, c]) => c > 0).sort((x, y) => x[0] - y[0]);
  };
  const out = merged(d.negative)
    .reverse()
    .map(([i, count]) => ({ lower: -base(i + 1), upper: -base(i), count }));
  if (d.zeroCount > 0) out.push({ lower: -d.zeroThreshold, upper: d.zeroThreshold, count: d.zeroCount });
  for (const [i, count] of merged(d.positive)) out.push({ lower: base(i), upper: base(i + 1), count });
  return out;
}

describe("property: the estimate lies in the bucket that holds the rank", () => {
  it("over recorded data of both signs, zeros, every schema from -4 to 8 and merged ones", () => {
    const rand = mulberry32(20230214);
    for (let trial = 0; trial < 300; trial++) {
      const maxScale = Math.floor(rand() * 17) - 4; // -4..12
      const maxBuckets = 2 + Math.floor(rand() * 40);
      const zeroThreshold = rand() < 0.3 ? 0.01 : T;
      const stats = createStats({ now: () => 0 });
      const m = measureFloat64(`p${trial}`, { description: "", unit: "" });
      stats.registerView({ measure: m, aggregation: exponentialHistogram({ maxScale, maxBuckets, zeroThreshold }) });
      const n = 1 + Math.floor(rand() * 60);
      for (let k = 0; k < n; k++) {
        const r = rand();
        const magnitude = Math.exp((rand() - 0.5) * 20);
        const v = r < 0.1 ? 0 : r < 0.35 ? -magnitude : magnitude;
        stats.record(undefined, m.m(v));
      }
      const d = stats.snapshot()[0]!.rows[0]!.data as ExponentialHistogramData;
      if (d.scale < -4) continue; // no native histogram exists for it
      const buckets = expectedBuckets(d);
      for (const q of [0, rand(), rand(), 0.5, 0.9, 0.99, 1]) {
        const rank = q * d.count;
        let cumulative = 0;
        const holder = buckets.find((b) => (cumulative += b.count) >= rank)!;
        const estimate = nativeHistogramQuantile(d, q);
        const slack = (x: number) => Math.abs(x) * 1e-12;
        const what = `trial ${trial}, q ${q}, scale ${d.scale}: ${estimate} in [${holder.lower}, ${holder.upper}]`;
        expect(estimate, what).toBeGreaterThanOrEqual(holder.lower - slack(holder.lower));
        expect(estimate, what).toBeLessThanOrEqual(holder.upper + slack(holder.upper));
      }
    }
  });
});
