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
  if (points.length < 2) return undefined;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let resultValue = last.v - first.v;
  if (isCounter) {
    let prev = first.v;
    for (let i = 1; i < points.length; i++) {
      const v = points[i]!.v;
      if (v < prev) resultValue += prev;
      prev = v;
    }
  }

  let durationToStart = (first.t - rangeStartMs) / 1000;
  const durationToEnd = (rangeEndMs - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (points.length - 1);

  if (isCounter && resultValue > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / resultValue);
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
