// The stats engine's public API: measures, tags, views and their aggregations, the engine
// instance and its measurement log, PromQL's histogram_quantile, exact quantiles and the bucket
// advisor. OpenCensus concepts, TypeScript idioms, no runtime
// dependencies, no DOM: it runs in the browser, in Node and in benchmarks.
// The other entry points: `./exposition` (Prometheus text, OpenMetrics, the parser) and `./lint`.
// Rule: only what is exported here, there and there is public; every other module is internal.

export { StatsError, TagError, MeasureError, ViewError, type StatsErrorCode } from "./errors";
export { tagKey, TagMap, tagValueProblem, type TagKey, type TagRecord } from "./tags";
export {
  measureFloat64,
  measureInt64,
  type Measure,
  type MeasureOptions,
  type MeasureType,
  type Measurement,
} from "./measure";
export {
  count,
  sum,
  lastValue,
  distribution,
  boundsProblem,
  cumulativeBuckets,
  type Aggregation,
  type ExponentialHistogramAggregation,
  type ExponentialHistogramData,
  type AggregationType,
  type AggregationData,
  type CountData,
  type SumData,
  type LastValueData,
  type DistributionData,
} from "./aggregation";
export { exponentialHistogram, mergeExponential, type ExponentialHistogramOptions } from "./exponential";
export { linearBuckets, exponentialBuckets, exponentialBucketsRange } from "./buckets";
export { describeView, type View, type ViewDefinition, type ViewData, type Row } from "./view";
export { DEFAULT_ROW_LIMIT, OVERFLOW_LABEL, OVERFLOW_VALUE, rowLimitProblem } from "./overflow";
export {
  createStats,
  DEFAULT_REPORTING_PERIOD_MS,
  MIN_REPORTING_PERIOD_MS,
  type Stats,
  type StatsOptions,
  type Exporter,
} from "./stats";
export {
  EXEMPLAR_MAX_CODE_POINTS,
  exemplarProblem,
  templateProblem,
  type Exemplar,
  type ExemplarLabels,
  type ExemplarTemplate,
  sortedLabels,
} from "./exemplar";
export { histogramQuantile, type CumulativeBucket } from "./quantile";
export { exactQuantile, exactQuantiles } from "./exact";
export { adviseBounds, layoutErrors, type Advice, type AdviceOptions, type QuantileError } from "./advisor";
export { DEFAULT_LOG_CAPACITY, type LogOptions, type MeasurementLog } from "./log";
