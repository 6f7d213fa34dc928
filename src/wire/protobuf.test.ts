// The protobuf exposition against the engine's 0.0.4 text of the same snapshot, and the
// codec's own rules (round trip, unknown and packed fields, cut streams, unsafe counts).
import { describe, expect, it } from "vitest";
import {
  count,
  createStats,
  distribution,
  exponentialHistogram,
  lastValue,
  measureFloat64,
  measureInt64,
  type Stats,
  sum,
  tagKey,
} from "../engine";
import { type Naming, parseExposition, toPrometheusText } from "../engine/exposition";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { decodeDelimited, encodeDelimited } from "./delimited";
import { decodeMetricFamily } from "./decode";
import { encodeMetricFamily } from "./encode";
import { emptyHistogram, type MetricFamily, MetricType } from "./metrics";
import { decodePrometheusProtobuf, toPrometheusProtobuf } from "./protobuf";
import { familySamples } from "./samples";

const method = tagKey("method");
const status = tagKey("http-status");

/** A session with every aggregation, tags with odd values, units both namings convert. */
function session(): Stats {
  const latency = measureFloat64("repl/latency", { description: "Latency \\ of\na loop", unit: "ms" });
  const size = measureInt64("repl/size", { description: "Bytes read", unit: "By" });
  const stats = createStats({ now: () => 1_700_000_000_000 });
  stats.registerView(
    { name: "latency", measure: latency, aggregation: distribution([0, 25, 100, 1000.5]), tagKeys: [status, method] },
    { name: "loops", measure: latency, aggregation: count(), tagKeys: [method] },
    { name: "bytes_total", measure: size, aggregation: sum(), tagKeys: [method, status] },
    { name: "last", measure: latency, aggregation: lastValue() },
    { name: "empty", measure: size, aggregation: count() },
  );
  const rows: [number, number, Record<string, string>][] = [
    [12.5, 5, { method: "repl", "http-status": "200" }],
    [0.05, 0, { method: "repl", "http-status": "200" }],
    [1523.4, 1200, { method: 'quo"te\\back', "http-status": "500" }],
    [25, 40, { method: "x y~", "http-status": "" }],
    [-3, 7, { method: "b" }],
  ];
  for (const [ms, bytes, tags] of rows) stats.record(tags, latency.m(ms), size.m(bytes));
  return stats;
}

describe.each([
  ["opencensus", ""],
  ["prometheus", ""],
  ["opencensus", "ns"],
  ["prometheus", "app_1"],
] as [Naming, string][])("%s naming, namespace %j", (naming, namespace) => {
  const snapshot = session().snapshot();
  const families = decodePrometheusProtobuf(toPrometheusProtobuf(snapshot, { naming, namespace }));
  const text = parseExposition(toPrometheusText(snapshot, { naming, namespace }), "prometheus");

  it("the text parses cleanly (the comparison is against a real reading)", () => {
    expect(text.problems).toEqual([]);
    expect(text.samples.length).toBeGreaterThan(10);
  });

  it("has the text's samples: names, labels in order, values", () => {
    const strip = (s: { name: string; labels: Record<string, string>; labelOrder: string[]; value: number }) => ({
      name: s.name,
      labels: { ...s.labels },
      labelOrder: s.labelOrder,
      value: s.value,
    });
    expect(familySamples(families).map(strip)).toEqual(text.samples.map(strip));
  });

  it("has the text's families: names, HELP and TYPE, in order", () => {
    const fromText = text.comments.filter((c) => c.kind === "TYPE").map((c) => ({
      name: c.metric,
      type: c.text,
      help: text.comments.find((h) => h.kind === "HELP" && h.metric === c.metric)!.text,
    }));
    const names = ["COUNTER", "GAUGE", "SUMMARY", "UNTYPED", "HISTOGRAM"];
    expect(families.map((f) => ({ name: f.name, type: names[f.type]!.toLowerCase(), help: f.help }))).toEqual(fromText);
  });
});

it("classic histograms: finite bounds only (the +Inf bucket is implicit, as client_golang writes it)", () => {
  const [f] = decodePrometheusProtobuf(toPrometheusProtobuf(session().snapshot(), { naming: "prometheus" })).filter((x) => x.type === MetricType.HISTOGRAM);
  expect(f!.name).toBe("latency_seconds");
  expect(f!.metric[0]!.histogram!.bucket.map((b) => b.upperBound)).toEqual([0, 0.025, 0.1, 1.0005]);
  expect(f!.metric[0]!.label).toEqual([
    { name: "http_status", value: "" },
    { name: "method", value: "b" },
  ]);
});

it("exponential histogram views are native histograms (the text leaves them out)", () => {
  const stats = createStats({ now: () => 0 });
  const latency = measureFloat64("lat", { description: "d", unit: "ms" });
  stats.registerView({ name: "lat_native", measure: latency, aggregation: exponentialHistogram({ maxScale: 3 }) });
  for (const v of [1000, 2000, 0, 1500]) stats.record(undefined, latency.m(v));
  const [f] = decodePrometheusProtobuf(toPrometheusProtobuf(stats.snapshot(), { naming: "prometheus" }));
  expect(f).toMatchObject({ name: "lat_native_seconds", type: MetricType.HISTOGRAM });
  const h = f!.metric[0]!.histogram!;
  // Seconds: 1 → key 0, 1.5 → key 5 (2^(4/8) < 1.5 ≤ 2^(5/8)), 2 → key 8; the gap 1..4 starts a
  // span, the gap 6..7 is written as two empty buckets.
  expect(h).toMatchObject({ sampleCount: 4, sampleSum: 4.5, schema: 3, zeroCount: 1, bucket: [] });
  expect(h.positiveSpan).toEqual([{ offset: 0, length: 1 }, { offset: 4, length: 4 }]);
  expect(h.positiveDelta).toEqual([1, 0, -1, 0, 1]);
  expect(toPrometheusText(stats.snapshot())).toBe("");
});

it("an invalid namespace is refused as the text writer refuses it", () => {
  expect(() => toPrometheusProtobuf(session().snapshot(), { namespace: "9 lives" })).toThrow(/namespace "9 lives" is not usable/);
});

describe("codec", () => {
  const family: MetricFamily = {
    name: "h",
    help: "",
    type: MetricType.HISTOGRAM,
    metric: [
      {
        label: [{ name: "a", value: "" }],
        histogram: {
          ...emptyHistogram(7, -0.5),
          bucket: [{ cumulativeCount: 3, upperBound: -1 }],
          schema: -4,
          zeroThreshold: 0,
          zeroCount: 0,
          negativeSpan: [{ offset: -2147483648, length: 2 }],
          negativeDelta: [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
          positiveSpan: [{ offset: 0, length: 0 }],
        },
        timestampMs: -1,
      },
      { label: [], counter: { value: NaN } },
      { label: [], gauge: { value: -Infinity } },
      { label: [], untyped: { value: -0 } },
    ],
  };

  it("round-trips every field, zeros and extremes included", () => {
    expect(decodeDelimited(encodeDelimited([family, family]))).toEqual([family, family]);
  });

  it("reads packed deltas and skips unknown fields", () => {
    const w = new BinaryWriter();
    w.tag(13, WireType.LengthDelimited).fork().sint64(3).sint64(-1).join();
    w.tag(13, WireType.Varint).sint64(2);
    w.tag(99, WireType.LengthDelimited).string("future");
    const h = decodeMetricFamily(
      new BinaryWriter().tag(4, WireType.LengthDelimited).fork().tag(7, WireType.LengthDelimited).bytes(w.finish()).join().finish(),
    ).metric[0]!.histogram!;
    expect(h.positiveDelta).toEqual([3, -1, 2]);
  });

  it("refuses a cut stream and counts beyond the safe integers", () => {
    const bytes = encodeDelimited([family]);
    expect(() => decodeDelimited(bytes.subarray(0, bytes.length - 1))).toThrow(/ends inside a message/);
    expect(() => encodeMetricFamily({ ...family, metric: [{ label: [], histogram: emptyHistogram(2 ** 53, 0) }] })).toThrow(RangeError);
    const big = new BinaryWriter().tag(4, WireType.LengthDelimited).fork().tag(7, WireType.LengthDelimited).fork().tag(1, WireType.Varint).uint64(2n ** 60n).join().join().finish();
    expect(() => decodeMetricFamily(big)).toThrow(/beyond the safe integers/);
  });
});
