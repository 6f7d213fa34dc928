// The checks of `promtool check metrics` (client_golang 1.14 prometheus/testutil/promlint, as
// vendored by Prometheus 2.42), with promtool's exact wording and metric (the family name).
// Rules, per family that has samples:
// - no HELP line: `no help text`;
// - a counter without `_total`: `counter metrics should have "_total" suffix`; a typed
//   non-counter with it: `non-counter metrics should not have "_total" suffix`;
// - typed families only: `_bucket` on a non-histogram, `_count`/`_sum` on a non-histogram
//   non-summary, and, once per series carrying it, an `le` label on a non-histogram or a
//   `quantile` label on a non-summary;
// - a type in the name (`_counter_`, ends in `_gauge`, …; untyped excepted; lower-cased):
//   `metric name should not include type 'gauge'`;
// - `:` in the name: `metric names should not contain ':'`;
// - camelCase (`[a-z][A-Z]`) in the name once, and once per series per camelCase label name;
// - each abbreviated unit (`_ms_` or ending `_ms`, lower-cased; s ms us ns sec b kb mb gb tb
//   pb m h d): `metric names should not contain abbreviated units`;
// - a known unit that is not the base unit (`_milliseconds`, `_kilobytes`, `_hours`, …):
//   `use base unit "seconds" instead of "milliseconds"`.
// promlint in this version has no duplicate-series check (structure.ts has one). In
// OpenMetrics, counter families are named without `_total` by definition, so the `_total`
// check is left to openmetrics.ts, and gaugehistogram counts as a histogram.

import type { ExpositionFormat } from "../exposition/format";
import { type Family, familySeries } from "./families";
import type { Problems } from "./problem";

const UNITS: Record<string, string> = {
  amperes: "amperes",
  bytes: "bytes",
  celsius: "celsius",
  grams: "grams",
  joules: "joules",
  kelvin: "kelvin",
  meters: "meters",
  metres: "metres",
  seconds: "seconds",
  volts: "volts",
  minutes: "seconds",
  hours: "seconds",
  days: "seconds",
  weeks: "seconds",
  kelvins: "kelvin",
  fahrenheit: "celsius",
  rankine: "celsius",
  inches: "meters",
  yards: "meters",
  miles: "meters",
  bits: "bytes",
  calories: "joules",
  pounds: "grams",
  ounces: "grams",
};

const UNIT_PREFIXES = [
  "pico",
  "nano",
  "micro",
  "milli",
  "centi",
  "deci",
  "deca",
  "hecto",
  "kilo",
  "kibi",
  "mega",
  "mibi",
  "giga",
  "gibi",
  "tera",
  "tebi",
  "peta",
  "pebi",
];

const UNIT_ABBREVIATIONS = ["s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"];

/** client_model's types that lintMetricTypeInName looks for (all but untyped). */
const TYPE_NAMES = ["counter", "gauge", "summary", "histogram", "gauge_histogram"];

/** The unit a name segment spells (with or without an SI/IEC prefix) and its base unit. */
const PREFIXES_OR_NONE = ["", ...UNIT_PREFIXES];

function segmentUnit(segment: string): { unit: string; base: string } | null {
  for (const p of PREFIXES_OR_NONE) {
    if (!segment.startsWith(p)) continue;
    const unit = segment.slice(p.length);
    if (Object.hasOwn(UNITS, unit)) return { unit: segment, base: UNITS[unit]! };
  }
  return null;
}

/**
 * promlint's metricUnits. Go ranges over a map there, so with two unit segments in one name
 * it picks one at random; we take the first segment that is not a base unit, if any.
 */
function metricUnit(name: string): { unit: string; base: string } | null {
  let found: { unit: string; base: string } | null = null;
  for (const segment of name.split("_")) {
    const u = segmentUnit(segment);
    if (!u) continue;
    if (u.unit !== u.base) return u;
    found ??= u;
  }
  return found;
}

const hasCamel = (s: string): boolean => {
  for (let i = 0; i + 1 < s.length; i++) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    if (a >= 97 && a <= 122 && b >= 65 && b <= 90) return true;
  }
  return false;
};

/**
 * promlint's test `name contains "_word_" or ends with "_word"`, i.e. `word` is a segment
 * after the first. `inner` holds those segments (one split per family, not two strings per
 * word); a word with "_" in it (gauge_histogram) is matched on the name itself.
 */
function hasSegment(lower: string, inner: ReadonlySet<string>, word: string): boolean {
  if (!word.includes("_")) return inner.has(word);
  return lower.includes(`_${word}_`) || lower.endsWith(`_${word}`);
}

/** The promlint type of a family: 0.0.4 types as they are; OpenMetrics types mapped. */
function lintType(f: Family, format: ExpositionFormat): string {
  const t = f.type ?? "untyped";
  if (format === "prometheus") return t;
  if (t === "unknown") return "untyped";
  if (t === "gaugehistogram") return "histogram";
  if (t === "info" || t === "stateset") return "gauge";
  return t;
}

export function promlint(families: Iterable<Family>, format: ExpositionFormat, out: Problems): void {
  for (const f of families) {
    const name = f.name;
    const line = f.firstLine;
    const add = (message: string, at: number = line): void => out.add("promlint", at, name, message);
    const type = lintType(f, format);
    const lower = name.toLowerCase();

    if (f.help === null) add("no help text");

    const unit = metricUnit(name);
    if (unit && unit.unit !== unit.base) add(`use base unit "${unit.base}" instead of "${unit.unit}"`);

    const isCounter = type === "counter";
    const hasTotal = name.endsWith("_total");
    if (isCounter && !hasTotal && format === "prometheus") add(`counter metrics should have "_total" suffix`);
    else if (type !== "untyped" && !isCounter && hasTotal) add(`non-counter metrics should not have "_total" suffix`);

    if (type !== "untyped") {
      const isHistogram = type === "histogram";
      const isSummary = type === "summary";
      if (!isHistogram && name.endsWith("_bucket")) add(`non-histogram metrics should not have "_bucket" suffix`);
      if (!isHistogram && !isSummary && name.endsWith("_count"))
        add(`non-histogram and non-summary metrics should not have "_count" suffix`);
      if (!isHistogram && !isSummary && name.endsWith("_sum"))
        add(`non-histogram and non-summary metrics should not have "_sum" suffix`);
      for (const s of familySeries(f))
        for (const l of s.labels) {
          if (!isHistogram && l.name === "le") add(`non-histogram metrics should not have "le" label`, s.line);
          if (!isSummary && l.name === "quantile") add(`non-summary metrics should not have "quantile" label`, s.line);
        }
    }

    const inner = new Set(lower.split("_").slice(1));
    for (const t of TYPE_NAMES) if (hasSegment(lower, inner, t)) add(`metric name should not include type '${t}'`);

    if (name.includes(":")) add("metric names should not contain ':'");

    if (hasCamel(name)) add("metric names should be written in 'snake_case' not 'camelCase'");
    for (const s of familySeries(f))
      for (const l of s.labels)
        if (hasCamel(l.name)) add("label names should be written in 'snake_case' not 'camelCase'", s.line);

    for (const a of UNIT_ABBREVIATIONS) if (hasSegment(lower, inner, a)) add("metric names should not contain abbreviated units");
  }
}
