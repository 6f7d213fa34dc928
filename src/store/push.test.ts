import { describe, expect, it } from "vitest";
import { createStats, exponentialHistogram, TagMap } from "../engine";
import { goQuickstart } from "../repl/quickstart";
import { decodePrometheusProtobuf, MetricType, PROTOBUF_CONTENT_TYPE } from "../wire";
import { createPushStore } from "./push";
import { choosePushFormat } from "./pushFormat";
import { backoffMs, groupPath, pushBody, pushText } from "./pushgateway";
import type { PushSettings } from "./settings";

describe("Pushgateway paths", () => {
  it("plain values go as they are; empty or slashed ones base64url-encoded", () => {
    expect(groupPath("metrics_playground", "playground")).toBe("/metrics/job/metrics_playground/instance/playground");
    expect(groupPath("a/b", "")).toBe("/metrics/job@base64/YS9i/instance@base64/=");
    expect(groupPath("j", "host:1 é")).toBe("/metrics/job/j/instance/host%3A1%20%C3%A9");
    // "." and ".." would be resolved away by the browser as path segments.
    expect(groupPath(".", "..")).toBe("/metrics/job@base64/Lg==/instance@base64/Li4=");
  });

  it("backs off by doubling the period up to 5 minutes", () => {
    expect([0, 1, 2, 3, 20].map((f) => backoffMs(10_000, f))).toEqual([10_000, 20_000, 40_000, 80_000, 300_000]);
  });
});

type Reply = { status: number; body?: string; headers?: Record<string, string> } | Error;

function fakeFetch(replies: Reply[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const r = replies.shift() ?? { status: 200 };
    if (r instanceof Error) throw r;
    return new Response(r.body ?? "", { status: r.status, headers: r.headers });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe("pushText", () => {
  it("PUTs 0.0.4 text with its content type and reports success", async () => {
    const { f, calls } = fakeFetch([{ status: 200 }]);
    const out = await pushText("x 1\n", "job", "inst", { fetch: f, now: () => 5 });
    expect(out).toEqual({ ok: true, at: 5, bytes: 4, status: 200 });
    expect(calls[0]!.url).toBe("/pushgateway/metrics/job/job/instance/inst");
    expect(calls[0]!.init.method).toBe("PUT");
    expect((calls[0]!.init.headers as Record<string, string>)["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  });

  it("tells unreachable, rejected (with the gateway's body) and network failures apart", async () => {
    const { f } = fakeFetch([
      { status: 502, body: "Pushgateway at http://127.0.0.1:9091 is unreachable (ECONNREFUSED)", headers: { "x-playground-proxy": "unreachable" } },
      { status: 400, body: 'text format parsing error in line 1: invalid label name for metric "x"\n' },
      new TypeError("Failed to fetch"),
    ]);
    expect(await pushText("", "j", "i", { fetch: f, now: () => 1 })).toEqual({
      ok: false,
      at: 1,
      kind: "unreachable",
      status: 502,
      message: "Pushgateway at http://127.0.0.1:9091 is unreachable (ECONNREFUSED)",
    });
    expect(await pushText("", "j", "i", { fetch: f, now: () => 1 })).toMatchObject({
      kind: "rejected",
      status: 400,
      message: 'text format parsing error in line 1: invalid label name for metric "x"',
    });
    expect(await pushText("", "j", "i", { fetch: f, now: () => 1 })).toMatchObject({
      kind: "network",
      message: expect.stringMatching(/Failed to fetch/),
    });
  });
});

describe("periodic push", () => {
  function setup(replies: Reply[]) {
    let t = 1_000_000;
    const jobs: (() => void)[] = [];
    const timers: { fn: () => void; at: number }[] = [];
    const saved: unknown[] = [];
    const stats = createStats({ now: () => t, every: (fn) => (jobs.push(fn), () => jobs.splice(jobs.indexOf(fn), 1)) });
    stats.registerView(...goQuickstart.views);
    stats.record(TagMap.empty(), goQuickstart.lineLength.m(3), goQuickstart.latency.m(10));
    const { f, calls } = fakeFetch(replies);
    const store = createPushStore({
      stats,
      exposition: () => ({ namespace: "ns" }),
      fetch: f,
      now: () => t,
      after: (fn, ms) => {
        const timer = { fn, at: t + ms };
        timers.push(timer);
        return () => void timers.splice(timers.indexOf(timer), 1);
      },
      persist: (s) => saved.push(s),
    });
    const settle = () => new Promise((r) => setTimeout(r, 0));
    /** Moves the clock, firing the retry timers that come due. */
    const advance = (ms: number) => {
      t += ms;
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.fn();
      }
    };
    return { store, calls, jobs, timers, saved, stats, advance, tick: () => jobs.forEach((j) => j()), settle };
  }
  const down = { status: 502, body: "down", headers: { "x-playground-proxy": "unreachable" } };

  it("pushes at once, then every period; retries when it says while the gateway is down; recovers", async () => {
    const h = setup([{ status: 200 }, down, down, { status: 200 }, { status: 200 }]);
    h.store.getState().setPeriodic(true);
    await h.settle();
    expect(h.calls).toHaveLength(1);
    expect(new TextDecoder().decode(h.calls[0]!.init.body as Uint8Array)).toContain("ns_demo_lines_in 1");

    h.advance(10_000); h.tick(); await h.settle(); // fails: retry in 20 s
    expect(h.store.getState()).toMatchObject({ failures: 1, retryAt: 1_030_000 });
    h.advance(10_000); h.tick(); await h.settle(); // the period's push waits for the retry
    expect(h.calls).toHaveLength(2);
    h.advance(9_999); await h.settle();
    expect(h.calls).toHaveLength(2);
    h.advance(1); await h.settle(); // the retry, exactly at retryAt: fails again, retry in 40 s
    expect(h.calls).toHaveLength(3);
    expect(h.store.getState()).toMatchObject({ failures: 2, retryAt: 1_070_000 });
    h.advance(40_000); await h.settle(); // gateway back
    expect(h.calls).toHaveLength(4);
    expect(h.store.getState()).toMatchObject({ failures: 0, retryAt: null, last: { ok: true } });
    expect(h.timers).toHaveLength(0);
    h.advance(10_000); h.tick(); await h.settle(); // normal period again
    expect(h.calls).toHaveLength(5);

    h.store.getState().setPeriodic(false);
    expect(h.jobs).toHaveLength(0);
  });

  it("a one-shot push that fails promises no retry and makes none", async () => {
    const h = setup([down]);
    await h.store.getState().pushNow();
    expect(h.store.getState()).toMatchObject({ retryAt: null, last: { ok: false, kind: "unreachable" } });
    expect(h.timers).toHaveLength(0);
    h.advance(600_000); h.tick(); await h.settle();
    expect(h.calls).toHaveLength(1);
  });

  it("turning periodic pushing off cancels a pending retry", async () => {
    const h = setup([down]);
    h.store.getState().setPeriodic(true);
    await h.settle();
    expect(h.timers).toHaveLength(1);
    h.store.getState().setPeriodic(false);
    expect(h.timers).toHaveLength(0);
    expect(h.store.getState().retryAt).toBeNull();
  });

  it("an empty job is refused with a reason and the last one is kept", () => {
    const h = setup([]);
    h.store.getState().setJob("  ");
    expect(h.store.getState()).toMatchObject({ job: "metrics_playground", jobError: expect.stringMatching(/job name cannot be empty/) });
    expect(h.saved).toEqual([]);
  });

  it("job, instance and period persist when they change", () => {
    const h = setup([]);
    h.store.getState().setJob("shop");
    h.store.getState().setInstance("web-1");
    h.store.getState().setPeriodMs(15_000);
    expect(h.saved.at(-1)).toEqual({ job: "shop", instance: "web-1", periodMs: 15_000, format: "auto" });
    expect(h.stats.reportingPeriod).toBe(15_000);
  });
});

describe("push format", () => {
  const TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** The Go quickstart's views, one typed line recorded, optionally an exponential histogram view of its latency. */
  function setup(opts: { native?: "with rows" | "without rows"; maxScale?: number; initial?: Partial<PushSettings> } = {}) {
    const stats = createStats({ now: () => 0 });
    stats.registerView(...goQuickstart.views);
    if (opts.native)
      stats.registerView({
        name: "demo/latency_native",
        description: "Latency, natively",
        measure: goQuickstart.latency,
        aggregation: exponentialHistogram({ maxScale: opts.maxScale ?? 3 }),
      });
    if (opts.native !== "without rows")
      for (const ms of [10, 250, 1500]) stats.record(TagMap.empty(), goQuickstart.lineLength.m(3), goQuickstart.latency.m(ms));
    else stats.record(TagMap.empty(), goQuickstart.lineLength.m(3));
    const saved: PushSettings[] = [];
    const { f, calls } = fakeFetch([]);
    const store = createPushStore({
      stats,
      exposition: () => ({ namespace: "ns", naming: "prometheus" }),
      fetch: f,
      now: () => 7,
      initial: { job: "j", instance: "i", periodMs: 10_000, format: "auto", ...opts.initial },
      persist: (s) => saved.push(s),
    });
    const sent = () => {
      const init = calls.at(-1)!.init;
      return { contentType: (init.headers as Record<string, string>)["content-type"], body: init.body as Uint8Array };
    };
    return { stats, store, calls, saved, sent };
  }

  it("pushBody PUTs the bytes as they are with the content type given", async () => {
    const { f, calls } = fakeFetch([{ status: 200 }]);
    const bytes = new Uint8Array([3, 10, 1, 120]);
    expect(await pushBody(bytes, PROTOBUF_CONTENT_TYPE, "j", "i", { fetch: f, now: () => 2 })).toEqual({ ok: true, at: 2, bytes: 4, status: 200 });
    expect((calls[0]!.init.headers as Record<string, string>)["content-type"]).toBe(PROTOBUF_CONTENT_TYPE);
    expect([...(calls[0]!.init.body as Uint8Array)]).toEqual([3, 10, 1, 120]);
  });

  it("a view with native histogram rows makes the push protobuf, every family in it", async () => {
    const h = setup({ native: "with rows" });
    await h.store.getState().pushNow();
    const { contentType, body } = h.sent();
    expect(contentType).toBe(PROTOBUF_CONTENT_TYPE);
    expect(h.store.getState().sent).toEqual({
      format: "protobuf",
      reason: "protobuf: demo/latency_native is a native histogram, which the text format cannot carry",
    });
    expect(h.store.getState().last).toEqual({ ok: true, at: 7, bytes: body.length, status: 200 });
    const families = decodePrometheusProtobuf(body);
    expect(families.map((f) => f.name)).toEqual([
      "ns_demo_latency_native_seconds",
      "ns_demo_latency_seconds",
      "ns_demo_line_lengths_bytes",
      "ns_demo_lines_in_total",
    ]);
    const native = families[0]!;
    expect(native).toMatchObject({ type: MetricType.HISTOGRAM, help: "Latency, natively" });
    // Seconds, schema 3: 0.01 → key −53 (2^(−54/8) < 0.01 ≤ 2^(−53/8)), 0.25 → −16, 1.5 → 5.
    expect(native.metric[0]!.histogram).toMatchObject({
      sampleCount: 3,
      sampleSum: 1.76,
      schema: 3,
      zeroCount: 0,
      bucket: [],
      positiveSpan: [
        { offset: -53, length: 1 },
        { offset: 36, length: 1 },
        { offset: 20, length: 1 },
      ],
      positiveDelta: [1, 0, 0],
    });
    expect(families[3]!.metric[0]!.counter).toEqual({ value: 3 });
  });

  it("without native histogram rows it is the 0.0.4 text, even with an empty exponential view", async () => {
    const h = setup({ native: "without rows" });
    await h.store.getState().pushNow();
    expect(h.sent().contentType).toBe(TEXT);
    expect(new TextDecoder().decode(h.sent().body)).toContain("ns_demo_lines_in_total 1\n");
    expect(h.store.getState().sent).toEqual({ format: "text", reason: "text 0.0.4: no view holds a native histogram" });
  });

  it("the setting \"protobuf\" sends protobuf always; it persists", async () => {
    const h = setup();
    h.store.getState().setFormat("protobuf");
    expect(h.saved.at(-1)).toEqual({ job: "j", instance: "i", periodMs: 10_000, format: "protobuf" });
    await h.store.getState().pushNow();
    expect(h.sent().contentType).toBe(PROTOBUF_CONTENT_TYPE);
    expect(h.store.getState().sent?.reason).toBe("protobuf: the push format is set to always protobuf");
    const lines = decodePrometheusProtobuf(h.sent().body).find((f) => f.name === "ns_demo_lines_in_total")!;
    expect(lines).toMatchObject({ type: MetricType.COUNTER, metric: [{ counter: { value: 3 } }] });
    h.store.getState().setFormat("auto");
    await h.store.getState().pushNow();
    expect(h.sent().contentType).toBe(TEXT);
  });

  it("names every view that needs protobuf", () => {
    const stats = createStats({ now: () => 0 });
    for (const name of ["a", "b", "c"])
      stats.registerView({ name, measure: goQuickstart.latency, aggregation: exponentialHistogram() });
    stats.record(TagMap.empty(), goQuickstart.latency.m(1));
    expect(choosePushFormat(stats.snapshot(), "auto").reason).toBe(
      "protobuf: a, b and c are native histograms, which the text format cannot carry",
    );
  });

  it("data protobuf cannot carry (a scale below −4) is not sent and says why", async () => {
    const h = setup({ native: "with rows", maxScale: -6 });
    await h.store.getState().pushNow();
    expect(h.calls).toHaveLength(0);
    expect(h.store.getState()).toMatchObject({
      inFlight: false,
      sent: null,
      last: { ok: false, kind: "unwritable", message: expect.stringMatching(/scale -6 is below -4/) },
    });
  });
});
