// The playground's one store: the engine instance, the transcript, the settings, the traffic
// simulator and the data version the panels render from.
// Rules:
// - one engine per store; views come from the chosen preset, switching preset or resetting
//   drops recorded data (the UI asks first);
// - the transcript keeps about the last TRANSCRIPT_LIMIT entries (a bounded window: the DOM
//   never holds 100,000 lines), cut where a line starts so no output is left without its line,
//   and counts the lines it no longer shows;
// - `dataVersion` changes at most once per animation frame, within a frame of new data;
// - a namespace that is not valid is explained and the last valid one stays in use;
// - the simulator emits exactly `rate` lines a second by the clock, in small batches, at most
//   MAX_LINES_PER_TICK and TICK_BUDGET_MS of work per tick so the page never stalls (lines
//   left over are due at the next tick, so the count stays exact); `generated` counts the lines it
//   recorded into the data now shown, so a reset or a preset switch restarts it from 0 as it
//   restarts the views.

import { createStore, type StoreApi } from "zustand/vanilla";
import { createStats, type Stats } from "../engine";
import { namespaceProblem, type Naming } from "../engine/exposition";
import { goQuickstart, type Preset, pythonQuickstart } from "../repl/quickstart";
import { createReplSession, type ReplSession, type TranscriptEntry } from "../repl/session";
import {
  clampRate,
  drawLatency,
  ERROR_MESSAGES,
  type LatencyModel,
  linesDue,
  modelProblem,
  type Random,
  randomLine,
} from "../repl/simulator";
import { frameCoalescer, type FrameScheduler, nextFrame } from "./frame";
import { type History, sampleHistory } from "./history";
import { type Format, loadSettings, type PresetId, saveSettings, type Settings } from "./settings";

export const TRANSCRIPT_LIMIT = 1_000;
export const SIMULATOR_TICK_MS = 50;
export const MAX_LINES_PER_TICK = 20_000;
/**
 * Work one simulator tick may take. At 100,000 lines/s a tick of 5,000 lines takes a few ms once
 * the JIT has warmed up, but 30–50 ms of cold code in the first ticks; the budget keeps every
 * tick a short task and the rest catches up over the next ticks.
 */
export const TICK_BUDGET_MS = 8;
export const HISTORY_INTERVAL_MS = 1_000;

export const PRESETS: Record<PresetId, Preset> = { go: goQuickstart, python: pythonQuickstart };

export type NumberedEntry = TranscriptEntry & { id: number };

export interface Transcript {
  entries: NumberedEntry[];
  /** Lines (inputs) cut from the window, with their output. */
  droppedLines: number;
}

export interface SimulatorState {
  running: boolean;
  rate: number;
  errorRatio: number;
  model: LatencyModel;
  /** Lines the simulator recorded into the current data: since it started, a reset or a preset switch. */
  generated: number;
  lastLine: string;
}

export interface PlaygroundState {
  readonly stats: Stats;
  presetId: PresetId;
  transcript: Transcript;
  format: Format;
  naming: Naming;
  /** The namespace in use: always valid. */
  namespace: string;
  /** What the person typed in the namespace field, and why it is not used if it isn't. */
  namespaceInput: string;
  namespaceError: string | null;
  simulator: SimulatorState;
  simulatorError: string | null;
  /** Changes (at most once a frame) whenever recorded data or views changed. */
  dataVersion: number;
  history: History;
  /** Stored settings that were invalid and reset to defaults, said once; null when none or dismissed. */
  settingsReset: readonly string[] | null;

  submit(text: string): void;
  /** The person engaged the prompt (keystroke, click, paste): the first loop's latency counts from here. */
  engagePrompt(): void;
  dismissSettingsReset(): void;
  clearTranscript(): void;
  setPreset(id: PresetId): void;
  resetData(): void;
  setFormat(format: Format): void;
  setNaming(naming: Naming): void;
  setNamespaceInput(text: string): void;
  startSimulator(): void;
  stopSimulator(): void;
  setRate(rate: number): void;
  setErrorRatio(ratio: number): void;
  setModel(model: LatencyModel): void;
  /** Stops timers; for tests and hot reload. */
  dispose(): void;
}

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
  every?: (fn: () => void, ms: number) => () => void;
}

const defaultEvery = (fn: () => void, ms: number): (() => void) => {
  const id = setInterval(fn, ms);
  return () => clearInterval(id);
};

export function createPlaygroundStore(deps: PlaygroundDeps = {}): StoreApi<PlaygroundState> {
  const now = deps.now ?? (() => performance.now());
  const wallClock = deps.wallClock ?? Date.now;
  const random = deps.random ?? Math.random;
  const every = deps.every ?? defaultEvery;
  const persist = deps.persist ?? saveSettings;
  const initial = deps.settings ?? loadSettings().value;

  const stats = createStats({ now: wallClock });
  let preset = PRESETS[initial.presetId];
  stats.registerView(...preset.views);
  const session: ReplSession = createReplSession({ stats, preset: () => preset, now });
  let nextId = 0;

  let stopSimTimer: (() => void) | null = null;
  let segmentStart = 0;
  let segmentEmitted = 0;

  const store = createStore<PlaygroundState>()((set, get) => {
    function settingsOf(s: PlaygroundState): Settings {
      return {
        presetId: s.presetId,
        format: s.format,
        naming: s.naming,
        namespace: s.namespace,
        rate: s.simulator.rate,
        errorRatio: s.simulator.errorRatio,
        model: s.simulator.model,
      };
    }
    function setAndPersist(partial: Partial<PlaygroundState>): void {
      set(partial);
      persist(settingsOf(get()));
    }
    function append(entries: TranscriptEntry[], clearFirst: boolean): void {
      const current = clearFirst ? [] : get().transcript.entries;
      let droppedLines = clearFirst ? 0 : get().transcript.droppedLines;
      const numbered = entries.map((e) => ({ ...e, id: nextId++ }));
      const all = current.concat(numbered);
      let cut = all.length - TRANSCRIPT_LIMIT;
      if (cut <= 0) return set({ transcript: { entries: all, droppedLines } });
      // Cut where a line starts, so the window never opens with output whose line is gone.
      while (cut < all.length - 1 && all[cut]!.kind !== "input") cut++;
      for (let i = 0; i < cut; i++) if (all[i]!.kind === "input") droppedLines++;
      set({ transcript: { entries: all.slice(cut), droppedLines } });
    }
    function newSegment(): void {
      segmentStart = now();
      segmentEmitted = 0;
    }
    function tick(): void {
      const sim = get().simulator;
      if (!sim.running) return;
      const due = linesDue(sim.rate, segmentStart, now()) - segmentEmitted;
      const n = Math.min(due, MAX_LINES_PER_TICK);
      if (n <= 0) return;
      let last = "";
      let done = 0;
      const wall = wallClock();
      const deadline = now() + TICK_BUDGET_MS;
      stats.batch(() => {
        while (done < n) {
          last = randomLine(random);
          const fails = random() < sim.errorRatio;
          const error = fails ? ERROR_MESSAGES[Math.floor(random() * ERROR_MESSAGES.length)] : undefined;
          session.recordSynthetic(last, drawLatency(sim.model, wall, random), error);
          // Reading the clock costs more than a line: look at it every 256 lines.
          if ((++done & 255) === 0 && now() > deadline) break;
        }
      });
      segmentEmitted += done;
      set({ simulator: { ...sim, generated: sim.generated + done, lastLine: last } });
    }

    return {
      stats,
      presetId: initial.presetId,
      transcript: { entries: [], droppedLines: 0 },
      format: initial.format,
      naming: initial.naming,
      namespace: initial.namespace,
      namespaceInput: initial.namespace,
      namespaceError: null,
      simulator: {
        running: false,
        rate: initial.rate,
        errorRatio: initial.errorRatio,
        model: initial.model,
        generated: 0,
        lastLine: "",
      },
      simulatorError: null,
      dataVersion: 0,
      history: new Map(),
      settingsReset: deps.settingsReset?.length ? deps.settingsReset : null,

      submit(text) {
        const result = session.submit(text);
        append(result.entries, result.clear);
      },
      engagePrompt() {
        session.engage();
      },
      dismissSettingsReset() {
        set({ settingsReset: null });
      },
      clearTranscript() {
        set({ transcript: { entries: [], droppedLines: 0 } });
      },
      setPreset(id) {
        if (id === get().presetId) return;
        for (const v of stats.views()) stats.unregisterView(v.name);
        preset = PRESETS[id];
        stats.registerView(...preset.views);
        session.markReady();
        if (get().simulator.running) newSegment();
        setAndPersist({
          presetId: id,
          namespace: preset.namespace,
          namespaceInput: preset.namespace,
          namespaceError: null,
          history: new Map(),
          simulator: { ...get().simulator, generated: 0 },
        });
      },
      resetData() {
        stats.reset();
        session.markReady();
        if (get().simulator.running) newSegment();
        set({ history: new Map(), simulator: { ...get().simulator, generated: 0 } });
      },
      setFormat(format) {
        setAndPersist({ format });
      },
      setNaming(naming) {
        setAndPersist({ naming });
      },
      setNamespaceInput(text) {
        const problem = namespaceProblem(text);
        if (problem) set({ namespaceInput: text, namespaceError: problem });
        else setAndPersist({ namespaceInput: text, namespaceError: null, namespace: text });
      },
      startSimulator() {
        const sim = get().simulator;
        if (sim.running) return;
        const problem = modelProblem(sim.model);
        if (problem) {
          set({ simulatorError: `cannot start: ${problem}` });
          return;
        }
        newSegment();
        set({ simulator: { ...sim, running: true, generated: 0 }, simulatorError: null });
        stopSimTimer = every(tick, SIMULATOR_TICK_MS);
      },
      stopSimulator() {
        stopSimTimer?.();
        stopSimTimer = null;
        set({ simulator: { ...get().simulator, running: false } });
      },
      setRate(rate) {
        const sim = get().simulator;
        if (sim.running) {
          tick(); // lines due at the old rate are emitted before the new rate applies
          newSegment();
        }
        setAndPersist({ simulator: { ...get().simulator, rate: clampRate(rate) } });
      },
      setErrorRatio(ratio) {
        const r = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
        setAndPersist({ simulator: { ...get().simulator, errorRatio: r } });
      },
      setModel(model) {
        const problem = modelProblem(model);
        set({ simulatorError: problem ? `latency model: ${problem}` : null });
        if (!problem) setAndPersist({ simulator: { ...get().simulator, model } });
      },
      dispose() {
        stopSimTimer?.();
        stopHistory();
        unsubscribe();
      },
    };
  });

  const requestFrame = frameCoalescer(() => store.setState({ dataVersion: stats.version }), deps.frame ?? nextFrame);
  const unsubscribe = stats.subscribe(requestFrame);
  const stopHistory = every(() => {
    store.setState({ history: sampleHistory(store.getState().history, stats.snapshot(), wallClock()) });
  }, HISTORY_INTERVAL_MS);
  return store;
}
