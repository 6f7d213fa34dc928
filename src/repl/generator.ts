// The runner of `:gen`: records n synthetic values of one measure, in chunks, without blocking
// the page.
// Rules:
// - exactly n values are recorded (unless stopped or refused by the engine), each drawn from
//   the distribution with a mulberry32 seeded by `seed`, in order, so a seed gives the same
//   values every time; an int64 measure gets each draw rounded to the nearest integer;
// - a task does at most GEN_BUDGET_MS of work (the clock is read every CLOCK_EVERY values) and
//   at most MAX_VALUES_PER_TASK values (so a clock that does not move still ends tasks); the rest
//   is recorded in the next task (`nextTask`), so the page answers input between chunks;
// - a task's values are one batch of the engine (its listeners hear of them once);
// - `stop` ends it before the next chunk: what is recorded stays recorded; nothing is recorded
//   after `stop` returns;
// - if the engine refuses a value (a conflicting measure), the run stops and says why: the
//   chunk's values before it stay recorded (the engine records all-or-nothing per value).

import type { Measure, Stats, TagMap } from "../engine";
import { TICK_BUDGET_MS } from "./driver";
import { samplerOf, type Distribution } from "./distribution";
import { seededRandom } from "./simulator";

/** Work one task of a `:gen` may take, ms: the simulator's tick budget. */
export const GEN_BUDGET_MS = TICK_BUDGET_MS;
/** Values a task records at most, whatever the clock says. */
export const MAX_VALUES_PER_TASK = 50_000;
/** The clock is read every this many values: reading it costs more than a value. */
export const CLOCK_EVERY = 256;
/** The most values one `:gen` records. */
export const MAX_GEN_VALUES = 1_000_000;

/** Runs `task` in a later task of the event loop; returns the function that cancels it. */
export type TaskScheduler = (task: () => void) => () => void;

/** A later macrotask (setTimeout 0): the page renders and answers input before it runs. */
export const nextTask: TaskScheduler = (task) => {
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
};

export interface GenerationPlan {
  measure: Measure;
  n: number;
  distribution: Distribution;
  tags: TagMap;
  /** The seed of mulberry32, a whole number 0–4294967295. */
  seed: number;
}

export type GenerationEnd =
  | { kind: "done"; recorded: number; elapsedMs: number }
  | { kind: "stopped"; recorded: number; elapsedMs: number }
  | { kind: "failed"; recorded: number; elapsedMs: number; error: string };

export interface GenerationRun {
  /** Values recorded so far. */
  readonly recorded: number;
  readonly finished: boolean;
  /** Stops before the next chunk; reports a "stopped" end (no-op once finished). */
  stop(): void;
}

export interface GenerationOptions {
  stats: Pick<Stats, "record" | "batch">;
  /** Monotonic ms, for the task budget and the elapsed time. */
  now: () => number;
  nextTask?: TaskScheduler;
  /** After every task that recorded: the count so far. */
  progress?: (recorded: number) => void;
  /** Once, when it ends for any reason. */
  end: (end: GenerationEnd) => void;
}

/** Starts recording `plan`: the first chunk runs in the next task. */
export function startGeneration(plan: GenerationPlan, options: GenerationOptions): GenerationRun {
  const { stats, now, progress, end } = options;
  const schedule = options.nextTask ?? nextTask;
  const { measure, n, tags } = plan;
  const draw = samplerOf(plan.distribution, seededRandom(plan.seed));
  const int = measure.type === "int64";
  const startedAt = now();
  let recorded = 0;
  let finished = false;
  let cancel: (() => void) | null = null;

  function finish(result: GenerationEnd): void {
    finished = true;
    cancel = null;
    end(result);
  }

  function chunk(): void {
    cancel = null;
    const deadline = now() + GEN_BUDGET_MS;
    const last = Math.min(n, recorded + MAX_VALUES_PER_TASK);
    let error: string | null = null;
    stats.batch(() => {
      try {
        while (recorded < last) {
          const v = draw();
          stats.record(tags, measure.m(int ? Math.round(v) : v));
          if (++recorded % CLOCK_EVERY === 0 && now() > deadline) break;
        }
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    });
    progress?.(recorded);
    if (error !== null) finish({ kind: "failed", recorded, elapsedMs: now() - startedAt, error });
    else if (recorded >= n) finish({ kind: "done", recorded, elapsedMs: now() - startedAt });
    else cancel = schedule(chunk);
  }

  cancel = schedule(chunk);
  return {
    get recorded() {
      return recorded;
    },
    get finished() {
      return finished;
    },
    stop() {
      if (finished) return;
      cancel?.();
      finish({ kind: "stopped", recorded, elapsedMs: now() - startedAt });
    },
  };
}
