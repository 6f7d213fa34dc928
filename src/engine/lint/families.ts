// Families, series and samples as the linter sees them, and how samples join families.
// Rules (0.0.4): a sample or metadata line belongs to the family expfmt's TextParser files it
// under (exposition/parse-text.ts says which); in a histogram (summary) the lines of one series
// are those with the same labels apart from `le` (`quantile`), and the series keeps the labels
// of its first line, without `le` (`quantile`); in other types every sample line is a series
// of its own; a family that ends up without samples does not exist.
// Rules (OpenMetrics 1.0): HELP/TYPE/UNIT lines declare a family; a sample joins the family
// whose name plus a suffix its type allows gives the sample name (the current family first),
// else the family of its own name, `unknown`.

import type { Label, MetaKind } from "../exposition/entries";
import type { OpenMetricsType } from "../exposition/parse-openmetrics";

export type { Label } from "../exposition/entries";

export interface Exemplar {
  labels: readonly Label[];
  value: number;
}

export interface Sample {
  line: number;
  name: string;
  /** All labels as written, `le` and `quantile` included. */
  labels: readonly Label[];
  value: number;
  exemplar?: Exemplar;
  family: Family;
  /** The sample's series; the sample itself where each sample is a series of its own. */
  series: Series;
}

/** A series (a dto.Metric): in histograms and summaries several sample lines, else one. */
export interface Series {
  /** Labels as expfmt keeps them: without `le` in a histogram, `quantile` in a summary. */
  labels: readonly Label[];
  line: number;
}

export interface Family {
  name: string;
  /** Lower-case type; "untyped" when a sample came before any TYPE; null when none yet. */
  type: string | null;
  help: string | null;
  unit: string | null;
  firstLine: number;
  helpLine: number | null;
  typeLine: number | null;
  unitLine: number | null;
  samples: Sample[];
  /** Histogram/summary series in order of appearance (see familySeries for all types). */
  series: Series[];
  /** Histogram/summary series by their label signature. */
  seriesByKey: Map<string, Series>;
}

export function newFamily(name: string, line: number): Family {
  return {
    name,
    type: null,
    help: null,
    unit: null,
    firstLine: line,
    helpLine: null,
    typeLine: null,
    unitLine: null,
    samples: [],
    series: [],
    seriesByKey: new Map(),
  };
}

/** The label that does not count towards a series' identity in this family type. */
export function specialLabel(type: string | null): string | null {
  if (type === "histogram" || type === "gaugehistogram") return "le";
  if (type === "summary") return "quantile";
  return null;
}

/** A key equal for equal label sets, whatever their order. */
export function labelKey(labels: readonly Label[], skip: string | null = null): string {
  if (labels.length === 0) return "";
  const parts: string[] = [];
  for (const l of labels) if (l.name !== skip) parts.push(l.name + "=" + JSON.stringify(l.value));
  return parts.sort().join(",");
}

/**
 * The series a histogram/summary sample line belongs to (expfmt's grouping), created when new;
 * null in other types, where each sample is a series of its own.
 */
export function seriesFor(family: Family, labels: readonly Label[], line: number): Series | null {
  const special = specialLabel(family.type);
  if (special === null) return null;
  const own = labels.filter((l) => l.name !== special);
  const key = labelKey(own);
  let s = family.seriesByKey.get(key);
  if (!s) {
    s = { labels: own, line };
    family.seriesByKey.set(key, s);
    family.series.push(s);
  }
  return s;
}

/** Every series of a family, as promlint iterates them. */
export function familySeries(family: Family): readonly Series[] {
  return specialLabel(family.type) === null ? family.samples : family.series;
}

/** A new sample, its own series unless `series` is given. */
export function newSample(
  line: number,
  name: string,
  labels: readonly Label[],
  value: number,
  family: Family,
  series: Series | null,
): Sample {
  const sample = { line, name, labels, value, family, series: series as Series };
  if (series === null) sample.series = sample;
  return sample;
}

/** Sample-name suffixes each OpenMetrics type allows ("" is the family name itself). */
export const OM_SUFFIXES: Readonly<Record<OpenMetricsType, readonly string[]>> = {
  counter: ["_total", "_created"],
  gauge: [""],
  histogram: ["_bucket", "_count", "_sum", "_created"],
  gaugehistogram: ["_bucket", "_gcount", "_gsum"],
  summary: ["", "_count", "_sum", "_created"],
  info: ["_info"],
  stateset: [""],
  unknown: [""],
};

/** The suffixes an OpenMetrics family of this type allows. */
export function omSuffixes(type: string | null): readonly string[] {
  const t = type ?? "unknown";
  return Object.hasOwn(OM_SUFFIXES, t) ? OM_SUFFIXES[t as OpenMetricsType] : [""];
}

const ALL_OM_SUFFIXES = ["_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"];

/** The suffix of `sample` after `family`'s name, or null when it is not one the type allows. */
export function omSuffix(family: Family, sample: string): string | null {
  if (!sample.startsWith(family.name)) return null;
  const rest = sample.slice(family.name.length);
  return omSuffixes(family.type).includes(rest) ? rest : null;
}

/**
 * The OpenMetrics family of a sample: the current family if the name fits its type, else a
 * declared family it fits, else the family of its exact name, else a new `unknown` family.
 */
export function omFamily(byName: Map<string, Family>, current: Family | null, name: string, line: number): Family {
  if (current && omSuffix(current, name) !== null) return current;
  for (const suffix of ALL_OM_SUFFIXES) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue;
    const f = byName.get(name.slice(0, -suffix.length));
    if (f && omSuffix(f, name) !== null) return f;
  }
  const exact = byName.get(name);
  if (exact) return exact;
  const family = newFamily(name, line);
  family.type = "unknown";
  byName.set(name, family);
  return family;
}

/** A HELP, TYPE or UNIT line that came after samples of its family. */
export interface LateMeta {
  line: number;
  kind: MetaKind;
  family: Family;
}
