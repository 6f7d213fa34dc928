// The rows of a card's "estimated against exact" table: each quantile's estimate beside the
// exact quantile of the logged values and the estimate's signed relative error.
// Rule: the exact values come from the measurement log in the measure's unit; `factor` takes
// them to the unit the estimates are in (a native histogram of a ms measure is in seconds).
import { formatValue } from "../../components/format";
import type { QuantileRow } from "../../components/QuantileTable";
import { signedError } from "./exponentialSummary";
import { QUANTILES } from "./summary";
import type { Exact } from "./useExact";

export function estimateRows(estimates: Readonly<Record<string, number>>, exact: Exact | null, unit: string, factor = 1): QuantileRow[] {
  return QUANTILES.map(({ name }, i): QuantileRow => {
    const estimate = estimates[name]!;
    const logged = exact?.exact[i];
    const value = logged === undefined ? undefined : logged * factor;
    return {
      name,
      estimate: { text: formatValue(estimate, unit) },
      exact: { text: value === undefined ? "…" : formatValue(value, unit), testId: `exact-${name}`, value: value === undefined ? undefined : String(value) },
      error: { text: value === undefined ? "…" : signedError(estimate, value), testId: `error-${name}` },
    };
  });
}
