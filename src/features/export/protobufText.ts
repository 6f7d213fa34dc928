// The readable view of a protobuf exposition: the decoded io.prometheus.client.MetricFamily
// messages written in protobuf's text format (as `protoc --decode` shows a message), one
// `metric_family { … }` block per family.
// Rules:
// - fields in metrics.proto's order and names (snake_case), only those present (proto2: a
//   histogram's schema, zero threshold and zero count are shown when written, even at 0);
// - a native histogram's spans one per line (`positive_span { offset: -30 length: 12 }`) and its
//   deltas as one list (`positive_delta: [1, 2, -1]`), then a comment saying what the buckets
//   cover: how many, from which lower bound to which upper bound, and the base of the schema;
// - strings quoted as JSON quotes them (protobuf's text format takes the same escapes for
//   quotes, backslashes and newlines); floats as Go formats them (formatFloat: what the 0.0.4
//   text shows for the same value), so a value reads the same in both views.
// Pure: decoded families in, text out (unit-tested in Node).
import { formatFloat } from "../../engine/exposition";
import type { BucketSpan, Histogram, Metric, MetricFamily } from "../../wire";

const TYPE_NAMES: Record<number, string> = { 0: "COUNTER", 1: "GAUGE", 2: "SUMMARY", 3: "UNTYPED", 4: "HISTOGRAM", 5: "GAUGE_HISTOGRAM" };

const str = (s: string) => JSON.stringify(s);

/** A native bucket's upper bound: Prometheus bucket i is (base^(i−1), base^i], base = 2^(2^−schema). */
const bound = (index: number, schema: number) => 2 ** (index * 2 ** -schema);

/** Prometheus indexes of the buckets that spans cover, in order. */
function spanIndexes(spans: readonly BucketSpan[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const s of spans) {
    at += s.offset;
    for (let j = 0; j < s.length; j++) out.push(at++);
  }
  return out;
}

function describeNative(h: Histogram): string | null {
  if (h.schema === undefined) return null;
  const schema = h.schema;
  const pos = spanIndexes(h.positiveSpan);
  const neg = spanIndexes(h.negativeSpan);
  const parts = [`schema ${schema}: base 2^(2^${-schema}) = ${formatFloat(2 ** 2 ** -schema)}`];
  if (pos.length > 0)
    parts.push(`${pos.length} positive bucket${pos.length === 1 ? "" : "s"} from ${formatFloat(bound(pos[0]! - 1, schema))} to ${formatFloat(bound(pos.at(-1)!, schema))}`);
  if (neg.length > 0)
    parts.push(`${neg.length} negative bucket${neg.length === 1 ? "" : "s"} from −${formatFloat(bound(neg.at(-1)!, schema))} to −${formatFloat(bound(neg[0]! - 1, schema))}`);
  parts.push(`zero bucket |v| ≤ ${formatFloat(h.zeroThreshold ?? 0)} holds ${formatFloat(h.zeroCount ?? 0)}`);
  return `# native histogram: ${parts.join("; ")}`;
}

function histogramLines(h: Histogram, pad: string): string[] {
  const lines = [`${pad}sample_count: ${h.sampleCount}`];
  if (h.sampleCountFloat !== undefined) lines.push(`${pad}sample_count_float: ${formatFloat(h.sampleCountFloat)}`);
  lines.push(`${pad}sample_sum: ${formatFloat(h.sampleSum)}`);
  for (const b of h.bucket) lines.push(`${pad}bucket { cumulative_count: ${b.cumulativeCount} upper_bound: ${formatFloat(b.upperBound)} }`);
  if (h.schema !== undefined) lines.push(`${pad}schema: ${h.schema}`);
  if (h.zeroThreshold !== undefined) lines.push(`${pad}zero_threshold: ${formatFloat(h.zeroThreshold)}`);
  if (h.zeroCount !== undefined) lines.push(`${pad}zero_count: ${h.zeroCount}`);
  if (h.zeroCountFloat !== undefined) lines.push(`${pad}zero_count_float: ${formatFloat(h.zeroCountFloat)}`);
  for (const s of h.negativeSpan) lines.push(`${pad}negative_span { offset: ${s.offset} length: ${s.length} }`);
  if (h.negativeDelta.length > 0) lines.push(`${pad}negative_delta: [${h.negativeDelta.join(", ")}]`);
  if (h.negativeCount.length > 0) lines.push(`${pad}negative_count: [${h.negativeCount.map(formatFloat).join(", ")}]`);
  for (const s of h.positiveSpan) lines.push(`${pad}positive_span { offset: ${s.offset} length: ${s.length} }`);
  if (h.positiveDelta.length > 0) lines.push(`${pad}positive_delta: [${h.positiveDelta.join(", ")}]`);
  if (h.positiveCount.length > 0) lines.push(`${pad}positive_count: [${h.positiveCount.map(formatFloat).join(", ")}]`);
  const native = describeNative(h);
  if (native) lines.push(`${pad}${native}`);
  return lines;
}

function metricLines(m: Metric): string[] {
  const lines = ["  metric {"];
  for (const l of m.label) lines.push(`    label { name: ${str(l.name)} value: ${str(l.value)} }`);
  const value = (field: string, v: { value: number } | undefined) => {
    if (v) lines.push(`    ${field} { value: ${formatFloat(v.value)} }`);
  };
  value("gauge", m.gauge);
  value("counter", m.counter);
  value("untyped", m.untyped);
  if (m.histogram) lines.push("    histogram {", ...histogramLines(m.histogram, "      "), "    }");
  if (m.timestampMs !== undefined) lines.push(`    timestamp_ms: ${m.timestampMs}`);
  lines.push("  }");
  return lines;
}

/** The families as protobuf's text format, one `metric_family { … }` block each; "" for none. */
export function protobufText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push("metric_family {", `  name: ${str(f.name)}`, `  help: ${str(f.help)}`, `  type: ${TYPE_NAMES[f.type] ?? f.type}`);
    for (const m of f.metric) lines.push(...metricLines(m));
    lines.push("}");
  }
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}
