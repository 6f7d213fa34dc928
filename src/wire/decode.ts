// Decoders of the io.prometheus.client messages (metrics.ts) over @bufbuild/protobuf's
// BinaryReader.
// Rules (the protobuf encoding's, so any conforming writer's output reads back):
// - an unknown field is skipped, as are Summary and Exemplar, which this layer does not model;
// - a repeated scalar is accepted packed or unpacked;
// - a field written twice keeps its last value (a message field: the last one, not merged; we
//   never write one twice);
// - a uint64 count or int64 value beyond the safe integers is a RangeError, never rounded.
// Absent repeated fields are empty arrays; absent optional fields are undefined, except the
// proto2 defaults a reader falls back on for name, help, type, label name and value, sample
// count and sum ("", COUNTER, 0).

import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import {
  type Bucket,
  type BucketSpan,
  emptyHistogram,
  type Histogram,
  type LabelPair,
  type Metric,
  type MetricFamily,
  type MetricTypeValue,
  type Value,
} from "./metrics";

function safe(n: bigint | string, what: string): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} ${String(n)} is beyond the safe integers`);
  return v;
}

/** Reads the message at the reader's position (length-prefixed) with `read`. */
function sub<T>(r: BinaryReader, read: (r: BinaryReader) => T): T {
  return read(new BinaryReader(r.bytes()));
}

/** One or more values of a repeated scalar: packed (length-delimited) or one tagged value. */
function repeated(r: BinaryReader, wire: WireType, read: (r: BinaryReader) => number, into: number[]): void {
  if (wire !== WireType.LengthDelimited) {
    into.push(read(r));
    return;
  }
  const packed = new BinaryReader(r.bytes());
  while (packed.pos < packed.len) into.push(read(packed));
}

function labelPair(r: BinaryReader): LabelPair {
  const l: LabelPair = { name: "", value: "" };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1) l.name = r.string();
    else if (field === 2) l.value = r.string();
    else r.skip(wire, field);
  }
  return l;
}

function value(r: BinaryReader): Value {
  const v: Value = { value: 0 };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1) v.value = r.double();
    else r.skip(wire, field);
  }
  return v;
}

function bucket(r: BinaryReader): Bucket {
  const b: Bucket = { cumulativeCount: 0, upperBound: 0 };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1) b.cumulativeCount = safe(r.uint64(), "cumulative_count");
    else if (field === 2) b.upperBound = r.double();
    else r.skip(wire, field);
  }
  return b;
}

function span(r: BinaryReader): BucketSpan {
  const s: BucketSpan = { offset: 0, length: 0 };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1) s.offset = r.sint32();
    else if (field === 2) s.length = r.uint32();
    else r.skip(wire, field);
  }
  return s;
}

const sint64 = (r: BinaryReader): number => safe(r.sint64(), "delta");
const double = (r: BinaryReader): number => r.double();

function histogram(r: BinaryReader): Histogram {
  const h = emptyHistogram(0, 0);
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    switch (field) {
      case 1: h.sampleCount = safe(r.uint64(), "sample_count"); break;
      case 2: h.sampleSum = r.double(); break;
      case 3: h.bucket.push(sub(r, bucket)); break;
      case 4: h.sampleCountFloat = r.double(); break;
      case 5: h.schema = r.sint32(); break;
      case 6: h.zeroThreshold = r.double(); break;
      case 7: h.zeroCount = safe(r.uint64(), "zero_count"); break;
      case 8: h.zeroCountFloat = r.double(); break;
      case 9: h.negativeSpan.push(sub(r, span)); break;
      case 10: repeated(r, wire, sint64, h.negativeDelta); break;
      case 11: repeated(r, wire, double, h.negativeCount); break;
      case 12: h.positiveSpan.push(sub(r, span)); break;
      case 13: repeated(r, wire, sint64, h.positiveDelta); break;
      case 14: repeated(r, wire, double, h.positiveCount); break;
      default: r.skip(wire, field);
    }
  }
  return h;
}

function metric(r: BinaryReader): Metric {
  const m: Metric = { label: [] };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    switch (field) {
      case 1: m.label.push(sub(r, labelPair)); break;
      case 2: m.gauge = sub(r, value); break;
      case 3: m.counter = sub(r, value); break;
      case 5: m.untyped = sub(r, value); break;
      case 6: m.timestampMs = safe(r.int64(), "timestamp_ms"); break;
      case 7: m.histogram = sub(r, histogram); break;
      default: r.skip(wire, field); // 4: Summary
    }
  }
  return m;
}

/** Reads the fields of one MetricFamily from `r` up to its end. */
export function readMetricFamily(r: BinaryReader): MetricFamily {
  const f: MetricFamily = { name: "", help: "", type: 0, metric: [] };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    switch (field) {
      case 1: f.name = r.string(); break;
      case 2: f.help = r.string(); break;
      case 3: f.type = r.int32() as MetricTypeValue; break;
      case 4: f.metric.push(sub(r, metric)); break;
      default: r.skip(wire, field);
    }
  }
  return f;
}

/** One MetricFamily message (no length prefix). */
export function decodeMetricFamily(bytes: Uint8Array): MetricFamily {
  return readMetricFamily(new BinaryReader(bytes));
}
