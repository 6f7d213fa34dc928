// Prometheus remote write 1.0: the prompb messages a POST /api/v1/write body carries
// (prompb/remote.proto WriteRequest; prompb/types.proto TimeSeries, Label, Sample,
// MetricMetadata), written and read over @bufbuild/protobuf's BinaryWriter and BinaryReader
// (docs/remote-write.md "The wire").
// Rules:
// - Bytes as Prometheus's gogoproto marshaller writes them (prompb/types.pb.go
//   MarshalToSizedBuffer): fields in field-number order, proto3 zero values left out (a 0
//   timestamp, type UNKNOWN, an empty help or unit). One exception: gogoproto drops -0 as well
//   (-0 != 0 is false in Go) and we write it, so a -0 arrives as -0.
// - A staleness marker is written with StaleNaN's exact bits (model/value/value.go StaleNaN,
//   0x7ff0000000000002) from the series' stale flags, never from the value: V8 does not keep NaN
//   payloads (docs/promql.md). Any other NaN is written as value.NormalNaN (math.NaN()'s bits),
//   so no payload can turn a sample into a marker by accident. The reader decides `stale` from
//   the 8 raw bytes for the same reason.
// - A series breaking the remote-write invariants (labels sorted by name, no duplicate name,
//   no empty name or value, a __name__; integer, strictly increasing timestamps) is refused
//   with a RangeError naming the series and the rule, before anything is sent.

import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { snappyCompress } from "./snappy";

/** The headers of a remote-write POST (storage/remote/client.go Store). */
export const REMOTE_WRITE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Encoding": "snappy",
  "Content-Type": "application/x-protobuf",
  "X-Prometheus-Remote-Write-Version": "0.1.0",
});

/** prompb/types.proto MetricMetadata.MetricType, lower-cased as textparse.MetricType spells it. */
export type MetadataType =
  | "unknown"
  | "counter"
  | "gauge"
  | "histogram"
  | "gaugehistogram"
  | "summary"
  | "info"
  | "stateset";

/** The enum's values in number order: UNKNOWN = 0 … STATESET = 7 (prompb/types.proto). */
const METADATA_TYPES: readonly MetadataType[] = [
  "unknown",
  "counter",
  "gauge",
  "histogram",
  "gaugehistogram",
  "summary",
  "info",
  "stateset",
];

/** prompb/types.proto MetricMetadata: one family's type, help and unit. */
export interface MetricMetadata {
  readonly type: MetadataType;
  readonly metricFamilyName: string;
  readonly help: string;
  readonly unit: string;
}

export type LabelPair = readonly [name: string, value: string];

export interface WriteSeries {
  /** Sorted by name (byte order, as Prometheus's labels.Labels), __name__ included, no empty value, no duplicate name. */
  readonly labels: readonly LabelPair[];
  /** ms since the epoch, integers, strictly increasing. */
  readonly timestamps: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  /** 1 where the sample is a staleness marker: written with StaleNaN's exact bits 0x7ff0000000000002 whatever values[i] holds (V8 does not keep NaN payloads), else null. */
  readonly stale: ArrayLike<number> | null;
}

export interface DecodedSample {
  value: number;
  timestamp: number;
  stale: boolean;
}

export interface DecodedWriteRequest {
  timeseries: { labels: [string, string][]; samples: DecodedSample[] }[];
  metadata: MetricMetadata[];
}

// Tags ((field << 3) | wire type), computed once for the per-sample path.
const TIMESERIES_TAG = (1 << 3) | WireType.LengthDelimited; // WriteRequest.timeseries = 1
const METADATA_TAG = (3 << 3) | WireType.LengthDelimited; // WriteRequest.metadata = 3
const LABEL_TAG = (1 << 3) | WireType.LengthDelimited; // TimeSeries.labels = 1
const SAMPLE_TAG = (2 << 3) | WireType.LengthDelimited; // TimeSeries.samples = 2
const VALUE_TAG = (1 << 3) | WireType.Bit64; // Sample.value = 1 (double)
const TIMESTAMP_TAG = (2 << 3) | WireType.Varint; // Sample.timestamp = 2 (int64)

/** value.StaleNaN, little-endian as a protobuf double is written. */
const STALE_NAN_BYTES = Uint8Array.of(0x02, 0, 0, 0, 0, 0, 0xf0, 0x7f);
/** value.NormalNaN (Go's math.NaN()), little-endian. */
const NORMAL_NAN_BYTES = Uint8Array.of(0x01, 0, 0, 0, 0, 0, 0xf8, 0x7f);

/**
 * Prometheus's label names (model.LabelNameRE, before 3.0's UTF-8 names): ASCII, so JavaScript's
 * string order is the byte order Prometheus sorts them in.
 */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label set for error messages, as Prometheus prints one (values JSON-quoted). */
function describe(labels: readonly LabelPair[]): string {
  return `{${labels.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(", ")}}`;
}

function refuse(index: number, labels: readonly LabelPair[], rule: string): never {
  throw new RangeError(`remote write: series ${index} ${describe(labels)}: ${rule}`);
}

function checkLabels(labels: readonly LabelPair[], index: number): void {
  let hasName = false;
  for (let i = 0; i < labels.length; i++) {
    const [name, value] = labels[i]!;
    if (!LABEL_NAME.test(name)) refuse(index, labels, name === "" ? `label ${i} has an empty name` : `label name ${JSON.stringify(name)} is not [a-zA-Z_][a-zA-Z0-9_]*`);
    if (value === "") refuse(index, labels, `label ${name} has an empty value (an empty label is an absent one: leave it out)`);
    if (name === "__name__") hasName = true;
    if (i > 0) {
      const previous = labels[i - 1]![0];
      if (previous === name) refuse(index, labels, `duplicate label name ${name}`);
      if (previous > name) refuse(index, labels, `labels not sorted by name: ${name} comes after ${labels[i - 1]![0]}`);
    }
  }
  if (!hasName) refuse(index, labels, "no __name__ label");
}

/** A series' Label messages, each tagged as TimeSeries.labels, and the label text they encode. */
interface EncodedLabels {
  /** name0, value0, name1, … as they were when encoded. */
  readonly text: readonly string[];
  readonly bytes: Uint8Array;
}

/**
 * Encoded labels by label array. A batch cut from a history passes the same array for a series
 * in every batch, so its labels are checked and turned into UTF-8 once, not once per request.
 * The text is compared on each use (references, so cheap), so an array changed in place since
 * is checked and encoded again rather than sent stale.
 */
const encodedLabels = new WeakMap<readonly LabelPair[], EncodedLabels>();

function unchanged(e: EncodedLabels, labels: readonly LabelPair[]): boolean {
  const text = e.text;
  if (text.length !== labels.length * 2) return false;
  for (let i = 0; i < labels.length; i++) {
    const pair = labels[i]!;
    if (pair[0] !== text[2 * i] || pair[1] !== text[2 * i + 1]) return false;
  }
  return true;
}

/** The TimeSeries.labels fields of `labels` (prompb/types.proto Label: name = 1, value = 2). */
function labelBytes(labels: readonly LabelPair[], index: number): Uint8Array {
  const cached = encodedLabels.get(labels);
  if (cached !== undefined && unchanged(cached, labels)) return cached.bytes;
  checkLabels(labels, index);
  const w = new BinaryWriter();
  const text: string[] = [];
  for (const [name, value] of labels) {
    w.uint32(LABEL_TAG).fork();
    w.tag(1, WireType.LengthDelimited).string(name);
    w.tag(2, WireType.LengthDelimited).string(value);
    w.join();
    text.push(name, value);
  }
  const bytes = w.finish();
  encodedLabels.set(labels, { text, bytes });
  return bytes;
}

/** Bytes of an int64 varint: a negative one takes all 10 (two's complement, sign-extended). */
function int64Size(t: number): number {
  if (t < 0) return 10;
  if (t < 0x80) return 1;
  if (t < 0x4000) return 2;
  if (t < 0x200000) return 3;
  if (t < 0x10000000) return 4;
  if (t < 0x800000000) return 5;
  if (t < 0x40000000000) return 6;
  if (t < 0x2000000000000) return 7;
  return 8; // safe integers are below 2^53 < 2^56
}

/** Bytes of a uint32 varint (a length prefix). */
function uint32Size(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/** Whether Sample.value is written: everything but +0 (proto3 leaves zero out; see the header for -0). */
function writesValue(v: number, stale: boolean): boolean {
  return stale || !Object.is(v, 0);
}

/**
 * Checks the samples of `s` and returns the size of its TimeSeries message, so the length prefix
 * is written first and no sample goes through fork/join (prompb/types.pb.go TimeSeries.Size).
 */
function timeSeriesSize(s: WriteSeries, index: number, labels: Uint8Array): number {
  const { timestamps, values, stale } = s;
  const n = timestamps.length;
  if (values.length !== n) refuse(index, s.labels, `${n} timestamps but ${values.length} values`);
  if (stale !== null && stale.length !== n) refuse(index, s.labels, `${n} timestamps but ${stale.length} stale flags`);
  let size = labels.length;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i]!;
    if (!Number.isSafeInteger(t)) {
      refuse(index, s.labels, `timestamp ${t} of sample ${i} is not an integer number of milliseconds`);
    }
    if (t <= previous) {
      refuse(index, s.labels, `timestamp ${t} of sample ${i} is not after the previous one (${previous}): timestamps must strictly increase`);
    }
    previous = t;
    let isStale = false;
    if (stale !== null) {
      const flag = stale[i];
      if (flag !== 0 && flag !== 1) refuse(index, s.labels, `stale flag ${flag} of sample ${i} is neither 0 nor 1`);
      isStale = flag === 1;
    }
    // Sample: 1 tag byte + 8 for the double; 1 tag byte + the varint for the timestamp.
    const sampleSize = (writesValue(values[i]!, isStale) ? 9 : 0) + (t === 0 ? 0 : 1 + int64Size(t));
    size += 1 + uint32Size(sampleSize) + sampleSize;
  }
  return size;
}

/**
 * An int64 varint of a timestamp without going through BigInt (BinaryWriter.int64 converts each
 * number to a BigInt, the largest cost per sample). A varint is 7-bit groups, low first, each
 * but the last with its high bit set; so a t >= 2^28 is its low 28 bits as four such bytes,
 * written at once as a little-endian fixed32, then the varint of t / 2^28 (below 2^25 for a
 * safe integer). A negative t (before 1970) takes int64's path.
 */
function writeTimestamp(w: BinaryWriter, t: number): void {
  if (t < 0) w.int64(t);
  else if (t < 0x10000000) w.uint32(t);
  else {
    const low = t % 0x10000000;
    w.fixed32(
      ((low & 0x7f) | 0x80 | ((((low >>> 7) & 0x7f) | 0x80) << 8) | ((((low >>> 14) & 0x7f) | 0x80) << 16) | ((((low >>> 21) & 0x7f) | 0x80) << 24)) >>> 0,
    );
    w.uint32(Math.floor(t / 0x10000000));
  }
}

/** Sample (prompb/types.proto: value = 1 double, timestamp = 2 int64), tagged as TimeSeries.samples. */
function writeSample(w: BinaryWriter, t: number, v: number, isStale: boolean): void {
  const hasValue = writesValue(v, isStale);
  // Its length is computed, not measured with fork/join: under 128, so one byte.
  w.uint32(SAMPLE_TAG).uint32((hasValue ? 9 : 0) + (t === 0 ? 0 : 1 + int64Size(t)));
  if (hasValue) {
    w.uint32(VALUE_TAG);
    if (isStale) w.raw(STALE_NAN_BYTES);
    else if (v !== v) w.raw(NORMAL_NAN_BYTES);
    else w.double(v);
  }
  if (t !== 0) {
    w.uint32(TIMESTAMP_TAG);
    writeTimestamp(w, t);
  }
}

function writeTimeSeries(w: BinaryWriter, s: WriteSeries, labels: Uint8Array, size: number): void {
  w.uint32(TIMESERIES_TAG).uint32(size).raw(labels);
  const { timestamps, values, stale } = s;
  const n = timestamps.length;
  if (stale === null) for (let i = 0; i < n; i++) writeSample(w, timestamps[i]!, values[i]!, false);
  else for (let i = 0; i < n; i++) writeSample(w, timestamps[i]!, values[i]!, stale[i] === 1);
}

/** prompb MetricType number of a metadata entry, refused (RangeError) when not one of the enum. */
function metadataType(m: MetricMetadata): number {
  const type = METADATA_TYPES.indexOf(m.type);
  if (type < 0) throw new RangeError(`remote write: metadata of ${m.metricFamilyName}: unknown type ${String(m.type)}`);
  return type;
}

/** MetricMetadata (prompb/types.proto: type = 1, metric_family_name = 2, help = 4, unit = 5). */
function writeMetadata(w: BinaryWriter, m: MetricMetadata): void {
  const type = metadataType(m);
  w.uint32(METADATA_TAG).fork();
  if (type !== 0) w.tag(1, WireType.Varint).int32(type);
  if (m.metricFamilyName !== "") w.tag(2, WireType.LengthDelimited).string(m.metricFamilyName);
  if (m.help !== "") w.tag(4, WireType.LengthDelimited).string(m.help);
  if (m.unit !== "") w.tag(5, WireType.LengthDelimited).string(m.unit);
  w.join();
}

/**
 * One writer for every request: BinaryWriter.finish() copies out what was written and keeps its
 * buffer, so after the first request of a size nothing grows (a fresh writer doubles its way up
 * from 128 bytes on every request, which is most of the garbage a history's worth of requests
 * makes). Encoding is synchronous and nothing is written before every series is checked; should
 * a write throw anyway, the writer is replaced rather than reused half-written. A writer whose
 * last request was over KEEP_BYTES is replaced too, so one huge request is not kept for good.
 */
let writer = new BinaryWriter();
const KEEP_BYTES = 1 << 22;

/** The WriteRequest protobuf (uncompressed). Throws RangeError on a broken invariant (unsorted/duplicate labels, empty value, non-integer or non-increasing timestamps, length mismatch) naming it. */
export function encodeWriteRequest(series: readonly WriteSeries[], metadata: readonly MetricMetadata[] = []): Uint8Array {
  // Check everything first (and size each TimeSeries), then write.
  const labels: Uint8Array[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i]!;
    const l = labelBytes(s.labels, i);
    labels.push(l);
    sizes.push(timeSeriesSize(s, i, l));
  }
  for (const m of metadata) metadataType(m);
  const w = writer;
  let bytes: Uint8Array;
  try {
    for (let i = 0; i < series.length; i++) writeTimeSeries(w, series[i]!, labels[i]!, sizes[i]!);
    for (const m of metadata) writeMetadata(w, m);
    bytes = w.finish();
  } catch (e) {
    writer = new BinaryWriter(); // not expected (all was checked), but never reuse a half-written writer
    throw e;
  }
  if (bytes.length > KEEP_BYTES) writer = new BinaryWriter();
  return bytes;
}

/** snappy(block) of encodeWriteRequest: the request body. */
export function remoteWriteBody(series: readonly WriteSeries[], metadata?: readonly MetricMetadata[]): Uint8Array {
  return snappyCompress(encodeWriteRequest(series, metadata));
}

// ---------------------------------------------------------------------------------------------
// Reading. Rules (the protobuf encoding's, so any conforming writer's output reads back): an
// unknown field is skipped (exemplars, native histograms), an absent field is its zero value, a
// field written twice keeps its last value, a timestamp beyond the safe integers is a
// RangeError, and a MetricType number the enum does not have reads as "unknown".

function isStaleBytes(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < 8; i++) if (bytes[at + i] !== STALE_NAN_BYTES[i]) return false;
  return true;
}

function safeTimestamp(n: bigint | string): number {
  const t = Number(n);
  if (!Number.isSafeInteger(t)) throw new RangeError(`remote write: timestamp ${String(n)} is beyond the safe integers`);
  return t;
}

function readLabel(bytes: Uint8Array): [string, string] {
  const r = new BinaryReader(bytes);
  let name = "";
  let value = "";
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1) name = r.string();
    else if (field === 2) value = r.string();
    else r.skip(wire, field);
  }
  return [name, value];
}

function readSample(bytes: Uint8Array): DecodedSample {
  const r = new BinaryReader(bytes);
  const s: DecodedSample = { value: 0, timestamp: 0, stale: false };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === WireType.Bit64) {
      s.stale = isStaleBytes(bytes, r.pos);
      s.value = r.double();
    } else if (field === 2 && wire === WireType.Varint) s.timestamp = safeTimestamp(r.int64());
    else r.skip(wire, field);
  }
  return s;
}

function readTimeSeries(bytes: Uint8Array): DecodedWriteRequest["timeseries"][number] {
  const r = new BinaryReader(bytes);
  const ts: DecodedWriteRequest["timeseries"][number] = { labels: [], samples: [] };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === WireType.LengthDelimited) ts.labels.push(readLabel(r.bytes()));
    else if (field === 2 && wire === WireType.LengthDelimited) ts.samples.push(readSample(r.bytes()));
    else r.skip(wire, field);
  }
  return ts;
}

function readMetadata(bytes: Uint8Array): MetricMetadata {
  const r = new BinaryReader(bytes);
  let type: MetadataType = "unknown";
  let metricFamilyName = "";
  let help = "";
  let unit = "";
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === WireType.Varint) type = METADATA_TYPES[r.int32()] ?? "unknown";
    else if (field === 2 && wire === WireType.LengthDelimited) metricFamilyName = r.string();
    else if (field === 4 && wire === WireType.LengthDelimited) help = r.string();
    else if (field === 5 && wire === WireType.LengthDelimited) unit = r.string();
    else r.skip(wire, field);
  }
  return { type, metricFamilyName, help, unit };
}

/** One WriteRequest (uncompressed), as a receiver reads it; `stale` decided from the raw 8 bytes. */
export function decodeWriteRequest(bytes: Uint8Array): DecodedWriteRequest {
  const r = new BinaryReader(bytes);
  const out: DecodedWriteRequest = { timeseries: [], metadata: [] };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === WireType.LengthDelimited) out.timeseries.push(readTimeSeries(r.bytes()));
    else if (field === 3 && wire === WireType.LengthDelimited) out.metadata.push(readMetadata(r.bytes()));
    else r.skip(wire, field);
  }
  return out;
}
