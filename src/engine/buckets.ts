// Bucket-bound generators, as client_golang's prometheus.LinearBuckets, ExponentialBuckets
// and ExponentialBucketsRange compute them (same accumulation order, so the same floats).
// Rule: arguments that cannot give strictly increasing finite bounds are an error, not a panic.

import { StatsError } from "./errors";

function checkCount(fn: string, n: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new StatsError("BUCKETS", `${fn}: count must be a whole number ≥ 1, got ${n}`);
}

function checkFinite(fn: string, what: string, x: number): void {
  if (!Number.isFinite(x)) throw new StatsError("BUCKETS", `${fn}: ${what} must be finite, got ${x}`);
}

/** `count` bounds: start, start+width, … ; width must be > 0. */
export function linearBuckets(start: number, width: number, count: number): number[] {
  checkCount("linearBuckets", count);
  checkFinite("linearBuckets", "start", start);
  checkFinite("linearBuckets", "width", width);
  if (width <= 0)
    throw new StatsError("BUCKETS", `linearBuckets: width must be > 0, got ${width}`);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    out[i] = start;
    start += width;
  }
  return out;
}

/** `count` bounds: start, start·factor, … ; start > 0, factor > 1. */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  checkCount("exponentialBuckets", count);
  checkFinite("exponentialBuckets", "start", start);
  checkFinite("exponentialBuckets", "factor", factor);
  if (start <= 0)
    throw new StatsError("BUCKETS", `exponentialBuckets: start must be > 0, got ${start}`);
  if (factor <= 1)
    throw new StatsError("BUCKETS", `exponentialBuckets: factor must be > 1, got ${factor}`);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    out[i] = start;
    start *= factor;
  }
  if (!Number.isFinite(out[count - 1]!))
    throw new StatsError("BUCKETS", `exponentialBuckets: bounds overflow to Infinity`);
  return out;
}

/** `count` bounds growing exponentially from `min` to `max`; 0 < min < max (or count 1). */
export function exponentialBucketsRange(min: number, max: number, count: number): number[] {
  checkCount("exponentialBucketsRange", count);
  checkFinite("exponentialBucketsRange", "min", min);
  checkFinite("exponentialBucketsRange", "max", max);
  if (min <= 0)
    throw new StatsError("BUCKETS", `exponentialBucketsRange: min must be > 0, got ${min}`);
  if (count === 1) return [min];
  if (max <= min)
    throw new StatsError(
      "BUCKETS",
      `exponentialBucketsRange: max (${max}) must be greater than min (${min})`,
    );
  const growth = Math.pow(max / min, 1 / (count - 1));
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = min * Math.pow(growth, i);
  return out;
}
