// Metric and label names, and how a view is named and typed when exposed.
// Rules:
// - Names are sanitized like the OpenCensus Prometheus exporter: every character other than an
//   ASCII letter or digit becomes `_`; a leading digit gets `key_`, a leading `_` gets `key`
//   (so no name starts with the reserved `__`). Unlike that exporter we do not truncate to
//   100 characters, which could silently merge two views.
// - It lives in the engine's core, not in exposition/, because registering a view already
//   refuses two tag keys that would become one label, and two views that would be exposed under
//   one metric name; exposition and the core both use it, and it imports neither.
// - Metric name = sanitize(namespace + "_" + view name); the namespace is empty or
//   `[a-zA-Z][a-zA-Z0-9_]*` (checked, not silently rewritten).
// - Type: Count and Sum → counter, LastValue → gauge, Distribution and ExponentialHistogram →
//   histogram.
// - Naming "opencensus": exactly the names the Go exporter writes (no unit suffix, no `_total`).
//   Naming "prometheus": base units with their suffix (ms → `_seconds`, values and bounds
//   scaled; By → `_bytes`) and counters ending in `_total`; a Count has no unit of its own.
// - An ExponentialHistogram's data is never converted when written: its bounds are powers of
//   its base. A measure in "ms" is folded in seconds (aggregation.ts), so it takes `_seconds`;
//   a unit already in base (s, By, %) its suffix; any other convertible unit no suffix, since
//   its values stay in the measure's unit.

import type { AggregationType } from "./aggregation";
import { StatsError } from "./errors";

/** Prometheus text format 0.0.4, or OpenMetrics 1.0 text. */
export type ExpositionFormat = "prometheus" | "openmetrics";

/** What naming needs to know of a view (view.ts uses this file, so it takes no View type). */
export interface NamedView {
  readonly name: string;
  readonly measure: { readonly unit: string };
  readonly aggregation: { readonly type: AggregationType };
}

/** A name with every character outside `[A-Za-z0-9]` made `_`, never starting with a digit or `__`. */
export function sanitizeName(s: string): string {
  if (s.length === 0) return s;
  let out = s.replace(/[^a-zA-Z0-9]/g, "_");
  const c = out.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) out = "key_" + out;
  else if (out[0] === "_") out = "key" + out;
  return out;
}

/** The Prometheus label name a tag key is exposed as. */
export const labelName = (tagKeyName: string): string => sanitizeName(tagKeyName);

/**
 * "opencensus": exactly the names the OpenCensus Go exporter writes (no unit suffix, no
 * `_total`); "prometheus": Prometheus conventions (base units with their suffix, values and
 * bounds converted; counters end in `_total`), which `promtool check metrics` accepts.
 */
export type Naming = "opencensus" | "prometheus";
/** The Prometheus type a view is exposed as: Count, Sum → counter; LastValue → gauge; Distribution → histogram. */
export type MetricType = "counter" | "gauge" | "histogram";

/** Why a namespace is unusable (it must be empty or `[a-zA-Z][a-zA-Z0-9_]*`), or null. */
export function namespaceProblem(ns: string): string | null {
  if (ns === "" || /^[a-zA-Z][a-zA-Z0-9_]*$/.test(ns)) return null;
  return `namespace ${JSON.stringify(ns)} is not usable as a metric name prefix; use a letter followed by letters, digits or "_" (or leave it empty)`;
}

export function checkNamespace(ns: string): void {
  const problem = namespaceProblem(ns);
  if (problem) throw new StatsError("NAMESPACE", problem);
}

interface BaseUnit {
  suffix: string;
  /** Converts a value in the measure's unit to the base unit. Division keeps 25/1000 = 0.025 exact-looking. */
  toBase: (v: number) => number;
}

const identity = (v: number): number => v;
const divide = (d: number) => (v: number) => v / d;
const times = (f: number) => (v: number) => v * f;

/** UCUM units we know the Prometheus base unit of. Others get no suffix. */
const BASE_UNITS: Record<string, BaseUnit> = {
  ns: { suffix: "seconds", toBase: divide(1e9) },
  us: { suffix: "seconds", toBase: divide(1e6) },
  ms: { suffix: "seconds", toBase: divide(1e3) },
  s: { suffix: "seconds", toBase: identity },
  min: { suffix: "seconds", toBase: times(60) },
  h: { suffix: "seconds", toBase: times(3600) },
  d: { suffix: "seconds", toBase: times(86400) },
  By: { suffix: "bytes", toBase: identity },
  kBy: { suffix: "bytes", toBase: times(1e3) },
  KiBy: { suffix: "bytes", toBase: times(1024) },
  MBy: { suffix: "bytes", toBase: times(1e6) },
  MiBy: { suffix: "bytes", toBase: times(1024 * 1024) },
  GBy: { suffix: "bytes", toBase: times(1e9) },
  GiBy: { suffix: "bytes", toBase: times(1024 * 1024 * 1024) },
  "%": { suffix: "percent", toBase: identity },
};

/** How a view is exposed in one format and naming mode. */
export interface ExposedName {
  /** Family name as written after `# TYPE` (OpenMetrics counters: without `_total`). */
  family: string;
  /** Sample name of a counter's value (`family_total` where a suffix is due) or the gauge/histogram base. */
  sample: string;
  type: MetricType;
  /** Base unit for `# UNIT` (OpenMetrics), "" when none. */
  unit: string;
  /** Converts recorded values (and bounds) to what is exposed. */
  toBase: (v: number) => number;
}

export function metricType(view: NamedView): MetricType {
  switch (view.aggregation.type) {
    case "count":
    case "sum":
      return "counter";
    case "lastValue":
      return "gauge";
    case "distribution":
    case "exponentialHistogram":
      return "histogram";
  }
}

const stripTotal = (s: string): string => (s.endsWith("_total") ? s.slice(0, -6) : s);

/** How `view` is named in the given format and naming mode. */
export function exposedName(
  view: NamedView,
  namespace: string,
  naming: Naming,
  format: ExpositionFormat,
): ExposedName {
  let base = sanitizeName(namespace ? `${namespace}_${view.name}` : view.name);
  const type = metricType(view);
  let unit = "";
  let toBase = identity;
  if (naming === "prometheus" && view.aggregation.type !== "count") {
    const known = BASE_UNITS[view.measure.unit];
    if (known && view.aggregation.type === "exponentialHistogram") {
      // Already in base units (or left in the measure's, then without a suffix): never converted.
      if (view.measure.unit === "ms" || known.toBase === identity) {
        unit = known.suffix;
        if (!base.endsWith("_" + unit)) base = `${base}_${unit}`;
      }
    } else if (known) {
      unit = known.suffix;
      toBase = known.toBase;
      const stem = type === "counter" ? stripTotal(base) : base;
      if (!stem.endsWith("_" + unit)) base = `${stem}_${unit}`;
    }
  }
  if (type !== "counter") return { family: base, sample: base, type, unit, toBase };
  if (format === "openmetrics") {
    const family = stripTotal(base);
    return { family, sample: family + "_total", type, unit, toBase };
  }
  const sample = naming === "prometheus" ? stripTotal(base) + "_total" : base;
  return { family: sample, sample, type, unit, toBase };
}

/** Every sample name `view` can produce in any format or naming mode, for collision checks. */
export function possibleSampleNames(view: NamedView): string[] {
  const out = new Set<string>();
  for (const naming of ["opencensus", "prometheus"] as const) {
    for (const format of ["prometheus", "openmetrics"] as const) {
      const n = exposedName(view, "", naming, format);
      out.add(n.sample);
      if (n.type === "histogram") for (const s of ["_bucket", "_sum", "_count", "_created"]) out.add(n.sample + s);
      if (n.type === "counter") out.add(n.family + "_created");
    }
  }
  return [...out];
}
