// The remote-write store against a fake receiver: what it sends (decoded back), in which order,
// what it retries and what it does not, and what its counters say.
import { describe, expect, it } from "vitest";
import { MemorySeriesStore, STALE_NAN } from "../promql/store";
import { decodeWriteRequest, snappyUncompress, type MetricMetadata } from "../wire";
import { COPY_BUDGET_MS, copySpan, createRemoteWriteStore, type RemoteWriteDeps } from "./remoteWrite";
import { inProcessEncoder, type RemoteWriteEncoder } from "./remoteWriteEncoder";

const T0 = 1_700_000_000_000;
const META: MetricMetadata[] = [{ type: "counter", metricFamilyName: "lines_total", help: "lines", unit: "" }];

interface Sent {
  headers: Record<string, string>;
  samples: { name: string; t: number; v: number; stale: boolean }[];
  metadata: number;
}

/** A receiver answering each request with the next of `answers` (the last one repeats), and timers run by hand. */
function harness(answers: (() => Response)[] = [() => new Response(null, { status: 204 })], encoder?: RemoteWriteEncoder) {
  const series = new MemorySeriesStore();
  const sent: Sent[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const waits: number[] = [];
  let calls = 0;
  const fakeFetch = (async (url: string, init?: RequestInit) => {
    if (url !== "/remote-write") throw new Error(`unexpected ${url}`);
    const answer = answers[Math.min(calls++, answers.length - 1)]!();
    const request = decodeWriteRequest(snappyUncompress(init!.body as Uint8Array));
    if (answer.ok)
      sent.push({
        headers: init!.headers as Record<string, string>,
        samples: request.timeseries.flatMap((ts) => ts.samples.map((s) => ({ name: ts.labels.find(([n]) => n === "__name__")![1], t: s.timestamp, v: s.value, stale: s.stale }))),
        metadata: request.metadata.length,
      });
    return answer;
  }) as typeof fetch;
  const deps: RemoteWriteDeps = {
    series: () => series.select([]),
    metadata: () => META,
    fetch: fakeFetch,
    ...(encoder ? { encoder } : {}),
    now: () => T0,
    // A task (ms 0) runs as a real one; a backoff waits in `timers` until drain runs it.
    after: (fn, ms) => {
      if (ms === 0) {
        const id = setTimeout(fn, 0);
        return () => clearTimeout(id);
      }
      const timer = { fn, ms };
      timers.push(timer);
      waits.push(ms);
      return () => void timers.splice(timers.indexOf(timer), 1);
    },
  };
  const rw = createRemoteWriteStore(deps);
  /** Lets requests complete and runs due backoffs until the store is idle (bounded). */
  async function drain(): Promise<void> {
    let quiet = 0;
    for (let round = 0; round < 2_000; round++) {
      await new Promise((r) => setTimeout(r, 1));
      const timer = timers.shift();
      if (timer) {
        quiet = 0;
        timer.fn();
        continue;
      }
      const s = rw.getState();
      if (s.pending === 0 && !s.sending && s.retryAt === null) {
        if (++quiet >= 3) return;
      } else quiet = 0;
    }
    throw new Error("the store never settled");
  }
  return { series, sent, rw, drain, waits, calls: () => calls };
}

const text = (status: number, body: string, headers: Record<string, string> = {}) => () => new Response(body, { status, headers });

function fill(series: MemorySeriesStore, names: string[], from: number, to: number): void {
  for (let t = from; t <= to; t++) for (const name of names) series.append({ __name__: name, job: "playground" }, T0 + t * 1000, t);
}

describe("send history", () => {
  it("sends the span's samples slab by slab, series by series, in requests of at most batchSize, metadata in the first", async () => {
    const h = harness();
    fill(h.series, ["a", "b", "c"], 0, 9);
    expect(h.rw.getState().setBatchSize(4)).toBeNull();
    expect(await h.rw.getState().sendHistory({ fromMs: T0 + 2000, toMs: T0 + 7000 })).toBeNull();
    await h.drain();
    const samples = h.sent.flatMap((r) => r.samples);
    expect(samples).toHaveLength(18);
    // One slab (6 s of a 10 min slab): series after series; each series' samples in time order.
    expect(samples.map((s) => s.name).join("")).toBe("aaaaaabbbbbbcccccc");
    for (const name of ["a", "b", "c"]) expect(samples.filter((s) => s.name === name).map((s) => (s.t - T0) / 1000)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(samples[0]).toEqual({ name: "a", t: T0 + 2000, v: 2, stale: false });
    expect(h.sent.map((r) => r.samples.length)).toEqual([4, 4, 4, 4, 2]);
    expect(h.sent.map((r) => r.metadata)).toEqual([1, 0, 0, 0, 0]);
    expect(h.sent[0]!.headers).toEqual({ "Content-Encoding": "snappy", "Content-Type": "application/x-protobuf", "X-Prometheus-Remote-Write-Version": "0.1.0" });
    const s = h.rw.getState();
    expect(s.counters).toMatchObject({ samplesTotal: 18, failedTotal: 0, retriedTotal: 0, requestsTotal: 5, metadataTotal: 1, highestSentMs: T0 + 7000 });
    expect(s.counters.bytesTotal).toBeGreaterThan(0);
    expect(s.history).toMatchObject({ total: 18, sent: 18, failed: 0, series: 3, ended: { stopped: false } });
    expect(s.pending).toBe(0);
  });

  it("carries staleness markers as StaleNaN", async () => {
    const h = harness();
    h.series.append({ __name__: "a" }, T0, 1);
    h.series.append({ __name__: "a" }, T0 + 1000, STALE_NAN);
    await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 1000 });
    await h.drain();
    expect(h.sent[0]!.samples.map((s) => s.stale)).toEqual([false, true]);
  });

  it("sends the history as it was when asked, whatever is appended meanwhile", async () => {
    const h = harness();
    fill(h.series, ["a"], 0, 4);
    h.rw.getState().setBatchSize(2);
    await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 60_000 });
    fill(h.series, ["a"], 5, 9);
    await h.drain();
    expect(h.sent.flatMap((r) => r.samples).map((s) => s.v)).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses an empty span and a second send while one runs", async () => {
    const h = harness();
    expect(await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 1000 })).toBe("the history holds no samples in that span");
    fill(h.series, ["a"], 0, 9);
    expect(await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 9000 })).toBeNull();
    expect(await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 9000 })).toBe("a history send is under way: stop it first");
  });

  it("stops when asked: what was not sent stays unsent and is no longer pending", async () => {
    const h = harness([text(503, "overloaded")]);
    fill(h.series, ["a"], 0, 9);
    h.rw.getState().setBatchSize(5);
    await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 9000 });
    await new Promise((r) => setTimeout(r, 20));
    h.rw.getState().stopHistory();
    await h.drain();
    const s = h.rw.getState();
    expect(s.history?.ended).toEqual({ at: T0, stopped: true });
    expect(s.pending).toBe(0);
    expect(s.retryAt).toBeNull();
  });
});

describe("copySpan", () => {
  it("copies the span series by series, yielding whenever the budget is spent, and nothing after toMs", async () => {
    const store = new MemorySeriesStore();
    fill(store, ["a", "b", "c", "d"], 0, 9);
    let clock = 0;
    let yields = 0;
    const columns = await copySpan(store.select([]), T0 + 2000, T0 + 5000, async () => void yields++, () => (clock += COPY_BUDGET_MS + 1));
    expect(yields).toBe(4); // every series took longer than the budget
    expect(columns.map((c) => [c.labels.find(([n]) => n === "__name__")![1], Array.from(c.t, (t) => (t - T0) / 1000)])).toEqual(
      ["a", "b", "c", "d"].map((n) => [n, [2, 3, 4, 5]]),
    );
    store.append({ __name__: "a", job: "playground" }, T0 + 10_000, 10);
    expect(columns[0]!.n).toBe(4); // a copy
  });
});

describe("failures", () => {
  it("retries the same samples after a doubling backoff while the receiver is down, and loses none", async () => {
    const down = text(502, "Remote-write receiver at http://127.0.0.1:9/api/v1/write is unreachable (ECONNREFUSED)", { "x-playground-proxy": "unreachable" });
    const h = harness([down, down, text(500, "tsdb busy"), () => new Response(null, { status: 204 })]);
    fill(h.series, ["a", "b"], 0, 4);
    await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 4000 });
    await h.drain();
    expect(h.waits).toEqual([30, 60, 120]);
    expect(h.sent.flatMap((r) => r.samples)).toHaveLength(10);
    expect(h.sent[0]!.metadata).toBe(1); // the retried request still carries the metadata
    const s = h.rw.getState();
    expect(s.counters).toMatchObject({ samplesTotal: 10, retriedTotal: 30, failedTotal: 0 });
    expect(s.lastError).toMatchObject({ kind: "server", status: 500, message: "tsdb busy", retried: true });
  });

  it("does not retry a 4xx: the samples count as failed, the receiver's text is kept, and the next request goes", async () => {
    const h = harness([text(400, "out of order sample\n"), () => new Response(null, { status: 204 })]);
    fill(h.series, ["a"], 0, 3);
    h.rw.getState().setBatchSize(2);
    await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 3000 });
    await h.drain();
    expect(h.calls()).toBe(2);
    expect(h.waits).toEqual([]);
    const s = h.rw.getState();
    expect(s.counters).toMatchObject({ samplesTotal: 2, failedTotal: 2, retriedTotal: 0 });
    expect(s.lastError).toMatchObject({ kind: "rejected", status: 400, message: "out of order sample", retried: false, samples: 2 });
    expect(s.history).toMatchObject({ sent: 2, failed: 2, ended: { stopped: false } });
  });
});

describe("an encoder that fails", () => {
  it("gives up the history it could not cut, with the reason, and the stream goes on", async () => {
    const real = inProcessEncoder();
    const h = harness(undefined, { ...real, next: () => Promise.reject(new Error("no span is being cut: the encoder lost it")) });
    fill(h.series, ["a"], 0, 4);
    await h.rw.getState().sendHistory({ fromMs: T0, toMs: T0 + 4000 });
    await h.drain();
    const s = h.rw.getState();
    expect(s.history).toMatchObject({ total: 5, sent: 0, failed: 5, ended: { stopped: false } });
    expect(s.lastError).toMatchObject({ kind: "unwritable", message: "no span is being cut: the encoder lost it", samples: 5, retried: false });
    expect(s.pending).toBe(0);

    h.rw.getState().setStreaming(true);
    fill(h.series, ["a"], 5, 5);
    h.rw.getState().scraped();
    await h.drain();
    expect(h.sent.flatMap((r) => r.samples.map((x) => x.v))).toEqual([5]);
  });
});

describe("stream", () => {
  it("sends what each scrape adds after the newest sample it had seen", async () => {
    const h = harness();
    fill(h.series, ["a", "b"], 0, 4);
    h.rw.getState().setStreaming(true);
    h.rw.getState().scraped(); // nothing new yet
    await h.drain();
    expect(h.sent).toEqual([]);
    fill(h.series, ["a", "b"], 5, 5);
    h.rw.getState().scraped();
    await h.drain();
    fill(h.series, ["a", "b"], 6, 6);
    h.rw.getState().scraped();
    await h.drain();
    expect(h.sent.map((r) => r.samples.map((s) => `${s.name}@${(s.t - T0) / 1000}`))).toEqual([["a@5", "b@5"], ["a@6", "b@6"]]);
    expect(h.sent.map((r) => r.metadata)).toEqual([1, 0]);
  });

  it("a full queue drops its oldest samples and says how many; after recovery the newest arrive", async () => {
    let up = false;
    const h = harness([() => (up ? new Response(null, { status: 204 }) : new Response("down", { status: 503 }))]);
    h.rw.getState().setCapacity(100);
    h.rw.getState().setBatchSize(1000);
    h.series.append({ __name__: "a" }, T0, 0);
    h.rw.getState().setStreaming(true);
    for (let t = 1; t <= 250; t++) {
      h.series.append({ __name__: "a" }, T0 + t * 1000, t);
      h.rw.getState().scraped();
      if (t === 1) await new Promise((r) => setTimeout(r, 20)); // the first sample is in flight, then retried
    }
    const s = h.rw.getState();
    // 1 sample in the retried request, 100 queued behind it, 149 pushed out.
    expect(s.counters.droppedTotal).toBe(149);
    expect(s.lastDrop).toMatchObject({ count: 149, reason: "full" });
    expect(s.pending).toBe(101);
    up = true;
    await h.drain();
    const values = h.sent.flatMap((r) => r.samples.map((x) => x.v));
    expect(values).toEqual([1, ...Array.from({ length: 100 }, (_, i) => 151 + i)]);
    expect(h.rw.getState().pending).toBe(0);
  });

  it("turning the stream off drops the queue and says how many", async () => {
    const h = harness([text(503, "down")]);
    h.series.append({ __name__: "a" }, T0, 0);
    h.rw.getState().setStreaming(true);
    for (let t = 1; t <= 5; t++) {
      h.series.append({ __name__: "a" }, T0 + t * 1000, t);
      h.rw.getState().scraped();
    }
    await new Promise((r) => setTimeout(r, 20));
    h.rw.getState().setStreaming(false);
    await h.drain();
    const s = h.rw.getState();
    expect(s.lastDrop).toMatchObject({ reason: "stopped" });
    expect(s.counters.droppedTotal).toBe(5);
    expect(s.pending).toBe(0);
  });
});

describe("settings", () => {
  it("refuses batch sizes and capacities out of range", () => {
    const h = harness();
    expect(h.rw.getState().setBatchSize(0)).toMatch(/samples per request must be a whole number from 1 to 100,000/);
    expect(h.rw.getState().setBatchSize(2.5)).not.toBeNull();
    expect(h.rw.getState().setCapacity(99)).toMatch(/capacity must be a whole number from 100/);
    expect(h.rw.getState().batchSize).toBe(2_000);
    expect(h.rw.getState().capacity).toBe(10_000);
  });
});
