// The generator slice: runs the `:gen` lines the REPL hands over, one at a time, and says in the
// transcript what each is doing. The chunking itself is the runner's (src/repl/generator.ts):
// at most GEN_BUDGET_MS of work per task, the rest in the next task.
// Rules:
// - one :gen runs at a time; a :gen entered while one runs is queued (its line says so) and
//   starts when those before it end;
// - a :gen's seed is fixed when it is accepted (the given one, else one drawn at random) and
//   printed with it, so any run can be repeated exactly;
// - its transcript entry shows what it is doing: queued, progress (at most every
//   PROGRESS_INTERVAL_MS), then how it ended; when it ends by itself (done or refused by the
//   engine) and the transcript has moved on, the ending is also appended where the person looks;
// - `:stop` stops the running :gen (what it recorded stays) and drops the queued ones;
// - when recorded data is dropped (reset, preset switch) the running :gen stops and the queue is
//   dropped: their values would land in data the person just chose to start again.

import { formatDistribution } from "../repl/distribution";
import { type GenerationEnd, type GenerationRun, startGeneration } from "../repl/generator";
import { type GenRequest, MAX_SEED } from "../repl/line";
import type { Slice } from "./playground";
import { appended, withEntryText } from "./transcript";

/** How often a running :gen's transcript line shows its progress. */
export const PROGRESS_INTERVAL_MS = 500;

export interface GenerationState {
  /** The :gen running now: its measure, how many values it records and has recorded. */
  running: { measure: string; n: number; recorded: number } | null;
  /** The measures of the queued :gen lines, in order. */
  queued: readonly string[];
}

export interface GeneratorSlice {
  generation: GenerationState;
  /**
   * Runs a checked :gen, or queues it behind the running one; its status is written into the
   * transcript entry `entryId` (the transcript slice calls this). Returns that entry's first text.
   */
  startGen(request: GenRequest, entryId: number): string;
  /** Stops the running :gen and drops the queued ones; returns what it did, in words. */
  stopGen(): string;
}

const thousands = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const count = (n: number) => thousands.format(n);
/** Elapsed time as a person reads it: 0.04 s, 0.4 s, 12.3 s. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 100 ? 2 : 1)} s`;

interface Job {
  request: GenRequest;
  seed: number;
  entryId: number;
  /** `100,000 values of m lognormal(80,0.4) {k="v"} seed=7` */
  label: string;
}

export const generatorSlice: Slice<GeneratorSlice> = (ctx) => (set) => {
  let running: { job: Job; run: GenerationRun; shownAt: number } | null = null;
  let queue: Job[] = [];
  /** Why the running :gen is being stopped from outside, while `run.stop()` reports its end. */
  let stopping: "stop" | "dropped" | null = null;

  const state = (): GenerationState => ({
    running: running && { measure: running.job.request.measure.name, n: running.job.request.n, recorded: running.run.recorded },
    queued: queue.map((j) => j.request.measure.name),
  });

  /** Sets the entry's text (and appends `alsoAtEnd` when the transcript moved on past it). */
  function say(entryId: number, text: string, alsoAtEnd = false): void {
    set((s) => {
      let transcript = withEntryText(s.transcript, entryId, text);
      if (alsoAtEnd && transcript.entries.at(-1)?.id !== entryId)
        transcript = appended(transcript, [{ kind: "info", text, id: ctx.nextEntryId() }]);
      return { transcript, generation: state() };
    });
  }

  function ended(job: Job, end: GenerationEnd): void {
    running = null;
    const of = `${count(end.recorded)} of ${job.label}`;
    switch (end.kind) {
      case "done":
        say(job.entryId, `generated ${job.label} in ${seconds(end.elapsedMs)}`, true);
        break;
      case "failed":
        say(job.entryId, `stopped after ${of}: ${end.error}`, true);
        break;
      case "stopped":
        say(
          job.entryId,
          stopping === "dropped"
            ? `stopped after ${of}: the recorded data was dropped (reset or preset switch)`
            : `stopped by :stop after ${of} (what was recorded stays)`,
        );
        break;
    }
    if (stopping === null) startNext();
  }

  function start(job: Job): void {
    const { request } = job;
    const run = startGeneration(
      { measure: request.measure, n: request.n, distribution: request.distribution, tags: request.tags, seed: job.seed },
      {
        stats: ctx.stats,
        now: ctx.now,
        nextTask: ctx.nextTask,
        progress: (recorded) => {
          if (!running || recorded >= request.n || ctx.now() - running.shownAt < PROGRESS_INTERVAL_MS) return;
          running.shownAt = ctx.now();
          say(job.entryId, `generating ${job.label}: ${count(recorded)} so far (${Math.floor((recorded / request.n) * 100)}%)…`);
        },
        end: (end) => ended(job, end),
      },
    );
    running = { job, run, shownAt: ctx.now() };
  }

  function startNext(): void {
    const job = queue.shift();
    if (!job) return;
    start(job);
    say(job.entryId, `generating ${job.label}…`);
  }

  /** Stops everything for `reason`; returns how many queued lines were dropped. */
  function stopAll(reason: "stop" | "dropped"): { stopped: GenerationState["running"]; dropped: number } {
    const stopped = state().running;
    const dropped = queue;
    queue = [];
    stopping = reason;
    try {
      running?.run.stop();
    } finally {
      stopping = null;
    }
    const why = reason === "stop" ? "dropped from the queue by :stop" : "the recorded data was dropped (reset or preset switch)";
    for (const job of dropped) say(job.entryId, `not generated: ${job.label} (${why})`);
    return { stopped, dropped: dropped.length };
  }

  ctx.onDataDropped(() => {
    if (running || queue.length > 0) stopAll("dropped");
    return { generation: state() };
  });
  ctx.onDispose(() => {
    queue = [];
    stopping = "dropped";
    running?.run.stop();
  });

  return {
    generation: { running: null, queued: [] },

    startGen(request, entryId) {
      const seed = request.seed ?? Math.floor(ctx.random() * (MAX_SEED + 1));
      const label = `${count(request.n)} value${request.n === 1 ? "" : "s"} of ${request.measure.name} ${formatDistribution(request.distribution)}${request.tagText ? " " + request.tagText : ""} seed=${seed}`;
      const job: Job = { request, seed, entryId, label };
      if (running) {
        queue.push(job);
        set({ generation: state() });
        const ahead = queue.length; // the running one and those queued before this one
        return `queued: ${label} (starts after the ${ahead === 1 ? ":gen running now" : `${ahead} :gen lines before it`})`;
      }
      start(job);
      set({ generation: state() });
      return `generating ${label}…`;
    },

    stopGen() {
      if (!running && queue.length === 0) return "nothing to stop: no :gen is running";
      const { stopped, dropped } = stopAll("stop");
      const parts: string[] = [];
      if (stopped) parts.push(`stopped the running :gen of ${stopped.measure} after ${count(stopped.recorded)} of ${count(stopped.n)} values (they stay recorded)`);
      if (dropped > 0) parts.push(`dropped ${dropped} queued :gen line${dropped === 1 ? "" : "s"}`);
      set({ generation: state() });
      return parts.join("; ");
    },
  };
};
