// The playground's one store, composed of slices (zustand's slices pattern): each slice is a
// StateCreator in a file of its own that holds one part of the state and its actions, and
// states its rules in its header:
// - data.ts — the engine instance and the data version the panels render from;
// - presets.ts — the preset whose views are registered, switching preset, resetting data;
// - transcript.ts — the REPL's prompt and its transcript window;
// - measures.ts — the preset's measures and the person's (kept across visits);
// - generator.ts — the `:gen` lines, run one at a time in chunks (src/repl/generator.ts);
// - exposition.ts — format, naming and namespace of the exposition text;
// - simulator.ts — the traffic simulator's settings and counts (its pacing is the driver in
//   src/repl/driver.ts);
// - history.ts — the per-second samples of every view;
// - scrapes.ts — the page scraping itself into a series history, and filling the past;
// - settings.ts — keeping the settings, and saying which stored ones were reset;
// - designs.ts — the views the person designs (the view designer), registered after the preset's.
// Rules: slices share one StoreContext (the engine, the REPL session, the clocks, the timers and
// the task scheduler); when recorded data is dropped (a reset or a preset switch), every slice's
// part of starting over is one state update (`dataDropped`); `dispose` stops every slice's timers
// and subscriptions.

import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import { createStats, type Measure, type Stats } from "../engine";
import { type Every, defaultEvery } from "../repl/driver";
import { nextTask, type TaskScheduler } from "../repl/generator";
import type { Preset } from "../repl/quickstart";
import { createReplSession, type ReplSession } from "../repl/session";
import type { Random } from "../repl/simulator";
import { type DataSlice, dataSlice } from "./data";
import { type ExpositionSlice, expositionSlice } from "./exposition";
import { type FrameScheduler, pacedFrames, UI_UPDATE_MS } from "./frame";
import { type GeneratorSlice, generatorSlice } from "./generator";
import { type HistorySlice, historySlice } from "./history";
import { type ScrapesSlice, scrapesSlice } from "./scrapes";
import { createSeriesStore, type SeriesStore } from "../promql/store";
import { loadMeasures, measureLookup, type MeasuresSlice, measuresSlice, saveMeasures, type StoredMeasure } from "./measures";
import { PRESETS, type PresetsSlice, presetsSlice } from "./presets";
import { loadSettings, saveSettings, type Settings, type SettingsSlice, settingsSlice } from "./settings";
import { type SimulatorSlice, simulatorSlice } from "./simulator";
import { type TranscriptSlice, transcriptSlice } from "./transcript";
import { type DesignsSlice, designsSlice, loadDesigns, saveDesigns, type StoredDesign } from "./designs";

export { PRESETS } from "./presets";
export { TRANSCRIPT_LIMIT, type NumberedEntry } from "./transcript";
export { MAX_LINES_PER_TICK } from "../repl/driver";

export type PlaygroundState = DataSlice &
  PresetsSlice &
  TranscriptSlice &
  MeasuresSlice &
  GeneratorSlice &
  ExpositionSlice &
  SimulatorSlice &
  HistorySlice &
  ScrapesSlice &
  SettingsSlice &
  DesignsSlice & {
    /** Stops timers; for tests and hot reload. */
    dispose(): void;
  };

export interface PlaygroundDeps {
  /** Monotonic ms for loop latency and simulator pacing. */
  now?: () => number;
  /** Wall clock ms, for the seed latency model and history timestamps. */
  wallClock?: () => number;
  random?: Random;
  frame?: FrameScheduler;
  settings?: Settings;
  /** Labels of stored settings that were invalid and reset to defaults. */
  settingsReset?: readonly string[];
  persist?: (s: Settings) => void;
  every?: Every;
  /** Runs a task later (a :gen's next chunk); default: setTimeout 0. */
  nextTask?: TaskScheduler;
  /** The person's measures the store starts with (default: read from localStorage). */
  measures?: StoredMeasure[];
  persistMeasures?: (m: StoredMeasure[]) => void;
  /** Measurements the engine's log keeps (default LOG_CAPACITY). */
  logCapacity?: number;
  /** The person's designed views the store starts with (default: read from localStorage). */
  designs?: StoredDesign[];
  persistDesigns?: (d: StoredDesign[]) => void;
}

/**
 * The page keeps a log of the last million measurements: a view designed later is filled from
 * it, and cards compare their estimates with the exact quantiles of what it holds.
 */
export const LOG_CAPACITY = 1_000_000;

/** What the slices share. */
export interface StoreContext {
  readonly stats: Stats;
  readonly session: ReplSession;
  /** The preset whose views are registered; the session records into its measures. */
  preset: Preset;
  /** The settings the store starts with. */
  readonly initial: Settings;
  readonly settingsReset: readonly string[];
  readonly now: () => number;
  readonly wallClock: () => number;
  readonly random: Random;
  readonly every: Every;
  readonly frame: FrameScheduler;
  readonly nextTask: TaskScheduler;
  readonly persist: (s: Settings) => void;
  /** The person's measures the store starts with. */
  readonly initialMeasures: readonly StoredMeasure[];
  /** The person's measures now (the measures slice keeps them); `:record` and `:gen` look here too. */
  userMeasures: Measure[];
  readonly persistMeasures: (m: StoredMeasure[]) => void;
  /** The series history the page scrapes itself into (scrapes.ts); the PromQL console reads it. */
  readonly series: SeriesStore;
  /** While "fill the past" runs: the virtual time the engine reads instead of the wall clock. */
  readonly virtual: { now: number | null };
  /** A new transcript entry id. */
  nextEntryId(): number;
  /** Adds a slice's part of starting over when recorded data is dropped. */
  onDataDropped(part: () => Partial<PlaygroundState>): void;
  /** Every slice's part of starting over, to be set as one update. */
  dataDropped(): Partial<PlaygroundState>;
  /** Adds what `dispose` stops. */
  onDispose(stop: () => void): void;
}

/** A slice: made with the shared context, a StateCreator of its part of the state. */
export type Slice<T> = (ctx: StoreContext) => StateCreator<PlaygroundState, [], [], T>;

function storeContext(deps: PlaygroundDeps): StoreContext & { dispose(): void } {
  const now = deps.now ?? (() => performance.now());
  const wallClock = deps.wallClock ?? Date.now;
  const initial = deps.settings ?? loadSettings().value;
  // The engine reads the virtual clock while a fill of the past runs (scrapes.ts).
  const virtual: { now: number | null } = { now: null };
  const stats = createStats({
    now: () => virtual.now ?? wallClock(),
    every: deps.every,
    log: { capacity: deps.logCapacity ?? LOG_CAPACITY },
    // A line's measurements carry their transcript line as an exemplar (session.ts).
    exemplars: true,
  });
  const dropped: (() => Partial<PlaygroundState>)[] = [];
  const stops: (() => void)[] = [() => stats.close()];
  let entryId = 0;
  const ctx: StoreContext & { dispose(): void } = {
    stats,
    // `:record` and `:gen` name the preset's measures and the person's, as they are at the time.
    session: createReplSession({ stats, preset: () => ctx.preset, now, measures: measureLookup(() => ctx) }),
    preset: PRESETS[initial.presetId],
    initial,
    settingsReset: deps.settingsReset ?? [],
    now,
    wallClock,
    random: deps.random ?? Math.random,
    every: deps.every ?? defaultEvery,
    frame: deps.frame ?? pacedFrames(UI_UPDATE_MS, now),
    nextTask: deps.nextTask ?? nextTask,
    persist: deps.persist ?? saveSettings,
    initialMeasures: deps.measures ?? loadMeasures().value,
    userMeasures: [],
    persistMeasures: deps.persistMeasures ?? ((m) => saveMeasures(m)),
    series: createSeriesStore(),
    virtual,
    nextEntryId: () => entryId++,
    onDataDropped: (part) => void dropped.push(part),
    dataDropped: () => Object.assign({}, ...dropped.map((part) => part())) as Partial<PlaygroundState>,
    onDispose: (stop) => void stops.push(stop),
    dispose: () => stops.splice(0).forEach((stop) => stop()),
  };
  return ctx;
}

export function createPlaygroundStore(deps: PlaygroundDeps = {}): StoreApi<PlaygroundState> {
  const ctx = storeContext(deps);
  return createStore<PlaygroundState>()((...a) => ({
    // The presets slice registers the preset's views first, before anything listens to the engine.
    ...presetsSlice(ctx)(...a),
    ...dataSlice(ctx)(...a),
    ...transcriptSlice(ctx)(...a),
    ...measuresSlice(ctx)(...a),
    ...generatorSlice(ctx)(...a),
    ...expositionSlice(ctx)(...a),
    ...simulatorSlice(ctx)(...a),
    ...historySlice(ctx)(...a),
    ...scrapesSlice(ctx)(...a),
    ...settingsSlice(ctx)(...a),
    // After the measures (a design names one) and the preset's views (registered first).
    ...designsSlice({ initial: deps.designs ?? loadDesigns().value, persist: deps.persistDesigns ?? ((d) => saveDesigns(d)) })(ctx)(...a),
    dispose: ctx.dispose,
  }));
}
