// histogramQuantile: the quantile estimate Prometheus computes from cumulative buckets,
// exactly as promql/quantile.go bucketQuantile does, so the page agrees with PromQL.
// Rules: q NaN → NaN, q < 0 → −Inf, q > 1 → +Inf; buckets sorted by upper bound; the highest
// bound must be +Inf, else NaN; equal bounds are coalesced (counts added); counts are forced
// monotonic; fewer than 2 buckets or a total of 0 → NaN; rank = q·total; the first bucket whose
// count ≥ rank is chosen; in the +Inf bucket the answer is the second-highest bound; a first
// bucket with upper bound ≤ 0 answers that bound; otherwise interpolate linearly from the
// previous bound (0 for the first bucket).

/** One `le` bucket as Prometheus exposes it: its upper bound and the observations ≤ it. */
export interface CumulativeBucket {
  upperBound: number;
  /** Cumulative count: observations ≤ upperBound. */
  count: number;
}

/**
 * The q-quantile estimated from cumulative buckets, exactly as PromQL's histogram_quantile
 * (promql/quantile.go bucketQuantile): NaN for q NaN, fewer than 2 buckets, no +Inf bucket or
 * no observations; −Inf / +Inf for q < 0 / q > 1; else linear interpolation in the bucket.
 */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (buckets.length === 0) return NaN;

  const sorted = buckets
    .map((b) => ({ upperBound: b.upperBound, count: b.count }))
    .sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1]!.upperBound !== Infinity) return NaN;

  const bs = coalesce(sorted);
  ensureMonotonic(bs);
  if (bs.length < 2) return NaN;

  const observations = bs[bs.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first i with count >= rank, else len-1.
  let b = 0;
  while (b < bs.length - 1 && !(bs[b]!.count >= rank)) b++;

  if (b === bs.length - 1) return bs[bs.length - 2]!.upperBound;
  if (b === 0 && bs[0]!.upperBound <= 0) return bs[0]!.upperBound;

  let bucketStart = 0;
  const bucketEnd = bs[b]!.upperBound;
  let count = bs[b]!.count;
  if (b > 0) {
    bucketStart = bs[b - 1]!.upperBound;
    count -= bs[b - 1]!.count;
    rank -= bs[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

function coalesce(bs: CumulativeBucket[]): CumulativeBucket[] {
  const out: CumulativeBucket[] = [];
  let last = bs[0]!;
  for (let i = 1; i < bs.length; i++) {
    const b = bs[i]!;
    if (b.upperBound === last.upperBound) last.count += b.count;
    else {
      out.push(last);
      last = b;
    }
  }
  out.push(last);
  return out;
}

function ensureMonotonic(bs: CumulativeBucket[]): void {
  let max = -Infinity;
  for (const b of bs) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
}
