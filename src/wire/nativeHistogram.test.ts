// The native histogram mapping: its rules on small cases, and against client_golang 1.14's own
// output for the same observations (test/golden/native/, written by test/golden/native/main.go).
// Each golden is checked twice: with buckets computed here by an exact index function (BigInt
// arithmetic, independent of the engine), and recorded through the engine's
// exponentialHistogram aggregation; and the whole family's bytes against Go's.
import { describe, expect, it } from "vitest";
import { createStats, type ExponentialHistogramData, exponentialHistogram, measureFloat64 } from "../engine";
import schema0 from "../../test/golden/native/schema0.json";
import schema3 from "../../test/golden/native/schema3.json";
import schema8 from "../../test/golden/native/schema8.json";
import schemaMinus2 from "../../test/golden/native/schema-2.json";
import schemaMinus1BelowOne from "../../test/golden/native/schema-1-below-one.json";
import schema3Table from "../../test/golden/native/schema3-table.json";
import { encodeDelimited } from "./delimited";
import { emptyHistogram, MetricType } from "./metrics";
import { makeBuckets, nativeHistogram, type NativeHistogram } from "./nativeHistogram";
import { toPrometheusProtobuf } from "./protobuf";

interface Golden {
  name: string;
  help: string;
  note?: string;
  zeroThresholdOption: number;
  observations: number[];
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  sampleCount: number;
  sampleSum: number;
  positiveSpans: { offset: number; length: number }[];
  positiveDeltas: number[];
  negativeSpans: { offset: number; length: number }[];
  negativeDeltas: number[];
  familyHex: string;
}

const DEFAULT_ZERO_THRESHOLD = 2.938735877055719e-39;

/** ⌈log2 x⌉ of a positive BigInt. */
const ceilLog2 = (x: bigint): number => (x === 1n ? 0 : (x - 1n).toString(2).length);

/**
 * Prometheus's bucket index of v > 0 at `schema`, exactly: the i with b^(i-1) < v ≤ b^i,
 * b = 2^(2^-schema). v = m·2^e exactly; for schema ≥ 0, i = ⌈2^schema · log2 v⌉ =
 * 2^schema·e + ⌈log2 m^(2^schema)⌉; for schema < 0, i = ⌈⌈log2 v⌉ / 2^-schema⌉.
 */
function exactIndex(v: number, schema: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  if (schema >= 0) {
    const p = 2 ** schema;
    return p * e + ceilLog2(m ** BigInt(p));
  }
  return Math.ceil((e + ceilLog2(m)) / 2 ** -schema);
}

/** OpenTelemetry buckets of `values` at `scale` from Prometheus keys (OTel index = key − 1). */
function exponentialData(
  values: readonly number[],
  scale: number,
  zeroThreshold: number,
  key: (v: number, i: number) => number,
): ExponentialHistogramData {
  const pos = new Map<number, number>();
  const neg = new Map<number, number>();
  let zeroCount = 0;
  let sum = 0;
  values.forEach((v, i) => {
    sum += v;
    if (v > zeroThreshold) pos.set(key(v, i) - 1, (pos.get(key(v, i) - 1) ?? 0) + 1);
    else if (v < -zeroThreshold) neg.set(key(-v, i) - 1, (neg.get(key(-v, i) - 1) ?? 0) + 1);
    else zeroCount++;
  });
  const dense = (m: Map<number, number>) => {
    if (m.size === 0) return { offset: 0, counts: [] };
    const offset = Math.min(...m.keys());
    const counts = new Array<number>(Math.max(...m.keys()) - offset + 1).fill(0);
    for (const [i, c] of m) counts[i - offset] = c;
    return { offset, counts };
  };
  return {
    type: "exponentialHistogram",
    scale,
    zeroThreshold,
    zeroCount,
    positive: dense(pos),
    negative: dense(neg),
    count: values.length,
    sum,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

const zeroThresholdOf = (g: Golden): number =>
  g.zeroThresholdOption === 0 ? DEFAULT_ZERO_THRESHOLD : Math.max(g.zeroThresholdOption, 0);

const expected = (g: Golden): NativeHistogram => ({
  schema: g.schema,
  zeroThreshold: g.zeroThreshold,
  zeroCount: g.zeroCount,
  positiveSpan: g.positiveSpans,
  positiveDelta: g.positiveDeltas,
  negativeSpan: g.negativeSpans,
  negativeDelta: g.negativeDeltas,
});

/** The engine's exponential histogram of the golden's observations, from `maxScale`. */
function recorded(g: Golden, maxScale: number): ExponentialHistogramData {
  const stats = createStats({ now: () => 0 });
  const m = measureFloat64(g.name, { description: g.help, unit: "" });
  stats.registerView({ measure: m, aggregation: exponentialHistogram({ maxScale, maxBuckets: 1_000_000, zeroThreshold: zeroThresholdOf(g) }) });
  for (const v of g.observations) stats.record(undefined, m.m(v));
  const data = stats.snapshot()[0]!.rows[0]!.data;
  if (data.type !== "exponentialHistogram") throw new Error("not an exponential histogram");
  return data;
}

/** The golden's family as our encoder writes it from our mapping. */
function family(g: Golden, n: NativeHistogram): Uint8Array {
  return encodeDelimited([
    {
      name: g.name,
      help: g.help,
      type: MetricType.HISTOGRAM,
      metric: [{ label: [], histogram: { ...emptyHistogram(g.sampleCount, g.sampleSum), ...n } }],
    },
  ]);
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

describe("rules", () => {
  const data = (scale: number, offset: number, counts: number[]): ExponentialHistogramData => ({
    type: "exponentialHistogram",
    scale,
    zeroThreshold: 0,
    zeroCount: 0,
    positive: { offset, counts },
    negative: { offset: 0, counts: [] },
    count: counts.reduce((a, b) => a + b, 0),
    sum: 0,
    min: 0,
    max: 0,
  });

  it("Prometheus index = OpenTelemetry index + 1 (1 is OTel bucket -1, Prometheus bucket 0)", () => {
    expect(nativeHistogram(data(0, -1, [5])).positiveSpan).toEqual([{ offset: 0, length: 1 }]);
    expect(nativeHistogram(data(3, 7, [1])).positiveSpan).toEqual([{ offset: 8, length: 1 }]);
  });

  it("makeBuckets: a gap of 1 or 2 stays in the span as zeros, 3 or more starts a span; deltas", () => {
    expect(makeBuckets([0, 2, 5, 9], [3, 1, 4, 4])).toEqual({
      spans: [{ offset: 0, length: 6 }, { offset: 3, length: 1 }],
      deltas: [3, -3, 1, -1, 0, 4, 0],
    });
    expect(makeBuckets([-3], [2])).toEqual({ spans: [{ offset: -3, length: 1 }], deltas: [2] });
    expect(makeBuckets([], [])).toEqual({ spans: [], deltas: [] });
  });

  it("input buckets with a count of 0 are gaps, as client_golang never holds them", () => {
    expect(nativeHistogram(data(0, 0, [1, 0, 0, 0, 2])).positiveSpan).toEqual([
      { offset: 1, length: 1 },
      { offset: 3, length: 1 },
    ]);
  });

  it("a scale above 8 is merged down to schema 8 (index >> (scale − 8)), then + 1", () => {
    // Scale 10, OTel indices -5..2 → scale 8 (floor of i / 4): -2, -1 ×4, 0 ×3 → keys -1, 0, 1.
    const n = nativeHistogram(data(10, -5, [1, 1, 1, 1, 1, 1, 1, 1]));
    expect(n.schema).toBe(8);
    expect(n.positiveSpan).toEqual([{ offset: -1, length: 3 }]);
    expect(n.positiveDelta).toEqual([1, 3, -1]);
  });

  it("scales -4..8 are kept; below -4 is refused", () => {
    expect(nativeHistogram(data(-4, 0, [1])).schema).toBe(-4);
    expect(nativeHistogram(data(8, 0, [1])).schema).toBe(8);
    expect(() => nativeHistogram(data(-5, 0, [1]))).toThrow(/scale -5 is below -4/);
  });

  it("the exact index puts powers of the base at the top of their bucket", () => {
    expect([0.5, 1, 1.0000000000000002, 2, 3, 4].map((v) => exactIndex(v, 0))).toEqual([-1, 0, 1, 1, 2, 2]);
    expect([1, 2, 2.0000000000000004].map((v) => exactIndex(v, 8))).toEqual([0, 256, 257]);
    expect([1, 4, 4.000000000000001, 0.25, 0.2].map((v) => exactIndex(v, -1))).toEqual([0, 1, 2, -1, -1]);
  });
});

describe("client_golang 1.14 goldens", () => {
  const agreeing: Golden[] = [schema0, schema3, schema8, schemaMinus2];

  it.each(agreeing.map((g) => [g.name, g] as const))("%s: exact buckets map to client_golang's native histogram", (_, g) => {
    const data = exponentialData(g.observations, g.schema, zeroThresholdOf(g), (v) => exactIndex(v, g.schema));
    expect(data.count).toBe(g.sampleCount);
    expect(data.sum).toBe(g.sampleSum);
    const n = nativeHistogram(data);
    expect(n).toEqual(expected(g));
    expect(hex(family(g, n))).toBe(g.familyHex);
  });

  it.each(agreeing.map((g) => [g.name, g] as const))("%s: recorded through the engine, then written, is Go's family byte for byte", (_, g) => {
    const data = recorded(g, g.schema);
    expect(nativeHistogram(data)).toEqual(expected(g));
    const stats = createStats({ now: () => 0 });
    const m = measureFloat64(g.name, { description: g.help, unit: "" });
    stats.registerView({ measure: m, aggregation: exponentialHistogram({ maxScale: g.schema, maxBuckets: 1_000_000, zeroThreshold: zeroThresholdOf(g) }) });
    for (const v of g.observations) stats.record(undefined, m.m(v));
    expect(hex(toPrometheusProtobuf(stats.snapshot()))).toBe(g.familyHex);
  });

  it("schema8: buckets at scale 10 merged down to schema 8 equal client_golang's", () => {
    const g: Golden = schema8;
    const exact = exponentialData(g.observations, 10, zeroThresholdOf(g), (v) => exactIndex(v, 10));
    expect(nativeHistogram(exact)).toEqual(expected(g));
    expect(nativeHistogram(recorded(g, 10))).toEqual(expected(g));
  });

  it("schema-1-below-one: client_golang 1.14's truncating key for negative schemas puts values below 1/4 one bucket high; we do not", () => {
    const g: Golden = schemaMinus1BelowOne;
    expect(g.note).toMatch(/truncating/);
    const n = nativeHistogram(exponentialData(g.observations, g.schema, zeroThresholdOf(g), (v) => exactIndex(v, g.schema)));
    // Go 1.14's key: ⌈log2 v⌉ then (key + 1) / 2 truncated toward zero.
    const goKey = (v: number): number => Math.trunc((exactIndex(v, 0) + 1) / 2);
    const go = nativeHistogram(exponentialData(g.observations, g.schema, zeroThresholdOf(g), goKey));
    expect(go).toEqual(expected(g));
    expect(n).not.toEqual(expected(g));
    // Keys -3 (0.01), -2 (0.05, 0.0625), -1 (0.25, 0.2, 0.1), 0 (0.3, 1), 1 (2, 4), 2 (5).
    expect(n.positiveSpan).toEqual([{ offset: -3, length: 6 }]);
    expect(n.positiveDelta).toEqual([1, 1, 1, -1, 0, -1]);
    expect(nativeHistogram(recorded(g, g.schema))).toEqual(n);
  });

  it("schema3-table: client_golang places a value by its float table of boundaries; exact (and the engine's) indices differ at three of them", () => {
    const g: Golden = schema3Table;
    const obs = g.observations;
    // client_golang: 2·t_j is in bucket j (frac ≤ t_j), the float above it in bucket j + 1.
    const goKey = (_: number, i: number): number => (i >> 1) + (i & 1);
    expect(nativeHistogram(exponentialData(obs, 3, zeroThresholdOf(g), goKey))).toEqual(expected(g));
    // Exactly: t_1 lies above 2^(1/8)/2, so 2·t_1 belongs one bucket up; t_6 and t_7 lie more
    // than one float below 2^(6/8)/2 and 2^(7/8)/2, so the floats above 2·t_6 and 2·t_7 belong
    // one bucket down. Every other observation is where client_golang puts it.
    const exactKeys = obs.map((v) => exactIndex(v, 3));
    const moved = obs.flatMap((_, i) => (exactKeys[i] === goKey(0, i) ? [] : [[i, exactKeys[i]! - goKey(0, i)]]));
    expect(moved).toEqual([[2, 1], [13, -1], [15, -1]]);
    const exact = nativeHistogram(exponentialData(obs, 3, zeroThresholdOf(g), (v) => exactIndex(v, 3)));
    expect(exact).not.toEqual(expected(g));
    expect(nativeHistogram(recorded(g, 3))).toEqual(exact);
  });
});
