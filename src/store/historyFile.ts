// history.om.txt: the self-scrape history as OpenMetrics 1.0 text with timestamps, the input of
// `promtool tsdb create-blocks-from openmetrics` (Prometheus 2.42's backfill reads it with
// model/textparse's OpenMetricsParser). The README shows how to load it and query it there.
// Rules:
// - series are grouped by metric name, names sorted, series sorted by their labels within a
//   name, each series' samples in time order (what the backfill needs) — and it ends with `# EOF`;
// - no `# TYPE` lines: every family is "unknown", so no OpenMetrics name rule (`_total`, `le`)
//   applies and every stored name, in either naming, is written as it is queried;
// - a timestamp is seconds written as `<s>.<ms>5`: openmetricsparse truncates `ts * 1000` to an
//   integer, and the extra half millisecond makes that truncation land on the stored
//   millisecond whatever the float rounding (`1.123` × 1000 may be 1122.9999…);
// - staleness markers are left out: OpenMetrics has no way to say "stale" (a NaN there is a
//   value), so in a backfilled Prometheus a series that ended stays visible for the lookback.

import { formatOpenMetricsFloat } from "../engine/exposition";

/** One series as the history file needs it: labels (with `__name__`) and its samples in time order. */
export interface HistorySeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
  /** 1 where the sample is a staleness marker. */
  readonly stale: ArrayLike<number>;
  readonly n: number;
}

const escapeValue = (s: string) => s.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : "\\" + c));

/** A label set as one string (names sorted; NUL and SOH never occur in names): equal sets, equal keys. */
export function labelSetKey(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`)
    .join("\u0001");
}

/** Seconds for OpenMetrics from integer ms ≥ 0, read back to the same ms by Prometheus (see header). */
export function openMetricsTimestamp(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${s}.${String(ms - s * 1000).padStart(3, "0")}5`;
}

function seriesText(s: HistorySeries): string {
  const names = Object.keys(s.labels)
    .filter((k) => k !== "__name__" && s.labels[k] !== "")
    .sort();
  const labels = names.map((k) => `${k}="${escapeValue(s.labels[k]!)}"`).join(",");
  const prefix = `${s.labels.__name__}${labels ? `{${labels}}` : ""} `;
  let out = "";
  for (let i = 0; i < s.n; i++) {
    if (s.stale[i] === 1) continue;
    out += `${prefix}${formatOpenMetricsFloat(s.v[i]!)} ${openMetricsTimestamp(s.t[i]!)}\n`;
  }
  return out;
}

/** The series as one OpenMetrics text, ordered as the backfill needs (see header). */
export function historyOpenMetrics(series: Iterable<HistorySeries>): string {
  const byName = new Map<string, { key: string; series: HistorySeries }[]>();
  for (const s of series) {
    const name = s.labels.__name__ ?? "";
    const key = labelSetKey(s.labels);
    const list = byName.get(name) ?? [];
    list.push({ key, series: s });
    byName.set(name, list);
  }
  let out = "";
  for (const name of [...byName.keys()].sort()) {
    const list = byName.get(name)!.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { series: s } of list) out += seriesText(s);
  }
  return out + "# EOF\n";
}
