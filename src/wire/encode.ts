// Encoders of the io.prometheus.client messages (metrics.ts) over @bufbuild/protobuf's
// BinaryWriter, which does the varints, zigzag and length prefixes.
// Rules:
// - Fields are written in field-number order, as Go's protobuf marshaller does, so a family
//   client_golang would write comes out byte for byte the same (test/golden/native/).
// - proto2 repeated scalars are not packed: each delta is its own tagged varint (the proto
//   declares no `[packed = true]`, and client_golang writes them so).
// - Counts are uint64 and deltas sint64 on the wire: a count must be a non-negative safe integer
//   and a delta a safe integer, else RangeError (never a silently rounded count).

import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import type { Bucket, BucketSpan, Histogram, LabelPair, Metric, MetricFamily, Value } from "./metrics";

function count(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`);
  return n;
}

function delta(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer, got ${n}`);
  return n;
}

function labelPair(w: BinaryWriter, l: LabelPair): void {
  w.tag(1, WireType.LengthDelimited).string(l.name);
  w.tag(2, WireType.LengthDelimited).string(l.value);
}

function value(w: BinaryWriter, v: Value): void {
  w.tag(1, WireType.Bit64).double(v.value);
}

function bucket(w: BinaryWriter, b: Bucket): void {
  w.tag(1, WireType.Varint).uint64(count(b.cumulativeCount, "a bucket's cumulative count"));
  w.tag(2, WireType.Bit64).double(b.upperBound);
}

function span(w: BinaryWriter, s: BucketSpan): void {
  w.tag(1, WireType.Varint).sint32(s.offset);
  w.tag(2, WireType.Varint).uint32(s.length);
}

function message<T>(w: BinaryWriter, field: number, m: T, write: (w: BinaryWriter, m: T) => void): void {
  w.tag(field, WireType.LengthDelimited).fork();
  write(w, m);
  w.join();
}

function histogram(w: BinaryWriter, h: Histogram): void {
  w.tag(1, WireType.Varint).uint64(count(h.sampleCount, "sample_count"));
  w.tag(2, WireType.Bit64).double(h.sampleSum);
  for (const b of h.bucket) message(w, 3, b, bucket);
  if (h.sampleCountFloat !== undefined) w.tag(4, WireType.Bit64).double(h.sampleCountFloat);
  if (h.schema !== undefined) w.tag(5, WireType.Varint).sint32(h.schema);
  if (h.zeroThreshold !== undefined) w.tag(6, WireType.Bit64).double(h.zeroThreshold);
  if (h.zeroCount !== undefined) w.tag(7, WireType.Varint).uint64(count(h.zeroCount, "zero_count"));
  if (h.zeroCountFloat !== undefined) w.tag(8, WireType.Bit64).double(h.zeroCountFloat);
  for (const s of h.negativeSpan) message(w, 9, s, span);
  for (const d of h.negativeDelta) w.tag(10, WireType.Varint).sint64(delta(d, "negative_delta"));
  for (const c of h.negativeCount) w.tag(11, WireType.Bit64).double(c);
  for (const s of h.positiveSpan) message(w, 12, s, span);
  for (const d of h.positiveDelta) w.tag(13, WireType.Varint).sint64(delta(d, "positive_delta"));
  for (const c of h.positiveCount) w.tag(14, WireType.Bit64).double(c);
}

function metric(w: BinaryWriter, m: Metric): void {
  for (const l of m.label) message(w, 1, l, labelPair);
  if (m.gauge) message(w, 2, m.gauge, value);
  if (m.counter) message(w, 3, m.counter, value);
  if (m.untyped) message(w, 5, m.untyped, value);
  if (m.timestampMs !== undefined) w.tag(6, WireType.Varint).int64(delta(m.timestampMs, "timestamp_ms"));
  if (m.histogram) message(w, 7, m.histogram, histogram);
}

/** Writes one MetricFamily's fields (no length prefix) into `w`. */
export function writeMetricFamily(w: BinaryWriter, f: MetricFamily): void {
  w.tag(1, WireType.LengthDelimited).string(f.name);
  w.tag(2, WireType.LengthDelimited).string(f.help);
  w.tag(3, WireType.Varint).int32(f.type);
  for (const m of f.metric) message(w, 4, m, metric);
}

/** One MetricFamily as a protobuf message, without a length prefix. */
export function encodeMetricFamily(f: MetricFamily): Uint8Array {
  const w = new BinaryWriter();
  writeMetricFamily(w, f);
  return w.finish();
}
