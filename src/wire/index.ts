// The wire layer's entry point: Prometheus's protobuf exposition (delimited
// io.prometheus.client.MetricFamily, client_model 0.3.0) with native histograms.
// Rule: it sits beside the engine (docs/architecture.md "Layers"): it imports the engine only
// through its entry points, @bufbuild/protobuf for the wire encoding, and nothing of the app.

export {
  MetricType,
  METRIC_TYPE_NAMES,
  type MetricTypeValue,
  type MetricFamily,
  type Metric,
  type LabelPair,
  type Value,
  type Histogram,
  type Bucket,
  type BucketSpan,
} from "./metrics";
export { encodeMetricFamily } from "./encode";
export { decodeMetricFamily } from "./decode";
export { PROTOBUF_CONTENT_TYPE, encodeDelimited, decodeDelimited } from "./delimited";
export {
  nativeHistogram,
  makeBuckets,
  MIN_SCHEMA,
  MAX_SCHEMA,
  type ExponentialHistogramData,
  type NativeHistogram,
} from "./nativeHistogram";
export {
  nativeHistogramQuantile,
  nativeHistogramCount,
  nativeHistogramSum,
  getBound,
  allBuckets,
  type NativeBucket,
} from "./nativeQuantile";
export { toPrometheusProtobuf, decodePrometheusProtobuf, toMetricFamilies } from "./protobuf";
export { familySamples, type WireSample } from "./samples";
