// The remote-write store: sends the page's series history (the self-scrape store the PromQL
// console queries) to a Prometheus-compatible receiver, once for a chosen span or as a stream
// after every scrape, and counts what happened as Prometheus names it.
// Rules (docs/remote-write.md):
// - one request is in flight at a time, each in a task of its own, so sending never blocks
//   typing or recording; a request holds at most `batchSize` samples (default 2,000: the
//   MaxSamplesPerSend of Prometheus's queue manager since 2.44; 2.42 sent 500);
// - "send history" copies the span's samples when it is asked, so what is sent is the history
//   as it was then whatever the page does meanwhile; it is cut into requests ten minutes of time
//   at a time, series by series within them (wire/remoteWriteBatches.ts slabBatches), so a
//   receiver's "too old" window moves forward with it;
// - the stream, once on, enqueues every sample a live scrape adds after the newest one it had
//   seen (SampleQueue: bounded, oldest dropped and counted), starting after the newest sample
//   already sent (else the history's newest); while a history send runs the stream
//   waits behind it, since its samples are newer; turning the stream off drops what is queued
//   and says how many;
// - a request that fails recoverably (5xx, receiver unreachable, network) is sent again, the
//   same samples, after a backoff (remoteWriteClient.ts) and nothing else goes meanwhile, so no
//   queued sample is lost while the receiver is down; one refused with a 4xx is not sent again:
//   its samples count as failed and the receiver's text is kept as the last error;
// - the first request of a history send, and the first after the stream is turned on, also
//   carry the metric metadata (type, help, unit) of the families exposed now;
// - requests are cut and encoded by the encoder (remoteWriteEncoder.ts: a Web Worker in the page),
//   never on the main thread; a request keeps its body, so a retry sends the same bytes;
// - counters follow prometheus_remote_storage_*: samples_total (sent), samples_failed_total,
//   samples_retried_total, samples_dropped_total, samples_pending, bytes_total (compressed),
//   metadata_total, queue_highest_sent_timestamp_seconds; they are never reset.

import { createStore, type StoreApi } from "zustand/vanilla";
import { lowerIndex, type StoredSeries } from "../promql/store";
import type { Labels } from "../promql/labels";
import type { LabelPair, MetricMetadata, SeriesColumns } from "../wire";
import { backoffMs, fetchTarget, postWriteRequest, type RemoteWriteTarget, type WriteOutcome } from "./remoteWriteClient";
import { createRemoteWriteEncoder, type EncodedRequest, type RemoteWriteEncoder } from "./remoteWriteEncoder";
import { createSampleQueue } from "./remoteWriteQueue";

export const DEFAULT_BATCH_SIZE = 2_000;
/** config.go DefaultQueueConfig Capacity: 10,000 samples per shard. */
export const DEFAULT_QUEUE_CAPACITY = 10_000;
/**
 * A history goes out this much time at a time, series by series within it (wire's slabBatches):
 * far inside the hour a Prometheus accepts behind its newest sample, while a request carries
 * hundreds of samples per label set instead of a handful.
 */
export const HISTORY_SLAB_MS = 10 * 60_000;
export const BATCH_SIZE_LIMITS = { min: 1, max: 100_000 } as const;
export const QUEUE_CAPACITY_LIMITS = { min: 100, max: 1_000_000 } as const;

export interface RemoteWriteCounters {
  /** prometheus_remote_storage_samples_total: samples the receiver accepted. */
  samplesTotal: number;
  /** prometheus_remote_storage_samples_failed_total: refused (4xx, or not encodable); not retried. */
  failedTotal: number;
  /** prometheus_remote_storage_samples_retried_total: samples of requests sent again. */
  retriedTotal: number;
  /** prometheus_remote_storage_samples_dropped_total: pushed out of the full stream queue, or dropped with it. */
  droppedTotal: number;
  /** prometheus_remote_storage_bytes_total: compressed request bodies accepted. */
  bytesTotal: number;
  /** prometheus_remote_storage_metadata_total */
  metadataTotal: number;
  requestsTotal: number;
  /** prometheus_remote_storage_queue_highest_sent_timestamp_seconds, in ms; null before the first. */
  highestSentMs: number | null;
}

export interface RemoteWriteError {
  at: number;
  kind: "unreachable" | "server" | "rejected" | "network" | "unwritable";
  status?: number;
  message: string;
  /** Samples of the request it concerns. */
  samples: number;
  /** Whether those samples are being sent again. */
  retried: boolean;
}

export interface HistorySend {
  fromMs: number;
  toMs: number;
  series: number;
  total: number;
  /** Of `total`, staleness markers (PromQL's count_over_time does not count them). */
  stale: number;
  sent: number;
  failed: number;
  /** Set when it ended: done, or stopped by the person. */
  ended: { at: number; stopped: boolean } | null;
}

export interface RemoteWriteState {
  /** Where the proxy sends (asked of it), the reason it could not say, or null before asking. */
  target: RemoteWriteTarget | { problem: string } | null;
  batchSize: number;
  capacity: number;
  streaming: boolean;
  history: HistorySend | null;
  counters: RemoteWriteCounters;
  /** prometheus_remote_storage_samples_pending: queued, in flight or retrying, and history not yet sent. */
  pending: number;
  /** A request is in flight. */
  sending: boolean;
  /** When the request that failed recoverably is sent again (ms since the epoch), else null. */
  retryAt: number | null;
  lastError: RemoteWriteError | null;
  /** The last time samples were dropped and how many then: the stream's full queue, or turning it off. */
  lastDrop: { at: number; count: number; reason: "full" | "stopped" } | null;

  loadTarget(): Promise<void>;
  /** Sends the history's samples with fromMs ≤ t ≤ toMs; refused (resolves to why) while one runs or when the span is empty. */
  sendHistory(range: { fromMs: number; toMs: number }): Promise<string | null>;
  stopHistory(): void;
  setStreaming(on: boolean): void;
  /** Returns why the value is refused, else null. */
  setBatchSize(n: number): string | null;
  setCapacity(n: number): string | null;
  /** A live scrape added samples (the stream enqueues them). */
  scraped(): void;
}

export interface RemoteWriteDeps {
  /** Every series of the self-scrape store, now. */
  series: () => readonly StoredSeries[];
  /** The metadata of the families exposed now. */
  metadata: () => MetricMetadata[];
  fetch?: typeof fetch;
  now?: () => number;
  /** Runs `fn` once after `ms`; returns its cancel function. Default: setTimeout. */
  after?: (fn: () => void, ms: number) => () => void;
  /** Default: a Web Worker where there is one (createRemoteWriteEncoder). */
  encoder?: RemoteWriteEncoder;
}

/** One request: its body and what it carries, and where its samples came from. */
type Batch = EncodedRequest & { source: "history" | "stream" };

const defaultAfter = (fn: () => void, ms: number): (() => void) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

const pairsCache = new WeakMap<Labels, LabelPair[]>();
/** A series' labels as sorted pairs, one array per label set (the queue groups by identity). */
function pairsOf(labels: Labels): LabelPair[] {
  let pairs = pairsCache.get(labels);
  if (pairs === undefined) pairsCache.set(labels, (pairs = labels.names.map((n, i): LabelPair => [n, labels.values[i]!])));
  return pairs;
}

/** Copying a span yields to the page after this much work (an hour of 500 series is ~40 ms). */
export const COPY_BUDGET_MS = 8;

/**
 * The samples of `series` in the span, copied, series by series, yielding (`yieldTask`) whenever
 * COPY_BUDGET_MS of copying has passed, so a large span is no long task. Only samples at or
 * before toMs are taken, so what a scrape appends meanwhile is not.
 */
export async function copySpan(
  series: readonly StoredSeries[],
  fromMs: number,
  toMs: number,
  yieldTask: () => Promise<void>,
  clock: () => number = () => performance.now(),
): Promise<SeriesColumns[]> {
  const out: SeriesColumns[] = [];
  let since = clock();
  for (const s of series) {
    const a = lowerIndex(s.t, s.n, fromMs);
    const b = lowerIndex(s.t, s.n, toMs + 1);
    if (b > a) out.push({ labels: pairsOf(s.labels), t: s.t.slice(a, b), v: s.v.slice(a, b), stale: s.stale.slice(a, b), n: b - a });
    if (clock() - since > COPY_BUDGET_MS) {
      await yieldTask();
      since = clock();
    }
  }
  return out;
}

function limitProblem(n: number, limits: { min: number; max: number }, what: string): string | null {
  if (!Number.isInteger(n) || n < limits.min || n > limits.max)
    return `${what} must be a whole number from ${limits.min.toLocaleString("en-US")} to ${limits.max.toLocaleString("en-US")}`;
  return null;
}

export function createRemoteWriteStore(deps: RemoteWriteDeps): StoreApi<RemoteWriteState> {
  const now = deps.now ?? Date.now;
  const after = deps.after ?? defaultAfter;
  const queue = createSampleQueue(DEFAULT_QUEUE_CAPACITY);
  const encoder = deps.encoder ?? createRemoteWriteEncoder();
  /** A history span is being cut by the encoder. */
  let cutting = false;
  /** A history span is being copied out of the store. */
  let copying = false;
  let current: Batch | null = null;
  let inFlight = false;
  let cancelTimer: (() => void) | null = null;
  let needMetadata = false;
  let failures = 0;
  /** The newest sample time the stream has enqueued (or had seen when it was turned on). */
  let watermark = -Infinity;

  const store = createStore<RemoteWriteState>()((set, get) => ({
    target: null,
    batchSize: DEFAULT_BATCH_SIZE,
    capacity: DEFAULT_QUEUE_CAPACITY,
    streaming: false,
    history: null,
    counters: {
      samplesTotal: 0,
      failedTotal: 0,
      retriedTotal: 0,
      droppedTotal: 0,
      bytesTotal: 0,
      metadataTotal: 0,
      requestsTotal: 0,
      highestSentMs: null,
    },
    pending: 0,
    sending: false,
    retryAt: null,
    lastError: null,
    lastDrop: null,

    async loadTarget() {
      set({ target: await fetchTarget(deps.fetch) });
    },
    async sendHistory({ fromMs, toMs }) {
      const running = get().history;
      if (running && running.ended === null) return "a history send is under way: stop it first";
      if (!(fromMs <= toMs)) return "the span's start is after its end";
      if (copying) return "a history send is under way: stop it first";
      // Copied now (in tasks of a few ms): the span is the history of the moment it was asked for.
      copying = true;
      let columns: SeriesColumns[];
      try {
        columns = await copySpan(deps.series(), fromMs, toMs, () => new Promise((resolve) => after(resolve, 0)));
      } finally {
        copying = false;
      }
      let total = 0;
      let stale = 0;
      for (const c of columns) {
        total += c.n;
        for (let i = 0; i < c.n; i++) stale += c.stale[i]!;
      }
      if (total === 0) return "the history holds no samples in that span";
      cutting = true;
      needMetadata = true;
      set({ history: { fromMs, toMs, series: columns.length, total, stale, sent: 0, failed: 0, ended: null } });
      await encoder.start(columns, { fromMs, toMs }, get().batchSize, HISTORY_SLAB_MS);
      update();
      schedule();
      return null;
    },
    stopHistory() {
      const h = get().history;
      if (!h || h.ended) return;
      if (cutting) void encoder.stop();
      cutting = false;
      // A request in flight is abandoned: whatever it answers, it is not sent again.
      if (current?.source === "history") {
        current = null;
        failures = 0;
        if (!inFlight) stopTimer();
      }
      set({ history: { ...h, ended: { at: now(), stopped: true } } });
      update();
      schedule();
    },
    setStreaming(on) {
      if (on === get().streaming) return;
      if (on) {
        // It goes on from the newest sample the receiver already has from this page, so a history
        // send followed by the stream leaves no gap; with nothing sent, from the history's newest.
        const sent = get().counters.highestSentMs;
        const newest = newestTime();
        watermark = sent !== null && sent <= newest ? sent : newest;
        needMetadata = true;
        set({ streaming: true });
        return;
      }
      let dropped = queue.size;
      queue.clear();
      if (current?.source === "stream") {
        if (!inFlight) dropped += current.samples; // one in flight counts when it is answered
        current = null;
        failures = 0;
        if (!inFlight) stopTimer();
      }
      set({ streaming: false });
      recordDrop(dropped, "stopped");
      update();
      schedule();
    },
    setBatchSize(n) {
      const problem = limitProblem(n, BATCH_SIZE_LIMITS, "samples per request");
      if (problem === null) set({ batchSize: n });
      return problem;
    },
    setCapacity(n) {
      const problem = limitProblem(n, QUEUE_CAPACITY_LIMITS, "the queue's capacity");
      if (problem !== null) return problem;
      set({ capacity: n });
      recordDrop(queue.resize(n), "full");
      update();
      return null;
    },
    scraped() {
      if (!get().streaming) return;
      let dropped = 0;
      let newest = watermark;
      for (const s of deps.series()) {
        let i = s.n;
        while (i > 0 && s.t[i - 1]! > watermark) i--;
        if (i === s.n) continue;
        const pairs = pairsOf(s.labels);
        for (; i < s.n; i++) dropped += queue.push(pairs, s.t[i]!, s.v[i]!, s.stale[i] === 1);
        if (s.t[s.n - 1]! > newest) newest = s.t[s.n - 1]!;
      }
      watermark = newest;
      // One overflow goes on while the receiver stays away: say its whole count.
      const last = get().lastDrop;
      recordDrop(dropped, "full", last && last.reason === "full" && queue.size === queue.capacity ? last.count + dropped : dropped);
      update();
      schedule();
    },
  }));

  function newestTime(): number {
    let newest = -Infinity;
    for (const s of deps.series()) if (s.n > 0 && s.t[s.n - 1]! > newest) newest = s.t[s.n - 1]!;
    return newest;
  }

  /** `n` samples dropped for `reason`: counted, and said (`said` of them: an overflow's running total). */
  function recordDrop(n: number, reason: "full" | "stopped", said = n): void {
    if (n === 0) return;
    const c = store.getState().counters;
    store.setState({ counters: { ...c, droppedTotal: c.droppedTotal + n }, lastDrop: { at: now(), count: said, reason } });
  }

  function stopTimer(): void {
    cancelTimer?.();
    cancelTimer = null;
    store.setState({ retryAt: null });
  }

  /** Recomputes samples_pending. */
  function update(): void {
    const h = store.getState().history;
    const historyLeft = h && h.ended === null ? h.total - h.sent - h.failed - (current?.source === "history" ? current.samples : 0) : 0;
    store.setState({ pending: queue.size + (current?.samples ?? 0) + historyLeft });
  }

  /** The next request: the one to retry, else the history's next, else the stream's; null for none. */
  async function nextBatch(): Promise<Batch | null> {
    if (current) return current;
    const metadata = needMetadata ? deps.metadata() : [];
    if (cutting) {
      let next: EncodedRequest | null;
      try {
        next = await encoder.next(metadata);
      } catch (error) {
        cutting = false;
        const h = store.getState().history;
        const left = h ? h.total - h.sent - h.failed : 0;
        giveUp(left, "history", { kind: "unwritable", message: error instanceof Error ? error.message : String(error) });
        return null;
      }
      if (!cutting) return null; // stopped meanwhile
      if (next !== null) return (current = { ...next, source: "history" });
      cutting = false;
      const h = store.getState().history;
      if (h && h.ended === null) store.setState({ history: { ...h, ended: { at: now(), stopped: false } } });
    }
    if (queue.size === 0) return null;
    const taken = queue.take(store.getState().batchSize);
    try {
      return (current = { ...(await encoder.encode(taken.series, metadata)), source: "stream" });
    } catch (error) {
      giveUp(taken.samples, "stream", { kind: "unwritable", message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  /** Sends the next request in a task of its own, unless one is in flight or waiting to be retried. */
  function schedule(): void {
    if (inFlight || cancelTimer !== null) return;
    cancelTimer = after(() => {
      cancelTimer = null;
      void sendNext();
    }, 0);
  }

  async function sendNext(): Promise<void> {
    if (inFlight) return;
    inFlight = true; // from here to the answer: cutting and encoding are awaited too
    const batch = await nextBatch();
    update();
    if (!batch) {
      inFlight = false;
      if (cutting || queue.size > 0) schedule(); // after a request given up unwritten
      return;
    }
    const body = batch.body;
    store.setState({ sending: true });
    const outcome = await postWriteRequest(body, batch.headers, deps.fetch);
    inFlight = false;
    if (!outcome.ok && current !== batch) {
      // Abandoned while in flight (history stopped, stream turned off): not sent again.
      const c = store.getState().counters;
      store.setState({ sending: false, counters: { ...c, droppedTotal: c.droppedTotal + batch.samples } });
      update();
      schedule();
      return;
    }
    if (outcome.ok) {
      const s = store.getState();
      const c = s.counters;
      failures = 0;
      needMetadata = false;
      if (current === batch) current = null;
      const h = s.history;
      store.setState({
        sending: false,
        counters: {
          ...c,
          samplesTotal: c.samplesTotal + batch.samples,
          bytesTotal: c.bytesTotal + body.length,
          metadataTotal: c.metadataTotal + batch.metadata,
          requestsTotal: c.requestsTotal + 1,
          highestSentMs: Math.max(c.highestSentMs ?? -Infinity, batch.maxT),
        },
        ...(batch.source === "history" && h ? { history: { ...h, sent: h.sent + batch.samples } } : {}),
      });
      update();
      schedule();
      return;
    }
    if (outcome.recoverable) {
      failures++;
      const wait = backoffMs(failures);
      const c = store.getState().counters;
      store.setState({
        sending: false,
        retryAt: now() + wait,
        counters: { ...c, retriedTotal: c.retriedTotal + batch.samples },
        lastError: { at: now(), ...errorOf(outcome), samples: batch.samples, retried: true },
      });
      cancelTimer = after(() => {
        cancelTimer = null;
        store.setState({ retryAt: null });
        void sendNext();
      }, wait);
      return;
    }
    settle(batch, errorOf(outcome));
  }

  /** What a failed answer says, as the last error keeps it. */
  function errorOf(outcome: Exclude<WriteOutcome, { ok: true }>): { kind: RemoteWriteError["kind"]; status?: number; message: string } {
    return { kind: outcome.kind, ...(outcome.status === undefined ? {} : { status: outcome.status }), message: outcome.message };
  }

  /** A request refused for good: its samples count as failed, and the next request goes. */
  function settle(batch: Batch, error: { kind: RemoteWriteError["kind"]; status?: number; message: string }): void {
    if (current === batch) current = null;
    const c = store.getState().counters;
    store.setState({ sending: false, counters: { ...c, requestsTotal: c.requestsTotal + 1 } });
    giveUp(batch.samples, batch.source, error);
    schedule();
  }

  /** `samples` of `source` will not be sent: counted as failed, with the reason as the last error. */
  function giveUp(samples: number, source: Batch["source"], error: { kind: RemoteWriteError["kind"]; status?: number; message: string }): void {
    failures = 0;
    const s = store.getState();
    const h = s.history;
    store.setState({
      counters: { ...s.counters, failedTotal: s.counters.failedTotal + samples },
      lastError: { at: now(), ...error, samples, retried: false },
      ...(source === "history" && h ? { history: { ...h, failed: h.failed + samples, ...(cutting ? {} : { ended: h.ended ?? { at: now(), stopped: false } }) } } : {}),
    });
    update();
  }

  return store;
}
