// The record path: from (TagMap, measurement) to the right row of every view of the measure.
// Rules:
// - record is all-or-nothing: every measure is resolved (and so checked for a name conflict)
//   before any value is folded;
// - a missing tag is the empty value "", the same row as an explicit "";
// - tags are a TagMap or a plain `{ key: value }` object, validated the same way (TagMap.of)
//   before anything is folded;
// - a TagMap remembers the row data it resolved to, per view slot, and its tag set's id in the
//   measurement log, under the recorder's current memo token (memo.ts); any change of views,
//   slots or rows, and any change of the log's set ids, replaces the token, so a stale memo is
//   never used. A reused TagMap thus costs one identity compare instead of key encoding and a
//   lookup; a plain object is a new map each call, so it always takes the lookup.
// These are plain functions over a Recorder record rather than closures made per engine, so
// V8 keeps one monomorphic, inlined copy of the hot path however many engines exist.

import {
  type AggregationData,
  type BucketFinder,
  type DistributionData,
  findBucket,
  foldDistribution,
  type FoldParams,
  foldValue,
  ID_SLOTS,
  type IdExemplarSlots,
  Kind,
  newData,
} from "./aggregation";
import type { Exemplar, ExemplarLabels, ExemplarTemplate } from "./exemplar";
import { MeasureError } from "./errors";
import { type Measure, type Measurement, measureConflict } from "./measure";
import { internSet, type LogState, logAppend, logMeasureId } from "./log";
import { type Memoized, type RowMemo, ROW_MEMO } from "./memo";
import { TagMap, type TagRecord } from "./tags";
import type { View } from "./view";

export interface LiveRow {
  readonly tags: readonly string[];
  readonly data: AggregationData;
  /** Set on the overflow row only (overflow.ts). */
  readonly overflow?: true;
}

export interface ViewState {
  readonly view: View;
  /** How much of the measurement log the view was filled from when registered, or null. */
  filled: { measurements: number; since: number } | null;
  readonly kind: Kind;
  /** A distribution's bucket finder, an exponential histogram's limits (foldParams). */
  readonly buckets: FoldParams;
  /** Position among the current views; indexes a TagMap's memo rows. */
  slot: number;
  start: number;
  /** The ordinary rows by row key: at most view.rowLimit − 1 of them (overflow.ts). */
  readonly rows: Map<string, LiveRow>;
  /** Every row in creation order, the overflow row included. */
  readonly order: LiveRow[];
  /** The overflow row's data once the limit was hit, else null. */
  overflowData: AggregationData | null;
  /** Row keys of the distinct combinations merged into the overflow row. */
  readonly overflowKeys: Set<string>;
}

/** All views of one measure name, shared by every Measure object that carries the name. */
export interface MeasureEntry {
  readonly measure: Measure;
  views: ViewState[];
  /** The measure's id in the engine's measurement log, or -1 without a log. */
  readonly logId: number;
}

export interface Recorder {
  readonly entriesByName: Map<string, MeasureEntry>;
  readonly entriesByMeasure: Map<Measure, MeasureEntry>;
  readonly listeners: Set<() => void>;
  /** The measurement log, when the engine keeps one: every measurement is appended to it. */
  readonly log: LogState | null;
  readonly onError: (error: unknown, source: "exporter" | "listener") => void;
  /** Replaced whenever views, slots or rows change: invalidates every TagMap memo. */
  memoToken: object;
  lastMeasure: Measure | null;
  lastEntry: MeasureEntry | null;
  version: number;
  batchDepth: number;
  readonly scratch: MeasureEntry[];
  /** The exemplar templates made by this engine, in order (stats.exemplarTemplate): number k is index k − 1. */
  readonly templates: ExemplarTemplate[];
}

const KEY_SEPARATOR = "\u0000"; // tag values are printable ASCII, so this never occurs in them

export function newRecorder(onError: Recorder["onError"], log: LogState | null): Recorder {
  const r: Recorder = {
    entriesByName: new Map(),
    entriesByMeasure: new Map(),
    listeners: new Set(),
    log,
    onError,
    memoToken: {},
    lastMeasure: null,
    lastEntry: null,
    version: 0,
    batchDepth: 0,
    scratch: [],
    templates: [],
  };
  if (log !== null) log.idsChanged = () => void (r.memoToken = {});
  return r;
}

/**
 * The entry of `measure`. Kept tiny so V8 always inlines it into the record path: the lookup
 * (lookupEntry) is only taken when the measure differs from the last one recorded, and leaves
 * the inlining budget to the fold and the log.
 */
export function entryFor(r: Recorder, measure: Measure): MeasureEntry {
  return measure === r.lastMeasure ? r.lastEntry! : lookupEntry(r, measure);
}

function lookupEntry(r: Recorder, measure: Measure): MeasureEntry {
  let entry = r.entriesByMeasure.get(measure);
  if (entry === undefined) {
    entry = r.entriesByName.get(measure.name);
    if (entry) {
      const conflict = measureConflict(entry.measure, measure);
      if (conflict) throw new MeasureError("MEASURE_CONFLICT", conflict);
    } else {
      entry = { measure, views: [], logId: r.log === null ? -1 : logMeasureId(r.log, measure) };
      r.entriesByName.set(measure.name, entry);
    }
    r.entriesByMeasure.set(measure, entry);
  }
  r.lastMeasure = measure;
  r.lastEntry = entry;
  return entry;
}

export function changed(r: Recorder): void {
  r.version++;
  if (r.batchDepth === 0 && r.listeners.size > 0) notify(r);
}

export function notify(r: Recorder): void {
  for (const listener of r.listeners) {
    try {
      listener();
    } catch (error) {
      r.onError(error, "listener");
    }
  }
}

/** Views, slots or rows changed shape: renumber slots and invalidate TagMap memos. */
export function reshaped(r: Recorder, views: Iterable<ViewState>): void {
  let slot = 0;
  for (const vs of views) vs.slot = slot++;
  r.memoToken = {};
}

function resolveRow(r: Recorder, vs: ViewState, tags: TagMap): AggregationData {
  const keys = vs.view.tagKeys;
  const values = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = tags.get(keys[i]!) ?? "";
  const key = values.length === 1 ? values[0]! : values.join(KEY_SEPARATOR);
  let row = vs.rows.get(key);
  if (row === undefined) {
    if (vs.rows.size >= vs.view.rowLimit - 1) return overflowRow(r, vs, tags, key);
    row = { tags: Object.freeze(values), data: newData(vs.view.aggregation) };
    vs.rows.set(key, row);
    vs.order.push(row);
  }
  currentMemo(r, tags).rows[vs.slot] = row.data;
  return row.data;
}

/**
 * The overflow row, for a combination with no row of its own once the view holds rowLimit − 1
 * rows (OpenTelemetry metrics SDK specification, cardinality limits). Its tags are all "" and
 * it is flagged, so it never collides with a real row of empty values. `tags` memoizes it like
 * any row: a reused TagMap past the limit records as fast as one with its own row.
 */
function overflowRow(r: Recorder, vs: ViewState, tags: TagMap, key: string): AggregationData {
  vs.overflowKeys.add(key);
  let data = vs.overflowData;
  if (data === null) {
    data = vs.overflowData = newData(vs.view.aggregation);
    vs.order.push({ tags: Object.freeze(vs.view.tagKeys.map(() => "")), data, overflow: true });
  }
  currentMemo(r, tags).rows[vs.slot] = data;
  return data;
}

/** `tags`' memo under the recorder's current token, made afresh if it has none or a stale one. */
function currentMemo(r: Recorder, tags: TagMap): RowMemo {
  const memoized = tags as unknown as Memoized;
  let memo = memoized[ROW_MEMO];
  if (memo === null || memo.token !== r.memoToken) memoized[ROW_MEMO] = memo = { token: r.memoToken, rows: [], setId: -1 };
  return memo;
}

/** `tags`' set id in the log, interned and remembered (interning may sweep and replace the token). */
function rememberSet(r: Recorder, log: LogState, tags: TagMap): number {
  const id = internSet(log, tags);
  currentMemo(r, tags).setId = id;
  return id;
}

/** `tags`' set id in the log: from its memo when current, else looked up. */
function setIdOf(r: Recorder, log: LogState, tags: TagMap): number {
  const m = (tags as unknown as Memoized)[ROW_MEMO];
  return m !== null && m.token === r.memoToken && m.setId >= 0 ? m.setId : rememberSet(r, log, tags);
}

/**
 * The TagMap to record under. A TagMap always has its memo slot (null or a memo), so a missing
 * slot means a plain object, which is validated and made a TagMap here; an `instanceof` on
 * every record cost a quarter of the record's time.
 */
function tagMapOf(tags: TagMap | TagRecord | undefined): TagMap {
  if (tags === undefined) return TagMap.empty();
  return tags !== null && (tags as unknown as Memoized)[ROW_MEMO] !== undefined ? (tags as TagMap) : TagMap.of(tags as TagRecord);
}

/** Folds `v` into the row of `tags` in every view of `views`. The hot path: keep it flat. */
/** `tags`' remembered rows under the recorder's current token, or null (memo.ts). */
function memoRows(r: Recorder, tags: TagMap): RowMemo["rows"] | null {
  const m = (tags as unknown as Memoized)[ROW_MEMO];
  return m !== null && m.token === r.memoToken ? m.rows : null;
}

/** The data of `tags`' row in `vs`: remembered, else found (and remembered). */
function rowData(r: Recorder, memo: RowMemo["rows"] | null, vs: ViewState, tags: TagMap): AggregationData {
  return ((memo !== null ? memo[vs.slot] : undefined) as AggregationData | undefined) ?? resolveRow(r, vs, tags);
}

function fold(r: Recorder, views: ViewState[], tags: TagMap, v: number): void {
  const memo = memoRows(r, tags);
  for (let j = 0; j < views.length; j++) {
    const vs = views[j]!;
    const data = rowData(r, memo, vs, tags);
    foldValue(vs.kind, vs.buckets, data, v);
  }
}

/**
 * fold, keeping `ex` as the latest exemplar of every row `v` goes to: in a distribution, of the
 * bucket it falls in (found once, for the fold and the exemplar); in a sum or a count, of the
 * row. A count's is the measurement's exemplar as is (no object of its own per record): its
 * snapshot gives it value 1, the increment, as client_golang's counter Inc with an exemplar.
 * A separate function from fold so `record` keeps its own inlining budget (exemplar.ts).
 */
function foldWithExemplar(r: Recorder, views: ViewState[], tags: TagMap, v: number, ex: Exemplar): void {
  const memo = memoRows(r, tags);
  for (let j = 0; j < views.length; j++) {
    const vs = views[j]!;
    const data = rowData(r, memo, vs, tags);
    if (vs.kind === Kind.Distribution) {
      const d = data as DistributionData;
      const bucket = findBucket(vs.buckets as BucketFinder, v);
      foldDistribution(d, bucket, v);
      (d.exemplars ??= new Array<Exemplar | undefined>(d.bucketCounts.length))[bucket] = ex;
      const ids = (d as IdExemplarSlots).idExemplars;
      if (ids !== undefined) ids[bucket * ID_SLOTS] = 0; // this one is now the latest
    } else {
      foldValue(vs.kind, vs.buckets, data, v);
      if (data.type === "sum" || data.type === "count") {
        data.exemplar = ex;
        const ids = (data as IdExemplarSlots).idExemplars;
        if (ids !== undefined) ids[0] = 0;
      }
    }
  }
}

/**
 * fold, keeping an exemplar of a template (`template`: its index + 1) and `id` as numbers in the
 * row's id slots (aggregation.ts IdExemplarSlots): no object per record. An exemplar object kept
 * in the same bucket before is dropped, this one being the latest.
 */
function foldWithId(r: Recorder, views: ViewState[], tags: TagMap, v: number, template: number, id: number, t: number): void {
  const memo = memoRows(r, tags);
  for (let j = 0; j < views.length; j++) {
    const vs = views[j]!;
    const data = rowData(r, memo, vs, tags);
    if (vs.kind === Kind.Distribution) {
      const d = data as DistributionData & IdExemplarSlots;
      const bucket = findBucket(vs.buckets as BucketFinder, v);
      foldDistribution(d, bucket, v);
      const x = (d.idExemplars ??= new Float64Array(d.bucketCounts.length * ID_SLOTS));
      const at = bucket * ID_SLOTS;
      x[at] = template;
      x[at + 1] = id;
      x[at + 2] = v;
      x[at + 3] = t;
      if (d.exemplars !== undefined) d.exemplars[bucket] = undefined;
    } else {
      foldValue(vs.kind, vs.buckets, data, v);
      if (data.type === "sum" || data.type === "count") {
        const x = ((data as IdExemplarSlots).idExemplars ??= new Float64Array(ID_SLOTS));
        x[0] = template;
        x[1] = id;
        x[2] = v;
        x[3] = t;
        if (data.exemplar !== undefined) data.exemplar = undefined;
      }
    }
  }
}

/** Folds `v` into the row of `tags` in one view (replay: the views of a measure one at a time). */
export function foldInto(r: Recorder, vs: ViewState, tags: TagMap, v: number): void {
  foldValue(vs.kind, vs.buckets, resolveRow(r, vs, tags), v);
}

/**
 * One measurement, in an engine without a log. recordOne and recordOneLogged are separate
 * functions on purpose: V8 then optimizes each for its own engines, so an engine that keeps a
 * log costs nothing to one that does not (and the logged path keeps its own inlining budget).
 */
export function recordOne(r: Recorder, tags: TagMap | TagRecord | undefined, m: Measurement): void {
  const map = tagMapOf(tags);
  const views = entryFor(r, m.measure).views;
  if (views.length === 0) return;
  fold(r, views, map, m.value);
  changed(r);
}

/** One measurement, in an engine with a log (`r.log` set): logged first, then folded. */
export function recordOneLogged(r: Recorder, tags: TagMap | TagRecord | undefined, m: Measurement): void {
  const map = tagMapOf(tags);
  const entry = entryFor(r, m.measure);
  const log = r.log!;
  logAppend(log, entry.logId, m.value, setIdOf(r, log, map));
  const views = entry.views;
  if (views.length > 0) fold(r, views, map, m.value);
  changed(r);
}

/**
 * Several measurements under one tag set. With `labels` (checked by the caller: exemplar.ts
 * checkExemplarLabels), or with a template number (its index + 1 in `r.templates`) and an id
 * (checked by the caller: isExemplarId), they are kept as the exemplar of every row and bucket a
 * measurement goes to, stamped `timestamp`.
 */
export function recordMany(
  r: Recorder,
  tags: TagMap | TagRecord | undefined,
  measurements: readonly Measurement[],
  labels: ExemplarLabels | null = null,
  timestamp = 0,
  template = 0,
  id = 0,
): void {
  const map = tagMapOf(tags);
  const n = measurements.length;
  const entries = r.scratch;
  for (let i = 0; i < n; i++) entries[i] = entryFor(r, measurements[i]!.measure);
  const log = r.log;
  let touched = log !== null && n > 0;
  for (let i = 0; i < n; i++) {
    const entry = entries[i]!;
    const value = measurements[i]!.value;
    if (log !== null) logAppend(log, entry.logId, value, setIdOf(r, log, map));
    if (entry.views.length === 0) continue;
    if (template !== 0) foldWithId(r, entry.views, map, value, template, id, timestamp);
    else if (labels === null) fold(r, entry.views, map, value);
    else foldWithExemplar(r, entry.views, map, value, { labels, value, timestamp });
    touched = true;
  }
  // entries is not emptied: setting an array's length is a builtin call that cost 15% of a
  // two-measurement record (bench 4a); the stale entries are the engine's own and live as long.
  if (touched) changed(r);
}
