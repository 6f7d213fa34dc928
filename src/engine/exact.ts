// Exact quantiles of recorded values: what a histogram's estimate is measured against.
// Rule (docs/semantics.md, "Exact quantiles"): the q-quantile of n values is the smallest value
// v with at least ⌈q·n⌉ values ≤ v (at least one: q = 0 gives the minimum); ⌈q·n⌉ is taken on
// the exact product, so 0.9 × 10 is 9, not the 10 that 9.000000000000002 would round up to.
// No values → NaN; q outside [0, 1] or NaN → StatsError("QUANTILE").

import { StatsError } from "./errors";

/** How many of n values must lie at or below the q-quantile: ⌈q·n⌉, at least 1. */
export function quantileRank(q: number, n: number): number {
  if (!(q >= 0 && q <= 1)) throw new StatsError("QUANTILE", `a quantile must be a number from 0 to 1, got ${String(q)}`);
  const x = q * n;
  const nearest = Math.round(x);
  // q·n in floating point can land just above a whole number it equals (0.9 × 10).
  const k = Math.abs(x - nearest) <= 1e-9 * Math.max(1, x) ? nearest : Math.ceil(x);
  return Math.max(1, Math.min(n, k));
}

/**
 * The k-th smallest (1-based) of `a[from..]`, reordering `a` in place (quickselect, Hoare
 * partition): afterwards nothing before position k − 1 is larger and nothing after is smaller.
 */
function select(a: Float64Array, k: number, from = 0): number {
  let lo = from;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

/**
 * The exact q-quantile of `values`: the smallest value v with at least ⌈q·n⌉ values ≤ v.
 * NaN for no values; StatsError("QUANTILE") for q outside [0, 1]. `values` is not changed.
 * Linear time (a copy and a selection); for several quantiles of one set, exactQuantiles sorts once.
 */
export function exactQuantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  const k = quantileRank(q, Math.max(1, n));
  if (n === 0) return NaN;
  return select(Float64Array.from(values), k);
}

/**
 * The exact quantiles `qs` of `values`: as exactQuantile, each, from one copy. The ranks are
 * selected in increasing order, each in the part the previous selection left above it, so three
 * quantiles of a million values cost about three linear passes, not a sort.
 */
export function exactQuantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const n = values.length;
  for (const q of qs) quantileRank(q, 1); // refuse a bad q before any work
  if (n === 0) return qs.map(() => NaN);
  const a = Float64Array.from(values);
  const ranks = qs.map((q) => quantileRank(q, n));
  const order = ranks.map((_, i) => i).sort((x, y) => ranks[x]! - ranks[y]!);
  const out = new Array<number>(qs.length);
  let from = 0;
  for (const i of order) {
    const k = ranks[i]!;
    out[i] = select(a, k, from);
    from = k - 1;
  }
  return out;
}
