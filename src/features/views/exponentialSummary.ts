// What an exponential histogram card shows for the chosen row, or for all rows combined: its
// numbers, its p50/p90/p99 as Prometheus would estimate them, and its buckets as chart points.
// Rules:
// - rows combine as `combineRows` says (the engine's mergeExponential: the smallest scale among
//   them, no bucket limit), the same rule as the store's history;
// - the values are in the unit the view folds them in: seconds for a measure in "ms" (the
//   engine's rule, docs/semantics.md; the store's `unitOf` says it), so values from the log, in
//   the measure's unit, are multiplied by `foldFactor` before they are compared;
// - quantiles are Prometheus 2.42's histogram_quantile on the native histogram the page exposes
//   for these buckets (src/wire `nativeHistogramQuantile`); a scale below −4 has no native
//   histogram, so no estimate (NaN, with the reason in `unexposable`);
// - "buckets" is the span of bucket indexes the histogram holds, per sign added up (what Max
//   buckets caps); `populated` how many of them hold observations;
// - the chart has one bar per bucket of the range, empty ones included, in value order:
//   negative buckets, the zero bucket (when it holds anything), positive buckets. Bucket i at
//   scale s is (base^i, base^(i+1)], base = 2^(2^−s), so equal widths on a log axis: a
//   categorical axis of the buckets IS a log axis; every `tickEvery`-th bar is labelled with its
//   lower bound, the tooltip gives each bucket's range.
// Pure: runs in Node tests.

import { formatNumber } from "../../components/format";
import type { ExponentialHistogramData, Row, View } from "../../engine";
import { combineRows } from "../../store/viewData";
// The module itself, not src/wire's entry point: the entry point also brings the encoder and
// @bufbuild/protobuf, which only the export panel's Protobuf view needs (a lazy chunk); this
// card is in the first load.
import { nativeHistogramQuantile } from "../../wire/nativeQuantile";
import { QUANTILES, type QuantileName } from "./summary";

/** What a value in the measure's unit is multiplied by to be in the folded unit. */
export function foldFactor(unit: string): number {
  return unit === "ms" ? 1 / 1000 : 1;
}

export interface ExponentialSummary {
  data: ExponentialHistogramData;
  count: number;
  sum: number;
  mean: number;
  min: number;
  max: number;
  scale: number;
  /** Bucket indexes spanned, positive and negative added up. */
  buckets: number;
  /** Buckets holding observations. */
  populated: number;
  zeroCount: number;
  quantiles: Record<QuantileName, number>;
  /** Why there are no estimates although there are observations, or null. */
  unexposable: string | null;
}

export function summarizeExponential(view: Pick<View, "aggregation">, rows: readonly Row[]): ExponentialSummary {
  const data = combineRows(view, rows) as ExponentialHistogramData;
  const quantiles = {} as Record<QuantileName, number>;
  let unexposable: string | null = null;
  for (const { name, q } of QUANTILES) {
    try {
      quantiles[name] = nativeHistogramQuantile(data, q);
    } catch (e) {
      quantiles[name] = NaN;
      unexposable = e instanceof Error ? e.message : String(e);
    }
  }
  let populated = 0;
  for (const c of data.positive.counts) if (c > 0) populated++;
  for (const c of data.negative.counts) if (c > 0) populated++;
  const { count } = data;
  return {
    data,
    count,
    sum: data.sum,
    mean: count > 0 ? data.sum / count : NaN,
    min: count > 0 ? data.min : NaN,
    max: count > 0 ? data.max : NaN,
    scale: data.scale,
    buckets: data.positive.counts.length + data.negative.counts.length,
    populated,
    zeroCount: data.zeroCount,
    quantiles,
    unexposable,
  };
}

/** base^index at `scale`: a bucket's lower bound (2 raised to an exact fraction: no logarithm). */
export function bucketLowerBound(index: number, scale: number): number {
  return 2 ** (scale <= 0 ? index * 2 ** -scale : index / 2 ** scale);
}

/** The base of `scale`, 2^(2^−scale). */
export function scaleBase(scale: number): number {
  return 2 ** (2 ** -scale);
}

export interface NativeBucketPoint {
  /** The axis label: the bucket's lower bound on every tickEvery-th bar, else "". */
  label: string;
  /** "> 0.0625 and ≤ 0.0664 s", for the tooltip. */
  range: string;
  count: number;
  /** The bucket's bounds, lower < upper (the zero bucket: −threshold, threshold). */
  lower: number;
  upper: number;
}

/** At most about this many labelled ticks on the axis. */
const TICKS = 10;

/** One point per bucket of `d`, in value order (see the rules above). */
export function nativeBucketPoints(d: ExponentialHistogramData, suffix: string): NativeBucketPoint[] {
  const unit = suffix ? ` ${suffix}` : "";
  const out: (Omit<NativeBucketPoint, "label"> & { zero?: true })[] = [];
  const { scale } = d;
  const neg = d.negative;
  for (let k = neg.counts.length - 1; k >= 0; k--) {
    const i = neg.offset + k;
    const lower = -bucketLowerBound(i + 1, scale);
    const upper = -bucketLowerBound(i, scale);
    out.push({ range: `≥ ${formatNumber(lower)} and < ${formatNumber(upper)}${unit}`, count: neg.counts[k]!, lower, upper });
  }
  if (d.zeroCount > 0)
    out.push({
      range: `zero bucket: |v| ≤ ${formatNumber(d.zeroThreshold)}${unit}`,
      count: d.zeroCount,
      lower: -d.zeroThreshold,
      upper: d.zeroThreshold,
      zero: true,
    });
  const pos = d.positive;
  for (let k = 0; k < pos.counts.length; k++) {
    const i = pos.offset + k;
    const lower = bucketLowerBound(i, scale);
    const upper = bucketLowerBound(i + 1, scale);
    out.push({ range: `> ${formatNumber(lower)} and ≤ ${formatNumber(upper)}${unit}`, count: pos.counts[k]!, lower, upper });
  }
  const every = tickEvery(out.length);
  return out.map(({ zero, ...p }, n) => ({ ...p, label: n % every === 0 ? (zero ? "0" : formatNumber(p.lower)) : "" }));
}

/** Label every n-th bar so that about TICKS labels show. */
export function tickEvery(bars: number): number {
  return Math.max(1, Math.ceil(bars / TICKS));
}

/** "+12.5%", "−0.3%", "0%": how far an estimate is from the exact value, signed. */
export function signedError(estimate: number, exact: number): string {
  if (!Number.isFinite(estimate) || !Number.isFinite(exact)) return "—";
  if (estimate === exact) return "0%";
  if (exact === 0) return "—";
  const e = ((estimate - exact) / Math.abs(exact)) * 100;
  return `${e > 0 ? "+" : "−"}${formatNumber(Math.abs(e))}%`;
}

/** |estimate − exact| / |exact|, or NaN when it cannot be said. */
export function relativeError(estimate: number, exact: number): number {
  if (!Number.isFinite(estimate) || !Number.isFinite(exact)) return NaN;
  if (estimate === exact) return 0;
  if (exact === 0) return NaN;
  return Math.abs(estimate - exact) / Math.abs(exact);
}

/** One quantile of the side-by-side comparison: both estimates' relative errors against the exact value. */
export interface ComparedQuantile {
  name: QuantileName;
  /** The exact quantile, in the measure's unit. */
  exact: number;
  /** |native − exact| / exact, the native estimate taken back to the measure's unit. */
  native: number;
  /** |classic − exact| / exact. */
  classic: number;
}

/**
 * The native estimates (in the folded unit) and a classic distribution's (in the measure's unit)
 * against the exact quantiles of the log (in the measure's unit, in QUANTILES order).
 */
export function compareQuantiles(
  native: Record<QuantileName, number>,
  classic: Record<QuantileName, number>,
  exact: readonly number[],
  factor: number,
): ComparedQuantile[] {
  return QUANTILES.map(({ name }, i) => {
    const x = exact[i] ?? NaN;
    return { name, exact: x, native: relativeError(native[name] / factor, x), classic: relativeError(classic[name], x) };
  });
}

const listOf = (items: readonly string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** "0.8%" */
const percent = (e: number) => `${formatNumber(e * 100)}%`;

/** One sentence: where the native histogram is closer to the exact quantiles, where the classic one is, and by how much. */
export function comparisonSentence(rows: readonly ComparedQuantile[], peer: string): string {
  const usable = rows.filter((r) => Number.isFinite(r.native) && Number.isFinite(r.classic));
  if (usable.length === 0) return `No quantile can be compared with ${peer} yet.`;
  const closer = usable.filter((r) => r.native < r.classic).map((r) => r.name);
  const farther = usable.filter((r) => r.native > r.classic).map((r) => r.name);
  const worst = usable.reduce((a, b) => (b.native > a.native ? b : a));
  const worstClassic = usable.reduce((a, b) => (b.classic > a.classic ? b : a));
  const parts: string[] = [];
  if (closer.length > 0) parts.push(`closer to the exact value than ${peer} at ${listOf(closer)}`);
  if (farther.length > 0) parts.push(`${closer.length > 0 ? "farther" : `farther from the exact value than ${peer}`} at ${listOf(farther)}`);
  if (parts.length === 0) parts.push(`as close to the exact value as ${peer} at ${listOf(usable.map((r) => r.name))}`);
  return `This native histogram is ${parts.join(", ")}: its largest error is ${percent(worst.native)} (${worst.name}), ${peer}’s ${percent(worstClassic.classic)} (${worstClassic.name}).`;
}
