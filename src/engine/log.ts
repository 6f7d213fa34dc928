// The measurement log: every measurement an engine recorded, raw, so a view registered later can
// be filled with what it would have seen, and so exact quantiles can be computed.
// Rules:
// - a bounded columnar ring: time (Float64), value (Float64), measure id (Uint16) and tag-set id
//   (Uint32) per measurement, 22 bytes, plus each distinct tag set once; when full, the oldest
//   measurement goes (`dropped` counts them);
// - tag sets are interned by content (the same tags are one set whatever TagMap carried them)
//   and counted: a set no logged measurement refers to any more is freed, so a run of distinct
//   tag values does not grow the log past its capacity; a TagMap remembers its set id under the
//   log's token, which freeing a set replaces, so a freed (perhaps reused) id is never used;
// - time comes from a coarse clock the engine refreshes every `resolutionMs` (reading a clock
//   costs twice a whole record); `resolutionMs: 0` reads the clock for every measurement;
// - replay (stats.ts) walks the log oldest first, so a view filled from it folds the same values
//   in the same order as live recording would have: the same rows, bit for bit.

import { StatsError } from "./errors";
import type { Measure } from "./measure";
import { type LogMemo, LOG_MEMO, type Memoized } from "./memo";
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
  /** Bytes of its columns (22 a measurement) and an estimate of its interned tag sets. */
  readonly bytes: number;
  /**
   * The logged values of `view`'s measure, oldest first: all of them, or only those of one row
   * (`row`: the row's tag values in the view's key order, a missing tag being "").
   */
  valuesOf(view: View, row?: readonly string[]): Float64Array;
  /** Calls `fn` with every logged measurement of the measure named `measure`, oldest first. */
  forEachOf(measure: string, fn: (value: number, tags: TagMap, time: number) => void): void;
}

export const DEFAULT_LOG_CAPACITY = 1_000_000;
export const DEFAULT_LOG_RESOLUTION_MS = 10;
const MAX_MEASURES = 0xffff;

/** The log's state: plain data, driven by the functions below (recording.ts calls logAppend). */
export interface LogState {
  readonly capacity: number;
  readonly resolutionMs: number;
  readonly times: Float64Array;
  readonly values: Float64Array;
  readonly measureIds: Uint16Array;
  readonly setIds: Uint32Array;
  /** Where the next measurement goes. */
  head: number;
  size: number;
  dropped: number;
  /** The coarse clock's last reading. */
  time: number;
  readonly now: () => number;
  /** Measures by id, and their ids by name. */
  readonly measures: Measure[];
  readonly measureIdByName: Map<string, number>;
  /** Interned tag sets by id (null when free), and how many logged measurements refer to each. */
  readonly sets: (TagMap | null)[];
  readonly setKeys: string[];
  readonly refs: number[];
  readonly free: number[];
  readonly setByKey: Map<string, number>;
  /** Identifies this log in TagMaps' memos; replaced when the log is cleared. */
  token: object;
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
    times: new Float64Array(capacity),
    values: new Float64Array(capacity),
    measureIds: new Uint16Array(capacity),
    setIds: new Uint32Array(capacity),
    head: 0,
    size: 0,
    dropped: 0,
    time: now(),
    now,
    measures: [],
    measureIdByName: new Map(),
    sets: [],
    setKeys: [],
    refs: [],
    free: [],
    setByKey: new Map(),
    token: {},
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

/** Interns `tags`' content and remembers its id on the TagMap, for as long as the log's token lasts. */
function internSet(log: LogState, tags: TagMap): number {
  const key = contentKey(tags);
  let id = log.setByKey.get(key);
  if (id === undefined) {
    id = log.free.length > 0 ? log.free.pop()! : log.sets.length;
    log.sets[id] = tags;
    log.setKeys[id] = key;
    log.refs[id] = 0;
    log.setByKey.set(key, id);
  }
  const memo: LogMemo = { log: log.token, id };
  (tags as unknown as Memoized)[LOG_MEMO] = memo;
  return id;
}

/**
 * Pushes the oldest measurement out (the log is full); a tag set nothing refers to any more is
 * freed, and the log's token replaced, so no TagMap keeps a freed (perhaps reused) id. With tag
 * sets that keep coming back that never happens; with ever-new ones the memo could not help anyway.
 */
function evictOldest(log: LogState, i: number): void {
  const old = log.setIds[i]!;
  if (--log.refs[old]! === 0) {
    log.setByKey.delete(log.setKeys[old]!);
    log.sets[old] = null;
    log.free.push(old);
    log.token = {};
  }
  log.dropped++;
}

/** Appends one measurement; the oldest goes first when the log is full (it may free a set). */
export function logAppend(log: LogState, measureId: number, value: number, tags: TagMap): void {
  const i = log.head;
  if (log.size === log.capacity) evictOldest(log, i);
  else log.size++;
  const memo = (tags as unknown as Memoized)[LOG_MEMO];
  const setId = memo !== null && memo.log === log.token ? memo.id : internSet(log, tags);
  log.times[i] = log.resolutionMs === 0 ? log.now() : log.time;
  log.values[i] = value;
  log.measureIds[i] = measureId;
  log.setIds[i] = setId;
  log.refs[setId]!++;
  log.head = i + 1 === log.capacity ? 0 : i + 1;
}

/** Empties the log (the engine's reset): no measurement, no tag set, no dropped count. */
export function clearLog(log: LogState): void {
  log.head = 0;
  log.size = 0;
  log.dropped = 0;
  log.sets.length = 0;
  log.setKeys.length = 0;
  log.refs.length = 0;
  log.free.length = 0;
  log.setByKey.clear();
  log.token = {}; // every TagMap's remembered set id is now stale
}

/** Calls `fn` for every measurement held, oldest first, with its ring position. */
export function forEachLogged(log: LogState, fn: (i: number) => void): void {
  const start = log.size === log.capacity ? log.head : 0;
  for (let k = 0; k < log.size; k++) {
    const i = start + k;
    fn(i < log.capacity ? i : i - log.capacity);
  }
}

/** The oldest measurement's ring position, or -1 when empty. */
function oldest(log: LogState): number {
  if (log.size === 0) return -1;
  return log.size === log.capacity ? log.head : 0;
}

/** The public face of a log. */
export function logView(log: LogState): MeasurementLog {
  return {
    get capacity() {
      return log.capacity;
    },
    get size() {
      return log.size;
    },
    get dropped() {
      return log.dropped;
    },
    get since() {
      const i = oldest(log);
      return i < 0 ? null : log.times[i]!;
    },
    get until() {
      if (log.size === 0) return null;
      return log.times[log.head === 0 ? log.capacity - 1 : log.head - 1]!;
    },
    get tagSets() {
      return log.setByKey.size;
    },
    get bytes() {
      let keys = 0;
      for (const k of log.setByKey.keys()) keys += k.length * 2 + 64;
      return log.capacity * 22 + keys;
    },
    valuesOf(view, row) {
      const id = log.measureIdByName.get(view.measure.name);
      if (id === undefined) return new Float64Array(0);
      // Whether each tag set belongs to the row, decided once per set.
      const inRow: (boolean | undefined)[] = [];
      const keys = view.tagKeys;
      const matches = (setId: number): boolean => {
        let m = inRow[setId];
        if (m === undefined) {
          const tags = log.sets[setId]!;
          m = row === undefined || keys.every((k, j) => (tags.get(k) ?? "") === (row[j] ?? ""));
          inRow[setId] = m;
        }
        return m;
      };
      const out = new Float64Array(log.size);
      let n = 0;
      forEachLogged(log, (i) => {
        if (log.measureIds[i] === id && matches(log.setIds[i]!)) out[n++] = log.values[i]!;
      });
      return out.slice(0, n);
    },
    forEachOf(measure, fn) {
      const id = log.measureIdByName.get(measure);
      if (id === undefined) return;
      forEachLogged(log, (i) => {
        if (log.measureIds[i] === id) fn(log.values[i]!, log.sets[log.setIds[i]!]!, log.times[i]!);
      });
    },
  };
}
