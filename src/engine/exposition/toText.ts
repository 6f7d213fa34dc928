// One call for either format: what a page or a /metrics handler needs when the format is a
// setting. Rule: exactly the text toPrometheusText or toOpenMetricsText writes for those options.

import type { ViewData } from "../view";
import type { ExpositionFormat } from "./format";
import { toOpenMetricsText, type OpenMetricsOptions } from "./openmetrics";
import { toPrometheusText } from "./prometheus";

/** Options of toText: the format (default "prometheus") and the writers' own options. */
export interface TextOptions extends OpenMetricsOptions {
  format?: ExpositionFormat;
}

/**
 * The exposition text of `data` (a `stats.snapshot()`) in `options.format`: Prometheus text
 * 0.0.4 or OpenMetrics 1.0 (then `created` applies). Throws StatsError("NAMESPACE") for an
 * invalid namespace, as both writers do.
 */
export function toText(data: readonly ViewData[], options: TextOptions = {}): string {
  return options.format === "openmetrics" ? toOpenMetricsText(data, options) : toPrometheusText(data, options);
}
