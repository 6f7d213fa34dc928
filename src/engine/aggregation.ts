// Aggregations: how a view folds measurements into one row's data.
// Rules:
// - Count counts measurements; Sum adds values; LastValue keeps the latest (a gauge).
// - Distribution bounds are finite and strictly increasing, and buckets are UPPER-inclusive:
//   a value v lands in the first bucket whose bound b satisfies v <= b, else in the overflow
//   bucket. This is Prometheus `le` and OpenTelemetry; OpenCensus is lower-inclusive and
//   drops a 0 bound, which makes its `le` output off by one bucket. We do neither.
// - Distribution data keeps count, an exact running sum, mean, min, max and the sum of
//   squared deviations from the mean (Welford's update, numerically stable).

import { ViewError } from "./errors";

export type Aggregation =
  | { readonly type: "count" }
  | { readonly type: "sum" }
  | { readonly type: "lastValue" }
  | { readonly type: "distribution"; readonly bounds: readonly number[] };

export type AggregationType = Aggregation["type"];

export interface CountData {
  readonly type: "count";
  value: number;
}
export interface SumData {
  readonly type: "sum";
  value: number;
}
export interface LastValueData {
  readonly type: "lastValue";
  value: number;
}
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
}
export type AggregationData = CountData | SumData | LastValueData | DistributionData;

const COUNT: Aggregation = Object.freeze({ type: "count" });
const SUM: Aggregation = Object.freeze({ type: "sum" });
const LAST_VALUE: Aggregation = Object.freeze({ type: "lastValue" });

export const count = (): Aggregation => COUNT;
export const sum = (): Aggregation => SUM;
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

export function distribution(bounds: readonly number[]): Aggregation {
  const problem = boundsProblem(bounds);
  if (problem) throw new ViewError("BOUNDS", problem);
  return Object.freeze({ type: "distribution", bounds: Object.freeze([...bounds]) });
}

export function sameAggregation(a: Aggregation, b: Aggregation): boolean {
  if (a.type !== b.type) return false;
  if (a.type !== "distribution" || b.type !== "distribution") return true;
  return a.bounds.length === b.bounds.length && a.bounds.every((x, i) => x === b.bounds[i]);
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
 * The function that folds one value into a row's data for `agg`. Built once per view so the
 * record path is monomorphic: no allocation, no validation (values are checked at `m()`).
 */
export function adderFor(agg: Aggregation): (data: AggregationData, v: number) => void {
  switch (agg.type) {
    case "count":
      return (data) => {
        (data as CountData).value++;
      };
    case "sum":
      return (data, v) => {
        (data as SumData).value += v;
      };
    case "lastValue":
      return (data, v) => {
        (data as LastValueData).value = v;
      };
    case "distribution": {
      const bounds = agg.bounds;
      return (d, v) => {
        const data = d as DistributionData;
        const n = ++data.count;
        data.sum += v;
        if (v < data.min) data.min = v;
        if (v > data.max) data.max = v;
        const delta = v - data.mean;
        data.mean += delta / n;
        data.sumOfSquaredDeviation += delta * (v - data.mean);
        data.bucketCounts[bucketIndex(bounds, v)]!++;
      };
    }
  }
}

export function copyData(data: AggregationData): AggregationData {
  return data.type === "distribution"
    ? { ...data, bucketCounts: data.bucketCounts.slice() }
    : { ...data };
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
