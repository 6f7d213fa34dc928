// The in-memory series store the evaluator reads: one growable set of typed columns per series
// (timestamps and values as Float64Array, a stale flag as Uint8Array), found by label set.
// Rules: samples of a series are appended in time order (an earlier timestamp is refused; the
// same timestamp is accepted only with the same value, as Prometheus's TSDB ignores an identical
// duplicate); a value is "stale" when it is exactly Prometheus's StaleNaN (model/value/value.go,
// bits 0x7ff0000000000002), decided once at append time and kept as a flag, because NaN payloads
// do not survive ordinary JavaScript arithmetic and arrays.

import { compareLabels, isValidLabelName, Labels, METRIC_NAME } from "./labels";
import type { Matcher } from "./matcher";

const staleView = new DataView(new ArrayBuffer(8));
staleView.setUint32(0, 0x7ff00000);
staleView.setUint32(4, 0x00000002);

/** Prometheus's staleness marker: the NaN with payload 0x7ff0000000000002 (value.StaleNaN). */
export const STALE_NAN: number = staleView.getFloat64(0);

const bitsView = new DataView(new ArrayBuffer(8));

/** Whether `value` carries exactly the StaleNaN bits (value.IsStaleNaN). */
export function isStaleNaN(value: number): boolean {
  if (value === value) return false; // not NaN
  bitsView.setFloat64(0, value);
  return bitsView.getUint32(0) === 0x7ff00000 && bitsView.getUint32(4) === 0x00000002;
}

/** A refused append: out of order, a conflicting duplicate, or a bad label, timestamp or value. */
export class SeriesStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeriesStoreError";
  }
}

/** One series' samples. `t`, `v`, `stale` hold `n` samples in time order (capacity may be more). */
export interface StoredSeries {
  readonly labels: Labels;
  t: Float64Array;
  v: Float64Array;
  stale: Uint8Array;
  n: number;
  staleCount: number;
}

/** What the store holds. Times are ms since the epoch; `bytes` is the sample columns allocated. */
export interface SeriesStoreStats {
  readonly series: number;
  readonly samples: number;
  readonly staleMarkers: number;
  readonly minTimeMs: number | null;
  readonly maxTimeMs: number | null;
  readonly bytes: number;
}

/** A handle on one series, to append without looking its labels up again. */
export interface SeriesAppender {
  readonly labels: Readonly<Record<string, string>>;
  /** Appends one sample; same rules as SeriesStore.append. */
  append(timestampMs: number, value: number): void;
}

/** The store a query reads. `__name__` is the metric name. */
export interface SeriesStore {
  /**
   * Appends one sample to the series with these labels (created on first use; empty values are
   * dropped, as Prometheus treats an empty label as absent). `value` may be STALE_NAN. Throws
   * SeriesStoreError for a timestamp before the series' last one, a different value at the same
   * timestamp, a non-integer timestamp, or an invalid label name.
   */
  append(labels: Readonly<Record<string, string>>, timestampMs: number, value: number): void;
  /** A handle on the series with these labels, created if needed, for repeated appends. */
  series(labels: Readonly<Record<string, string>>): SeriesAppender;
  /** Series, samples, stale markers, time span and allocated bytes. */
  stats(): SeriesStoreStats;
  /** Removes every series. */
  clear(): void;
}

const INITIAL_CAPACITY = 32;

/** The index of a series' first sample at or after `ms` in its times `t` (n long, ascending); n for none. */
export function lowerIndex(t: ArrayLike<number>, n: number, ms: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const h = (lo + hi) >>> 1;
    if (t[h]! < ms) lo = h + 1;
    else hi = h;
  }
  return lo;
}

/** Appends one sample to `s`, growing its columns by doubling. */
function appendSample(s: StoredSeries, t: number, value: number): void {
  if (!Number.isSafeInteger(t)) {
    throw new SeriesStoreError(`timestamp must be an integer number of milliseconds, got ${t}`);
  }
  if (typeof value !== "number") throw new SeriesStoreError(`value must be a number, got ${typeof value}`);
  const stale = isStaleNaN(value);
  if (s.n > 0) {
    const last = s.t[s.n - 1]!;
    if (t < last) {
      throw new SeriesStoreError(
        `out of order sample for ${s.labels.toString()}: ${t} ms is before the series' last sample at ${last} ms`,
      );
    }
    if (t === last) {
      const lastStale = s.stale[s.n - 1] === 1;
      const lastValue = s.v[s.n - 1]!;
      const same = stale === lastStale && (stale || Object.is(lastValue, value) || lastValue === value);
      if (same) return;
      throw new SeriesStoreError(`duplicate sample for timestamp ${t} ms with a different value for ${s.labels.toString()}`);
    }
  }
  if (s.n === s.t.length) {
    const cap = s.t.length * 2;
    const t2 = new Float64Array(cap);
    t2.set(s.t);
    const v2 = new Float64Array(cap);
    v2.set(s.v);
    const st2 = new Uint8Array(cap);
    st2.set(s.stale);
    s.t = t2;
    s.v = v2;
    s.stale = st2;
  }
  s.t[s.n] = t;
  s.v[s.n] = stale ? NaN : value;
  if (stale) {
    s.stale[s.n] = 1;
    s.staleCount++;
  }
  s.n++;
}

/** The store's implementation; the evaluator reads its series through `select`. */
export class MemorySeriesStore implements SeriesStore {
  private readonly byKey = new Map<string, StoredSeries>();
  /** Raw (insertion-order) label text → series, so repeated appends skip sorting labels. */
  private readonly byRawKey = new Map<string, StoredSeries>();
  private readonly byName = new Map<string, StoredSeries[]>();
  private readonly dirtyNames = new Set<string>();
  private all: StoredSeries[] = [];
  private allSorted = true;

  append(labels: Readonly<Record<string, string>>, timestampMs: number, value: number): void {
    appendSample(this.lookup(labels), timestampMs, value);
  }

  series(labels: Readonly<Record<string, string>>): SeriesAppender {
    const s = this.lookup(labels);
    const record = s.labels.toRecord();
    return {
      labels: record,
      append: (timestampMs: number, value: number) => appendSample(s, timestampMs, value),
    };
  }

  stats(): SeriesStoreStats {
    let samples = 0;
    let staleMarkers = 0;
    let bytes = 0;
    let minTimeMs: number | null = null;
    let maxTimeMs: number | null = null;
    for (const s of this.all) {
      samples += s.n;
      staleMarkers += s.staleCount;
      bytes += s.t.byteLength + s.v.byteLength + s.stale.byteLength;
      if (s.n > 0) {
        if (minTimeMs === null || s.t[0]! < minTimeMs) minTimeMs = s.t[0]!;
        if (maxTimeMs === null || s.t[s.n - 1]! > maxTimeMs) maxTimeMs = s.t[s.n - 1]!;
      }
    }
    return { series: this.all.length, samples, staleMarkers, minTimeMs, maxTimeMs, bytes };
  }

  clear(): void {
    this.byKey.clear();
    this.byRawKey.clear();
    this.byName.clear();
    this.dirtyNames.clear();
    this.all = [];
    this.allSorted = true;
  }

  /**
   * Drops every sample before `timeMs` (a retention limit), and the series left with none.
   * Queries over what remains answer as before.
   */
  dropBefore(timeMs: number): void {
    const kept: StoredSeries[] = [];
    for (const s of this.all) {
      let k = 0;
      while (k < s.n && s.t[k]! < timeMs) k++;
      if (k > 0) {
        let staleDropped = 0;
        for (let i = 0; i < k; i++) staleDropped += s.stale[i]!;
        s.t.copyWithin(0, k, s.n);
        s.v.copyWithin(0, k, s.n);
        s.stale.copyWithin(0, k, s.n);
        s.n -= k;
        s.staleCount -= staleDropped;
      }
      if (s.n > 0) kept.push(s);
    }
    if (kept.length === this.all.length) return;
    const keys = new Set(kept);
    for (const [key, s] of this.byKey) if (!keys.has(s)) this.byKey.delete(key);
    for (const [key, s] of this.byRawKey) if (!keys.has(s)) this.byRawKey.delete(key);
    for (const [name, list] of this.byName) {
      const left = list.filter((s) => keys.has(s));
      if (left.length === 0) this.byName.delete(name);
      else this.byName.set(name, left);
    }
    this.all = kept;
  }

  /** The series every matcher accepts, sorted by label set (labels.Compare). */
  select(matchers: readonly Matcher[]): StoredSeries[] {
    let candidates: readonly StoredSeries[];
    const nameEq = matchers.find((m) => m.name === METRIC_NAME && m.type === "=");
    if (nameEq !== undefined) {
      const list = this.byName.get(nameEq.value);
      if (list === undefined) return [];
      if (this.dirtyNames.has(nameEq.value)) {
        list.sort((a, b) => compareLabels(a.labels, b.labels));
        this.dirtyNames.delete(nameEq.value);
      }
      candidates = list;
    } else {
      if (!this.allSorted) {
        this.all.sort((a, b) => compareLabels(a.labels, b.labels));
        this.allSorted = true;
      }
      candidates = this.all;
    }
    const out: StoredSeries[] = [];
    outer: for (const s of candidates) {
      for (const m of matchers) if (!m.matches(s.labels.get(m.name))) continue outer;
      out.push(s);
    }
    return out;
  }

  private lookup(record: Readonly<Record<string, string>>): StoredSeries {
    let raw = "";
    for (const name in record) {
      const value = record[name];
      raw += `${name}=${typeof value === "string" ? value.length : -1}:${value}`;
    }
    const cached = this.byRawKey.get(raw);
    if (cached !== undefined) return cached;
    for (const name in record) {
      if (!isValidLabelName(name)) throw new SeriesStoreError(`invalid label name ${JSON.stringify(name)}`);
      if (typeof record[name] !== "string") throw new SeriesStoreError(`label ${name} must have a string value`);
    }
    const labels = Labels.fromRecord(record);
    let s = this.byKey.get(labels.key);
    if (s === undefined) {
      s = {
        labels,
        t: new Float64Array(INITIAL_CAPACITY),
        v: new Float64Array(INITIAL_CAPACITY),
        stale: new Uint8Array(INITIAL_CAPACITY),
        n: 0,
        staleCount: 0,
      };
      this.byKey.set(labels.key, s);
      this.all.push(s);
      this.allSorted = false;
      const name = labels.get(METRIC_NAME);
      const list = this.byName.get(name);
      if (list === undefined) this.byName.set(name, [s]);
      else {
        list.push(s);
        this.dirtyNames.add(name);
      }
    }
    this.byRawKey.set(raw, s);
    return s;
  }
}

/** A new, empty series store. */
export function createSeriesStore(): SeriesStore {
  return new MemorySeriesStore();
}
