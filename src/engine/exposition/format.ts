// The two exposition formats the engine writes and reads, and their HTTP content types.
// Rule: one name for the choice everywhere (writers, parser, linter, the page's settings).

import type { ExpositionFormat } from "../naming";

export type { ExpositionFormat } from "../naming";

/** The Content-Type of Prometheus text 0.0.4, as client_golang serves it. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** The Content-Type of OpenMetrics 1.0 text. */
export const OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/** Each format's Content-Type. */
export const CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  prometheus: PROMETHEUS_CONTENT_TYPE,
  openmetrics: OPENMETRICS_CONTENT_TYPE,
};
