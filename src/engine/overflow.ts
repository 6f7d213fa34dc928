// The cardinality guard: a view holds at most `rowLimit` rows; a tag combination that would
// make row number `rowLimit` is folded into one overflow row instead.
// Rules (OpenTelemetry metrics SDK specification, "Cardinality limits"):
// - the limit counts the overflow row: at most rowLimit − 1 ordinary rows plus the overflow row,
//   so a limit of 1 puts every measurement in the overflow row;
// - the overflow row carries the single attribute `otel_metric_overflow=true` and no other, and
//   is exposed with that one label;
// - nothing recorded is dropped: the overflow row aggregates every measurement it takes exactly
//   as an ordinary row would (its count and sum are exact);
// - the default limit is the SDK's default, 2,000; a limit is a whole number ≥ 1.
// Beyond the specification, the engine counts what the overflow row hides: how many distinct
// combinations it merged (it keeps their row keys, not their data), and says how many
// measurements it took from the row's own data where the aggregation counts them. Nothing is
// counted on the record path: a counter there cost the logged record a fifth of its speed.

import type { AggregationData } from "./aggregation";

/** The OpenTelemetry SDK's default cardinality limit. */
export const DEFAULT_ROW_LIMIT = 2_000;

/** The overflow row's one label (attribute) name, and its value. */
export const OVERFLOW_LABEL = "otel_metric_overflow";
export const OVERFLOW_VALUE = "true";

/** Why `limit` is not a row limit, or null when it is one. */
export function rowLimitProblem(limit: unknown): string | null {
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1)
    return `row limit must be a whole number of at least 1 (the overflow row counts toward it), got ${typeof limit === "number" ? String(limit) : typeof limit}`;
  return null;
}

/** How many measurements a row's data took, when its aggregation counts them; else null. */
export function measurementsIn(data: AggregationData): number | null {
  switch (data.type) {
    case "count":
      return data.value;
    case "distribution":
    case "exponentialHistogram":
      return data.count;
    default:
      return null;
  }
}
