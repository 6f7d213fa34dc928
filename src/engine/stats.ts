// The stats engine instance: registered views, recording, snapshots, change listeners and
// periodic exporters. There is no global: tests, the app and benchmarks each `createStats()`.
// Rules:
// - registerView is all-or-nothing: every definition is checked (including against the others
//   and against measures already known) before any is added. Same name and same definition is
//   a no-op; same name with a different definition, or two views that would be exposed under
//   the same metric name, is a ViewError.
// - A measure name means one measure: a second measure with that name but another type or
//   unit is a MeasureError at registration or record time (OpenCensus keeps the first silently).
// - record is all-or-nothing too (see recording.ts, which holds the hot path).
// - unregisterView drops the view's data; reset drops every view's data and restarts its clock.
// - Exporters get the cumulative data of every view each reporting period (default 10 s,
//   at least 1 s); snapshot() pulls the same data at any time.
// - Time comes from an injectable clock and the period from an injectable scheduler, so tests
//   never sleep.
// - With a measurement log (`createStats({ log })`), every measurement is logged, and a view
//   registered later is filled from the log at once (replay, oldest first: exactly what live
//   recording would have given for the measurements the log holds; `fill: false` turns it off);
//   its data then starts when the log's oldest measurement was recorded. reset() empties the log.

import { copyData, foldParams, kindOf } from "./aggregation";
import { MeasureError, StatsError, ViewError } from "./errors";
import { checkExemplarLabels, type ExemplarLabels, type ExemplarTemplate, isExemplarId, templateProblem } from "./exemplar";
import { type Measurement, measureConflict } from "./measure";
import { measurementsIn } from "./overflow";
import { possibleSampleNames } from "./naming";
import { clearLog, clockTick, type LogOptions, logSize, logView, type MeasurementLog, newLog, oldest } from "./log";
import {
  changed,
  entryFor,
  foldInto,
  newRecorder,
  notify,
  recordMany,
  recordOne,
  recordOneLogged,
  reshaped,
  type Recorder,
  type ViewState,
} from "./recording";
import type { TagMap, TagRecord } from "./tags";
import {
  defineView,
  describeView,
  sameView,
  type Row,
  type View,
  type ViewData,
  type ViewDefinition,
} from "./view";

/** Receives every view's data each reporting period (push), as OpenCensus exporters do. */
export interface Exporter {
  /** Receives the cumulative data of every registered view; `at` is ms since the epoch. */
  export(data: ViewData[], at: number): void;
}

/** What createStats takes: the clock, the scheduler and where failures of callbacks go. */
export interface StatsOptions {
  /** Clock in ms since the epoch. Default: Date.now. */
  now?: () => number;
  /** Calls `fn` every `ms` until the returned function is called. Default: setInterval. */
  every?: (fn: () => void, ms: number) => () => void;
  /** Where errors thrown by exporters and listeners go (they never break recording). */
  onError?: (error: unknown, source: "exporter" | "listener") => void;
  /**
   * Keep a log of raw measurements (off by default): `{ capacity }` (default 1,000,000),
   * `resolutionMs` (how fresh a logged time is, default 10; 0 reads the clock every time) and
   * `fill` (fill views registered later from the log; default true).
   */
  log?: LogOptions & { fill?: boolean };
  /**
   * Keep exemplars given to recordWithExemplar (off by default: the labels are then checked and
   * dropped). Only recordWithExemplar pays for them; `record` is the same with or without.
   */
  exemplars?: boolean;
}

/** One stats engine: its views, their data, listeners and exporters. Made by createStats(). */
export interface Stats {
  /**
   * Registers views, all or none: every definition is checked first (ViewError "VIEW_NAME",
   * "VIEW_DEFINITION", "BOUNDS"; MeasureError "MEASURE_CONFLICT" for a measure name known with
   * another type or unit). The same name with the same definition is a no-op; with another
   * definition, or two views that would be exposed under one metric name, ViewError
   * "VIEW_CONFLICT". Returns the registered views, in the order given.
   */
  registerView(...definitions: ViewDefinition[]): View[];
  /** Drops the view and its data; false when no view has that name. */
  unregisterView(name: string): boolean;
  /** The registered views, in registration order. */
  views(): View[];
  /**
   * Records measurements under `tags`: a TagMap, a plain `{ key: value }` object (validated as
   * TagMap.of does, same errors) or undefined for none. All or nothing: every measure is checked
   * before any value is folded. A tag a view does not break down by is ignored by that view; a
   * view's key missing from the tags is the empty value "".
   */
  record(tags: TagMap | TagRecord | undefined, ...measurements: Measurement[]): void;
  /**
   * Records as `record` does, and with exemplars on (createStats's `exemplars`) keeps `labels`
   * (`{ line_id: "12" }`) as the latest exemplar of every bucket (distribution) or row (count,
   * sum) the measurements went to, with the value and the engine's clock (exemplar.ts). Labels
   * over 128 characters in total, or with an invalid name, are StatsError "EXEMPLAR", checked
   * before anything is recorded (on or off).
   */
  recordWithExemplar(tags: TagMap | TagRecord | undefined, labels: ExemplarLabels, ...measurements: Measurement[]): void;
  /**
   * Labels shared by many exemplars, checked once (with room for the longest id under `idName`,
   * default "line_id"): StatsError "EXEMPLAR" when they could not be an exemplar's, or hold
   * `idName` themselves. For recordWithExemplarId.
   */
  exemplarTemplate(labels: ExemplarLabels, idName?: string): ExemplarTemplate;
  /**
   * recordWithExemplar with the labels `{ ...template's labels, [idName]: id }`, kept without an
   * object per record (exemplar.ts). `id` is a safe integer ≥ 0 and `template` this engine's,
   * else StatsError "EXEMPLAR" and nothing is recorded.
   */
  recordWithExemplarId(tags: TagMap | TagRecord | undefined, template: ExemplarTemplate, id: number, ...measurements: Measurement[]): void;
  /** Notifies listeners once for everything `fn` records (a pasted block, a simulator tick). */
  batch<T>(fn: () => T): T;
  /** Every view's data in registration order: a copy that later recording does not change. */
  snapshot(): ViewData[];
  /** One view's data (a copy), or undefined when no view has that name. */
  viewData(name: string): ViewData | undefined;
  /** Drops all recorded data, keeps the views. */
  reset(): void;
  /** Called after data or views change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Increases whenever data or views change; cheap to poll. */
  readonly version: number;
  /** Adds an exporter, called every reporting period; returns the function that removes it. */
  registerExporter(exporter: Exporter): () => void;
  /** Removes an exporter; the timer stops when none is left. */
  unregisterExporter(exporter: Exporter): void;
  /** The reporting period in ms, at least MIN_REPORTING_PERIOD_MS (StatsError "REPORTING_PERIOD"). */
  setReportingPeriod(ms: number): void;
  /** The reporting period in ms (default DEFAULT_REPORTING_PERIOD_MS). */
  readonly reportingPeriod: number;
  /** Exports now to every exporter, outside the period. */
  report(): void;
  /** Stops the reporting timer and forgets exporters and listeners. */
  close(): void;
  /** The measurement log, or null when the engine keeps none (createStats's `log` option). */
  readonly log: MeasurementLog | null;
}

/** Exporters hear from the engine every 10 s unless told otherwise, as in OpenCensus. */
export const DEFAULT_REPORTING_PERIOD_MS = 10_000;
/** The shortest reporting period the engine accepts. */
export const MIN_REPORTING_PERIOD_MS = 1_000;

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

/**
 * A new stats engine with no views: there is no global one, so tests, an app and benchmarks
 * each make their own. Time comes from `options.now` (default Date.now), periodic reporting
 * from `options.every` (default setInterval, never keeping a Node process alive).
 */
/**
 * record's measurements: its arguments after the tags. A copy loop, not
 * `Array.prototype.slice.call(arguments, 1)`: the generic builtin cost a quarter of a
 * two-measurement record (bench 4a's "ours").
 */
function measurementsOf(args: IArguments, first = 1): Measurement[] {
  const n = args.length - first;
  const out = new Array<Measurement>(n > 0 ? n : 0);
  for (let i = 0; i < n; i++) out[i] = args[i + first] as Measurement;
  return out;
}

/** A template's number in its engine (index + 1) and the engine's recorder, kept on the template. */
const TEMPLATE_NUMBER = Symbol("templateNumber");
const TEMPLATE_OWNER = Symbol("templateOwner");
interface OwnedTemplate extends ExemplarTemplate {
  readonly [TEMPLATE_NUMBER]: number;
  readonly [TEMPLATE_OWNER]: Recorder;
}

export function createStats(options: StatsOptions = {}): Stats {
  const now = options.now ?? Date.now;
  const every = options.every ?? defaultEvery;
  const onError = options.onError ?? defaultOnError;

  const views = new Map<string, ViewState>();
  const exporters = new Set<Exporter>();
  const logState = options.log ? newLog(options.log, now) : null;
  const fillFromLog = options.log?.fill ?? true;
  const keepExemplars = options.exemplars ?? false;
  const rec = newRecorder(onError, logState);
  const publicLog = logState && logView(logState);
  // The log's coarse clock: reading the clock per measurement would cost twice the record. At
  // resolution 0 the clock is read per record call here, keeping the append itself branch-free.
  const clockPerMeasurement = logState !== null && logState.resolutionMs === 0;
  let stopLogClock =
    logState && logState.resolutionMs > 0
      ? every(() => {
          clockTick(logState, now());
        }, logState.resolutionMs)
      : null;
  let versionAtBatchStart = 0;
  let period = DEFAULT_REPORTING_PERIOD_MS;
  let stopTimer: (() => void) | null = null;

  function snapshotOf(vs: ViewState, end: number): ViewData {
    const rows = new Array<Row>(vs.order.length);
    for (let i = 0; i < rows.length; i++) {
      const r = vs.order[i]!;
      rows[i] = r.overflow ? { tags: r.tags, data: copyData(r.data, rec.templates), overflow: true } : { tags: r.tags, data: copyData(r.data, rec.templates) };
    }
    const merged = vs.overflowKeys.size;
    const combinations = vs.rows.size + merged;
    const overflow = vs.overflowData === null ? null : { combinations: merged, measurements: measurementsIn(vs.overflowData) };
    return vs.filled
      ? { view: vs.view, start: vs.start, end, rows, fromLog: { ...vs.filled }, combinations, overflow }
      : { view: vs.view, start: vs.start, end, rows, combinations, overflow };
  }

  /** Fills a view just registered with the logged measurements of its measure, oldest first. */
  function replay(vs: ViewState): void {
    const log = logState!;
    const id = log.measureIdByName.get(vs.view.measure.name);
    const size = logSize(log);
    if (id === undefined || size === 0) return;
    let measurements = 0;
    // A plain loop over the ring: a million logged measurements in tens of milliseconds.
    const { measureIds, setIds, values, sets, capacity } = log;
    for (let k = 0, i = oldest(log); k < size; k++, i = i + 1 === capacity ? 0 : i + 1) {
      if (measureIds[i] !== id) continue;
      foldInto(rec, vs, sets[setIds[i]!]!, values[i]!);
      measurements++;
    }
    const since = publicLog!.since!;
    vs.start = since;
    vs.filled = { measurements, since };
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
        const known = rec.entriesByName.get(view.measure.name);
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
        const agg = view.aggregation;
        const vs: ViewState = {
          view,
          filled: null,
          kind: kindOf(agg, view.measure.unit),
          buckets: foldParams(agg),
          slot: 0,
          start,
          rows: new Map(),
          order: [],
          overflowData: null,
          overflowKeys: new Set(),
        };
        views.set(view.name, vs);
        const entry = entryFor(rec, view.measure);
        entry.views = [...entry.views, vs]; // copy on write: record may be iterating the old array
      }
      reshaped(rec, views.values());
      if (logState !== null && fillFromLog) for (const view of added) replay(views.get(view.name)!);
      changed(rec);
      return result;
    },

    unregisterView(name) {
      const vs = views.get(name);
      if (!vs) return false;
      views.delete(name);
      const entry = rec.entriesByName.get(vs.view.measure.name);
      if (entry) entry.views = entry.views.filter((v) => v !== vs);
      reshaped(rec, views.values());
      changed(rec);
      return true;
    },

    views() {
      return [...views.values()].map((vs) => vs.view);
    },

    // The one-measurement call is the common one: reading `arguments` (unmapped in strict
    // code, never materialized) avoids allocating a rest array on every record. Two literals,
    // so engines with and without a log each get their own optimized record (recording.ts).
    record:
      logState === null
        ? function (tags: TagMap | undefined, measurement?: Measurement) {
            if (arguments.length === 2) recordOne(rec, tags, measurement!);
            // eslint-disable-next-line prefer-rest-params -- a rest parameter would allocate per call
            else recordMany(rec, tags, measurementsOf(arguments));
          }
        : function (tags: TagMap | undefined, measurement?: Measurement) {
            if (clockPerMeasurement) clockTick(logState, now());
            if (arguments.length === 2) recordOneLogged(rec, tags, measurement!);
            // eslint-disable-next-line prefer-rest-params -- a rest parameter would allocate per call
            else recordMany(rec, tags, measurementsOf(arguments));
          },

    recordWithExemplar(tags, labels, ...measurements) {
      checkExemplarLabels(labels); // all or nothing: refused labels record nothing
      if (clockPerMeasurement) clockTick(logState, now());
      if (!keepExemplars) return recordMany(rec, tags, measurements);
      // The time: the log's clock run when there is a log (its coarse clock, or the reading
      // just taken at resolution 0), so an exemplar costs no clock read of its own.
      recordMany(rec, tags, measurements, labels, logState !== null ? logState.runTimes[logState.runTimes.length - 1]! : now());
    },

    exemplarTemplate(labels, idName = "line_id") {
      const problem = templateProblem(labels, idName);
      if (problem !== null) throw new StatsError("EXEMPLAR", problem);
      const template: OwnedTemplate = Object.freeze({
        labels: Object.freeze({ ...labels }),
        idName,
        [TEMPLATE_NUMBER]: rec.templates.length + 1,
        [TEMPLATE_OWNER]: rec,
      });
      rec.templates.push(template);
      return template;
    },

    // `arguments`, not a rest parameter: no array per call beyond the measurements' own (record).
    recordWithExemplarId: function (tags: TagMap | TagRecord | undefined, template: ExemplarTemplate, id: number) {
      const owned = template as OwnedTemplate;
      if (owned[TEMPLATE_OWNER] !== rec) throw new StatsError("EXEMPLAR", "the exemplar template was not made by this engine (stats.exemplarTemplate)");
      if (!isExemplarId(id)) throw new StatsError("EXEMPLAR", `an exemplar id is a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not ${String(id)}; nothing recorded`);
      if (clockPerMeasurement) clockTick(logState, now());
      // eslint-disable-next-line prefer-rest-params -- a rest parameter would allocate per call
      const measurements = measurementsOf(arguments, 3);
      if (!keepExemplars) return recordMany(rec, tags, measurements);
      const time = logState !== null ? logState.runTimes[logState.runTimes.length - 1]! : now();
      recordMany(rec, tags, measurements, null, time, owned[TEMPLATE_NUMBER], id);
    },

    batch(fn) {
      if (rec.batchDepth++ === 0) versionAtBatchStart = rec.version;
      try {
        return fn();
      } finally {
        if (--rec.batchDepth === 0 && rec.version !== versionAtBatchStart) notify(rec);
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
        vs.overflowData = null;
        vs.overflowKeys.clear();
        vs.start = start;
        vs.filled = null;
      }
      if (logState !== null) clearLog(logState);
      reshaped(rec, views.values());
      changed(rec);
    },

    subscribe(listener) {
      rec.listeners.add(listener);
      return () => void rec.listeners.delete(listener);
    },

    get version() {
      return rec.version;
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

    get log() {
      return publicLog;
    },

    report: exportNow,

    close() {
      stopTimer?.();
      stopTimer = null;
      stopLogClock?.();
      stopLogClock = null;
      exporters.clear();
      rec.listeners.clear();
    },
  };
  return stats;
}
