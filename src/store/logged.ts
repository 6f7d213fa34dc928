// What the measurement log holds of one measure, gathered for the view designer: its values, and
// which tag set each was recorded under; from them, the rows a candidate view would have and how
// many series it would expose.
// Rules:
// - one pass over the log (`forEachOf`, oldest first): values in log order, and each value's tag
//   set, tag sets numbered in order of first appearance (the log interns them, so a set is one
//   TagMap object);
// - a view's rows are the distinct combinations of its tag keys' values among those sets (a key a
//   set lacks is "", as the engine keys rows), in the order they first appear, as the engine
//   fills a view from the log; no logged value, no row;
// - series: rows × (buckets + 2) for a distribution (a `_bucket` series per bound and +Inf, then
//   `_sum` and `_count`), rows for the other aggregations.

import type { AggregationType, MeasurementLog, TagMap } from "../engine";

/** One measure's logged measurements. */
export interface Logged {
  measure: string;
  /** The values, oldest first. */
  values: Float64Array;
  /** For each value, the index of its tag set in `sets`. */
  setOf: Uint32Array;
  /** The distinct tag sets, in order of first appearance. */
  sets: TagMap[];
  /** Every tag key any of those sets has, sorted. */
  keys: string[];
  /** The oldest measurement's time in the whole log (what a view filled from it starts at), or null. */
  since: number | null;
}

/** Gathers the logged measurements of `measure` (nothing when there is no log). */
export function gatherLogged(log: MeasurementLog | null, measure: string): Logged {
  if (!log) return { measure, values: new Float64Array(0), setOf: new Uint32Array(0), sets: [], keys: [], since: null };
  const values = new Float64Array(log.size);
  const setOf = new Uint32Array(log.size);
  const sets: TagMap[] = [];
  const index = new Map<TagMap, number>();
  let n = 0;
  // Consecutive values mostly share a set (a :gen, a pasted block): remember the last one.
  let last: TagMap | null = null;
  let lastIndex = 0;
  log.forEachOf(measure, (value, tags) => {
    if (tags !== last) {
      let i = index.get(tags);
      if (i === undefined) {
        i = sets.length;
        sets.push(tags);
        index.set(tags, i);
      }
      last = tags;
      lastIndex = i;
    }
    values[n] = value;
    setOf[n++] = lastIndex;
  });
  const keys = new Set<string>();
  for (const set of sets) for (const [k] of set.entries()) keys.add(k.name);
  return {
    measure,
    values: values.slice(0, n),
    setOf: setOf.slice(0, n),
    sets,
    keys: [...keys].sort(),
    since: log.since,
  };
}

/** The rows of a view with these tag keys over the logged sets: each set's row, and the rows' tag values. */
export interface Rows {
  /** For each set of `Logged.sets`, its row's index. */
  rowOfSet: Uint32Array;
  /** Each row's tag values, in the view's key order, in order of first appearance. */
  rows: string[][];
}

export function rowsOf(logged: Pick<Logged, "sets">, tagKeys: readonly string[]): Rows {
  const rowOfSet = new Uint32Array(logged.sets.length);
  const rows: string[][] = [];
  const byKey = new Map<string, number>();
  logged.sets.forEach((set, i) => {
    const values = tagKeys.map((name) => {
      for (const [k, v] of set.entries()) if (k.name === name) return v;
      return "";
    });
    // Tag values are printable ASCII, so \u0000 cannot occur inside one.
    const key = values.join("\u0000");
    let row = byKey.get(key);
    if (row === undefined) {
      row = rows.length;
      rows.push(values);
      byKey.set(key, row);
    }
    rowOfSet[i] = row;
  });
  return { rowOfSet, rows };
}

/**
 * How many rows a view with `rowLimit` holds for `combinations` distinct tag combinations: each
 * its own row up to rowLimit − 1, then rowLimit − 1 rows and the overflow row (OpenTelemetry
 * metrics SDK specification, cardinality limits; engine/overflow.ts).
 */
export function rowsWithin(combinations: number, rowLimit: number): number {
  return combinations < rowLimit ? combinations : rowLimit;
}

/** How many series a view would expose with `rows` rows. */
export function seriesCount(aggregation: AggregationType, bounds: readonly number[], rows: number): number {
  return aggregation === "distribution" ? rows * (bounds.length + 1 + 2) : rows;
}
