// The engine's exposition entry point: a snapshot written as Prometheus text 0.0.4 or
// OpenMetrics 1.0, in OpenCensus-compatible or Prometheus naming; the formats' names and
// content types; and the parser that reads both formats back as Prometheus does.

export { type ExpositionFormat, CONTENT_TYPES, OPENMETRICS_CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE } from "./format";
export { toText, type TextOptions } from "./toText";
export { toPrometheusText } from "./prometheus";
export { toOpenMetricsText, type OpenMetricsOptions } from "./openmetrics";
export { orderedRows, type ExpositionOptions, type OrderedRows } from "./family";
export { namespaceProblem, exposedName, labelName, type ExposedName, type Naming, type MetricType } from "../naming";
export { formatFloat, formatOpenMetricsFloat } from "./float";
export { parseExposition, type ParsedExposition, type ParsedSample } from "./parse";
