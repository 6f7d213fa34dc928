// Exponential histograms: OpenTelemetry's base-2 exponential bucket histogram, its index
// mapping, its fold with automatic downscaling, and the checks of its options.
// Rules (OpenTelemetry specification, data model, exponential histogram; opentelemetry-js
// sdk-metrics ExponentMapping, LogarithmMapping and ExponentialHistogram, whose behaviour this
// matches):
// - At scale s, base = 2^(2^-s) and bucket index i holds (base^i, base^(i+1)]: upper-inclusive,
//   so an exact power of the base (base^i) lands in bucket i - 1.
// - Scale <= 0: the index is the binary exponent read from the float's bits, one less for an
//   exact power of two, shifted right by -s; no logarithm, so it is exact everywhere.
// - Scale > 0: an exact power of two gets its index from its exponent (exact); any other value
//   floor(ln(v) · 2^s / ln 2), clamped to the largest normal index. The logarithm can put a value
//   within a few ulps of a boundary that is not a power of two into the neighbouring bucket; the
//   specification accepts that, and opentelemetry-js does the same.
// - Values below the smallest normal float (2^-1022) share the lowest normal bucket (the mapping
//   never reads a subnormal's exponent); the largest values the highest bucket.
// - |v| <= zeroThreshold counts in zeroCount and in no bucket; the default threshold is
//   client_golang's DefNativeHistogramZeroThreshold, 2^-128 (histogram.go), a bucket boundary at
//   every scale; 0 keeps only exact zeros (and -0) there.
// - Downscaling: when a value's index would make its sign's index range span more than
//   maxBuckets, the scale goes down by the least change that makes the range fit (both ends
//   shifted right until high - low < maxBuckets), for both signs at once; bucket i becomes
//   i >> change, merging counts; the value is then mapped afresh at the new scale.
// - Count, sum (in recording order), min and max are exact, whatever the buckets.
// - NaN and ±Infinity never reach the fold: measure.m() refuses them, as for every aggregation
//   (opentelemetry-js drops them silently instead).
// - The unit rule (a measure in "ms" is folded in seconds) is stated where the type is defined
//   (aggregation.ts) and applied by the record path's Kind.

import type { ExponentialHistogramAggregation, ExponentialHistogramData } from "./aggregation";
import { ViewError } from "./errors";

/** client_golang's DefNativeHistogramZeroThreshold, 2^-128: a bucket boundary at every scale. */
export const DEFAULT_ZERO_THRESHOLD = 2.938735877055719e-39;
/** The scales OpenTelemetry defines mappings for (opentelemetry-js getMapping). */
export const MIN_SCALE = -10;
export const MAX_SCALE = 20;
/** OpenTelemetry's default maximum number of buckets per sign. */
export const DEFAULT_MAX_BUCKETS = 160;

const MIN_NORMAL = 2 ** -1022;
const MIN_NORMAL_EXPONENT = -1022;
const MAX_NORMAL_EXPONENT = 1023;

// One scratch float and its two 32-bit halves, to read a value's exponent and significand bits.
// Shared safely: every read follows its write synchronously. The high half's position depends on
// the platform's byte order, found once.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
const HI = u32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** ln(v) · SCALE_FACTOR[s] is log2(v) · 2^s: LOG2E times a power of two, exact (opentelemetry-js ldexp). */
const SCALE_FACTOR = Array.from({ length: MAX_SCALE + 1 }, (_, s) => Math.LOG2E * 2 ** s);

/**
 * The bucket index of `v` (> 0, finite) at `scale` (MIN_SCALE..MAX_SCALE): bucket i holds
 * (base^i, base^(i+1)]. Exact at scales <= 0 and at powers of two.
 */
export function mapToIndex(v: number, scale: number): number {
  if (scale <= 0) {
    const shift = -scale;
    // ExponentMapping: below the smallest normal, its lower boundary's index (one lower at
    // scales 0 and -1, where 2^-1022 itself starts a bucket).
    if (v < MIN_NORMAL) return (MIN_NORMAL_EXPONENT >> shift) - (shift < 2 ? 1 : 0);
    f64[0] = v;
    const hi = u32[HI]!;
    const exponent = ((hi & 0x7ff00000) >>> 20) - 1023;
    const powerOfTwo = (hi & 0xfffff) === 0 && u32[LO] === 0;
    return (powerOfTwo ? exponent - 1 : exponent) >> shift;
  }
  // LogarithmMapping.
  if (v <= MIN_NORMAL) return (MIN_NORMAL_EXPONENT << scale) - 1;
  f64[0] = v;
  const hi = u32[HI]!;
  if ((hi & 0xfffff) === 0 && u32[LO] === 0) return ((((hi & 0x7ff00000) >>> 20) - 1023) << scale) - 1;
  const index = Math.floor(Math.log(v) * SCALE_FACTOR[scale]!);
  const maxIndex = ((MAX_NORMAL_EXPONENT + 1) << scale) - 1;
  return index >= maxIndex ? maxIndex : index;
}

/** Lower bound of bucket `index` at `scale`, base^index, for tests and readers (not exact at scale > 0). */
export function lowerBoundary(index: number, scale: number): number {
  return scale <= 0 ? 2 ** (index * 2 ** -scale) : Math.exp((index * Math.LN2) / 2 ** scale);
}

/** Why these options are unusable, or null. */
export function exponentialProblem(o: {
  readonly maxBuckets: number;
  readonly maxScale: number;
  readonly zeroThreshold: number;
}): string | null {
  if (typeof o.maxBuckets !== "number" || !Number.isInteger(o.maxBuckets) || o.maxBuckets < 2)
    return `exponentialHistogram maxBuckets must be a whole number of at least 2, got ${String(o.maxBuckets)}`;
  if (typeof o.maxScale !== "number" || !Number.isInteger(o.maxScale) || o.maxScale < MIN_SCALE || o.maxScale > MAX_SCALE)
    return `exponentialHistogram maxScale must be a whole number from ${MIN_SCALE} to ${MAX_SCALE}, got ${String(o.maxScale)}`;
  if (typeof o.zeroThreshold !== "number" || !Number.isFinite(o.zeroThreshold) || o.zeroThreshold < 0)
    return `exponentialHistogram zeroThreshold must be a finite number >= 0, got ${String(o.zeroThreshold)}`;
  return null;
}

/** exponentialHistogram's options; each may be left out. */
export interface ExponentialHistogramOptions {
  /** Most buckets per sign; at least 2. Default 160 (OpenTelemetry's). */
  maxBuckets?: number;
  /** The starting scale, -10..20. Default 20 (OpenTelemetry's). */
  maxScale?: number;
  /** |v| <= zeroThreshold counts as zero; finite, >= 0. Default 2^-128 (client_golang's). */
  zeroThreshold?: number;
}

/**
 * Bucket the values exponentially, as OpenTelemetry does: at most `maxBuckets` buckets per sign
 * (default 160), from scale `maxScale` (default 20) down as the values' range needs, values with
 * |v| <= `zeroThreshold` (default 2^-128) counted as zero. ViewError("BOUNDS") for maxBuckets
 * below 2, maxScale outside -10..20, a zeroThreshold that is negative or not finite. A view of a
 * measure in "ms" records seconds into it.
 */
export function exponentialHistogram(options: ExponentialHistogramOptions = {}): ExponentialHistogramAggregation {
  const agg: ExponentialHistogramAggregation = {
    type: "exponentialHistogram",
    maxBuckets: options.maxBuckets ?? DEFAULT_MAX_BUCKETS,
    maxScale: options.maxScale ?? MAX_SCALE,
    zeroThreshold: options.zeroThreshold ?? DEFAULT_ZERO_THRESHOLD,
  };
  const problem = exponentialProblem(agg);
  if (problem) throw new ViewError("BOUNDS", problem);
  return Object.freeze(agg);
}

export function newExponentialData(agg: ExponentialHistogramAggregation): ExponentialHistogramData {
  return {
    type: "exponentialHistogram",
    scale: agg.maxScale,
    zeroThreshold: agg.zeroThreshold,
    zeroCount: 0,
    positive: { offset: 0, counts: [] },
    negative: { offset: 0, counts: [] },
    count: 0,
    sum: 0,
    min: Infinity,
    max: -Infinity,
  };
}

export function copyExponential(d: ExponentialHistogramData): ExponentialHistogramData {
  return {
    ...d,
    positive: { offset: d.positive.offset, counts: d.positive.counts.slice() },
    negative: { offset: d.negative.offset, counts: d.negative.counts.slice() },
  };
}

/**
 * Rows of one exponential histogram view merged into one: at the smallest scale among them
 * (bucket i at scale s is bucket i >> (s - smallest), as downscaling merges), counts, sums and
 * zero counts added, min of the mins, max of the maxes; no bucket limit (for showing "all rows",
 * never folded into). No rows: the empty data of `agg`.
 */
export function mergeExponential(agg: ExponentialHistogramAggregation, parts: readonly ExponentialHistogramData[]): ExponentialHistogramData {
  const all = newExponentialData(agg);
  all.scale = parts.reduce((s, d) => Math.min(s, d.scale), agg.maxScale);
  const merge = (into: { offset: number; counts: number[] }, pick: (d: ExponentialHistogramData) => { offset: number; counts: number[] }) => {
    const byIndex = new Map<number, number>();
    for (const d of parts) {
      const b = pick(d);
      for (let k = 0; k < b.counts.length; k++) {
        const i = (b.offset + k) >> (d.scale - all.scale);
        byIndex.set(i, (byIndex.get(i) ?? 0) + b.counts[k]!);
      }
    }
    if (byIndex.size === 0) return;
    const indexes = [...byIndex.keys()];
    into.offset = Math.min(...indexes);
    into.counts = new Array<number>(Math.max(...indexes) - into.offset + 1).fill(0);
    for (const [i, c] of byIndex) into.counts[i - into.offset] = c;
  };
  merge(all.positive, (d) => d.positive);
  merge(all.negative, (d) => d.negative);
  for (const d of parts) {
    all.zeroCount += d.zeroCount;
    all.count += d.count;
    all.sum += d.sum;
    if (d.min < all.min) all.min = d.min;
    if (d.max > all.max) all.max = d.max;
  }
  return all;
}

/** Folds `v` (finite) into `d`, keeping each sign's range within `maxBuckets` buckets. */
export function foldExponential(d: ExponentialHistogramData, v: number, maxBuckets: number): void {
  d.count++;
  d.sum += v;
  if (v < d.min) d.min = v;
  if (v > d.max) d.max = v;
  const threshold = d.zeroThreshold;
  if (v > threshold) addAbsolute(d, d.positive, v, maxBuckets);
  else if (v < -threshold) addAbsolute(d, d.negative, -v, maxBuckets);
  else d.zeroCount++;
}

type Buckets = ExponentialHistogramData["positive"];

/** Counts `a` (> zeroThreshold) in `b`; the common case (inside the range) is one increment. */
function addAbsolute(d: ExponentialHistogramData, b: Buckets, a: number, maxBuckets: number): void {
  const index = mapToIndex(a, d.scale);
  const k = index - b.offset;
  const counts = b.counts;
  if (k >= 0 && k < counts.length) counts[k]!++;
  else addOutside(d, b, a, index, maxBuckets);
}

/** `a` falls outside `b`'s range (or `b` is empty): downscale if the range would not fit, then widen it. */
function addOutside(d: ExponentialHistogramData, b: Buckets, a: number, at: number, maxBuckets: number): void {
  let index = at;
  if (b.counts.length === 0) {
    b.offset = index;
    b.counts.push(1);
    return;
  }
  // opentelemetry-js checks once; the loop only matters were the logarithm at the new scale to
  // put the value one bucket further out, and keeps the range within maxBuckets even then.
  for (;;) {
    const end = b.offset + b.counts.length - 1;
    let low = index < b.offset ? index : b.offset;
    let high = index > end ? index : end;
    if (high - low < maxBuckets) break;
    let change = 0;
    while (high - low >= maxBuckets) {
      high >>= 1;
      low >>= 1;
      change++;
    }
    d.scale -= change;
    downscale(d.positive, change);
    downscale(d.negative, change);
    index = mapToIndex(a, d.scale);
  }
  const counts = b.counts;
  if (index < b.offset) {
    // Widen downwards: a new array with the zeros in front (rare: only a new lowest index).
    const grown: number[] = [1];
    for (let i = index + 1; i < b.offset; i++) grown.push(0);
    for (let k = 0; k < counts.length; k++) grown.push(counts[k]!);
    b.offset = index;
    b.counts = grown;
  } else if (index >= b.offset + counts.length) {
    while (b.offset + counts.length < index) counts.push(0);
    counts.push(1);
  } else {
    counts[index - b.offset]!++;
  }
}

/** Merges `b`'s buckets 2^change to 1: bucket i becomes i >> change (opentelemetry-js Buckets.downscale). */
function downscale(b: Buckets, change: number): void {
  const counts = b.counts;
  if (counts.length === 0 || change === 0) return;
  const offset = b.offset >> change;
  const last = (b.offset + counts.length - 1) >> change;
  const merged: number[] = [];
  for (let i = offset; i <= last; i++) merged.push(0);
  for (let k = 0; k < counts.length; k++) merged[((b.offset + k) >> change) - offset]! += counts[k]!;
  b.offset = offset;
  b.counts = merged;
}
