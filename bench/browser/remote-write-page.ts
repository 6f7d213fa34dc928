// The page of the browser bench's "remote-write" scenario (bench/browser/remote-write.ts), built
// by Vite with remote-write.html: the app's remote-write path in Chromium over an hour of 1 s
// scrapes of 500 series (bench/wire/history.ts, 1,800,000 samples) held in the app's series store.
// What a pass is, as src/store/remoteWrite.ts sendHistory and sendNext do it: the span copied
// on the main thread (copySpan), handed to the encoder's Web Worker (remoteWriteEncoder.ts),
// and every request of 2,000 samples asked of it in turn — cut in time order, encoded and
// compressed there (the metadata in the first) — until it says the span is done.
// Rules: a timed pass does that work and nothing else (it only sums the bodies' lengths);
// the checks (every body unsnappies to its protobuf, the first decodes with its metadata) and
// the Prometheus layouts' sizes (bench/wire/layouts.ts) run afterwards, untimed, in budgeted
// tasks too. Long tasks are recorded from the page's load (PerformanceObserver "longtask",
// buffered) with each phase's window in the page's clock, and the scenario attributes them.
// The page says what went wrong in `problems` and never judges a timing.
import {
  decodeWriteRequest,
  samplesInRange,
  snappyUncompress,
  slabBatches,
  timeOrderedBatches,
  type MetricMetadata,
  type SeriesColumns,
} from "../../src/wire";
import { STALE_NAN, MemorySeriesStore, type StoredSeries } from "../../src/promql/store";
import { copySpan, HISTORY_SLAB_MS } from "../../src/store/remoteWrite";
import { createRemoteWriteEncoder } from "../../src/store/remoteWriteEncoder";
import { history, historyMetadata } from "../wire/history";
import { addRequest, noSize, perSample, type WireSize } from "../wire/layouts";

export interface RunOptions {
  /** Samples per request, as the app's default batch size. */
  readonly batch: number;
  readonly warmup: number;
  readonly timed: number;
  /** A task takes requests until this much time has passed in it (at least one request). */
  readonly budgetMs: number;
  /** Prometheus's MaxSamplesPerSend values whose layout is sized. */
  readonly prometheusBatches: readonly number[];
}

export interface Pass {
  readonly warmup: boolean;
  /** Page clock (performance.now) at the pass's start and end. */
  readonly startAt: number;
  readonly endAt: number;
  readonly samples: number;
  readonly requests: number;
  /** Sum of the snappy bodies' lengths. */
  readonly bytes: number;
  readonly tasks: number;
  /** Time spent inside the tasks (the rest of the wall time is the event loop between them). */
  readonly busyMs: number;
  /** The longest task as the page timed it (its own work; GC inside it included). */
  readonly longestTaskMs: number;
}

/** A PerformanceObserver "longtask" entry, in the page's clock. */
export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

export interface Phase {
  readonly what: string;
  readonly startAt: number;
  readonly endAt: number;
}

export interface RemoteWriteResult {
  readonly series: number;
  readonly samples: number;
  readonly generateMs: number;
  readonly passes: readonly Pass[];
  /** Our layout, counted again untimed (raw protobuf and snappy), metadata in the first request. */
  readonly ours: WireSize;
  readonly prometheus: readonly { batch: number; size: WireSize }[];
  readonly phases: readonly Phase[];
  readonly longTasks: readonly LongTask[];
  readonly problems: readonly string[];
}

export interface RemoteWriteBench {
  state: "ready" | "running" | "done" | "failed";
  /** The phase under way, for a timeout's message. */
  progress: string;
  result: RemoteWriteResult | null;
  error: string | null;
  start(options: RunOptions): void;
}

declare global {
  interface Window {
    __remoteWrite?: RemoteWriteBench;
  }
}

const ALL = { fromMs: -Infinity, toMs: Infinity };
const NO_METADATA: readonly MetricMetadata[] = [];

// From the module's first run, so the page load's own long tasks are in the list too.
const longTasks: LongTask[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });

// One channel for every yield: posting a message queues a task at once, where a nested
// setTimeout(0) is clamped to 4 ms after five levels.
const channel = new MessageChannel();
let wake: (() => void) | null = null;
channel.port1.onmessage = () => {
  const w = wake;
  wake = null;
  w?.();
};
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    wake = resolve;
    channel.port2.postMessage(null);
  });

interface Tasks {
  tasks: number;
  busyMs: number;
  longestMs: number;
}

/**
 * Calls `step` until it returns false, each task taking steps until `budgetMs` has passed in it
 * (at least one step), every task queued behind a yield to the event loop.
 */
async function inTasks(budgetMs: number, step: () => boolean): Promise<Tasks> {
  const out: Tasks = { tasks: 0, busyMs: 0, longestMs: 0 };
  for (;;) {
    await nextTask();
    const from = performance.now();
    let more: boolean;
    do more = step();
    while (more && performance.now() - from < budgetMs);
    const took = performance.now() - from;
    out.tasks++;
    out.busyMs += took;
    if (took > out.longestMs) out.longestMs = took;
    if (!more) return out;
  }
}

const encoder = createRemoteWriteEncoder();

/** The history in the app's series store, as its self-scrape would have written it. */
function stored(columns: readonly SeriesColumns[]): StoredSeries[] {
  const store = new MemorySeriesStore();
  for (const c of columns) {
    const series = store.series(Object.fromEntries(c.labels));
    for (let i = 0; i < c.n; i++) series.append(c.t[i]!, c.stale[i] ? STALE_NAN : c.v[i]!);
  }
  return store.select([]);
}

/**
 * One pass, as the app sends a history: the span copied in tasks of a few ms (the main thread's
 * only work), then each request asked of the worker in turn. `tasks`, `busyMs` and
 * `longestTaskMs` are the copy's: the rest runs in the worker, the main thread only passing
 * messages.
 */
async function encodePass(series: readonly StoredSeries[], o: RunOptions, metadata: readonly MetricMetadata[], warmup: boolean): Promise<Pass> {
  let samples = 0;
  let requests = 0;
  let bytes = 0;
  await nextTask();
  const startAt = performance.now();
  let copyMs = 0;
  let longestCopyMs = 0;
  let copyTasks = 1;
  let taskStart = startAt;
  const endTask = () => {
    const took = performance.now() - taskStart;
    copyMs += took;
    longestCopyMs = Math.max(longestCopyMs, took);
  };
  const columns = await copySpan(series, ALL.fromMs, ALL.toMs, async () => {
    endTask();
    await nextTask();
    copyTasks++;
    taskStart = performance.now();
  });
  endTask();
  await encoder.start(columns, ALL, o.batch, HISTORY_SLAB_MS);
  for (;;) {
    const request = await encoder.next(requests === 0 ? metadata : NO_METADATA);
    if (request === null) break;
    bytes += request.body.length;
    samples += request.samples;
    requests++;
  }
  return { warmup, startAt, endAt: performance.now(), samples, requests, bytes, tasks: copyTasks, busyMs: copyMs, longestTaskMs: longestCopyMs };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Our layout's sizes, with the checks a timed pass leaves out. */
async function ourSizes(columns: readonly SeriesColumns[], o: RunOptions, metadata: readonly MetricMetadata[], problems: string[]): Promise<WireSize> {
  const size = noSize();
  const batches = slabBatches(columns, ALL, o.batch, HISTORY_SLAB_MS);
  await inTasks(o.budgetMs, () => {
    const next = batches.next();
    if (next.done) return false;
    const first = size.requests === 0;
    const { bytes, body } = addRequest(size, next.value.series, first ? metadata : NO_METADATA);
    if (!sameBytes(snappyUncompress(body, bytes.length), bytes)) problems.push(`request ${size.requests}: its snappy body does not uncompress to its protobuf`);
    if (first) {
      const decoded = decodeWriteRequest(bytes);
      const n = decoded.timeseries.reduce((a, s) => a + s.samples.length, 0);
      if (n !== next.value.samples) problems.push(`the first request decodes to ${n} samples, not ${next.value.samples}`);
      if (decoded.metadata.length !== metadata.length) problems.push(`the first request decodes to ${decoded.metadata.length} metadata entries, not ${metadata.length}`);
    }
    return true;
  });
  return size;
}

/** Prometheus 2.42's layout of the same samples in requests of `batch`. */
async function prometheusSize(columns: readonly SeriesColumns[], batch: number, budgetMs: number): Promise<WireSize> {
  const size = noSize();
  const batches = timeOrderedBatches(columns, ALL, batch);
  await inTasks(budgetMs, () => {
    const next = batches.next();
    if (next.done) return false;
    addRequest(size, perSample(next.value));
    return true;
  });
  return size;
}

async function run(bench: RemoteWriteBench, o: RunOptions): Promise<RemoteWriteResult> {
  const phases: Phase[] = [];
  const problems: string[] = [];
  const phase = async <T>(what: string, f: () => Promise<T> | T): Promise<T> => {
    bench.progress = what;
    // Out of the task that started the run (page.evaluate's), so each phase starts a task.
    await nextTask();
    const startAt = performance.now();
    const value = await f();
    phases.push({ what, startAt, endAt: performance.now() });
    return value;
  };

  // The history in one task: the bench's input, as the app's "Send history" copies its span.
  const columns = await phase("generate", () => history());
  const generateMs = phases[0]!.endAt - phases[0]!.startAt;
  const series = await phase("store", () => stored(columns));
  const metadata = historyMetadata();
  const total = samplesInRange(columns, ALL);

  const passes: Pass[] = [];
  for (let p = 0; p < o.warmup + o.timed; p++) {
    const warmup = p < o.warmup;
    const what = warmup ? `warm-up ${p + 1}` : `pass ${p - o.warmup + 1}`;
    const pass = await phase(what, () => encodePass(series, o, metadata, warmup));
    if (pass.samples !== total) problems.push(`${what} encoded ${pass.samples} samples of ${total}`);
    passes.push(pass);
  }

  // Sized over the store's own order of series (ties in time go in input order), as the passes sent them.
  const sent = await copySpan(series, ALL.fromMs, ALL.toMs, nextTask);
  const ours = await phase("sizes: ours", () => ourSizes(sent, o, metadata, problems));
  for (const p of passes) {
    if (p.bytes !== ours.snappy) problems.push(`a pass sent ${p.bytes} bytes, the untimed count ${ours.snappy}: the encoder is not deterministic`);
  }
  const prometheus: { batch: number; size: WireSize }[] = [];
  for (const batch of o.prometheusBatches) {
    prometheus.push({ batch, size: await phase(`sizes: Prometheus, ${batch} per request`, () => prometheusSize(sent, batch, o.budgetMs)) });
  }
  return { series: columns.length, samples: total, generateMs, passes, ours, prometheus, phases, longTasks: [...longTasks], problems };
}

const status = document.getElementById("status");
const bench: RemoteWriteBench = {
  state: "ready",
  progress: "",
  result: null,
  error: null,
  start(options) {
    if (bench.state === "running") throw new Error("a run is under way");
    bench.state = "running";
    bench.result = null;
    bench.error = null;
    run(bench, options).then(
      (result) => {
        bench.result = result;
        bench.state = "done";
        if (status) status.textContent = "done";
      },
      (error: unknown) => {
        bench.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
        bench.state = "failed";
        if (status) status.textContent = "failed";
      },
    );
  },
};
window.__remoteWrite = bench;
if (status) status.textContent = "ready";
