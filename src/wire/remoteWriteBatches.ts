// Cutting a stored history into remote-write requests (docs/remote-write.md "Sending history"):
// in global time order (timeOrderedBatches), or slab by slab (slabBatches, what the page sends).
// Rule of the first: every sample at time t goes out before any sample at a later time (ties in
// the order of the series), because a receiving Prometheus refuses a sample older than its head's max time
// minus an hour as out of bounds (tsdb/head_append.go appendableMinValidTime): sent series by
// series, a long history would get every later series refused. Prometheus's own queue manager
// sends in WAL order, which is time order (storage/remote/queue_manager.go).
// How: a binary search per series finds the range's first and last sample, then a merge by
// (timestamp, series index) interleaves them (`merge`: buckets of series by next timestamp under
// a min-heap of timestamps, so series sharing timestamps cost no heap work per sample); a batch
// is a run of at most maxSamples merged samples, and since each series' samples come out in
// index order, a series' share of a batch is one contiguous slice of its columns, copied once.

import type { LabelPair, WriteSeries } from "./remoteWrite";

/** One series' columns, as the series store keeps them (`n` samples, time order). */
export interface SeriesColumns {
  /** Sorted by name, as WriteSeries.labels. */
  readonly labels: readonly LabelPair[];
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
  readonly stale: ArrayLike<number>;
  readonly n: number;
}

/** One request's worth of samples. `minT`/`maxT` are its first and last timestamps. */
export interface WriteBatch {
  readonly series: WriteSeries[];
  readonly samples: number;
  readonly minT: number;
  readonly maxT: number;
}

/** The range's bounds, which must be numbers (±Infinity for an open end). */
function checkRange(range: { fromMs: number; toMs: number }): void {
  if (Number.isNaN(range.fromMs) || Number.isNaN(range.toMs)) {
    throw new RangeError(`remote write: range ${range.fromMs}..${range.toMs} ms is not a pair of numbers`);
  }
}

/** The series' sample count, refused (RangeError) when a column is shorter than it says. */
function length(c: SeriesColumns, index: number): number {
  const n = c.n;
  if (!Number.isInteger(n) || n < 0 || n > c.t.length || n > c.v.length || n > c.stale.length) {
    throw new RangeError(
      `remote write: series ${index} says n = ${n} but holds ${c.t.length} timestamps, ${c.v.length} values, ${c.stale.length} stale flags`,
    );
  }
  return n;
}

/** First index in [0, n) whose timestamp is >= ms (`strict`: > ms); n if none. */
function lowerBound(t: ArrayLike<number>, n: number, ms: number, strict: boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = t[mid]!;
    if (strict ? x <= ms : x < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many samples timeOrderedBatches would yield for that range (binary search per series). */
export function samplesInRange(columns: readonly SeriesColumns[], range: { fromMs: number; toMs: number }): number {
  checkRange(range);
  let total = 0;
  for (let s = 0; s < columns.length; s++) {
    const c = columns[s]!;
    const n = length(c, s);
    total += Math.max(0, lowerBound(c.t, n, range.toMs, true) - lowerBound(c.t, n, range.fromMs, false));
  }
  return total;
}

/** The series' column arrays, and per series the range's first index (`next`) and one past its last (`end`). */
function cursors(columns: readonly SeriesColumns[], range: { fromMs: number; toMs: number }) {
  const count = columns.length;
  const ts: ArrayLike<number>[] = [];
  const vs: ArrayLike<number>[] = [];
  const stales: ArrayLike<number>[] = [];
  const next = new Float64Array(count);
  const end = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const c = columns[s]!;
    const n = length(c, s);
    ts.push(c.t);
    vs.push(c.v);
    stales.push(c.stale);
    next[s] = lowerBound(c.t, n, range.fromMs, false);
    end[s] = lowerBound(c.t, n, range.toMs, true);
  }
  return { ts, vs, stales, next, end };
}

/** maxSamples must be an integer ≥ 1, or Infinity (one batch). */
function checkMaxSamples(maxSamples: number): void {
  if (!(maxSamples >= 1) || (!Number.isInteger(maxSamples) && maxSamples !== Infinity)) {
    throw new RangeError(`remote write: maxSamples must be an integer >= 1, got ${maxSamples}`);
  }
}

/** A copy of the stale flags src[from, to), or null when none is set (the encoder's fast case). */
function copyStale(src: ArrayLike<number>, from: number, to: number): Uint8Array | null {
  let any = false;
  for (let i = from; i < to; i++) {
    if (src[i] !== 0) {
      any = true;
      break;
    }
  }
  if (!any) return null;
  if (src instanceof Uint8Array) return src.slice(from, to);
  const out = new Uint8Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = src[i]!;
  return out;
}

/** Lazily, the samples of `columns` with fromMs <= t <= toMs in global time order (every sample at time t before any at a later time; ties in input order), cut into batches of at most maxSamples samples (maxSamples >= 1 else RangeError); within a batch one WriteSeries per series present, in order of first appearance, holding COPIES of its samples (a later change to the columns does not change a batch already made). */
export function timeOrderedBatches(
  columns: readonly SeriesColumns[],
  range: { fromMs: number; toMs: number },
  maxSamples: number,
): Generator<WriteBatch> {
  // Checked here, not on the first next(), so a bad call fails where it is made.
  checkRange(range);
  checkMaxSamples(maxSamples);
  return merge(columns, range, maxSamples);
}

/**
 * The merge. The series' column arrays and their [start, end) in the range are taken when
 * iteration starts; samples are read from them as each batch is cut.
 * Series wait in buckets by the timestamp of their next sample, and a min-heap holds the
 * buckets' timestamps: the earliest bucket is emitted in series order, and each series emitted
 * goes to the bucket of its following sample. When the series share their timestamps (the
 * common case: one scrape writes them all) every series of a bucket moves on to the same next
 * bucket, already in series order, so a sample costs a few array operations and the heap one
 * operation per timestamp; with no shared timestamps it is an ordinary heap merge.
 */
function* merge(
  columns: readonly SeriesColumns[],
  range: { fromMs: number; toMs: number },
  maxSamples: number,
): Generator<WriteBatch> {
  const count = columns.length;
  const { ts, vs, stales, next, end } = cursors(columns, range);

  /** Series waiting, by the timestamp of their next sample; `times` is the heap of its keys. */
  const buckets = new Map<number, number[]>();
  const times: number[] = [];
  let lastTime = NaN;
  let lastBucket: number[] = [];
  const wait = (s: number, t: number): void => {
    if (t === lastTime) {
      lastBucket.push(s);
      return;
    }
    let bucket = buckets.get(t);
    if (bucket === undefined) {
      bucket = [];
      buckets.set(t, bucket);
      heapPush(times, t);
    }
    bucket.push(s);
    lastTime = t;
    lastBucket = bucket;
  };

  for (let s = 0; s < count; s++) if (next[s]! < end[s]!) wait(s, ts[s]![next[s]!]!);

  /** The bucket being emitted, its timestamp, and how far into it we are. */
  let current: number[] = [];
  let time = NaN;
  let at = 0;
  /** This batch's first index per series (-1: not in it yet), and its series in first-appearance order. */
  const first = new Float64Array(count).fill(-1);
  const order: number[] = [];
  for (;;) {
    let taken = 0;
    let minT = NaN;
    while (taken < maxSamples) {
      if (at === current.length) {
        if (times.length === 0) break;
        time = heapPop(times);
        current = buckets.get(time)!;
        // lastBucket may be this one: harmless, as no series waits for `time` again (each
        // sample waited for is after the one just emitted, which is at `time` or later).
        buckets.delete(time);
        inSeriesOrder(current);
        at = 0;
      }
      const s = current[at++]!;
      if (taken === 0) minT = time;
      if (first[s] === -1) {
        first[s] = next[s]!;
        order.push(s);
      }
      taken++;
      const i = next[s]! + 1;
      next[s] = i;
      if (i < end[s]!) {
        const t = ts[s]![i]!;
        if (!(t > time)) {
          throw new RangeError(`remote write: series ${s}'s timestamps are not strictly increasing at sample ${i} (${t} ms)`);
        }
        wait(s, t);
      }
    }
    if (taken === 0) return;
    yield { series: cut(order, first, next, columns, ts, vs, stales, taken), samples: taken, minT, maxT: time };
  }
}

/**
 * Lazily, the samples of `columns` with fromMs <= t <= toMs cut into batches of at most
 * maxSamples, slab by slab: from the earliest sample, the span is taken `slabMs` at a time, every
 * sample of a slab goes out before any of a later slab, and within a slab the series go one after
 * the other, each with all of its samples in the slab (split only where a batch fills); a batch
 * ends with its slab, so nothing goes out a slab or more older than what went before it. A batch
 * holds one WriteSeries per series present, in order of first appearance, with COPIES of its
 * samples. Why: in strict time order (timeOrderedBatches) a request of 2,000 samples of 500 series
 * carries 4 samples per label set, so labels are most of its bytes; a slab well inside the
 * receiver's out-of-bounds window (an hour in Prometheus) keeps what that order protects while a
 * label set carries hundreds of samples.
 */
export function slabBatches(
  columns: readonly SeriesColumns[],
  range: { fromMs: number; toMs: number },
  maxSamples: number,
  slabMs: number,
): Generator<WriteBatch> {
  checkRange(range);
  checkMaxSamples(maxSamples);
  if (!(slabMs > 0)) throw new RangeError(`remote write: slabMs must be above 0, got ${slabMs}`);
  return slabs(columns, range, maxSamples, slabMs);
}

function* slabs(columns: readonly SeriesColumns[], range: { fromMs: number; toMs: number }, maxSamples: number, slabMs: number): Generator<WriteBatch> {
  const count = columns.length;
  const { ts, vs, stales, next, end } = cursors(columns, range);
  const first = new Float64Array(count).fill(-1);
  const order: number[] = [];
  let taken = 0;
  let minT = Infinity;
  let maxT = -Infinity;
  for (;;) {
    // The next slab starts at the earliest sample not yet taken (a gap in the data is skipped).
    let slabStart = Infinity;
    for (let s = 0; s < count; s++) if (next[s]! < end[s]!) slabStart = Math.min(slabStart, ts[s]![next[s]!]!);
    if (slabStart === Infinity) break;
    const slabEnd = slabStart + slabMs;
    for (let s = 0; s < count; s++) {
      const t = ts[s]!;
      const stop = lowerBound(t, end[s]!, slabEnd, false);
      while (next[s]! < stop) {
        const from = next[s]!;
        const k = Math.min(stop - from, maxSamples - taken);
        for (let i = Math.max(from, 1); i < from + k; i++) {
          if (!(t[i]! > t[i - 1]!)) throw new RangeError(`remote write: series ${s}'s timestamps are not strictly increasing at sample ${i} (${t[i]} ms)`);
        }
        if (first[s] === -1) {
          first[s] = from;
          order.push(s);
        }
        next[s] = from + k;
        taken += k;
        minT = Math.min(minT, t[from]!);
        maxT = Math.max(maxT, t[from + k - 1]!);
        if (taken === maxSamples) {
          yield { series: cut(order, first, next, columns, ts, vs, stales, taken), samples: taken, minT, maxT };
          taken = 0;
          minT = Infinity;
          maxT = -Infinity;
        }
      }
    }
    // A batch never spans two slabs: grouped by series, it would send a series' later slab before
    // another series' earlier one, however far apart the slabs are.
    if (taken > 0) {
      yield { series: cut(order, first, next, columns, ts, vs, stales, taken), samples: taken, minT, maxT };
      taken = 0;
      minT = Infinity;
      maxT = -Infinity;
    }
  }
}

/** Sorts a bucket by series index, unless it already is (the common case). */
function inSeriesOrder(bucket: number[]): void {
  for (let i = 1; i < bucket.length; i++) {
    if (bucket[i - 1]! > bucket[i]!) {
      bucket.sort((a, b) => a - b);
      return;
    }
  }
}

function heapPush(heap: number[], t: number): void {
  let i = heap.length;
  heap.push(t);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]! <= t) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = t;
}

function heapPop(heap: number[]): number {
  const top = heap[0]!;
  const last = heap.pop()!;
  const size = heap.length;
  if (size === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const child = r < size && heap[r]! < heap[l]! ? r : l;
    if (heap[child]! >= last) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}

/**
 * The batch's WriteSeries, in first-appearance order: each series' slice [first, next) copied
 * into one pair of Float64Arrays for the whole batch (one allocation, not two per series), which
 * each series views. Resets `first` and `order` for the next batch.
 */
function cut(
  order: number[],
  first: Float64Array,
  next: Float64Array,
  columns: readonly SeriesColumns[],
  ts: readonly ArrayLike<number>[],
  vs: readonly ArrayLike<number>[],
  stales: readonly ArrayLike<number>[],
  taken: number,
): WriteSeries[] {
  const tOut = new Float64Array(taken);
  const vOut = new Float64Array(taken);
  const series: WriteSeries[] = [];
  let o = 0;
  for (const s of order) {
    const from = first[s]!;
    const to = next[s]!;
    const t = ts[s]!;
    const v = vs[s]!;
    const start = o;
    for (let i = from; i < to; i++, o++) {
      tOut[o] = t[i]!;
      vOut[o] = v[i]!;
    }
    series.push({
      // The same array in every batch: labels are immutable, and the encoder memoizes their
      // bytes by array (remoteWrite.ts labelBytes).
      labels: columns[s]!.labels,
      timestamps: tOut.subarray(start, o),
      values: vOut.subarray(start, o),
      stale: copyStale(stales[s]!, from, to),
    });
    first[s] = -1;
  }
  order.length = 0;
  return series;
}
