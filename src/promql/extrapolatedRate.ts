// rate(), increase() and delta() over one series' samples in a range, exactly as Prometheus
// 2.42 computes them for float samples: promql/functions.go `extrapolatedRate`.
// Rules: fewer than two samples → no result; for counters every decrease is a reset (the value
// before it is added back); the result is extrapolated to the range's edges when the first or
// last sample lies within 1.1 average sample intervals of them (else by half an interval), and
// for counters never to before the counter's extrapolated zero; `isRate` divides by the range.

/** One sample: `t` in ms since the epoch. */
export interface RangePoint {
  readonly t: number;
  readonly v: number;
}

/**
 * The rate (isRate), increase or delta of `points`, the samples of one series with
 * `rangeStartMs ≤ t ≤ rangeEndMs` in time order; undefined when there are fewer than two.
 */
export function extrapolatedRate(
  points: readonly RangePoint[],
  rangeStartMs: number,
  rangeEndMs: number,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  return extrapolatedRateOf(
    points.map((p) => p.t),
    points.map((p) => p.v),
    0,
    points.length,
    rangeStartMs,
    rangeEndMs,
    isCounter,
    isRate,
  );
}

/**
 * extrapolatedRate over the samples `lo ≤ i < hi` of the columns `t` (ms) and `v`, in time
 * order and all within [rangeStartMs, rangeEndMs]; undefined when there are fewer than two.
 */
export function extrapolatedRateOf(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  lo: number,
  hi: number,
  rangeStartMs: number,
  rangeEndMs: number,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const n = hi - lo;
  if (n < 2) return undefined;
  const firstT = t[lo]!;
  const firstV = v[lo]!;
  const lastT = t[hi - 1]!;
  let resultValue = v[hi - 1]! - firstV;
  if (isCounter) {
    let prev = firstV;
    for (let i = lo + 1; i < hi; i++) {
      const cur = v[i]!;
      if (cur < prev) resultValue += prev;
      prev = cur;
    }
  }

  let durationToStart = (firstT - rangeStartMs) / 1000;
  const durationToEnd = (rangeEndMs - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (n - 1);

  if (isCounter && resultValue > 0 && firstV >= 0) {
    const durationToZero = sampledInterval * (firstV / resultValue);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }

  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= (rangeEndMs - rangeStartMs) / 1000;
  return resultValue * factor;
}
