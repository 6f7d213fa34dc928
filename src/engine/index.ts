// The stats engine's public API: OpenCensus concepts, TypeScript idioms, Prometheus-correct
// output. No runtime dependencies, no DOM: it runs in the browser, in Node and in benchmarks.

export { StatsError, TagError, MeasureError, ViewError, type StatsErrorCode } from "./errors";
export { tagKey, TagMap, tagValueProblem, type TagKey } from "./tags";
export {
  measureFloat64,
  measureInt64,
  type Measure,
  type MeasureType,
  type Measurement,
} from "./measure";
export {
  count,
  sum,
  lastValue,
  distribution,
  boundsProblem,
  bucketIndex,
  cumulativeBuckets,
  type Aggregation,
  type AggregationType,
  type AggregationData,
  type CountData,
  type SumData,
  type LastValueData,
  type DistributionData,
} from "./aggregation";
export { linearBuckets, exponentialBuckets, exponentialBucketsRange } from "./buckets";
export { describeView, type View, type ViewDefinition, type ViewData, type Row } from "./view";
export {
  createStats,
  DEFAULT_REPORTING_PERIOD_MS,
  MIN_REPORTING_PERIOD_MS,
  type Stats,
  type StatsOptions,
  type Exporter,
} from "./stats";
export { histogramQuantile, type CumulativeBucket } from "./quantile";
export { toPrometheusText, PROMETHEUS_CONTENT_TYPE } from "./exposition/prometheus";
export {
  toOpenMetricsText,
  OPENMETRICS_CONTENT_TYPE,
  type OpenMetricsOptions,
} from "./exposition/openmetrics";
export type { ExpositionOptions } from "./exposition/family";
export {
  sanitizeName,
  namespaceProblem,
  exposedName,
  type Naming,
  type MetricType,
} from "./exposition/names";
export { formatFloat, formatOpenMetricsFloat } from "./exposition/float";
export {
  parseExposition,
  type ExpositionFormat,
  type ParsedExposition,
  type ParsedSample,
} from "./exposition/parse";
export { lintExposition, detectFormat, type LintProblem, type LintResult, type LintRule } from "./lint/lint";

export const ENGINE_VERSION = "0.1.0";
