// OpenMetrics 1.0 text exposition.
// Rules: per family `# HELP`, `# TYPE`, then `# UNIT` only when the family name ends in
// `_<unit>`; a counter family's name has no `_total` and its samples do; counters and
// histograms carry `_created` (epoch seconds) unless turned off; floats as Go's expfmt with `.0`
// added to whole numbers (`le="25.0"`), counts as integers; HELP escapes `\`, `"` and newline;
// single spaces, no blank lines; the body ends with `# EOF\n`. Gauges stay gauges; there is no
// `untyped` (OpenMetrics calls it `unknown`, and we never need it). Views with an exponential
// histogram are left out: OpenMetrics 1.0 text cannot carry a native histogram (family.ts).
// Exemplars (OpenMetrics spec, "Exemplars"): a row's kept exemplar is written after its sample as
// ` # {labels} value timestamp`, only on a counter's `_total` and a histogram's `_bucket` (the
// bucket it was recorded in): labels sorted by name and escaped as label values, the value in
// the exposed unit (toBase: ms → s in Prometheus naming, as the bounds, so it stays inside its
// bucket; a count's is its increment, 1), the timestamp in seconds with the engine clock's
// millisecond precision.

import { type Exemplar, sortedLabels } from "../exemplar";
import type { ViewData } from "../view";
import { escapeLabelValue, escapeOpenMetricsHelp } from "./escape";
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
        const ex = s.data.type === "count" || s.data.type === "sum" ? s.data.exemplar : undefined;
        out += `${sample}${labels} ${value}${ex ? exemplarText(ex, s.data.type === "count" ? 1 : toBase(ex.value)) : ""}\n`;
        if (created) out += `${family}_created${labels}${created}`;
      }
      continue;
    }
    const les = f.bounds.map(formatOpenMetricsFloat);
    for (const s of f.series) {
      if (s.data.type !== "distribution") continue;
      const kept = s.data.exemplars;
      const exemplar = kept && ((i: number): string => (kept[i] ? exemplarText(kept[i], toBase(kept[i].value)) : ""));
      out += histogramSeries(sample, les, s, formatOpenMetricsFloat(toBase(s.data.sum)), exemplar);
      if (created) out += `${sample}_created${s.labels ? `{${s.labels}}` : ""}${created}`;
    }
  }
  return out + "# EOF\n";
}

/** ` # {a="x",b="y"} value timestamp`: `value` already in the exposed unit. */
export function exemplarText(ex: Exemplar, value: number): string {
  let labels = "";
  for (const [name, value] of sortedLabels(ex.labels)) labels += `${labels ? "," : ""}${name}="${escapeLabelValue(value)}"`;
  return ` # {${labels}} ${formatOpenMetricsFloat(value)} ${exemplarSeconds(ex.timestamp)}`;
}

/**
 * Milliseconds as seconds with exactly three decimals (`1700000000.123`). expfmt writes Go's
 * %g (`1.700000000123e+09`); both are the same number to every OpenMetrics parser, and this one
 * reads as the time it is.
 */
export function exemplarSeconds(ms: number): string {
  const t = Math.round(ms);
  const s = Math.floor(t / 1000);
  return `${s}.${String(t - s * 1000).padStart(3, "0")}`;
}
