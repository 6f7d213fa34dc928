import { describe, expect, it } from "vitest";
import { createStats, TagMap } from "../engine";
import { goQuickstart } from "../repl/quickstart";
import { createPushStore } from "./push";
import { backoffMs, groupPath, pushText } from "./pushgateway";

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
    expect(h.saved.at(-1)).toEqual({ job: "shop", instance: "web-1", periodMs: 15_000 });
    expect(h.stats.reportingPeriod).toBe(15_000);
  });
});
