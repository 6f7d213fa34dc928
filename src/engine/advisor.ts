// What a bucket layout costs in accuracy, and a layout that costs less: the bucket advisor.
// Rules (docs/semantics.md, "The bucket advisor"):
// - a layout's error for quantile q is |estimate − exact| / |exact|, where the estimate is
//   PromQL's histogram_quantile over the buckets the values would fill and the exact value is
//   exactQuantile's (0 when both are 0, +Inf when only the exact value is 0);
// - the advisor knows where each target quantile's estimate comes from: the bucket (a, b] that
//   holds the exact value v, interpolated linearly. So it brackets each target: b = v and a = the
//   largest recorded value below v (or, with `nice`, the 1-2-5 numbers either side of v), which
//   makes the estimate land in (a, v]; the bounds it has left cover the rest of the recorded range
//   exponentially (rounded to 1-2-5 with `nice`). With fewer bounds than two a target, it keeps
//   the upper bounds first and then the lower ones that cut the largest error;
// - it then measures its layout and the exponential and linear layouts with the same number of
//   bounds over the recorded range, and returns the one with the smallest largest error (its
//   own on a tie), saying which: never worse than the exponential layout on the same values.

import { StatsError } from "./errors";
import { quantileRank } from "./exact";
import { histogramQuantile } from "./quantile";

/** One target quantile under a layout: the exact value, the histogram's estimate and the relative error. */
export interface QuantileError {
  q: number;
  exact: number;
  estimate: number;
  /** |estimate − exact| / |exact|. */
  relativeError: number;
}

/** What adviseBounds takes. */
export interface AdviceOptions {
  /** How many finite bounds (client_golang's `count`): 1–1,000. */
  buckets: number;
  /** Target quantiles, each in (0, 1); default 0.5, 0.9, 0.99. */
  quantiles?: readonly number[];
  /** Round every bound to the 1-2-5 series (…, 0.5, 1, 2, 5, 10, 20, …); default false. */
  nice?: boolean;
}

/** adviseBounds's answer: the bounds, their errors, and which method gave them. */
export interface Advice {
  bounds: number[];
  errors: QuantileError[];
  /** The largest relative error among the targets. */
  maxError: number;
  /** "brackets" (the advisor's own), "exponential" or "linear", whichever erred least. */
  method: "brackets" | "exponential" | "linear";
}

export const DEFAULT_TARGETS: readonly number[] = [0.5, 0.9, 0.99];
export const MAX_BOUNDS = 1000;

/** Values sorted ascending, as the functions below need them. */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** How many of the sorted values are ≤ x (binary search). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function relativeError(estimate: number, exact: number): number {
  if (estimate === exact) return 0;
  if (exact === 0 || !Number.isFinite(estimate)) return Infinity;
  return Math.abs(estimate - exact) / Math.abs(exact);
}

function errorsOn(sorted: Float64Array, bounds: readonly number[], quantiles: readonly number[]): QuantileError[] {
  const n = sorted.length;
  const buckets = bounds.map((b) => ({ upperBound: b, count: countAtMost(sorted, b) }));
  buckets.push({ upperBound: Infinity, count: n });
  return quantiles.map((q) => {
    const exact = sorted[quantileRank(q, n) - 1]!;
    const estimate = histogramQuantile(q, buckets);
    return { q, exact, estimate, relativeError: relativeError(estimate, exact) };
  });
}

/**
 * For each quantile, the exact value of `values`, the estimate histogram_quantile gives from
 * the buckets `bounds` would have, and the relative error. `values` is not changed.
 */
export function layoutErrors(values: ArrayLike<number>, bounds: readonly number[], quantiles: readonly number[] = DEFAULT_TARGETS): QuantileError[] {
  if (values.length === 0) return quantiles.map((q) => ({ q, exact: NaN, estimate: NaN, relativeError: NaN }));
  return errorsOn(sortedCopy(values), bounds, quantiles);
}

const maxOf = (errors: readonly QuantileError[]) => errors.reduce((m, e) => Math.max(m, e.relativeError), 0);

/** The 1-2-5 number at or below x (x > 0), and the next one above it. */
function niceBelow(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [5, 2, 1]) if (m * p <= x * (1 + 1e-12)) return m * p;
  return p / 2;
}
function niceAbove(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p > x * (1 + 1e-12)) return Number((m * p).toPrecision(12));
  return 10 * p;
}
function niceAtOrAbove(x: number): number {
  const below = niceBelow(x);
  return Math.abs(below - x) <= 1e-12 * x ? Number(below.toPrecision(12)) : niceAbove(x);
}
const round125 = (x: number): number => (x > 0 ? Number(niceBelow(x).toPrecision(12)) : x);

/** Strictly increasing and finite. */
function tidy(bounds: number[]): number[] {
  return [...new Set(bounds.filter(Number.isFinite))].sort((a, b) => a - b);
}

/** `count` bounds spread exponentially over [lo, hi] (lo > 0), or linearly when lo ≤ 0. */
function spread(lo: number, hi: number, count: number, exponential: boolean): number[] {
  if (count <= 0) return [];
  if (count === 1 || !(hi > lo)) return [hi];
  const out: number[] = [];
  if (exponential && lo > 0) {
    const f = (hi / lo) ** (1 / (count - 1));
    for (let i = 0; i < count; i++) out.push(lo * f ** i);
  } else for (let i = 0; i < count; i++) out.push(lo + ((hi - lo) * i) / (count - 1));
  out[count - 1] = hi;
  return out;
}

/**
 * Bounds for `values` that keep the histogram_quantile estimates of the target quantiles close
 * to their exact values, with `buckets` finite bounds, optionally 1-2-5 numbers; and what each
 * target then costs. StatsError("BUCKETS") for no values or a bucket count outside 1–1,000,
 * StatsError("QUANTILE") for a target outside (0, 1).
 */
export function adviseBounds(values: ArrayLike<number>, options: AdviceOptions): Advice {
  const count = options.buckets;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_BOUNDS)
    throw new StatsError("BUCKETS", `the advisor needs a whole number of buckets from 1 to ${MAX_BOUNDS}, got ${String(count)}`);
  const targets = options.quantiles ?? DEFAULT_TARGETS;
  for (const q of targets)
    if (!(q > 0 && q < 1)) throw new StatsError("QUANTILE", `a target quantile must lie strictly between 0 and 1, got ${String(q)}`);
  if (values.length === 0) throw new StatsError("BUCKETS", "the advisor needs at least one recorded value");
  const sorted = sortedCopy(values);
  const n = sorted.length;
  const nice = options.nice ?? false;
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const smallestPositive = sorted[countAtMost(sorted, 0)] ?? max;

  // Brackets: the upper bound at each target's exact value, the lower one just below it.
  const uppers: number[] = [];
  const lowers: number[] = [];
  for (const q of [...targets].sort((a, b) => a - b)) {
    const k = quantileRank(q, n);
    const v = sorted[k - 1]!;
    // The largest recorded value below v: the value just before the first occurrence of v (or,
    // when v is the smallest, a hair below it, so its bucket does not reach down to 0).
    let first = k - 1;
    while (first > 0 && sorted[first - 1]! === v) first--;
    const prev = first > 0 ? sorted[first - 1]! : v - Math.max(Math.abs(v) * 1e-9, 1e-12);
    if (nice && v > 0) {
      uppers.push(niceAtOrAbove(v));
      lowers.push(niceBelow(v) === uppers[uppers.length - 1] ? niceBelow(v * (1 - 1e-9)) : niceBelow(v));
    } else {
      uppers.push(v);
      lowers.push(prev);
    }
  }

  const candidates: number[][] = [];
  // The advisor's own layout: brackets first (uppers before lowers), then the range spread.
  {
    let chosen = tidy(uppers);
    if (chosen.length > count) chosen = chosen.slice(0, count);
    // Lower bounds, the one that cuts the largest error most first, while there is room.
    const remaining = lowers.filter((l) => !chosen.includes(l));
    while (chosen.length < count && remaining.length > 0) {
      let pick = 0;
      let pickError = Infinity;
      remaining.forEach((lower, j) => {
        const e = maxOf(errorsOn(sorted, tidy([...chosen, lower]), targets));
        if (e < pickError) [pick, pickError] = [j, e];
      });
      chosen = tidy([...chosen, remaining.splice(pick, 1)[0]!]);
    }
    const room = count - chosen.length;
    if (room > 0) {
      const fill = spread(smallestPositive > 0 ? smallestPositive : min, max, room + 2, true).slice(1, -1);
      const extra = (nice ? fill.map(round125) : fill).filter((b) => !chosen.includes(b));
      chosen = tidy([...chosen, ...extra]);
      // Rounding can merge fill bounds: top up with exponential steps above the largest.
      let top = chosen[chosen.length - 1] ?? max;
      while (chosen.length < count) {
        top = nice ? niceAbove(top) : top > 0 ? top * 2 : top + 1;
        chosen.push(top);
      }
    }
    candidates.push(chosen.slice(0, count));
  }
  const lo = smallestPositive > 0 ? smallestPositive : Math.max(min, 1e-9);
  const exponential = tidy(spread(lo, max, count, true).map((b) => (nice ? round125(b) : b)));
  const linear = tidy(spread(min, max, count, false).map((b) => (nice ? round125(b) : b)));
  candidates.push(exponential, linear);

  const methods = ["brackets", "exponential", "linear"] as const;
  let best = 0;
  const measured = candidates.map((bounds) => errorsOn(sorted, bounds, targets));
  for (let i = 1; i < candidates.length; i++) if (maxOf(measured[i]!) < maxOf(measured[best]!)) best = i;
  return { bounds: candidates[best]!, errors: measured[best]!, maxError: maxOf(measured[best]!), method: methods[best]! };
}
