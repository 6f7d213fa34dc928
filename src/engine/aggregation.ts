// Aggregations: how a view folds measurements into one row's data.
// Rules:
// - Count counts measurements; Sum adds values; LastValue keeps the latest (a gauge).
// - Distribution bounds are finite and strictly increasing, and buckets are UPPER-inclusive:
//   a value v lands in the first bucket whose bound b satisfies v <= b, else in the overflow
//   bucket. This is Prometheus `le` and OpenTelemetry; OpenCensus is lower-inclusive and
//   drops a 0 bound, which makes its `le` output off by one bucket. We do neither.
// - Distribution data keeps count, an exact running sum, mean, min, max and the sum of
//   squared deviations from the mean (Welford's update, numerically stable).
// - ExponentialHistogram is OpenTelemetry's base-2 exponential histogram (exponential.ts holds
//   its mapping, fold and checks). Its bucket bounds are powers of its base, so it cannot be
//   rescaled when exposed: a view whose measure's unit is "ms" folds v / 1000, in seconds, into
//   it (count, sum, min, max and buckets are all in seconds). Only this aggregation converts;
//   every other keeps the measure's unit and is converted when written. The conversion is a
//   Kind of its own (kindOf), so live recording and replay from the log divide alike and give
//   the same floats.
// - No fold checks its value: measure.m() refuses NaN and ±Infinity, so they never get here.

import { ViewError } from "./errors";
import { type Exemplar, exemplarOfId, type ExemplarTemplate } from "./exemplar";
import {
  copyExponential,
  exponentialProblem,
  foldExponential,
  newExponentialData,
} from "./exponential";

/**
 * How a view folds measurements into a row: count(), sum(), lastValue(), distribution(bounds)
 * or exponentialHistogram(options). Made by those functions, compared by value (same type and
 * bounds or options).
 */
export type Aggregation =
  | { readonly type: "count" }
  | { readonly type: "sum" }
  | { readonly type: "lastValue" }
  | { readonly type: "distribution"; readonly bounds: readonly number[] }
  | ExponentialHistogramAggregation;

/**
 * OpenTelemetry's exponential histogram: at most `maxBuckets` buckets per sign, starting at
 * scale `maxScale` and scaling down as the values need; |v| <= `zeroThreshold` counts as zero.
 * A view of a measure in "ms" records seconds into it (v / 1000): its bounds cannot be
 * rescaled later.
 */
export interface ExponentialHistogramAggregation {
  readonly type: "exponentialHistogram";
  readonly maxBuckets: number;
  readonly maxScale: number;
  readonly zeroThreshold: number;
}

/** The aggregations by name: "count", "sum", "lastValue", "distribution", "exponentialHistogram". */
export type AggregationType = Aggregation["type"];

/** A Count row: how many measurements it has seen (exposed as a counter). */
export interface CountData {
  readonly type: "count";
  value: number;
  /** The latest exemplar (value 1, the increment), in an engine with exemplars on; absent otherwise. */
  exemplar?: Exemplar;
}
/** A Sum row: the sum of its values (exposed as a counter; negative values make it go down). */
export interface SumData {
  readonly type: "sum";
  value: number;
  /** The latest exemplar, in an engine with exemplars on; absent otherwise. */
  exemplar?: Exemplar;
}
/** A LastValue row: the latest value recorded (exposed as a gauge). */
export interface LastValueData {
  readonly type: "lastValue";
  value: number;
}
/**
 * A Distribution row: count, sum, mean, min, max, sum of squared deviations (Welford) and the
 * per-bucket counts, upper-inclusive (exposed as a histogram with cumulative `le` buckets).
 */
export interface DistributionData {
  readonly type: "distribution";
  count: number;
  sum: number;
  mean: number;
  /** +Infinity until the first value. */
  min: number;
  /** -Infinity until the first value. */
  max: number;
  sumOfSquaredDeviation: number;
  /** Per-bucket (not cumulative) counts; length is bounds.length + 1, the last is the overflow. */
  bucketCounts: number[];
  /**
   * The latest exemplar per bucket (same indexes as bucketCounts; a hole where none), in an engine
   * with exemplars on (exemplar.ts); absent until the row's first exemplar.
   */
  exemplars?: (Exemplar | undefined)[];
}
/**
 * An ExponentialHistogram row (OpenTelemetry data model, exponential histogram). Bucket index i
 * at scale s holds (base^i, base^(i+1)], base = 2^(2^-s): upper-inclusive, as Prometheus `le`.
 * In seconds when the measure's unit is "ms" (see ExponentialHistogramAggregation).
 */
export interface ExponentialHistogramData {
  readonly type: "exponentialHistogram";
  /** The current scale: starts at the aggregation's maxScale and only ever goes down. */
  scale: number;
  /** Values with |v| <= zeroThreshold count in zeroCount, not in a bucket. */
  zeroThreshold: number;
  zeroCount: number;
  /** counts[k] is the count of bucket index offset + k (positive values). */
  positive: { offset: number; counts: number[] };
  /** The same for the absolute values of negative values. */
  negative: { offset: number; counts: number[] };
  count: number;
  /** The exact running sum, in recording order. */
  sum: number;
  /** +Infinity until the first value. */
  min: number;
  /** -Infinity until the first value. */
  max: number;
}
/** A row's data, by aggregation: snapshots hand out copies that later recording does not change. */
export type AggregationData = CountData | SumData | LastValueData | DistributionData | ExponentialHistogramData;

const COUNT: Aggregation = Object.freeze({ type: "count" });
const SUM: Aggregation = Object.freeze({ type: "sum" });
const LAST_VALUE: Aggregation = Object.freeze({ type: "lastValue" });

/** Count the measurements (any measure; the count has no unit). Exposed as a counter. */
export const count = (): Aggregation => COUNT;
/** Add the values up. Exposed as a counter, in the measure's unit. */
export const sum = (): Aggregation => SUM;
/** Keep the latest value. Exposed as a gauge. */
export const lastValue = (): Aggregation => LAST_VALUE;

/** Message for invalid bounds, or null when they are usable. */
export function boundsProblem(bounds: readonly number[]): string | null {
  if (!Array.isArray(bounds) || bounds.length === 0)
    return "distribution needs at least one bucket bound";
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i];
    if (typeof b !== "number" || !Number.isFinite(b))
      return `distribution bound ${i} is ${String(b)}; bounds must be finite numbers`;
    if (i > 0 && b <= bounds[i - 1]!)
      return `distribution bounds must be strictly increasing, but bound ${i} (${b}) ${
        b === bounds[i - 1] ? "repeats" : "is below"
      } bound ${i - 1} (${bounds[i - 1]})`;
  }
  return null;
}

/**
 * Bucket the values: bounds are finite and strictly increasing (ViewError "BOUNDS" otherwise,
 * see boundsProblem); a value v lands in the first bucket with v ≤ bound (Prometheus `le`), or
 * in the overflow bucket above the last bound. The bounds are copied and frozen.
 */
export function distribution(bounds: readonly number[]): Aggregation {
  const problem = boundsProblem(bounds);
  if (problem) throw new ViewError("BOUNDS", problem);
  return Object.freeze({ type: "distribution", bounds: Object.freeze([...bounds]) });
}

export function sameAggregation(a: Aggregation, b: Aggregation): boolean {
  if (a.type !== b.type) return false;
  if (a.type === "exponentialHistogram" && b.type === "exponentialHistogram")
    return a.maxBuckets === b.maxBuckets && a.maxScale === b.maxScale && a.zeroThreshold === b.zeroThreshold;
  if (a.type !== "distribution" || b.type !== "distribution") return true;
  return a.bounds.length === b.bounds.length && a.bounds.every((x, i) => x === b.bounds[i]);
}

/** The aggregation's problem (bounds or exponential options), or null when it is usable. */
export function aggregationProblem(agg: Aggregation): string | null {
  if (agg.type === "distribution") return boundsProblem(agg.bounds);
  if (agg.type === "exponentialHistogram") return exponentialProblem(agg);
  return null;
}

export function newData(agg: Aggregation): AggregationData {
  switch (agg.type) {
    case "count":
      return { type: "count", value: 0 };
    case "sum":
      return { type: "sum", value: 0 };
    case "lastValue":
      return { type: "lastValue", value: 0 };
    case "distribution":
      return {
        type: "distribution",
        count: 0,
        sum: 0,
        mean: 0,
        min: Infinity,
        max: -Infinity,
        sumOfSquaredDeviation: 0,
        bucketCounts: new Array<number>(agg.bounds.length + 1).fill(0),
      };
    case "exponentialHistogram":
      return newExponentialData(agg);
  }
}

/** Index of the bucket `v` falls in: the first bound with v <= bound, else bounds.length. */
export function bucketIndex(bounds: readonly number[], v: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= bounds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Finds buckets fast. Binary search over bounds mispredicts a branch at nearly every step on
 * real data; instead the range of the bounds is cut into equal cells, and a table gives, for
 * each cell, a bucket index that is never above the right one (it is computed one whole cell
 * lower). `while (v > bound[i]) i++` then walks to the exact bucket, usually in 0 or 1 steps, so
 * the result is exactly `bucketIndex` whatever the rounding. Bounds whose smallest gap is tiny
 * against their range (exponential bounds) would need a huge table: those use binary search.
 */
export interface BucketFinder {
  /** The bounds followed by +Infinity, so the walk always stops. */
  readonly padded: Float64Array;
  readonly first: number;
  readonly scale: number;
  readonly cells: number;
  /** Lower-bound bucket index per cell, or null when binary search is used. */
  readonly table: Uint16Array | null;
}

const MAX_CELLS = 4096;
const MIN_NORMAL = 2.2250738585072014e-308;

export function bucketFinder(bounds: readonly number[]): BucketFinder {
  const n = bounds.length;
  const padded = new Float64Array(n + 1);
  padded.set(bounds);
  padded[n] = Infinity;
  const first = bounds[0] ?? 0;
  const last = bounds[n - 1] ?? 0;
  let minGap = Infinity;
  for (let i = 1; i < n; i++) minGap = Math.min(minGap, bounds[i]! - bounds[i - 1]!);
  const range = last - first;
  const cells = n <= 1 ? 1 : Math.ceil((2 * range) / minGap);
  const width = n <= 1 ? 1 : range / cells;
  // Cells must be few, normal-sized (a subnormal width loses precision and 1/width overflows)
  // and far wider than the rounding error of `first + k·width`.
  const usable =
    cells <= MAX_CELLS &&
    width >= MIN_NORMAL &&
    width > Math.max(Math.abs(first), Math.abs(last)) * 1e-9;
  if (!usable) return { padded, first, scale: 0, cells: 0, table: null };
  const table = new Uint16Array(cells + 1);
  for (let k = 0; k <= cells; k++) table[k] = bucketIndex(bounds, first + (k - 1) * width);
  return { padded, first, scale: 1 / width, cells, table };
}

/** The bucket `v` falls in; always equal to `bucketIndex(bounds, v)`. */
export function findBucket(f: BucketFinder, v: number): number {
  const padded = f.padded;
  const table = f.table;
  let i: number;
  if (table !== null) {
    const c = (v - f.first) * f.scale;
    i = table[c <= 0 ? 0 : c >= f.cells ? f.cells : c | 0]!;
  } else {
    let hi = padded.length - 1;
    i = 0;
    while (i < hi) {
      const mid = (i + hi) >>> 1;
      if (v <= padded[mid]!) hi = mid;
      else i = mid + 1;
    }
  }
  while (v > padded[i]!) i++;
  return i;
}

/** An aggregation's type as a small integer: the record path switches on it. */
export const enum Kind {
  Count = 0,
  Sum = 1,
  LastValue = 2,
  Distribution = 3,
  ExponentialHistogram = 4,
  /** An exponential histogram of a measure in "ms": folds v / 1000 (seconds). */
  ExponentialHistogramMs = 5,
}

/** How a view of a measure in `unit` folds: the unit matters only to an exponential histogram. */
export const kindOf = (agg: Aggregation, unit = ""): Kind =>
  agg.type === "count"
    ? Kind.Count
    : agg.type === "sum"
      ? Kind.Sum
      : agg.type === "lastValue"
        ? Kind.LastValue
        : agg.type === "distribution"
          ? Kind.Distribution
          : unit === "ms"
            ? Kind.ExponentialHistogramMs
            : Kind.ExponentialHistogram;

/** An exponential histogram view's limit, as its fold needs it. */
export interface ExponentialLimits {
  readonly maxBuckets: number;
}

/** What a view's fold needs besides the row: a distribution's finder, an exponential histogram's limits. */
export type FoldParams = BucketFinder | ExponentialLimits;

/** The view's FoldParams: its bucket finder, or for an exponential histogram its bucket limit. */
export const foldParams = (agg: Aggregation): FoldParams =>
  agg.type === "exponentialHistogram" ? { maxBuckets: agg.maxBuckets } : bucketFinder(agg.type === "distribution" ? agg.bounds : []);

/**
 * Folds one value into a row's data. The hot path: one function for every aggregation (so the
 * call site stays monomorphic and inlinable), no allocation but an exponential histogram
 * growing its bucket range, no validation (values were checked by `measure.m()`). `buckets` is
 * the view's FoldParams: a finder for distributions, the limits for exponential histograms.
 */
export function foldValue(kind: Kind, buckets: FoldParams, data: AggregationData, v: number): void {
  switch (kind) {
    case Kind.Count:
      (data as CountData).value++;
      return;
    case Kind.Sum:
      (data as SumData).value += v;
      return;
    case Kind.LastValue:
      (data as LastValueData).value = v;
      return;
    case Kind.Distribution:
      foldDistribution(data as DistributionData, findBucket(buckets as BucketFinder, v), v);
      return;
    case Kind.ExponentialHistogram:
      foldExponential(data as ExponentialHistogramData, v, (buckets as ExponentialLimits).maxBuckets);
      return;
    case Kind.ExponentialHistogramMs:
      foldExponential(data as ExponentialHistogramData, v / 1000, (buckets as ExponentialLimits).maxBuckets);
      return;
  }
}

/** Folds `v`, found to fall in bucket `bucket`, into a distribution. */
export function foldDistribution(d: DistributionData, bucket: number, v: number): void {
  d.bucketCounts[bucket]!++;
  const n = ++d.count;
  d.sum += v;
  if (v < d.min) d.min = v;
  if (v > d.max) d.max = v;
  // Welford: numerically stable running mean and sum of squared deviations. The reciprocal
  // depends only on the count, so the CPU computes it off the mean's dependency chain;
  // `delta / n` would make every value wait for a division.
  const inv = 1 / n;
  const delta = v - d.mean;
  d.mean += delta * inv;
  d.sumOfSquaredDeviation += delta * (v - d.mean);
}

/**
 * Exemplars recorded with a template and an id (exemplar.ts), kept in a live row as numbers:
 * per bucket (a count or sum row: one) four slots, the template's number (its index + 1; 0 for
 * none, or when an exemplar object came later), the id, the value and the time. Live rows only:
 * a snapshot holds Exemplar objects (copyData).
 */
export interface IdExemplarSlots {
  idExemplars?: Float64Array;
}
export const ID_SLOTS = 4;

/** The exemplar in id slots `x` at `at`, or undefined. */
function idExemplar(x: Float64Array | undefined, at: number, templates: readonly ExemplarTemplate[], value?: number): Exemplar | undefined {
  if (x === undefined || x[at] === 0) return undefined;
  return exemplarOfId(templates[x[at]! - 1]!, x[at + 1]!, value ?? x[at + 2]!, x[at + 3]!);
}

/**
 * A snapshot's copy of a live row. Exemplar objects are immutable: copying the array is enough
 * for the snapshot to keep its own; id slots become Exemplar objects of `templates`.
 */
export function copyData(data: AggregationData, templates: readonly ExemplarTemplate[] = []): AggregationData {
  const { idExemplars: ids, ...rest } = data as AggregationData & IdExemplarSlots;
  const copy = rest as AggregationData;
  switch (copy.type) {
    case "distribution": {
      const out: DistributionData = { ...copy, bucketCounts: copy.bucketCounts.slice() };
      if (copy.exemplars === undefined && ids === undefined) return out;
      const kept = (out.exemplars = copy.exemplars?.slice() ?? new Array<Exemplar | undefined>(copy.bucketCounts.length));
      if (ids !== undefined) for (let b = 0; b < kept.length; b++) kept[b] = idExemplar(ids, b * ID_SLOTS, templates) ?? kept[b];
      return out;
    }
    case "exponentialHistogram":
      return copyExponential(copy);
    case "count": {
      // A count's exemplar has the increment as its value (recording.ts foldWithExemplar).
      const exemplar = idExemplar(ids, 0, templates, 1) ?? copy.exemplar;
      return exemplar === undefined ? { ...copy } : { ...copy, exemplar: exemplar.value === 1 ? exemplar : { ...exemplar, value: 1 } };
    }
    case "sum": {
      const exemplar = idExemplar(ids, 0, templates) ?? copy.exemplar;
      return exemplar === undefined ? { ...copy } : { ...copy, exemplar };
    }
    default:
      return { ...copy };
  }
}

/** Cumulative `{ upperBound, count }` buckets ending in +Inf, as Prometheus exposes them. */
export function cumulativeBuckets(
  bounds: readonly number[],
  bucketCounts: readonly number[],
): { upperBound: number; count: number }[] {
  const out: { upperBound: number; count: number }[] = [];
  let acc = 0;
  for (let i = 0; i < bucketCounts.length; i++) {
    acc += bucketCounts[i]!;
    out.push({ upperBound: i < bounds.length ? bounds[i]! : Infinity, count: acc });
  }
  return out;
}
