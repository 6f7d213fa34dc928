// OpenMetrics 1.0 text exposition.
// Rules: per family `# HELP`, `# TYPE`, then `# UNIT` only when the family name ends in
// `_<unit>`; a counter family's name has no `_total` and its samples do; counters and
// histograms carry `_created` (epoch seconds) unless turned off; floats as Go's expfmt with `.0`
// added to whole numbers (`le="25.0"`), counts as integers; HELP escapes `\`, `"` and newline;
// single spaces, no blank lines; the body ends with `# EOF\n`. Gauges stay gauges; there is no
// `untyped` (OpenMetrics calls it `unknown`, and we never need it). Views with an exponential
// histogram are left out: OpenMetrics 1.0 text cannot carry a native histogram (family.ts).

import type { ViewData } from "../view";
import { escapeOpenMetricsHelp } from "./escape";
import { type ExpositionOptions, histogramSeries, planFamilies } from "./family";
import { formatCount, formatOpenMetricsFloat } from "./float";


/** toOpenMetricsText's options: the writers' naming options and whether to write `_created`. */
export interface OpenMetricsOptions extends ExpositionOptions {
  /** Write `_created` samples for counters and histograms. Default true. */
  created?: boolean;
}

/**
 * `data` (a `stats.snapshot()`) as OpenMetrics 1.0 text, ending in `# EOF`: families sorted by
 * name, `# UNIT` when the name ends in its unit, `_created` unless `created: false`, counts as
 * integers, `le="25.0"`. Views with no rows, and views with an exponential histogram (which
 * OpenMetrics 1.0 text cannot carry), are left out. Throws StatsError("NAMESPACE") for an
 * invalid namespace.
 */
export function toOpenMetricsText(data: readonly ViewData[], options: OpenMetricsOptions = {}): string {
  const withCreated = options.created ?? true;
  let out = "";
  for (const f of planFamilies(data, options, "openmetrics")) {
    const { family, sample, type, unit, toBase } = f.name;
    out += `# HELP ${family} ${escapeOpenMetricsHelp(f.help)}\n# TYPE ${family} ${type}\n`;
    if (unit && family.endsWith("_" + unit)) out += `# UNIT ${family} ${unit}\n`;
    const created = withCreated && type !== "gauge" ? ` ${formatOpenMetricsFloat(f.start / 1000)}\n` : "";
    if (type !== "histogram") {
      for (const s of f.series) {
        const labels = s.labels ? `{${s.labels}}` : "";
        const value =
          s.data.type === "count" ? formatCount(s.data.value) : formatOpenMetricsFloat(toBase((s.data as { value: number }).value));
        out += `${sample}${labels} ${value}\n`;
        if (created) out += `${family}_created${labels}${created}`;
      }
      continue;
    }
    const les = f.bounds.map(formatOpenMetricsFloat);
    for (const s of f.series) {
      if (s.data.type !== "distribution") continue;
      out += histogramSeries(sample, les, s, formatOpenMetricsFloat(toBase(s.data.sum)));
      if (created) out += `${sample}_created${s.labels ? `{${s.labels}}` : ""}${created}`;
    }
  }
  return out + "# EOF\n";
}
