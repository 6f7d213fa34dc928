// An exponential histogram (OpenTelemetry's buckets, as the engine keeps them) as a Prometheus
// native histogram: schema, zero bucket, spans and deltas.
// Rules:
// - OpenTelemetry's bucket index i at scale s holds (base^i, base^(i+1)], base = 2^(2^-s);
//   Prometheus's bucket i holds (b^(i-1), b^i] (client_golang histogram.go, getLe: key 0 has
//   upper bound 1). Both are upper-inclusive with the same bases, so Prometheus index = OTel
//   index + 1.
// - Schema = scale when -4 ≤ scale ≤ 8 (Prometheus's valid schemas, client_model metrics.proto).
//   Above 8 the buckets are merged down to schema 8: index i becomes i >> (scale − 8) (floor),
//   as OpenTelemetry's downscaling does; the merged bucket holds exactly the buckets it covers.
//   Below −4 a bucket is wider than any Prometheus bucket and cannot be split: RangeError (the
//   OTLP translator in Prometheus refuses such scales too).
// - Spans and deltas as client_golang 1.14 `makeBuckets`: the buckets with observations, in
//   index order; a gap of one or two empty buckets stays in the span (written as count 0), a
//   longer gap starts a new span whose offset is the gap (the first span's offset is its
//   absolute index); deltas are the first count, then each count minus the previous one.
//   Buckets with a count of 0 in the input are gaps, as client_golang never holds them in a
//   histogram that was not reset.
// - Zero bucket: the threshold and count as given (|v| ≤ threshold, as client_golang counts it).

import type { ExponentialHistogramData } from "../engine";
import type { BucketSpan } from "./metrics";

export type { ExponentialHistogramData };

/** Prometheus's native buckets of one exponential histogram row. */
export interface NativeHistogram {
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  positiveSpan: BucketSpan[];
  positiveDelta: number[];
  negativeSpan: BucketSpan[];
  negativeDelta: number[];
}

/** Prometheus's schemas: -4 ≤ schema ≤ 8 (client_model metrics.proto, Histogram.schema). */
export const MIN_SCHEMA = -4;
export const MAX_SCHEMA = 8;

/**
 * The (Prometheus index, count) pairs of one side, in index order, buckets merged to `schema`
 * and empty ones dropped.
 */
function prometheusBuckets(side: { offset: number; counts: readonly number[] }, shift: number): [number[], number[]] {
  const keys: number[] = [];
  const counts: number[] = [];
  const merge = 2 ** shift;
  for (let k = 0; k < side.counts.length; k++) {
    const c = side.counts[k]!;
    if (c === 0) continue;
    // Math.floor, not >>: indices at high scales may pass 2^31 before the shift.
    const key = Math.floor((side.offset + k) / merge) + 1;
    if (keys.length > 0 && keys[keys.length - 1] === key) counts[counts.length - 1]! += c;
    else {
      keys.push(key);
      counts.push(c);
    }
  }
  return [keys, counts];
}

/** client_golang 1.14 histogram.go `makeBuckets`: spans and deltas of sorted keys. */
export function makeBuckets(keys: readonly number[], counts: readonly number[]): { spans: BucketSpan[]; deltas: number[] } {
  const spans: BucketSpan[] = [];
  const deltas: number[] = [];
  let prev = 0;
  let next = 0;
  const append = (count: number): void => {
    spans[spans.length - 1]!.length++;
    deltas.push(count - prev);
    prev = count;
  };
  for (let n = 0; n < keys.length; n++) {
    const gap = keys[n]! - next;
    if (n === 0 || gap > 2) spans.push({ offset: gap, length: 0 });
    else for (let j = 0; j < gap; j++) append(0);
    append(counts[n]!);
    next = keys[n]! + 1;
  }
  return { spans, deltas };
}

/** The native histogram of `data` (see the rules above); RangeError for a scale below −4. */
export function nativeHistogram(data: ExponentialHistogramData): NativeHistogram {
  const scale = data.scale;
  if (!Number.isInteger(scale)) throw new RangeError(`exponential histogram scale ${scale} is not an integer`);
  if (scale < MIN_SCHEMA)
    throw new RangeError(
      `exponential histogram scale ${scale} is below ${MIN_SCHEMA}, the widest Prometheus schema; its buckets cannot be split into native buckets`,
    );
  const schema = Math.min(scale, MAX_SCHEMA);
  const shift = scale - schema;
  const positive = makeBuckets(...prometheusBuckets(data.positive, shift));
  const negative = makeBuckets(...prometheusBuckets(data.negative, shift));
  return {
    schema,
    zeroThreshold: data.zeroThreshold,
    zeroCount: data.zeroCount,
    positiveSpan: positive.spans,
    positiveDelta: positive.deltas,
    negativeSpan: negative.spans,
    negativeDelta: negative.deltas,
  };
}
