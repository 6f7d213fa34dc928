// The traffic simulator's driver: it paces synthetic lines into a REPL session by the clock.
// Rules:
// - while running it emits exactly `rate` lines a second by the clock (`linesDue` over the
//   current segment), whatever the rhythm of its ticks: a tick records what is due, so a late
//   or skipped tick is caught up by the next;
// - a tick records at most MAX_LINES_PER_TICK lines and stops after TICK_BUDGET_MS of work, so
//   the page never stalls; the lines it leaves are still due and recorded at the next ticks, so
//   the count stays exact;
// - changing the rate first records the lines due at the old rate, then starts a new segment at
//   the new one, so no line is counted twice or lost;
// - `recorded` counts the lines recorded since `start` or `restart` (the store restarts it when
//   the data it recorded into is dropped); every tick that records reports it, with the last
//   line, to `report`;
// - a tick's lines are one batch of the session (the engine's listeners hear of them once);
//   each line records exactly as a typed one (`recordSynthetic`).

import type { ReplSession } from "./session";
import {
  clampErrorRatio,
  clampRate,
  drawLatency,
  ERROR_MESSAGES,
  type LatencyModel,
  linesDue,
  type Random,
  randomLine,
} from "./simulator";

export const SIMULATOR_TICK_MS = 50;
export const MAX_LINES_PER_TICK = 20_000;
/**
 * Work one simulator tick may take. At 100,000 lines/s a tick of 5,000 lines takes a few ms once
 * the JIT has warmed up, but 30–50 ms of cold code in the first ticks; the budget keeps every
 * tick a short task and the rest catches up over the next ticks.
 */
export const TICK_BUDGET_MS = 8;

/** Runs `fn` every `ms`; returns the function that stops it. */
export type Every = (fn: () => void, ms: number) => () => void;

export const defaultEvery: Every = (fn, ms) => {
  const id = setInterval(fn, ms);
  return () => clearInterval(id);
};

export interface TrafficSettings {
  rate: number;
  errorRatio: number;
  model: LatencyModel;
}

export interface DriverReport {
  /** Lines recorded since the driver started or restarted. */
  recorded: number;
  /** The last line recorded. */
  lastLine: string;
}

export interface SimulatorDriver {
  readonly running: boolean;
  /** Lines recorded since `start` or `restart`. */
  readonly recorded: number;
  /** The settings in use: the rate and error ratio as clamped. */
  readonly settings: Readonly<TrafficSettings>;
  /** Starts ticking (no-op when running); the count starts from 0. */
  start(): void;
  stop(): void;
  /** Records what is due at the old rate, then paces at the new one (clamped to 1–100,000). */
  setRate(rate: number): void;
  /** Clamped to [0, 1]. */
  setErrorRatio(ratio: number): void;
  /** Takes the model as given: the caller checks it (`modelProblem`). */
  setModel(model: LatencyModel): void;
  /** The data it recorded into was dropped: the count starts again from 0, and so does pacing. */
  restart(): void;
}

export interface DriverOptions {
  session: ReplSession;
  /** Monotonic ms, for pacing and the tick budget. */
  now: () => number;
  /** Wall-clock ms, for the seed latency model. */
  wallClock: () => number;
  random: Random;
  every?: Every;
  settings: TrafficSettings;
  report: (r: DriverReport) => void;
}

/**
 * Records up to `n` simulated lines into `session` as one batch, each exactly as a typed line
 * (`recordSynthetic`), failing with the error ratio; `wallMs` is the time the seed latency model
 * reads. Stops early once `pastDeadline()` says so (asked every 256 lines: reading a clock costs
 * more than a line). Returns how many it recorded and the last line.
 */
export function recordTraffic(
  session: ReplSession,
  n: number,
  settings: Pick<TrafficSettings, "errorRatio" | "model">,
  random: Random,
  wallMs: number,
  pastDeadline: () => boolean = () => false,
): { done: number; last: string } {
  let last = "";
  let done = 0;
  session.batch(() => {
    while (done < n) {
      last = randomLine(random);
      const fails = random() < settings.errorRatio;
      const error = fails ? ERROR_MESSAGES[Math.floor(random() * ERROR_MESSAGES.length)] : undefined;
      session.recordSynthetic(last, drawLatency(settings.model, wallMs, random), error);
      if ((++done & 255) === 0 && pastDeadline()) break;
    }
  });
  return { done, last };
}

export function createSimulatorDriver(options: DriverOptions): SimulatorDriver {
  const { session, now, wallClock, random, report } = options;
  const every = options.every ?? defaultEvery;
  let settings: TrafficSettings = {
    rate: clampRate(options.settings.rate),
    errorRatio: clampErrorRatio(options.settings.errorRatio),
    model: options.settings.model,
  };
  let stopTimer: (() => void) | null = null;
  let segmentStart = 0;
  let segmentEmitted = 0;
  let recorded = 0;

  function newSegment(): void {
    segmentStart = now();
    segmentEmitted = 0;
  }

  function tick(): void {
    if (!stopTimer) return;
    const { rate, errorRatio, model } = settings;
    const n = Math.min(linesDue(rate, segmentStart, now()) - segmentEmitted, MAX_LINES_PER_TICK);
    if (n <= 0) return;
    const deadline = now() + TICK_BUDGET_MS;
    const { done, last } = recordTraffic(session, n, { errorRatio, model }, random, wallClock(), () => now() > deadline);
    segmentEmitted += done;
    recorded += done;
    report({ recorded, lastLine: last });
  }

  return {
    get running() {
      return stopTimer !== null;
    },
    get recorded() {
      return recorded;
    },
    get settings() {
      return settings;
    },
    start() {
      if (stopTimer) return;
      newSegment();
      recorded = 0;
      stopTimer = every(tick, SIMULATOR_TICK_MS);
    },
    stop() {
      stopTimer?.();
      stopTimer = null;
    },
    setRate(next) {
      if (stopTimer) {
        tick(); // lines due at the old rate are recorded before the new rate applies
        newSegment();
      }
      settings = { ...settings, rate: clampRate(next) };
    },
    setErrorRatio(ratio) {
      settings = { ...settings, errorRatio: clampErrorRatio(ratio) };
    },
    setModel(model) {
      settings = { ...settings, model };
    },
    restart() {
      recorded = 0;
      if (stopTimer) newSegment();
    },
  };
}
