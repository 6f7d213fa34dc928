// The two quantile estimators of PromQL 2.42 (promql/quantile.go): bucketQuantile for
// histogram_quantile over classic `le` buckets, and quantile for the quantile aggregation and
// quantile_over_time. Rules, as Go has them: q NaN → NaN, q < 0 → −Inf, q > 1 → +Inf; buckets are
// sorted by bound, the highest must be +Inf (else NaN), equal bounds are coalesced (counts
// added), counts are forced monotonic, fewer than 2 buckets or no observations → NaN, the rank's
// bucket is found by Go's sort.Search, the +Inf bucket answers the second-highest bound, a first
// bucket with bound ≤ 0 answers its bound, else linear interpolation (from 0 in the first
// bucket). quantile sorts as Go sorts (gosort.ts) and interpolates between the neighbours of
// q·(n−1).

import { goSort } from "./gosort";

/** One classic bucket: upper bound and cumulative count. */
export interface Bucket {
  upperBound: number;
  count: number;
}

/** promql/quantile.go bucketQuantile at v2.42.0. `buckets` is sorted and modified in place. */
export function bucketQuantile(q: number, buckets: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  goSort(buckets, (a, b) => a.upperBound < b.upperBound);
  if (buckets[buckets.length - 1]!.upperBound !== Infinity) return NaN;

  // coalesceBuckets
  let last = { ...buckets[0]! };
  let w = 0;
  for (let i = 1; i < buckets.length; i++) {
    const b = buckets[i]!;
    if (b.upperBound === last.upperBound) last.count += b.count;
    else {
      buckets[w++] = last;
      last = { ...b };
    }
  }
  buckets[w] = last;
  buckets.length = w + 1;

  // ensureMonotonic
  let max = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const c = buckets[i]!.count;
    if (c > max) max = c;
    else if (c < max) buckets[i]!.count = max;
  }

  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search(len(buckets)-1, count >= rank)
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo < hi) {
    const h = (lo + hi) >>> 1;
    if (!(buckets[h]!.count >= rank)) lo = h + 1;
    else hi = h;
  }
  const b = lo;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/**
 * sort.Sort(vectorByValueHeap): without NaN an ascending numeric sort gives the same values in
 * the same places; with NaN ("less" than anything, so no true order) Go's own pdqsort decides.
 */
function sortByValueHeap(values: Float64Array | number[]): void {
  let hasNaN = false;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) hasNaN = true;
  if (!hasNaN) {
    values.sort((a, b) => a - b);
    return;
  }
  const items = Array.from(values);
  goSort(items, (a, b) => Number.isNaN(a) || a < b);
  for (let i = 0; i < items.length; i++) values[i] = items[i]!;
}

/**
 * promql/quantile.go quantile at v2.42.0 over `values` (sorted in place): NaN for none or q NaN,
 * ±Inf for q outside [0, 1], else the value at rank q·(n−1) interpolated between neighbours.
 */
export function quantile(q: number, values: Float64Array | number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  sortByValueHeap(values);
  const n = values.length;
  const rank = q * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return values[lowerIndex]! * (1 - weight) + values[upperIndex]! * weight;
}
