// The exponential histogram (docs/semantics.md "Exponential histograms"): its index mapping at
// powers of two, at bucket boundaries and at the float extremes; the zero bucket; negative
// values; downscaling; properties over seeded random values; the unit rule; options refused;
// and agreement with opentelemetry-js's ExponentialHistogram aggregation on the same values.
import { type Histogram, ValueType } from "@opentelemetry/api";
import { AggregationType, DataPointType, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { describe, expect, it } from "vitest";
import {
  count,
  distribution,
  type ExponentialHistogramData,
  foldParams,
  foldValue,
  kindOf,
  newData,
} from "./aggregation";
import { ViewError } from "./errors";
import { DEFAULT_ZERO_THRESHOLD, exponentialHistogram, lowerBoundary, mapToIndex, mergeExponential } from "./exponential";
import { toOpenMetricsText, toPrometheusText } from "./exposition";
import { measureFloat64 } from "./measure";
import { exposedName } from "./naming";
import { createStats } from "./stats";
import { tagKey } from "./tags";
import { mulberry32 } from "../../test/seeded";


const bits = new DataView(new ArrayBuffer(8));
/** The next float above `x` (> 0). */
function nextUp(x: number): number {
  bits.setFloat64(0, x);
  bits.setBigUint64(0, bits.getBigUint64(0) + 1n);
  return bits.getFloat64(0);
}
/** The next float below `x` (> 0). */
function nextDown(x: number): number {
  bits.setFloat64(0, x);
  bits.setBigUint64(0, bits.getBigUint64(0) - 1n);
  return bits.getFloat64(0);
}

/** A fresh row of `agg` and the fold the record path would use for a measure in `unit`. */
function histogram(options: Parameters<typeof exponentialHistogram>[0] = {}, unit = "") {
  const agg = exponentialHistogram(options);
  const data = newData(agg) as ExponentialHistogramData;
  const kind = kindOf(agg, unit);
  const params = foldParams(agg);
  return { data, add: (v: number) => foldValue(kind, params, data, v) };
}

const SCALES = [20, 8, 3, 0, -1, -4];

describe("index mapping", () => {
  it.each(SCALES)("puts every power of two 2^k in the bucket it closes, scale %i", (scale) => {
    // Bucket i holds (base^i, base^(i+1)], base = 2^(2^-scale): 2^k is in bucket ceil(k·2^scale) - 1.
    for (let k = -1022; k <= 1023; k++) {
      const expected = Math.ceil(k * 2 ** scale) - 1;
      expect(mapToIndex(2 ** k, scale)).toBe(expected);
    }
  });

  it("spot values at scales 0, -1, -4", () => {
    expect([1, 2, 3, 4, 5].map((v) => mapToIndex(v, 0))).toEqual([-1, 0, 1, 1, 2]);
    // base 4: (1/4, 1], (1, 4], (4, 16]
    expect([0.25, 0.26, 1, 2, 4, 5, 16].map((v) => mapToIndex(v, -1))).toEqual([-2, -1, -1, 0, 0, 1, 1]);
    // base 2^16
    expect([1, 2, 65536, 65537].map((v) => mapToIndex(v, -4))).toEqual([-1, 0, 0, 1]);
  });

  it.each([0, -1, -4])("at scale %i every boundary is a power of two and exact: base^i in bucket i - 1", (scale) => {
    const m = 2 ** -scale;
    for (let i = Math.ceil(-1021 / m); i * m <= 1023; i++) {
      const b = 2 ** (i * m);
      expect(mapToIndex(b, scale)).toBe(i - 1);
      expect(mapToIndex(nextUp(b), scale)).toBe(i);
      expect(mapToIndex(nextDown(b), scale)).toBe(i - 1);
    }
  });

  it.each([20, 8, 3])("at scale %i a boundary that is a power of two is exact; the others within an ulp", (scale) => {
    const perOctave = 2 ** scale;
    for (let k = -60; k <= 60; k++) {
      const b = 2 ** k;
      const i = k * perOctave;
      expect(mapToIndex(b, scale)).toBe(i - 1);
      // One ulp either side of a power of two the scaled logarithm itself rounds to the boundary:
      // opentelemetry-js may then say the bucket on the other side, and so do we (the documented
      // boundary rule). A hair further away is always right.
      expect([i - 1, i]).toContain(mapToIndex(nextUp(b), scale));
      expect([i - 1, i]).toContain(mapToIndex(nextDown(b), scale));
      expect(mapToIndex(b * (1 + 1e-12), scale)).toBe(i);
      expect(mapToIndex(b * (1 - 1e-12), scale)).toBe(i - 1);
    }
    // Boundaries inside an octave are irrational: the nearest float is a little above or below,
    // and the logarithm may round it either way (the specification allows it); a value a hair
    // away from the boundary is always placed right.
    const step = Math.max(1, Math.floor(perOctave / 64));
    for (let i = -3 * perOctave; i <= 3 * perOctave; i += step) {
      if (i % perOctave === 0) continue;
      const b = 2 ** (i / perOctave);
      expect([i - 1, i]).toContain(mapToIndex(b, scale));
      expect(mapToIndex(b * (1 + 1e-12), scale)).toBe(i);
      expect(mapToIndex(b * (1 - 1e-12), scale)).toBe(i - 1);
    }
  });

  it.each(SCALES)("holds the float extremes at scale %i", (scale) => {
    const top = scale > 0 ? (1024 << scale) - 1 : 1023 >> -scale;
    expect(mapToIndex(Number.MAX_VALUE, scale)).toBe(top);
    const lowest = scale > 0 ? (-1022 << scale) - 1 : (-1022 >> -scale) - (scale > -2 ? 1 : 0);
    expect(mapToIndex(2 ** -1022, scale)).toBe(lowest);
    expect(mapToIndex(Number.MIN_VALUE, scale)).toBe(lowest);
    expect(mapToIndex(1e-310, scale)).toBe(lowest);
  });

  it("keeps the extremes within maxBuckets when both are recorded", () => {
    const h = histogram({ zeroThreshold: 0, maxBuckets: 2 });
    for (const v of [Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, -Number.MIN_VALUE, 1]) h.add(v);
    expect(h.data.count).toBe(5);
    expect(h.data.positive.counts.length).toBeLessThanOrEqual(2);
    expect(h.data.negative.counts.length).toBeLessThanOrEqual(2);
    expect(h.data.positive.counts.reduce((a, b) => a + b)).toBe(3);
    expect(h.data.scale).toBeGreaterThanOrEqual(-10);
  });
});

describe("the zero bucket", () => {
  it("defaults to client_golang's threshold, 2^-128, inclusive on both sides", () => {
    expect(DEFAULT_ZERO_THRESHOLD).toBe(2 ** -128);
    const h = histogram();
    for (const v of [0, -0, 2 ** -128, -(2 ** -128), 1e-40]) h.add(v);
    expect(h.data.zeroCount).toBe(5);
    expect(h.data.positive.counts).toEqual([]);
    expect(h.data.sum).toBe(1e-40); // the zero bucket's values still count in the exact sum
    h.add(nextUp(2 ** -128));
    h.add(-nextUp(2 ** -128));
    expect(h.data.zeroCount).toBe(5);
    expect(h.data.positive.counts).toEqual([1]);
    expect(h.data.negative.counts).toEqual([1]);
    expect(h.data.count).toBe(7);
  });

  it("threshold 0 keeps only zeros; a wider threshold takes |v| <= it", () => {
    const exact = histogram({ zeroThreshold: 0 });
    for (const v of [0, -0, 1e-300, -1e-300]) exact.add(v);
    expect(exact.data.zeroCount).toBe(2);
    const wide = histogram({ zeroThreshold: 0.5 });
    for (const v of [0.5, -0.5, 0.3, 0.6, -0.6]) wide.add(v);
    expect(wide.data.zeroCount).toBe(3);
    expect(wide.data.positive.counts).toEqual([1]);
    expect(wide.data.negative.counts).toEqual([1]);
  });
});

describe("negative values", () => {
  it("count their absolute values in the negative buckets", () => {
    const h = histogram({ maxScale: 0 });
    for (const v of [-1, -2, -3, -3.5, 5]) h.add(v);
    expect(h.data.negative).toEqual({ offset: -1, counts: [1, 1, 2] });
    expect(h.data.positive).toEqual({ offset: 2, counts: [1] });
    expect(h.data).toMatchObject({ count: 5, sum: -4.5, min: -3.5, max: 5, zeroCount: 0, scale: 0 });
  });
});

describe("downscaling", () => {
  it("merges buckets i >> 1 when a value would make the range one too wide", () => {
    const h = histogram({ maxScale: 0, maxBuckets: 4 });
    for (const v of [1, 2, 4, 8]) h.add(v); // indexes -1, 0, 1, 2: four buckets
    expect(h.data).toMatchObject({ scale: 0, positive: { offset: -1, counts: [1, 1, 1, 1] } });
    h.add(16); // index 3: five buckets at scale 0
    // scale -1, base 4: (1/4, 1] holds 1; (1, 4] holds 2, 4; (4, 16] holds 8, 16
    expect(h.data).toMatchObject({ scale: -1, positive: { offset: -1, counts: [1, 2, 2] } });
  });

  it("scales down by the least change that fits, for both signs", () => {
    const h = histogram();
    h.add(-1);
    h.add(1);
    expect(h.data.scale).toBe(20);
    h.add(1e9); // log2(1e9) = 29.897: index 119 at scale 2 (fits 160 with 1's -1), 239 at scale 3 (does not)
    expect(h.data.scale).toBe(2);
    expect(h.data.positive.offset).toBe(-1);
    expect(h.data.positive.counts.length).toBe(121);
    expect(h.data.positive.counts[0]).toBe(1);
    expect(h.data.positive.counts[120]).toBe(1);
    expect(h.data.positive.counts.reduce((a, b) => a + b)).toBe(2);
    expect(h.data.negative).toEqual({ offset: -1, counts: [1] });
  });

  it("never goes up again", () => {
    const h = histogram({ maxBuckets: 8 });
    h.add(1);
    h.add(1e6);
    const scale = h.data.scale;
    for (let i = 0; i < 100; i++) h.add(1.5);
    expect(h.data.scale).toBe(scale);
  });
});

describe("properties (seeded)", () => {
  /** Values spread over many octaves, with both signs and some zeros. */
  function spread(rand: () => number, span: number): number {
    const u = rand();
    if (u < 0.01) return 0;
    const magnitude = 2 ** ((rand() - 0.5) * span);
    return u < 0.3 ? -magnitude : magnitude;
  }

  it("downscaling keeps count and sum; every value is in the bucket its final-scale mapping names", () => {
    for (const [seed, maxBuckets, maxScale, span] of [
      [1, 160, 20, 40],
      [2, 20, 20, 200],
      [3, 2, 5, 2000],
      [4, 7, 0, 100],
      [5, 160, 8, 8],
    ] as const) {
      const rand = mulberry32(seed);
      const h = histogram({ maxBuckets, maxScale });
      const values: number[] = [];
      let sum = 0;
      for (let i = 0; i < 20_000; i++) {
        const v = spread(rand, span);
        values.push(v);
        sum += v;
        h.add(v);
      }
      const d = h.data;
      const total = (b: { counts: number[] }) => b.counts.reduce((a, c) => a + c, 0);
      expect(d.count).toBe(values.length);
      expect(d.sum).toBe(sum);
      expect(total(d.positive) + total(d.negative) + d.zeroCount).toBe(values.length);
      // The buckets hold exactly what mapping each value afresh at the final scale gives.
      const expected = { positive: new Map<number, number>(), negative: new Map<number, number>() };
      let zeros = 0;
      for (const v of values) {
        if (Math.abs(v) <= d.zeroThreshold) {
          zeros++;
          continue;
        }
        const i = mapToIndex(Math.abs(v), d.scale);
        const side = v > 0 ? expected.positive : expected.negative;
        side.set(i, (side.get(i) ?? 0) + 1);
        // base^i < |v| <= base^(i+1), up to the rounding of the bounds themselves.
        const lo = lowerBoundary(i, d.scale);
        const hi = lowerBoundary(i + 1, d.scale);
        const a = Math.abs(v);
        expect(a > lo * (1 - 1e-12) && a <= hi * (1 + 1e-12)).toBe(true);
      }
      expect(d.zeroCount).toBe(zeros);
      for (const side of ["positive", "negative"] as const) {
        const got = new Map<number, number>();
        d[side].counts.forEach((c, k) => c > 0 && got.set(d[side].offset + k, c));
        expect(got).toEqual(expected[side]);
      }
    }
  });

  it("never holds more than maxBuckets buckets per sign over 1,000,000 values", () => {
    const rand = mulberry32(0x5eed);
    const configs = [
      histogram({ maxBuckets: 2 }),
      histogram({ maxBuckets: 3, maxScale: -3 }),
      histogram({ maxBuckets: 17, maxScale: 7 }),
      histogram(),
    ];
    const limits = [2, 3, 17, 160];
    let worst = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const v = spread(rand, i < 500_000 ? 60 : 2000);
      const h = configs[i & 3]!;
      h.add(v);
      const over = Math.max(h.data.positive.counts.length, h.data.negative.counts.length) - limits[i & 3]!;
      if (over > worst) worst = over;
    }
    expect(worst).toBe(0);
    for (const h of configs) expect(h.data.count).toBe(250_000);
  });
});

describe("the unit rule and the record path", () => {
  it("records a measure in ms as seconds; a distribution of it stays in ms", () => {
    const stats = createStats();
    const latency = measureFloat64("t/latency", { unit: "ms" });
    const bytes = measureFloat64("t/bytes", { unit: "By" });
    stats.registerView(
      { name: "exp", measure: latency, aggregation: exponentialHistogram({ maxScale: 0 }) },
      { name: "dist", measure: latency, aggregation: distribution([1000]) },
      { name: "bytes", measure: bytes, aggregation: exponentialHistogram({ maxScale: 0 }) },
    );
    stats.record(undefined, latency.m(1500), bytes.m(1500));
    const exp = stats.viewData("exp")!.rows[0]!.data as ExponentialHistogramData;
    expect(exp).toMatchObject({ sum: 1.5, min: 1.5, max: 1.5, positive: { offset: 0, counts: [1] } });
    const dist = stats.viewData("dist")!.rows[0]!.data;
    expect(dist).toMatchObject({ sum: 1500, bucketCounts: [0, 1] });
    expect(stats.viewData("bytes")!.rows[0]!.data).toMatchObject({ sum: 1500, positive: { offset: 10, counts: [1] } });
  });

  it("names a seconds histogram `_seconds` and never converts it again when written", () => {
    const view = { name: "lat", measure: { unit: "ms" }, aggregation: { type: "exponentialHistogram" as const } };
    const n = exposedName(view, "", "prometheus", "prometheus");
    expect(n).toMatchObject({ family: "lat_seconds", type: "histogram" });
    expect(n.toBase(1.5)).toBe(1.5);
    // A unit the fold does not convert keeps its values, so it gets no suffix.
    const ns = exposedName({ ...view, measure: { unit: "ns" } }, "", "prometheus", "prometheus");
    expect(ns.family).toBe("lat");
    expect(ns.toBase(7)).toBe(7);
    expect(exposedName({ ...view, measure: { unit: "By" } }, "", "prometheus", "prometheus").family).toBe("lat_bytes");
  });

  it("hands out snapshots that later recording does not change", () => {
    const stats = createStats();
    const m = measureFloat64("t/snap");
    stats.registerView({ name: "snap", measure: m, aggregation: exponentialHistogram({ maxBuckets: 4, maxScale: 0 }) });
    stats.record(undefined, m.m(1), m.m(-1));
    const before = stats.snapshot()[0]!.rows[0]!.data as ExponentialHistogramData;
    const copy = structuredClone(before);
    for (const v of [1, 2, 1e9, -1e9, -1, 0]) stats.record(undefined, m.m(v));
    expect(before).toEqual(copy);
    expect((stats.snapshot()[0]!.rows[0]!.data as ExponentialHistogramData).count).toBe(8);
  });

  it("is the same aggregation with the same options, a conflict with others", () => {
    const stats = createStats();
    const m = measureFloat64("t/same");
    stats.registerView({ name: "same", measure: m, aggregation: exponentialHistogram() });
    expect(() => stats.registerView({ name: "same", measure: m, aggregation: exponentialHistogram({ maxBuckets: 160 }) })).not.toThrow();
    expect(() => stats.registerView({ name: "same", measure: m, aggregation: exponentialHistogram({ maxBuckets: 100 }) })).toThrow(
      /already registered: it is exponentialHistogram\(maxBuckets 160, maxScale 20, zeroThreshold 2\.938735877055719e-39\) of t\/same/,
    );
  });
});

describe("bad options", () => {
  it.each([
    [{ maxBuckets: 1 }, "exponentialHistogram maxBuckets must be a whole number of at least 2, got 1"],
    [{ maxBuckets: 2.5 }, "exponentialHistogram maxBuckets must be a whole number of at least 2, got 2.5"],
    [{ maxScale: 21 }, "exponentialHistogram maxScale must be a whole number from -10 to 20, got 21"],
    [{ maxScale: -11 }, "exponentialHistogram maxScale must be a whole number from -10 to 20, got -11"],
    [{ zeroThreshold: -1 }, "exponentialHistogram zeroThreshold must be a finite number >= 0, got -1"],
    [{ zeroThreshold: NaN }, "exponentialHistogram zeroThreshold must be a finite number >= 0, got NaN"],
    [{ zeroThreshold: Infinity }, "exponentialHistogram zeroThreshold must be a finite number >= 0, got Infinity"],
  ])("refuses %j", (options, message) => {
    expect(() => exponentialHistogram(options)).toThrow(ViewError);
    expect(() => exponentialHistogram(options)).toThrow(message);
  });

  it("refuses a hand-made aggregation with bad options at registration, and a tag key exposed as le", () => {
    const stats = createStats();
    const m = measureFloat64("t/bad");
    const agg = { type: "exponentialHistogram", maxBuckets: 1, maxScale: 20, zeroThreshold: 0 } as const;
    expect(() => stats.registerView({ name: "bad", measure: m, aggregation: agg })).toThrow(
      'view "bad": exponentialHistogram maxBuckets must be a whole number of at least 2, got 1',
    );
    expect(() => stats.registerView({ name: "le", measure: m, aggregation: exponentialHistogram(), tagKeys: [tagKey("le")] })).toThrow(
      'an exponential histogram cannot have a tag key exposed as "le"',
    );
  });
});

describe("text exposition", () => {
  it("leaves exponential histograms out of both text formats", () => {
    const stats = createStats({ now: () => 0 });
    const m = measureFloat64("t/expo", { unit: "ms" });
    stats.registerView({ name: "only", measure: m, aggregation: exponentialHistogram() });
    stats.record(undefined, m.m(3));
    expect(toPrometheusText(stats.snapshot())).toBe("");
    expect(toOpenMetricsText(stats.snapshot())).toBe("# EOF\n");
    stats.registerView({ name: "n", measure: m, aggregation: count() });
    stats.record(undefined, m.m(4));
    for (const naming of ["opencensus", "prometheus"] as const) {
      expect(toPrometheusText(stats.snapshot(), { naming })).not.toMatch(/only/);
      expect(toOpenMetricsText(stats.snapshot(), { naming })).not.toMatch(/only/);
    }
    expect(toPrometheusText(stats.snapshot())).toBe("# HELP n \n# TYPE n counter\nn 1\n");
  });
});

/** A pull reader: collect() only when asked. */
class PullReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

describe("agreement with opentelemetry-js (ExponentialHistogram aggregation)", () => {
  // opentelemetry-js starts at scale 20 and drops negative histogram values, and its zero
  // bucket holds exact zeros only: so positive values, none below our zero threshold.
  it.each([
    ["uniform in [0, 7000)", 11, (r: () => number) => r() * 7000 + 1e-9, 160],
    ["log-uniform over 2^±30", 12, (r: () => number) => 2 ** ((r() - 0.5) * 60), 160],
    ["log-uniform over 2^±120, 20 buckets", 13, (r: () => number) => 2 ** ((r() - 0.5) * 240), 20],
    ["narrow around 1, 4 buckets", 14, (r: () => number) => 1 + r() * 1e-3, 4],
    ["powers of two", 15, (r: () => number) => 2 ** Math.floor((r() - 0.5) * 40), 160],
  ])("%s", async (_, seed, draw, maxBuckets) => {
    const reader = new PullReader();
    const provider = new MeterProvider({
      readers: [reader],
      views: [{ instrumentName: "h", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: maxBuckets } } }],
    });
    const otel: Histogram = provider.getMeter("t").createHistogram("h", { valueType: ValueType.DOUBLE });
    const ours = histogram({ maxBuckets });
    const rand = mulberry32(seed);
    for (let i = 0; i < 20_000; i++) {
      const v = draw(rand);
      otel.record(v);
      ours.add(v);
    }
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics[0]!.metrics[0]!;
    expect(metric.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
    const point = (metric.dataPoints[0]!.value as unknown) as {
      scale: number;
      count: number;
      sum: number;
      min: number;
      max: number;
      zeroCount: number;
      positive: { offset: number; bucketCounts: number[] };
    };
    const d = ours.data;
    expect({ scale: d.scale, count: d.count, sum: d.sum, min: d.min, max: d.max, zeroCount: d.zeroCount }).toEqual({
      scale: point.scale,
      count: point.count,
      sum: point.sum,
      min: point.min,
      max: point.max,
      zeroCount: point.zeroCount,
    });
    expect(d.positive).toEqual({ offset: point.positive.offset, counts: point.positive.bucketCounts });
    await provider.shutdown();
  });
});

describe("mergeExponential: all rows of a view as one", () => {
  it("gives what one histogram of every row's values gives, rows at different scales", () => {
    const rand = mulberry32(11);
    const agg = exponentialHistogram({ maxBuckets: 40 });
    const stats = createStats();
    const m = measureFloat64("merge/x");
    const key = tagKey("row");
    stats.registerView({ name: "rows", measure: m, aggregation: agg, tagKeys: [key] });
    stats.registerView({ name: "one", measure: m, aggregation: agg });
    // Row "wide" spans six decades (a low scale); row "narrow" stays near 1 (a high scale).
    for (let i = 0; i < 5_000; i++) {
      stats.record({ row: "wide" }, m.m(10 ** (rand() * 6 - 3)));
      stats.record({ row: "narrow" }, m.m(1 + rand() / 100));
      if (i % 97 === 0) stats.record({ row: "narrow" }, m.m(-(1 + rand())));
    }
    const rows = stats.viewData("rows")!.rows.map((r) => r.data as ExponentialHistogramData);
    expect(new Set(rows.map((d) => d.scale)).size).toBe(2);
    const merged = mergeExponential(agg, rows);
    const one = stats.viewData("one")!.rows[0]!.data as ExponentialHistogramData;
    // Buckets, counts, min and max exactly; the sum up to the order the additions were made in.
    expect({ ...merged, sum: 0 }).toEqual({ ...one, sum: 0 });
    expect(Math.abs(merged.sum - one.sum) / one.sum).toBeLessThan(1e-12);
  });

  it("of no rows is the empty histogram", () => {
    const agg = exponentialHistogram();
    expect(mergeExponential(agg, [])).toMatchObject({ count: 0, scale: 20, positive: { counts: [] }, min: Infinity });
  });
});
