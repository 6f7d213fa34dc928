// What a view's data means on the page, decided once for the store's history and the cards.
// Rules:
// - "all rows" of a view combine by its aggregation: Count and Sum add the values; a
//   Distribution adds counts, sums and per-bucket counts, takes the min of the mins and the max
//   of the maxes (mean and squared deviations combine as Welford's parallel update); a LastValue
//   (a gauge, where adding makes no sense) is the latest row's value, rows being in the order
//   they appeared; no rows combine to what a row that saw nothing holds (0, or an empty
//   distribution); ExponentialHistograms merge as the engine's mergeExponential does (at the
//   smallest scale among the rows, without a bucket limit: shown, never recorded);
// - the scalar a view's number and line follow is the count of a Distribution or an
//   ExponentialHistogram, else the value;
// - a Count counts measurements: it has no unit, whatever its measure's; an ExponentialHistogram
//   of a measure in "ms" holds seconds (the engine folds it so: its bucket bounds are powers of
//   its base and cannot be rescaled later); every other view is in its measure's unit.
// - the overflow row (a view past its row limit, engine/overflow.ts) is one row like any other
//   for combining; its key in the history and the row picker is OVERFLOW_ROW_KEY, never a tag
//   key (its tags are all "", which would be the key of the row of empty values).
// Pure (no store instance), so pure feature modules import it directly and run in Node tests.

import {
  type Aggregation,
  type AggregationData,
  type DistributionData,
  mergeExponential,
  type Row,
  type View,
} from "../engine";

/** The overflow row's key in the history and the row picker: tag-value keys start with "row:" or are "". */
export const OVERFLOW_ROW_KEY = "overflow";

/** The rows of `view` combined into one row's data, as "all rows" shows them. */
export function combineRows(view: { readonly aggregation: Aggregation }, rows: readonly Row[]): AggregationData {
  const agg = view.aggregation;
  switch (agg.type) {
    case "count":
    case "sum": {
      let value = 0;
      for (const r of rows) if (r.data.type === "count" || r.data.type === "sum") value += r.data.value;
      return { type: agg.type, value };
    }
    case "lastValue": {
      const last = rows[rows.length - 1]?.data;
      return { type: "lastValue", value: last?.type === "lastValue" ? last.value : 0 };
    }
    case "distribution": {
      const bucketCounts = new Array<number>(agg.bounds.length + 1).fill(0);
      const all: DistributionData = { type: "distribution", count: 0, sum: 0, mean: 0, sumOfSquaredDeviation: 0, bucketCounts, min: Infinity, max: -Infinity };
      for (const r of rows) if (r.data.type === "distribution") addDistribution(all, r.data);
      return all;
    }
    case "exponentialHistogram":
      return mergeExponential(agg, rows.flatMap((r) => (r.data.type === "exponentialHistogram" ? [r.data] : [])));
  }
}

function addDistribution(into: DistributionData, d: DistributionData): void {
  if (d.count === 0) return;
  const count = into.count + d.count;
  const delta = d.mean - into.mean;
  into.sumOfSquaredDeviation += d.sumOfSquaredDeviation + (delta * delta * into.count * d.count) / count;
  into.mean += (delta * d.count) / count;
  into.count = count;
  into.sum += d.sum;
  if (d.min < into.min) into.min = d.min;
  if (d.max > into.max) into.max = d.max;
  for (let i = 0; i < into.bucketCounts.length; i++) into.bucketCounts[i]! += d.bucketCounts[i] ?? 0;
}

/** The scalar a view's line chart follows: counts for Count and Distribution, else the value. */
export function scalarOf(data: AggregationData): number {
  return data.type === "distribution" || data.type === "exponentialHistogram" ? data.count : data.value;
}

/** The unit a view's numbers are shown in: none for a Count, seconds for an exponential histogram of ms, else its measure's. */
export function unitOf(view: View): string {
  if (view.aggregation.type === "count") return "";
  return view.aggregation.type === "exponentialHistogram" ? foldedUnit(view.measure.unit) : view.measure.unit;
}

/** The unit an exponential histogram of a measure in `unit` holds its values in (the engine's rule). */
export function foldedUnit(unit: string): string {
  return unit === "ms" ? "s" : unit;
}
