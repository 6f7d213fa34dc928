// Prometheus text exposition format 0.0.4, as client_golang writes it.
// Rules: per family `# HELP` then `# TYPE` then all its samples, each family once; HELP escapes
// `\` and newline only; label values escape `\`, `"`, newline; floats as Go's expfmt; histogram
// `_bucket` lines are cumulative with `le` last and a `le="+Inf"` bucket equal to `_count`,
// then `_sum`, then `_count`. Views with an exponential histogram are left out: the text format
// cannot carry a native histogram (family.ts planFamilies).

import type { ViewData } from "../view";
import { escapeHelp } from "./escape";
import { type ExpositionOptions, histogramSeries, planFamilies } from "./family";
import { formatFloat } from "./float";


/**
 * `data` (a `stats.snapshot()`) as Prometheus text 0.0.4, byte for byte what client_golang
 * writes: families sorted by name, labels by name, Go float formatting, cumulative `le`
 * buckets ending in `+Inf`. Views with no rows, and views with an exponential histogram (which
 * text cannot carry), are left out. Throws StatsError("NAMESPACE") for
 * an invalid namespace.
 */
export function toPrometheusText(data: readonly ViewData[], options: ExpositionOptions = {}): string {
  let out = "";
  for (const f of planFamilies(data, options, "prometheus")) {
    const { family, sample, type, toBase } = f.name;
    out += `# HELP ${family} ${escapeHelp(f.help)}\n# TYPE ${family} ${type}\n`;
    if (type !== "histogram") {
      for (const s of f.series) {
        const value = (s.data as { value: number }).value;
        out += `${sample}${s.labels ? `{${s.labels}}` : ""} ${formatFloat(toBase(value))}\n`;
      }
      continue;
    }
    const les = f.bounds.map(formatFloat);
    for (const s of f.series)
      if (s.data.type === "distribution")
        out += histogramSeries(sample, les, s, formatFloat(toBase(s.data.sum)));
  }
  return out;
}
