// The measurement log: every measurement an engine recorded, raw, so a view registered later can
// be filled with what it would have seen, and so exact quantiles can be computed.
// Rules:
// - a bounded columnar ring: value (Float64), measure id (Uint16) and tag-set id (Uint32) per
//   measurement, 14 bytes, plus each distinct tag set once, plus one (sequence, time) pair each
//   time the clock moved between two measurements; when full, the oldest measurement goes.
//   Appending writes three columns and moves the head, nothing else: a measurement's time is
//   that of the run it falls in, which the clock's tick starts (time moves every 10 ms, values a
//   hundred thousand times a second), and how many the log holds or dropped follows from the
//   sequence number, so neither is counted per measurement;
// - tag sets are interned by content (the same tags are one set whatever TagMap carried them);
//   sets no measurement in the ring refers to any more are swept once as many new sets were
//   interned as the log holds measurements (and before the log reports its sets), so distinct
//   tags never grow it past its capacity, and reused tag sets cost nothing; a TagMap remembers
//   its set id in the recorder's memo (recording.ts), and a sweep that freed a set (or a clear)
//   calls `idsChanged`, which invalidates every such memo, so a freed id is never used;
// - time comes from a coarse clock the engine refreshes every `resolutionMs` (reading a clock
//   costs twice a whole record); `resolutionMs: 0` reads the clock for every measurement;
// - replay (stats.ts) walks the log oldest first, so a view filled from it folds the same values
//   in the same order as live recording would have: the same rows, bit for bit.

import { StatsError } from "./errors";
import type { Measure } from "./measure";
import type { TagMap } from "./tags";
import type { View } from "./view";

/** `createStats({ log })`: turns the measurement log on. */
export interface LogOptions {
  /** Measurements kept at most; default 1,000,000. */
  capacity?: number;
  /** How fresh a measurement's time is, ms: the engine's clock is read this often; 0 reads it for every measurement. Default 10. */
  resolutionMs?: number;
}

/** What the log holds, and the values it can hand back. */
export interface MeasurementLog {
  /** Measurements kept at most. */
  readonly capacity: number;
  /** Measurements it holds now. */
  readonly size: number;
  /** Measurements that were logged but have since been pushed out by newer ones. */
  readonly dropped: number;
  /** Time (ms since the epoch) of the oldest measurement held, or null when empty. */
  readonly since: number | null;
  /** Time of the newest measurement held, or null when empty. */
  readonly until: number | null;
  /** Distinct tag sets held. */
  readonly tagSets: number;
  /** Bytes of its columns (14 a measurement), its time runs and an estimate of its tag sets. */
  readonly bytes: number;
  /**
   * The logged values of `view`'s measure, oldest first: all of them, or only those of one row
   * (`row`: the row's tag values in the view's key order, a missing tag being ""). A fresh array
   * exactly as long as the values: the caller's own, to keep or transfer.
   */
  valuesOf(view: View, row?: readonly string[]): Float64Array;
  /** Calls `fn` with every logged measurement of the measure named `measure`, oldest first. */
  forEachOf(measure: string, fn: (value: number, tags: TagMap, time: number) => void): void;
}

/** Measurements a log keeps when `createStats({ log: {} })` names no capacity. */
export const DEFAULT_LOG_CAPACITY = 1_000_000;
export const DEFAULT_LOG_RESOLUTION_MS = 10;
const MAX_MEASURES = 0xffff;

/** The log's state: plain data, driven by the functions below (recording.ts calls logAppend). */
export interface LogState {
  readonly capacity: number;
  readonly resolutionMs: number;
  readonly values: Float64Array;
  readonly measureIds: Uint16Array;
  readonly setIds: Uint32Array;
  /** Where the next measurement goes. */
  head: number;
  /** Measurements appended since the log was created or cleared: the next one's sequence number. */
  seq: number;
  /**
   * Time runs: from sequence runSeqs[k] on, measurements were logged at runTimes[k]. Oldest
   * first from runFirst; never empty (the last run is the clock's latest reading).
   */
  readonly runSeqs: number[];
  readonly runTimes: number[];
  runFirst: number;
  /** Measures by id, and their ids by name. */
  readonly measures: Measure[];
  readonly measureIdByName: Map<string, number>;
  /** Interned tag sets by id (null when free). */
  readonly sets: (TagMap | null)[];
  readonly setKeys: string[];
  readonly free: number[];
  readonly setByKey: Map<string, number>;
  /** Sets interned since the last sweep. */
  internedSinceSweep: number;
  /** `seq` at the last sweep: a log nothing was appended to since has nothing new to sweep. */
  sweptAtSeq: number;
  /**
   * Called when set ids stop meaning what they meant (a sweep freed a set, the log was cleared):
   * whoever remembers ids (the recorder's TagMap memos) must forget them.
   */
  idsChanged: () => void;
}

function checkCapacity(capacity: number): void {
  if (!Number.isSafeInteger(capacity) || capacity < 1 || capacity > 100_000_000)
    throw new StatsError("LOG", `log capacity must be a whole number from 1 to 100,000,000, got ${String(capacity)}`);
}

export function newLog(options: LogOptions, now: () => number): LogState {
  const capacity = options.capacity ?? DEFAULT_LOG_CAPACITY;
  checkCapacity(capacity);
  const resolutionMs = options.resolutionMs ?? DEFAULT_LOG_RESOLUTION_MS;
  if (!Number.isFinite(resolutionMs) || resolutionMs < 0)
    throw new StatsError("LOG", `log resolutionMs must be a number ≥ 0, got ${String(resolutionMs)}`);
  return {
    capacity,
    resolutionMs,
    values: new Float64Array(capacity),
    measureIds: new Uint16Array(capacity),
    setIds: new Uint32Array(capacity),
    head: 0,
    seq: 0,
    runSeqs: [0],
    runTimes: [now()],
    runFirst: 0,
    measures: [],
    measureIdByName: new Map(),
    sets: [],
    setKeys: [],
    free: [],
    setByKey: new Map(),
    internedSinceSweep: 0,
    sweptAtSeq: 0,
    idsChanged: () => {},
  };
}

/** The id of `measure` in the log (by name: one name, one measure per engine). */
export function logMeasureId(log: LogState, measure: Measure): number {
  const known = log.measureIdByName.get(measure.name);
  if (known !== undefined) return known;
  if (log.measures.length > MAX_MEASURES)
    throw new StatsError("LOG", `the log holds at most ${MAX_MEASURES + 1} distinct measures`);
  const id = log.measures.length;
  log.measures.push(measure);
  log.measureIdByName.set(measure.name, id);
  return id;
}

/** Tags by content: key names sorted, `key\u0001value` pairs joined by \u0000 (tags are printable ASCII). */
function contentKey(tags: TagMap): string {
  const entries = tags.entries();
  if (entries.length === 0) return "";
  if (entries.length === 1) return entries[0]![0].name + "\u0001" + entries[0]![1];
  entries.sort((a, b) => (a[0].name < b[0].name ? -1 : 1));
  let key = "";
  for (const [k, v] of entries) key += (key ? "\u0000" : "") + k.name + "\u0001" + v;
  return key;
}

/** Measurements the log holds. */
export const logSize = (log: LogState): number => (log.seq < log.capacity ? log.seq : log.capacity);

/** Measurements logged since the last clear that newer ones have pushed out. */
const logDropped = (log: LogState): number => (log.seq > log.capacity ? log.seq - log.capacity : 0);

/** How many entries in [from, to) are of measure `id` and a tag set marked in `inRow`. */
function countOf(measureIds: Uint16Array, setIds: Uint32Array, inRow: Uint8Array, id: number, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (measureIds[i] === id && inRow[setIds[i]!] === 1) n++;
  return n;
}

/** Copies those entries' values into `out` from `at`; returns where the next one goes. */
function copyOf(
  out: Float64Array,
  at: number,
  values: Float64Array,
  measureIds: Uint16Array,
  setIds: Uint32Array,
  inRow: Uint8Array,
  id: number,
  from: number,
  to: number,
): number {
  let n = at;
  for (let i = from; i < to; i++) if (measureIds[i] === id && inRow[setIds[i]!] === 1) out[n++] = values[i]!;
  return n;
}

/** The oldest measurement's ring position (when there is one). */
export const oldest = (log: LogState): number => (log.seq >= log.capacity ? log.head : 0);

/**
 * Frees every tag set no measurement in the ring refers to. When one was freed, its id may be
 * given to another set, so TagMaps must look their ids up again: the token is replaced then,
 * and only then (a sweep that frees nothing leaves every remembered id valid).
 */
export function sweepSets(log: LogState): void {
  const used = new Uint8Array(log.sets.length);
  const start = oldest(log);
  const size = logSize(log);
  for (let k = 0, i = start; k < size; k++, i = i + 1 === log.capacity ? 0 : i + 1) used[log.setIds[i]!] = 1;
  let freed = 0;
  for (let id = 0; id < log.sets.length; id++)
    if (used[id] === 0 && log.sets[id] !== null) {
      log.setByKey.delete(log.setKeys[id]!);
      log.sets[id] = null;
      log.free.push(id);
      freed++;
    }
  log.internedSinceSweep = 0;
  log.sweptAtSeq = log.seq;
  if (freed > 0) log.idsChanged();
}

/** Sweeps unless nothing was appended since the last sweep (what the counts below read). */
function sweepIfAppended(log: LogState): void {
  if (log.sweptAtSeq !== log.seq) sweepSets(log);
}

/** The id of `tags`' content, interned now if new (which may sweep, and so call idsChanged). */
export function internSet(log: LogState, tags: TagMap): number {
  const key = contentKey(tags);
  let id = log.setByKey.get(key);
  if (id === undefined) {
    if (log.internedSinceSweep >= log.capacity) sweepSets(log);
    id = log.free.length > 0 ? log.free.pop()! : log.sets.length;
    log.sets[id] = tags;
    log.setKeys[id] = key;
    log.setByKey.set(key, id);
    log.internedSinceSweep++;
  }
  return id;
}

/**
 * The clock read `time`: measurements from now on are logged at it. Called by the engine's coarse
 * clock (and per record call at resolution 0). A run no measurement fell in is retimed rather than
 * kept, so an idle log does not grow; runs only dropped measurements were in are let go.
 */
export function clockTick(log: LogState, time: number): void {
  const last = log.runSeqs.length - 1;
  if (log.runTimes[last] === time) return;
  if (log.runSeqs[last] === log.seq) {
    log.runTimes[last] = time;
    return;
  }
  log.runSeqs.push(log.seq);
  log.runTimes.push(time);
  const oldestSeq = log.seq - logSize(log);
  while (log.runFirst + 1 < log.runSeqs.length && log.runSeqs[log.runFirst + 1]! <= oldestSeq) log.runFirst++;
  if (log.runFirst > 1024 && log.runFirst * 2 > log.runSeqs.length) {
    log.runSeqs.splice(0, log.runFirst);
    log.runTimes.splice(0, log.runFirst);
    log.runFirst = 0;
  }
}

/**
 * Appends one measurement of tag set `setId` (internSet); the oldest goes when the log is full.
 * Small on purpose: V8 inlines it into the record path only while the whole path fits its
 * inlining budget. The time is the clock's current run (clockTick), read by the engine, not here.
 */
export function logAppend(log: LogState, measureId: number, value: number, setId: number): void {
  const i = log.head;
  log.values[i] = value;
  log.measureIds[i] = measureId;
  log.setIds[i] = setId;
  log.seq++;
  log.head = i + 1 === log.capacity ? 0 : i + 1;
}

/** Empties the log (the engine's reset): no measurement, no tag set, no dropped count. */
export function clearLog(log: LogState): void {
  const time = log.runTimes[log.runTimes.length - 1]!;
  log.head = 0;
  log.seq = 0;
  log.runSeqs.length = 0;
  log.runTimes.length = 0;
  log.runSeqs.push(0);
  log.runTimes.push(time);
  log.runFirst = 0;
  log.sets.length = 0;
  log.setKeys.length = 0;
  log.free.length = 0;
  log.setByKey.clear();
  log.internedSinceSweep = 0;
  log.sweptAtSeq = 0;
  log.idsChanged(); // every TagMap's remembered set id is now stale
}

/** The index of the run measurement `seq` falls in (runs are sorted; `from` is a lower bound). */
function runOf(log: LogState, seq: number, from = log.runFirst): number {
  let lo = from;
  let hi = log.runSeqs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (log.runSeqs[mid]! <= seq) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Calls `fn` for every measurement held, oldest first, with its ring position and time. The
 * time is read off the runs with a cursor that only moves forward.
 */
export function forEachLogged(log: LogState, fn: (i: number, time: number) => void): void {
  const size = logSize(log);
  let seq = log.seq - size;
  let run = runOf(log, seq);
  const start = oldest(log);
  for (let k = 0, i = start; k < size; k++, i = i + 1 === log.capacity ? 0 : i + 1, seq++) {
    while (run + 1 < log.runSeqs.length && log.runSeqs[run + 1]! <= seq) run++;
    fn(i, log.runTimes[run]!);
  }
}

/** The time of the measurement with sequence number `seq`. */
function timeOf(log: LogState, seq: number): number {
  return log.runTimes[runOf(log, seq)]!;
}

/** The public face of a log. */
export function logView(log: LogState): MeasurementLog {
  return {
    get capacity() {
      return log.capacity;
    },
    get size() {
      return logSize(log);
    },
    get dropped() {
      return logDropped(log);
    },
    get since() {
      return log.seq === 0 ? null : timeOf(log, log.seq - logSize(log));
    },
    get until() {
      return log.seq === 0 ? null : timeOf(log, log.seq - 1);
    },
    get tagSets() {
      sweepIfAppended(log);
      return log.setByKey.size;
    },
    get bytes() {
      sweepIfAppended(log);
      let keys = 0;
      for (const k of log.setByKey.keys()) keys += k.length * 2 + 64;
      return log.capacity * 14 + (log.runSeqs.length - log.runFirst) * 16 + keys;
    },
    valuesOf(view, row) {
      const id = log.measureIdByName.get(view.measure.name);
      if (id === undefined) return new Float64Array(0);
      // Whether each tag set belongs to the row, decided once per set before the scan, so the
      // scan is two compares per entry: a million entries in a few milliseconds.
      const keys = view.tagKeys;
      const inRow = new Uint8Array(log.sets.length);
      for (let s = 0; s < log.sets.length; s++) {
        const tags = log.sets[s];
        inRow[s] = tags != null && (row === undefined || keys.every((k, j) => (tags.get(k) ?? "") === (row[j] ?? ""))) ? 1 : 0;
      }
      const { measureIds, setIds, values } = log;
      // The ring as at most two contiguous ranges, oldest first: [start, end1) then [0, end2).
      const start = oldest(log);
      const size = logSize(log);
      const end1 = start + Math.min(size, log.capacity - start);
      const end2 = size - (end1 - start);
      // Counted first, so the result is exactly as large as the answer: the page asks every
      // second per card, and an 8 MB array per ask was what drove the major collections.
      const n = countOf(measureIds, setIds, inRow, id, start, end1) + countOf(measureIds, setIds, inRow, id, 0, end2);
      const out = new Float64Array(n);
      copyOf(out, copyOf(out, 0, values, measureIds, setIds, inRow, id, start, end1), values, measureIds, setIds, inRow, id, 0, end2);
      return out;
    },
    forEachOf(measure, fn) {
      const id = log.measureIdByName.get(measure);
      if (id === undefined) return;
      forEachLogged(log, (i, time) => {
        if (log.measureIds[i] === id) fn(log.values[i]!, log.sets[log.setIds[i]!]!, time);
      });
    },
  };
}
