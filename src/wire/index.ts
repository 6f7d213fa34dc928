// The wire layer's entry point: Prometheus's protobuf exposition (delimited
// io.prometheus.client.MetricFamily, client_model 0.3.0) with native histograms, and the
// remote-write 1.0 request body (prompb WriteRequest, snappy-compressed).
// Rule: it sits beside the engine (docs/architecture.md "Layers"): it imports the engine only
// through its entry points, @bufbuild/protobuf for the wire encoding, snappyjs for remote
// write's compression, and nothing of the app.

export {
  MetricType,
  METRIC_TYPE_NAMES,
  type MetricTypeValue,
  type MetricFamily,
  type Metric,
  // Renamed: LabelPair (below) is remote write's [name, value] tuple, which the remote-write
  // code imports from here; the exposition's { name, value } is this one.
  type LabelPair as ExpositionLabelPair,
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

// Remote write 1.0 (prompb/remote.proto WriteRequest), snappy-compressed, cut into time-ordered
// batches.
export {
  REMOTE_WRITE_HEADERS,
  encodeWriteRequest,
  decodeWriteRequest,
  remoteWriteBody,
  type MetadataType,
  type MetricMetadata,
  type LabelPair,
  type WriteSeries,
  type DecodedSample,
  type DecodedWriteRequest,
} from "./remoteWrite";
export { timeOrderedBatches, slabBatches, samplesInRange, type SeriesColumns, type WriteBatch } from "./remoteWriteBatches";
export { snappyCompress, snappyUncompress } from "./snappy";
