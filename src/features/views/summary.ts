// What a card shows for the chosen row, or for all rows combined.
// Rules:
// - rows combine as `combineRows` (src/store/viewData.ts) says, for the card's numbers and the
//   store's history alike, so a number and its line agree; a distribution's mean is
//   sum / count, and with no observations mean, min, max and quantiles are NaN (shown "—");
// - quantiles are the engine's histogramQuantile over the cumulative buckets, exactly PromQL;
// - a row's label lists `key=value` in the view's key order, leaving out empty values (an
//   empty value is an absent label in Prometheus); that keeps labels distinct. The overflow row
//   (past the view's row limit) is labelled with its one label, otel_metric_overflow=true, and
//   keyed OVERFLOW_ROW_KEY.
// - an estimate outside what was observed is said in words on the card (quantileNotes): above
//   the largest or below the smallest observation (histogram_quantile spreads a bucket's
//   observations evenly over it), or stuck at the highest bound (the overflow bucket has no
//   upper bound, so the true value is higher).
// Pure: the row-key function is passed in (the store owns it), and the rule of combining rows
// comes from its pure module, so this runs in Node tests.

import { formatNumber, formatValue, unitSuffix } from "../../components/format";
import {
  cumulativeBuckets,
  type DistributionData,
  histogramQuantile,
  OVERFLOW_LABEL,
  OVERFLOW_VALUE,
  type Row,
  type View,
} from "../../engine";
import { combineRows, OVERFLOW_ROW_KEY, scalarOf } from "../../store/viewData";

export const QUANTILES = [
  { name: "p50", q: 0.5 },
  { name: "p90", q: 0.9 },
  { name: "p99", q: 0.99 },
] as const;

export type QuantileName = (typeof QUANTILES)[number]["name"];

export interface TagPair {
  key: string;
  value: string;
}

export interface RowInfo {
  /** The store's row key (history is kept under it). */
  key: string;
  /** "method=repl, status=OK", or "(no tags)". */
  label: string;
  /** The non-empty labels, for chips. */
  pairs: TagPair[];
}

export interface DistributionSummary {
  count: number;
  sum: number;
  mean: number;
  min: number;
  max: number;
  /** Per-bucket (not cumulative) counts, bounds.length + 1 of them. */
  bucketCounts: number[];
  quantiles: Record<QuantileName, number>;
}

export function tagPairs(view: View, tags: readonly string[]): TagPair[] {
  const out: TagPair[] = [];
  view.tagKeys.forEach((k, i) => {
    const value = tags[i] ?? "";
    if (value !== "") out.push({ key: k.name, value });
  });
  return out;
}

export function rowLabel(pairs: readonly TagPair[]): string {
  return pairs.length ? pairs.map((p) => `${p.key}=${p.value}`).join(", ") : "(no tags)";
}

export function describeRows(
  view: View,
  rows: readonly Row[],
  keyOf: (tags: readonly string[]) => string,
): RowInfo[] {
  return rows.map((r) => {
    if (r.overflow) {
      const pairs = [{ key: OVERFLOW_LABEL, value: OVERFLOW_VALUE }];
      return { key: OVERFLOW_ROW_KEY, label: `${rowLabel(pairs)} (the overflow row)`, pairs };
    }
    const pairs = tagPairs(view, r.tags);
    return { key: keyOf(r.tags), label: rowLabel(pairs), pairs };
  });
}

/** The rows a card aggregates: the one at `index`, or all when index is -1 / out of range. */
export function chosenRows(rows: readonly Row[], index: number): readonly Row[] {
  const row = index >= 0 ? rows[index] : undefined;
  return row ? [row] : rows;
}

/** The rows' value combined (`combineRows`); NaN for no rows. */
export function scalarValue(view: Pick<View, "aggregation">, rows: readonly Row[]): number {
  return rows.length === 0 ? NaN : scalarOf(combineRows(view, rows));
}

export function summarizeDistribution(bounds: readonly number[], rows: readonly Row[]): DistributionSummary {
  const { count, sum, min, max, bucketCounts } = combineRows({ aggregation: { type: "distribution", bounds } }, rows) as DistributionData;
  const cumulative = cumulativeBuckets(bounds, bucketCounts);
  const quantiles = {} as Record<QuantileName, number>;
  for (const { name, q } of QUANTILES) quantiles[name] = histogramQuantile(q, cumulative);
  return {
    count,
    sum,
    mean: count > 0 ? sum / count : NaN,
    min: count > 0 ? min : NaN,
    max: count > 0 ? max : NaN,
    bucketCounts,
    quantiles,
  };
}

/**
 * True when quantile q of these buckets lies in the overflow bucket, where PromQL answers the
 * highest bound although the true value is above it.
 */
export function inOverflow(bucketCounts: readonly number[], count: number, q: number): boolean {
  const overflow = bucketCounts[bucketCounts.length - 1] ?? 0;
  return count > 0 && overflow > 0 && count - overflow < q * count;
}

/** The bucket (index into bucketCounts) whose range holds the value v: upper-inclusive. */
function bucketOf(bounds: readonly number[], v: number): number {
  let i = 0;
  while (i < bounds.length && v > bounds[i]!) i++;
  return i;
}

const listOf = (items: readonly string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/**
 * Sentences for the card about estimates that lie outside what was observed; none when every
 * estimate lies within [min, max] and below the overflow bucket.
 */
export function quantileNotes(bounds: readonly number[], s: DistributionSummary, unit: string): string[] {
  if (s.count === 0) return [];
  const groups = new Map<string, { kind: "overflow" | "above" | "below"; bucket: number; names: string[]; values: number[] }>();
  for (const { name, q } of QUANTILES) {
    const v = s.quantiles[name];
    if (!Number.isFinite(v)) continue;
    const kind = inOverflow(s.bucketCounts, s.count, q) ? "overflow" : v > s.max ? "above" : v < s.min ? "below" : null;
    if (!kind) continue;
    const bucket = bucketOf(bounds, v);
    const key = `${kind}|${bucket}`;
    const g = groups.get(key) ?? { kind, bucket, names: [], values: [] };
    g.names.push(name);
    g.values.push(v);
    groups.set(key, g);
  }
  const fmt = (v: number) => formatValue(v, unit);
  const notes: string[] = [];
  for (const g of groups.values()) {
    const several = g.names.length > 1;
    const suffix = unitSuffix(unit);
    const shown = several ? `${g.values.map(formatNumber).join(", ")}${suffix ? ` ${suffix}` : ""}` : fmt(g.values[0]!);
    const who = `${listOf(g.names)} (${shown})`;
    if (g.kind === "overflow") {
      const top = bounds[bounds.length - 1]!;
      notes.push(
        `${who} ${several ? "are" : "is"} the highest bound: ${several ? "they fall" : "it falls"} in the bucket above ${fmt(top)}, which has no upper bound, so the true value is higher (largest observation ${fmt(s.max)}).`,
      );
      continue;
    }
    const lo = g.bucket === 0 ? 0 : bounds[g.bucket - 1]!;
    const hi = bounds[g.bucket]!;
    const edge = g.kind === "above" ? `above the largest observation, ${fmt(s.max)}` : `below the smallest observation, ${fmt(s.min)}`;
    notes.push(
      `${who} ${several ? "are" : "is"} ${edge}: histogram_quantile assumes a bucket's observations are spread evenly across it, here ${formatNumber(lo)}–${fmt(hi)}.`,
    );
  }
  return notes;
}
