// Unit tests for the protobuf view's readable rendering: a snapshot with a counter, a classic and
// an exponential histogram view written by the wire layer, decoded, and rendered — the native
// histogram's schema, zero bucket, spans and deltas shown as the bytes hold them; and the
// panel's content type is the wire layer's.
import { describe, expect, it } from "vitest";
import { count, createStats, distribution, exponentialHistogram, measureFloat64, TagMap } from "../../engine";
import { decodePrometheusProtobuf, PROTOBUF_CONTENT_TYPE, toPrometheusProtobuf } from "../../wire";
import { PROTOBUF } from "./formats";
import { protobufExposition } from "./protobufExport";
import { protobufText } from "./protobufText";

function snapshot() {
  const stats = createStats({ now: () => 0 });
  const latency = measureFloat64("repl/latency", { unit: "ms", description: "Latency" });
  stats.registerView(
    { name: "lat/count", measure: latency, aggregation: count() },
    { name: "lat/classic", measure: latency, aggregation: distribution([100, 200]) },
    { name: "lat/native", measure: latency, aggregation: exponentialHistogram({ maxScale: 0 }) },
  );
  // 150 ms and 300 ms in seconds at scale 0: buckets (0.125, 0.25] and (0.25, 0.5], OTel indexes -3 and -2.
  for (const v of [150, 300, 300, 0]) stats.record(TagMap.empty(), latency.m(v));
  return stats.snapshot();
}

describe("protobufText", () => {
  it("renders every family, with the native histogram's schema, zero bucket, spans and deltas", () => {
    const text = protobufText(decodePrometheusProtobuf(toPrometheusProtobuf(snapshot())));
    const native = text.slice(text.indexOf('name: "lat_native"'));
    expect(native).toContain("type: HISTOGRAM");
    expect(native).toContain("sample_count: 4");
    expect(native).toContain("sample_sum: 0.75");
    expect(native).toContain("schema: 0");
    expect(native).toContain("zero_threshold: 2.938735877055719e-39");
    expect(native).toContain("zero_count: 1");
    // Prometheus index = OTel index + 1: -2 and -1, one span of 2, deltas 1 then +1.
    expect(native).toContain("positive_span { offset: -2 length: 2 }");
    expect(native).toContain("positive_delta: [1, 1]");
    expect(native).toContain("# native histogram: schema 0: base 2^(2^0) = 2; 2 positive buckets from 0.125 to 0.5; zero bucket |v| ≤ 2.938735877055719e-39 holds 1");
    expect(text).toContain('name: "lat_classic"');
    expect(text).toContain("bucket { cumulative_count: 2 upper_bound: 200 }");
    expect(text).toContain('name: "lat_count"\n  help: "Latency"\n  type: COUNTER\n  metric {\n    counter { value: 4 }');
    expect(text.match(/^metric_family \{$/gm)).toHaveLength(3);
  });

  it("quotes label values as text, whatever they hold", () => {
    const text = protobufText([{ name: "x", help: 'a "b"\nc', type: 1, metric: [{ label: [{ name: "k", value: "<b>\\" }], gauge: { value: 1 } }] }]);
    expect(text).toContain('help: "a \\"b\\"\\nc"');
    expect(text).toContain('label { name: "k" value: "<b>\\\\" }');
    expect(protobufText([])).toBe("");
  });
});

describe("protobufExposition", () => {
  it("gives the bytes, the readable view decoded from them, and the counts", () => {
    const data = snapshot();
    const e = protobufExposition(data, { namespace: "", naming: "opencensus" });
    expect(e.bytes).toEqual(toPrometheusProtobuf(data));
    expect(e.families).toBe(3);
    expect(e.native).toBe(1);
    // count 1; classic 3 buckets + sum + count; native +Inf + sum + count.
    expect(e.samples).toBe(1 + 5 + 3);
    expect(e.text).toBe(protobufText(decodePrometheusProtobuf(e.bytes)));
  });

  it("names the wire layer's content type for Download", () => {
    expect(PROTOBUF.type).toBe(PROTOBUF_CONTENT_TYPE);
  });
});
