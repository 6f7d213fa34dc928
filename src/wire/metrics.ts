// The messages of Prometheus's protobuf exposition, package io.prometheus.client, as plain data:
// client_model 0.3.0 `io/prometheus/client/metrics.proto` (the version client_golang 1.14 and
// Prometheus 2.42 use), with the native-histogram fields.
// Rules:
// - Field names are the proto's in camelCase; a repeated field is an array (empty when absent).
// - The proto is proto2: an optional field is present or absent, and a present 0 or "" is
//   written (client_golang sets name, help, label name and value, sample count and sum, and for
//   a native histogram schema, zero threshold and zero count, even when they are 0). Optional
//   fields we may leave out are `?` here; absent on decode is undefined.
// - Summary and Exemplar are not written by this layer; the decoder skips them (and any unknown
//   field), as every protobuf reader does.

/** MetricFamily.type: the proto's enum MetricType. */
export const MetricType = {
  COUNTER: 0,
  GAUGE: 1,
  SUMMARY: 2,
  UNTYPED: 3,
  HISTOGRAM: 4,
  GAUGE_HISTOGRAM: 5,
} as const;
export type MetricTypeValue = (typeof MetricType)[keyof typeof MetricType];

/** The enum's names by value, for a readable view. */
export const METRIC_TYPE_NAMES: Readonly<Record<number, string>> = Object.freeze(
  Object.fromEntries(Object.entries(MetricType).map(([name, value]) => [value, name])),
);

export interface LabelPair {
  name: string;
  value: string;
}

/** Counter, Gauge and Untyped all carry one double. */
export interface Value {
  value: number;
}

/** A classic bucket: observations ≤ upperBound, cumulative. client_golang omits the +Inf bucket. */
export interface Bucket {
  cumulativeCount: number;
  upperBound: number;
}

/** Consecutive native buckets: `offset` from the previous span's end (the first: absolute index). */
export interface BucketSpan {
  offset: number;
  length: number;
}

export interface Histogram {
  sampleCount: number;
  sampleCountFloat?: number;
  sampleSum: number;
  /** Classic buckets, increasing upper bounds. */
  bucket: Bucket[];
  /** Native histogram: present exactly when the histogram has native buckets (schema -4..8). */
  schema?: number;
  zeroThreshold?: number;
  zeroCount?: number;
  zeroCountFloat?: number;
  negativeSpan: BucketSpan[];
  /** Integer counts as deltas: the first bucket's count, then each bucket minus the previous. */
  negativeDelta: number[];
  /** Float histograms only (absolute counts); client_golang 1.14 never writes them. */
  negativeCount: number[];
  positiveSpan: BucketSpan[];
  positiveDelta: number[];
  positiveCount: number[];
}

export interface Metric {
  label: LabelPair[];
  gauge?: Value;
  counter?: Value;
  untyped?: Value;
  histogram?: Histogram;
  timestampMs?: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricTypeValue;
  metric: Metric[];
}

/** A histogram with no buckets of either kind: fill in what a family needs. */
export function emptyHistogram(sampleCount: number, sampleSum: number): Histogram {
  return {
    sampleCount,
    sampleSum,
    bucket: [],
    negativeSpan: [],
    negativeDelta: [],
    negativeCount: [],
    positiveSpan: [],
    positiveDelta: [],
    positiveCount: [],
  };
}
