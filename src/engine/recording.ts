// The record path: from (TagMap, measurement) to the right row of every view of the measure.
// Rules:
// - record is all-or-nothing: every measure is resolved (and so checked for a name conflict)
//   before any value is folded;
// - a missing tag is the empty value "", the same row as an explicit "";
// - tags are a TagMap or a plain `{ key: value }` object, validated the same way (TagMap.of)
//   before anything is folded;
// - a TagMap remembers the row data it resolved to, per view slot, under the recorder's current
//   memo token (memo.ts); any change of views, slots or rows replaces the token, so a stale memo
//   is never used. A reused TagMap thus costs one identity compare instead of key encoding and a
//   lookup; a plain object is a new map each call, so it always takes the lookup.
// These are plain functions over a Recorder record rather than closures made per engine, so
// V8 keeps one monomorphic, inlined copy of the hot path however many engines exist.

import {
  type AggregationData,
  type BucketFinder,
  foldValue,
  type Kind,
  newData,
} from "./aggregation";
import { MeasureError } from "./errors";
import { type Measure, type Measurement, measureConflict } from "./measure";
import { type Memoized, ROW_MEMO } from "./memo";
import { TagMap, type TagRecord } from "./tags";
import type { View } from "./view";

export interface LiveRow {
  readonly tags: readonly string[];
  readonly data: AggregationData;
}

export interface ViewState {
  readonly view: View;
  readonly kind: Kind;
  readonly buckets: BucketFinder;
  /** Position among the current views; indexes a TagMap's memo rows. */
  slot: number;
  start: number;
  readonly rows: Map<string, LiveRow>;
  readonly order: LiveRow[];
}

/** All views of one measure name, shared by every Measure object that carries the name. */
export interface MeasureEntry {
  readonly measure: Measure;
  views: ViewState[];
}

export interface Recorder {
  readonly entriesByName: Map<string, MeasureEntry>;
  readonly entriesByMeasure: Map<Measure, MeasureEntry>;
  readonly listeners: Set<() => void>;
  readonly onError: (error: unknown, source: "exporter" | "listener") => void;
  /** Replaced whenever views, slots or rows change: invalidates every TagMap memo. */
  memoToken: object;
  lastMeasure: Measure | null;
  lastEntry: MeasureEntry | null;
  version: number;
  batchDepth: number;
  readonly scratch: MeasureEntry[];
}

const KEY_SEPARATOR = "\u0000"; // tag values are printable ASCII, so this never occurs in them

export function newRecorder(onError: Recorder["onError"]): Recorder {
  return {
    entriesByName: new Map(),
    entriesByMeasure: new Map(),
    listeners: new Set(),
    onError,
    memoToken: {},
    lastMeasure: null,
    lastEntry: null,
    version: 0,
    batchDepth: 0,
    scratch: [],
  };
}

export function entryFor(r: Recorder, measure: Measure): MeasureEntry {
  if (measure === r.lastMeasure) return r.lastEntry!;
  let entry = r.entriesByMeasure.get(measure);
  if (entry === undefined) {
    entry = r.entriesByName.get(measure.name);
    if (entry) {
      const conflict = measureConflict(entry.measure, measure);
      if (conflict) throw new MeasureError("MEASURE_CONFLICT", conflict);
    } else {
      entry = { measure, views: [] };
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

/** The TagMap to record under: `tags` itself, the empty map, or a plain object made a TagMap (validated). */
function asTagMap(tags: TagMap | TagRecord | undefined): TagMap {
  if (tags instanceof TagMap) return tags;
  return tags === undefined ? TagMap.empty() : TagMap.of(tags);
}

function resolveRow(r: Recorder, vs: ViewState, tags: TagMap): AggregationData {
  const keys = vs.view.tagKeys;
  const values = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = tags.get(keys[i]!) ?? "";
  const key = values.length === 1 ? values[0]! : values.join(KEY_SEPARATOR);
  let row = vs.rows.get(key);
  if (row === undefined) {
    row = { tags: Object.freeze(values), data: newData(vs.view.aggregation) };
    vs.rows.set(key, row);
    vs.order.push(row);
  }
  const memoized = tags as unknown as Memoized;
  let memo = memoized[ROW_MEMO];
  if (memo === null || memo.token !== r.memoToken) memoized[ROW_MEMO] = memo = { token: r.memoToken, rows: [] };
  memo.rows[vs.slot] = row.data;
  return row.data;
}

/**
 * Folds `v` into the row of `tags` in every view of `views`. The hot path: keep it flat. A
 * TagMap always has its memo slot (null or a memo), so a missing slot means a plain object:
 * it is validated and made a TagMap once here, off the TagMap path (an `instanceof` on every
 * record cost a quarter of the record's time).
 */
function fold(r: Recorder, views: ViewState[], tags: TagMap | TagRecord, v: number): void {
  let m = tags === null ? undefined : (tags as unknown as Memoized)[ROW_MEMO];
  let map = tags as TagMap;
  if (m === undefined) {
    map = TagMap.of(tags as TagRecord);
    m = null;
  }
  const memo = m !== null && m.token === r.memoToken ? m.rows : null;
  for (let j = 0; j < views.length; j++) {
    const vs = views[j]!;
    const data = ((memo !== null ? memo[vs.slot] : undefined) as AggregationData | undefined) ?? resolveRow(r, vs, map);
    foldValue(vs.kind, vs.buckets, data, v);
  }
}

export function recordOne(r: Recorder, tags: TagMap | TagRecord | undefined, m: Measurement): void {
  const views = entryFor(r, m.measure).views;
  if (views.length === 0) {
    asTagMap(tags); // nothing to record, but bad tags are still an error
    return;
  }
  fold(r, views, tags === undefined ? TagMap.empty() : tags, m.value);
  changed(r);
}

export function recordMany(r: Recorder, tags: TagMap | TagRecord | undefined, measurements: readonly Measurement[]): void {
  const map = asTagMap(tags);
  const n = measurements.length;
  const entries = r.scratch;
  for (let i = 0; i < n; i++) entries[i] = entryFor(r, measurements[i]!.measure);
  let touched = false;
  for (let i = 0; i < n; i++) {
    const views = entries[i]!.views;
    if (views.length === 0) continue;
    fold(r, views, map, measurements[i]!.value);
    touched = true;
  }
  entries.length = 0;
  if (touched) changed(r);
}
