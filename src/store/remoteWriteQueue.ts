// The stream's queue: samples waiting to be remote-written, oldest first, at most `capacity`.
// Rules (docs/remote-write.md "Stream"):
// - samples are kept in the order they were enqueued (scrape after scrape, so time order per
//   series); a full queue drops its OLDEST samples to make room, and counts them, so the newest
//   data is what survives a receiver that stays down (Prometheus itself blocks its WAL reader
//   instead; a page has no WAL to fall back on);
// - `take` removes up to n samples from the front and groups them per series, in order of first
//   appearance, as one remote-write request carries them;
// - the columns are a ring of typed arrays: a sample costs no object, and a queue of a million
//   samples is 25 MB, allocated as it grows.

import type { LabelPair, WriteSeries } from "../wire";

export interface SampleQueue {
  /** Samples waiting. */
  readonly size: number;
  readonly capacity: number;
  /** Appends one sample of `series` (its sorted label pairs, the same array for the same series); returns how many oldest samples were dropped to make room (0 or 1). */
  push(series: readonly LabelPair[], t: number, v: number, stale: boolean): number;
  /** Removes up to `n` samples from the front, grouped per series. */
  take(n: number): { series: WriteSeries[]; samples: number };
  /** Changes the bound; returns how many oldest samples were dropped to fit it. */
  resize(capacity: number): number;
  clear(): void;
}

export function createSampleQueue(capacity: number): SampleQueue {
  let cap = capacity;
  let size = 0;
  let head = 0; // index of the oldest sample in the ring
  let room = Math.min(cap, 1024);
  let t = new Float64Array(room);
  let v = new Float64Array(room);
  let stale = new Uint8Array(room);
  let labels: (readonly LabelPair[] | undefined)[] = new Array<readonly LabelPair[] | undefined>(room);

  /** Re-lays the ring out from index 0 into arrays of `next` slots (next ≥ size). */
  function relayout(next: number): void {
    const nt = new Float64Array(next);
    const nv = new Float64Array(next);
    const ns = new Uint8Array(next);
    const nl = new Array<readonly LabelPair[] | undefined>(next);
    for (let i = 0; i < size; i++) {
      const at = (head + i) % room;
      nt[i] = t[at]!;
      nv[i] = v[at]!;
      ns[i] = stale[at]!;
      nl[i] = labels[at];
    }
    t = nt;
    v = nv;
    stale = ns;
    labels = nl;
    room = next;
    head = 0;
  }

  function dropOldest(n: number): void {
    for (let i = 0; i < n; i++) labels[(head + i) % room] = undefined;
    head = (head + n) % room;
    size -= n;
  }

  return {
    get size() {
      return size;
    },
    get capacity() {
      return cap;
    },
    push(series, time, value, isStale) {
      let dropped = 0;
      if (size === cap) {
        dropOldest(1);
        dropped = 1;
      } else if (size === room) relayout(Math.min(cap, room * 2));
      const at = (head + size) % room;
      t[at] = time;
      v[at] = value;
      stale[at] = isStale ? 1 : 0;
      labels[at] = series;
      size++;
      return dropped;
    },
    take(n) {
      const count = Math.min(n, size);
      const bySeries = new Map<readonly LabelPair[], { timestamps: number[]; values: number[]; stale: number[] }>();
      for (let i = 0; i < count; i++) {
        const at = (head + i) % room;
        const key = labels[at]!;
        let s = bySeries.get(key);
        if (s === undefined) bySeries.set(key, (s = { timestamps: [], values: [], stale: [] }));
        s.timestamps.push(t[at]!);
        s.values.push(v[at]!);
        s.stale.push(stale[at]!);
      }
      dropOldest(count);
      const series: WriteSeries[] = [];
      for (const [key, s] of bySeries) series.push({ labels: key, timestamps: s.timestamps, values: s.values, stale: s.stale });
      return { series, samples: count };
    },
    resize(capacity) {
      cap = capacity;
      const over = Math.max(0, size - cap);
      dropOldest(over);
      if (room > cap) relayout(Math.max(cap, 1));
      return over;
    },
    clear() {
      size = 0;
      head = 0;
      labels.fill(undefined);
    },
  };
}
