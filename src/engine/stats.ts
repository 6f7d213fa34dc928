// The stats engine instance: registered views, recording, snapshots, change listeners and
// periodic exporters. There is no global: tests, the app and benchmarks each `createStats()`.
// Rules:
// - registerView is all-or-nothing: every definition is checked (including against the others
//   and against measures already known) before any is added. Same name and same definition is
//   a no-op; same name with a different definition, or two views that would be exposed under
//   the same metric name, is a ViewError.
// - A measure name means one measure: a second measure with that name but another type or
//   unit is a MeasureError at registration or record time (OpenCensus keeps the first silently).
// - record is all-or-nothing too: every measurement is checked before any view is touched.
//   Values were validated when the measurement was made (`measure.m(v)`).
// - unregisterView drops the view's data; reset drops every view's data and restarts its clock.
// - Exporters get the cumulative data of every view each reporting period (default 10 s,
//   at least 1 s); snapshot() pulls the same data at any time.
// - Time comes from an injectable clock and the period from an injectable scheduler, so tests
//   never sleep.

import { adderFor, type AggregationData, copyData, newData } from "./aggregation";
import { MeasureError, StatsError, ViewError } from "./errors";
import { type Measure, type Measurement, measureConflict } from "./measure";
import { possibleSampleNames } from "./exposition/names";
import { type RowMemo, TagMap } from "./tags";
import {
  defineView,
  describeView,
  sameView,
  type View,
  type ViewData,
  type ViewDefinition,
} from "./view";

export interface Exporter {
  /** Receives the cumulative data of every registered view; `at` is ms since the epoch. */
  export(data: ViewData[], at: number): void;
}

export interface StatsOptions {
  /** Clock in ms since the epoch. Default: Date.now. */
  now?: () => number;
  /** Calls `fn` every `ms` until the returned function is called. Default: setInterval. */
  every?: (fn: () => void, ms: number) => () => void;
  /** Where errors thrown by exporters and listeners go (they never break recording). */
  onError?: (error: unknown, source: "exporter" | "listener") => void;
}

export interface Stats {
  registerView(...definitions: ViewDefinition[]): View[];
  /** Drops the view and its data; false when no view has that name. */
  unregisterView(name: string): boolean;
  views(): View[];
  record(tags: TagMap | undefined, ...measurements: Measurement[]): void;
  /** Notifies listeners once for everything `fn` records (a pasted block, a simulator tick). */
  batch<T>(fn: () => T): T;
  /** Every view's data in registration order: a copy that later recording does not change. */
  snapshot(): ViewData[];
  viewData(name: string): ViewData | undefined;
  /** Drops all recorded data, keeps the views. */
  reset(): void;
  /** Called after data or views change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Increases whenever data or views change; cheap to poll. */
  readonly version: number;
  registerExporter(exporter: Exporter): () => void;
  unregisterExporter(exporter: Exporter): void;
  setReportingPeriod(ms: number): void;
  readonly reportingPeriod: number;
  /** Exports now to every exporter, outside the period. */
  report(): void;
  /** Stops the reporting timer and forgets exporters and listeners. */
  close(): void;
}

export const DEFAULT_REPORTING_PERIOD_MS = 10_000;
export const MIN_REPORTING_PERIOD_MS = 1_000;

interface LiveRow {
  readonly tags: readonly string[];
  readonly data: AggregationData;
}

interface ViewState {
  readonly view: View;
  readonly add: (data: AggregationData, v: number) => void;
  start: number;
  /** Bumped on reset so TagMap memos of dropped rows are not reused. */
  generation: number;
  readonly rows: Map<string, LiveRow>;
  readonly order: LiveRow[];
}

/** All views of one measure name, shared by every Measure object that carries the name. */
interface MeasureEntry {
  readonly measure: Measure;
  views: ViewState[];
}

const MEMO_LIMIT = 8;
const KEY_SEPARATOR = "\u0000"; // tag values are printable ASCII, so this never occurs in them

function defaultEvery(fn: () => void, ms: number): () => void {
  const g = globalThis as unknown as {
    setInterval(fn: () => void, ms: number): { unref?: () => void } | number;
    clearInterval(id: unknown): void;
  };
  const id = g.setInterval(fn, ms);
  if (typeof id === "object") id.unref?.(); // never keep a Node process alive for reporting
  return () => g.clearInterval(id);
}

function defaultOnError(error: unknown, source: string): void {
  (globalThis as unknown as { console?: { error(...a: unknown[]): void } }).console?.error(
    `stats ${source} failed:`,
    error,
  );
}

export function createStats(options: StatsOptions = {}): Stats {
  const now = options.now ?? Date.now;
  const every = options.every ?? defaultEvery;
  const onError = options.onError ?? defaultOnError;

  const views = new Map<string, ViewState>();
  const entriesByName = new Map<string, MeasureEntry>();
  const entriesByMeasure = new Map<Measure, MeasureEntry>();
  const listeners = new Set<() => void>();
  const exporters = new Set<Exporter>();
  let version = 0;
  let batchDepth = 0;
  let versionAtBatchStart = 0;
  let period = DEFAULT_REPORTING_PERIOD_MS;
  let stopTimer: (() => void) | null = null;
  const scratch: MeasureEntry[] = [];

  function entryFor(measure: Measure): MeasureEntry {
    const known = entriesByMeasure.get(measure);
    if (known) return known;
    let entry = entriesByName.get(measure.name);
    if (entry) {
      const conflict = measureConflict(entry.measure, measure);
      if (conflict) throw new MeasureError("MEASURE_CONFLICT", conflict);
    } else {
      entry = { measure, views: [] };
      entriesByName.set(measure.name, entry);
    }
    entriesByMeasure.set(measure, entry);
    return entry;
  }

  function changed(): void {
    version++;
    if (batchDepth === 0) notify();
  }

  function notify(): void {
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        onError(error, "listener");
      }
    }
  }

  function rowFor(vs: ViewState, tags: TagMap): LiveRow {
    const memo = tags.memo;
    if (memo !== undefined) {
      for (let i = 0; i < memo.length; i++) {
        const m = memo[i]!;
        if (m.owner === vs && m.generation === vs.generation) return m.row as LiveRow;
      }
    }
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
    const entry: RowMemo = { owner: vs, generation: vs.generation, row };
    if (memo === undefined) tags.memo = [entry];
    else {
      if (memo.length >= MEMO_LIMIT) memo.shift();
      memo.push(entry);
    }
    return row;
  }

  function snapshotOf(vs: ViewState, end: number): ViewData {
    const rows = new Array<{ tags: readonly string[]; data: AggregationData }>(vs.order.length);
    for (let i = 0; i < rows.length; i++) {
      const r = vs.order[i]!;
      rows[i] = { tags: r.tags, data: copyData(r.data) };
    }
    return { view: vs.view, start: vs.start, end, rows };
  }

  function exportNow(): void {
    if (exporters.size === 0) return;
    const at = now();
    const data = stats.snapshot();
    for (const exporter of exporters) {
      try {
        exporter.export(data, at);
      } catch (error) {
        onError(error, "exporter");
      }
    }
  }

  function restartTimer(): void {
    stopTimer?.();
    stopTimer = exporters.size > 0 ? every(exportNow, period) : null;
  }

  const stats: Stats = {
    registerView(...definitions) {
      const defined = definitions.map(defineView);
      const added: View[] = [];
      const result: View[] = [];
      const takenNames = new Map<string, string>();
      for (const vs of views.values())
        for (const n of possibleSampleNames(vs.view)) takenNames.set(n, vs.view.name);

      for (const view of defined) {
        const existingView = views.get(view.name)?.view ?? added.find((a) => a.name === view.name);
        if (existingView) {
          if (!sameView(existingView, view))
            throw new ViewError(
              "VIEW_CONFLICT",
              `a different view named ${JSON.stringify(view.name)} is already registered: it is ${describeView(existingView)}, not ${describeView(view)}`,
            );
          result.push(existingView);
          continue;
        }
        const known = entriesByName.get(view.measure.name);
        const conflict = known && measureConflict(known.measure, view.measure);
        if (conflict) throw new MeasureError("MEASURE_CONFLICT", conflict);
        const sameMeasureInBatch = added.find((a) => a.measure.name === view.measure.name);
        const batchConflict = sameMeasureInBatch && measureConflict(sameMeasureInBatch.measure, view.measure);
        if (batchConflict) throw new MeasureError("MEASURE_CONFLICT", batchConflict);
        const names = possibleSampleNames(view);
        for (const n of names) {
          const other = takenNames.get(n);
          if (other !== undefined)
            throw new ViewError(
              "VIEW_CONFLICT",
              `views ${JSON.stringify(other)} and ${JSON.stringify(view.name)} would both be exposed as metric "${n}"; rename one`,
            );
        }
        for (const n of names) takenNames.set(n, view.name);
        added.push(view);
        result.push(view);
      }

      if (added.length === 0) return result;
      const start = now();
      for (const view of added) {
        const vs: ViewState = {
          view,
          add: adderFor(view.aggregation),
          start,
          generation: 0,
          rows: new Map(),
          order: [],
        };
        views.set(view.name, vs);
        const entry = entryFor(view.measure);
        entry.views = [...entry.views, vs]; // copy on write: record may be iterating the old array
      }
      changed();
      return result;
    },

    unregisterView(name) {
      const vs = views.get(name);
      if (!vs) return false;
      views.delete(name);
      const entry = entriesByName.get(vs.view.measure.name);
      if (entry) entry.views = entry.views.filter((v) => v !== vs);
      changed();
      return true;
    },

    views() {
      return [...views.values()].map((vs) => vs.view);
    },

    record(tags, ...measurements) {
      const map = tags ?? TagMap.empty();
      if (!(map instanceof TagMap))
        throw new StatsError("TAG_MAP", "record needs a TagMap (TagMap.empty() for none)");
      const n = measurements.length;
      for (let i = 0; i < n; i++) scratch[i] = entryFor(measurements[i]!.measure);
      let touched = false;
      for (let i = 0; i < n; i++) {
        const vss = scratch[i]!.views;
        const v = measurements[i]!.value;
        for (let j = 0; j < vss.length; j++) {
          const vs = vss[j]!;
          vs.add(rowFor(vs, map).data, v);
          touched = true;
        }
      }
      if (touched) changed();
    },

    batch(fn) {
      if (batchDepth++ === 0) versionAtBatchStart = version;
      try {
        return fn();
      } finally {
        if (--batchDepth === 0 && version !== versionAtBatchStart) notify();
      }
    },

    snapshot() {
      const end = now();
      const out: ViewData[] = [];
      for (const vs of views.values()) out.push(snapshotOf(vs, end));
      return out;
    },

    viewData(name) {
      const vs = views.get(name);
      return vs && snapshotOf(vs, now());
    },

    reset() {
      const start = now();
      for (const vs of views.values()) {
        vs.rows.clear();
        vs.order.length = 0;
        vs.generation++;
        vs.start = start;
      }
      changed();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    get version() {
      return version;
    },

    registerExporter(exporter) {
      if (!exporters.has(exporter)) {
        exporters.add(exporter);
        if (exporters.size === 1) restartTimer();
      }
      return () => stats.unregisterExporter(exporter);
    },

    unregisterExporter(exporter) {
      if (exporters.delete(exporter) && exporters.size === 0) restartTimer();
    },

    setReportingPeriod(ms) {
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < MIN_REPORTING_PERIOD_MS)
        throw new StatsError(
          "REPORTING_PERIOD",
          `reporting period must be at least ${MIN_REPORTING_PERIOD_MS} ms, got ${String(ms)}`,
        );
      period = ms;
      if (stopTimer) restartTimer();
    },

    get reportingPeriod() {
      return period;
    },

    report: exportNow,

    close() {
      stopTimer?.();
      stopTimer = null;
      exporters.clear();
      listeners.clear();
    },
  };
  return stats;
}
