// Exemplars: a measurement's pointer to where it came from (a REPL line, a trace), kept with the
// value in the bucket (or counter) it was folded into, and exposed by the OpenMetrics writer.
// Rules (OpenMetrics spec, "Exemplars"; client_golang value.go newExemplar, histogram.go
// updateExemplar):
// - the label names are valid Prometheus label names, not `__`-prefixed (client_golang
//   checkLabelName); the values are well-formed Unicode (no lone surrogate: it has no UTF-8);
// - names and values together are at most EXEMPLAR_MAX_CODE_POINTS (128) code points, counted as
//   client_golang counts runes (utf8.RuneCountInString): "é" is 1, an emoji 1; 129 is refused
//   with StatsError("EXEMPLAR") naming the rule, and nothing is recorded;
// - an exemplar holds a copy of the labels (one object spread: the caller may reuse or change
//   its object), the measurement's value in the measure's unit and the engine's clock in ms (with
//   a measurement log, the time the log records for the measurement: its coarse clock);
//   writers sort the labels by name. Nothing is frozen: Object.freeze on the record path tripled
//   its cost (bench 4a); the types are readonly;
// - a distribution row keeps the LATEST exemplar per bucket (updateExemplar stores into the
//   bucket the value falls in, replacing what was there); a count or sum row keeps the latest.

import { type AggregationData, type BucketFinder, findBucket } from "./aggregation";
import { StatsError } from "./errors";
import type { Measurement } from "./measure";
import { type Memoized, ROW_MEMO } from "./memo";
import type { Recorder } from "./recording";
import { TagMap, type TagRecord } from "./tags";

/** client_golang's ExemplarMaxRunes: the OpenMetrics limit on an exemplar's label set. */
export const EXEMPLAR_MAX_CODE_POINTS = 128;

/** What a caller attaches to measurements: `{ line_id: "12", trace_id: "abc" }`. */
export type ExemplarLabels = Readonly<Record<string, string>>;

/** One exemplar as a row keeps it. Immutable: snapshots share it. */
export interface Exemplar {
  /** A copy of the labels given; in no particular order (writers sort them by name). */
  readonly labels: ExemplarLabels;
  /** The measurement's value in the measure's unit (the writers convert, as for the bounds). */
  readonly value: number;
  /** The engine's clock when it was recorded, ms since the epoch. */
  readonly timestamp: number;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Code points of `s`, or -1 when it holds a lone surrogate (not encodable as UTF-8). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return -1;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return -1;
    n++;
  }
  return n;
}

/** Label names already checked: a page uses the same two names on every line. */
const knownNames = new Set<string>();

/** Why `labels` cannot be an exemplar's label set, or null. */
export function exemplarProblem(labels: ExemplarLabels): string | null {
  if (typeof labels !== "object" || labels === null) return `exemplar labels must be an object { name: value }, not ${labels === null ? "null" : typeof labels}`;
  let total = 0;
  for (const name in labels) {
    const value = labels[name];
    if (!knownNames.has(name)) {
      if (!LABEL_NAME.test(name) || name.startsWith("__"))
        return `exemplar label name ${JSON.stringify(name)} is invalid: a label name is [a-zA-Z_][a-zA-Z0-9_]* and does not start with "__"`;
      if (knownNames.size < 1000) knownNames.add(name);
    }
    if (typeof value !== "string") return `exemplar label ${name} must be a string, not ${typeof value}`;
    const n = codePoints(value);
    if (n < 0) return `exemplar label ${name}'s value is not valid Unicode (a lone surrogate has no UTF-8)`;
    total += name.length + n; // names are ASCII: length is their code points
  }
  if (total > EXEMPLAR_MAX_CODE_POINTS)
    return `exemplar labels are ${total} characters long (names and values together); the OpenMetrics limit is ${EXEMPLAR_MAX_CODE_POINTS} UTF-8 characters, nothing recorded`;
  return null;
}

/** A copy of `labels` once checked (StatsError "EXEMPLAR" naming the rule otherwise). */
export function makeExemplarLabels(labels: ExemplarLabels): ExemplarLabels {
  const problem = exemplarProblem(labels);
  if (problem) throw new StatsError("EXEMPLAR", problem);
  return { ...labels };
}

/** The labels as `[name, value]` pairs sorted by name: the order the writer emits. */
export function sortedLabels(labels: ExemplarLabels): [string, string][] {
  return Object.entries(labels).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Stores `labels` as the latest exemplar of every row `tags` just folded `measurements` into
 * (call it right after the record): a distribution's bucket of the value, a count's or sum's
 * row. The rows are the ones the record resolved, read from `tags`' memo (memo.ts), so an
 * exemplar goes exactly where its value went (the overflow row included) at no second lookup.
 */
export function foldExemplars(
  r: Recorder,
  tags: TagMap,
  measurements: readonly Measurement[],
  labels: Exemplar["labels"],
  timestamp: number,
): void {
  const memo = (tags as unknown as Memoized)[ROW_MEMO];
  if (memo === null || memo.token !== r.memoToken) return; // nothing was folded (no views)
  for (let i = 0; i < measurements.length; i++) {
    const value = measurements[i]!.value;
    // The entry the record just resolved; read from the map so the record path's one-entry
    // cache (entryFor) keeps the measure the next record starts with.
    const views = r.entriesByMeasure.get(measurements[i]!.measure)?.views;
    if (views === undefined) continue;
    let ex: Exemplar | undefined;
    let increment: Exemplar | undefined;
    for (let j = 0; j < views.length; j++) {
      const vs = views[j]!;
      const data = memo.rows[vs.slot] as AggregationData | undefined;
      if (data === undefined) continue;
      if (data.type === "distribution")
        (data.exemplars ??= new Array<Exemplar | undefined>(data.bucketCounts.length))[findBucket(vs.buckets as BucketFinder, value)] =
          ex ??= { labels, value, timestamp };
      else if (data.type === "sum") data.exemplar = ex ??= { labels, value, timestamp };
      // client_golang's counter Inc with an exemplar: the exemplar's value is the increment.
      else if (data.type === "count") data.exemplar = increment ??= { labels, value: 1, timestamp };
    }
  }
}

/**
 * `tags` as the TagMap the record folds under, so its memo afterwards names the rows it went to.
 * A TagMap always has its memo slot (memo.ts); testing that slot is what recording.ts does too,
 * `instanceof` cost a quarter of a record.
 */
export function asTagMap(tags: TagMap | TagRecord | undefined): TagMap {
  if (tags === undefined) return TagMap.empty();
  return tags !== null && (tags as unknown as Memoized)[ROW_MEMO] !== undefined ? (tags as TagMap) : TagMap.of(tags as TagRecord);
}
