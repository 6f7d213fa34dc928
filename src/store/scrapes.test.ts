import { describe, expect, it } from "vitest";
import { instantQuery } from "../promql";
import { createPlaygroundStore } from "./playground";
import { quietDeps } from "./testing";

const NOW = 1_763_000_000_000;

function setUp() {
  const tasks: (() => void)[] = [];
  const timers = new Map<() => void, number>();
  let wall = NOW;
  const store = createPlaygroundStore({
    ...quietDeps(tasks),
    wallClock: () => wall,
    every: (fn, ms) => (timers.set(fn, ms), () => void timers.delete(fn)),
    measures: [],
    designs: [],
  });
  const runTasks = () => {
    while (tasks.length > 0) tasks.shift()!();
  };
  /** Moves the wall clock by `ms` and fires the scrape timer as its interval passes. */
  const advance = (ms: number) => {
    wall += ms;
    for (const [fn, every] of timers) if (every >= 1000) fn();
  };
  return { store, runTasks, advance, now: () => wall };
}

describe("the scrapes slice", () => {
  it("scrapes the exposition of the moment every interval, named as the export panel names it", () => {
    const { store, advance, now } = setUp();
    store.getState().submit("hello");
    advance(1_000);
    store.getState().setNaming("prometheus");
    advance(1_000);
    const q = (query: string) => instantQuery(store.getState().seriesStore(), query, now());
    expect(q("count(up)")).toMatchObject({ resultType: "vector", result: [{ value: [now() / 1000, 1] }] });
    // The OpenCensus name ended with the switch (stale), the Prometheus name took over.
    expect(q("ocmetricstutorial_demo_lines_in")).toMatchObject({ result: [] });
    expect(q("ocmetricstutorial_demo_lines_in_total")).toMatchObject({
      result: [{ metric: { job: "playground", instance: "browser" }, value: [now() / 1000, 1] }],
    });
    expect(store.getState().seriesStats.series).toBeGreaterThan(3);
  });

  it("fills the last 15 minutes with simulated traffic on a virtual clock, scraped every interval, then goes on live", () => {
    const { store, runTasks, advance, now } = setUp();
    store.getState().setRate(10);
    store.getState().submit("lost to the fill");
    store.getState().fillThePast(15 * 60 * 1000);
    expect(store.getState().filling).not.toBeNull();
    runTasks();
    const s = store.getState();
    expect(s.filling).toBeNull();
    expect(s.simulated).toEqual({ fromMs: NOW - 900_000, toMs: NOW, rate: 10, lines: 9_000 });
    const q = (query: string, t = now()) => instantQuery(s.seriesStore(), query, t);
    // One scrape a second over the span: 901 `up` samples.
    expect(q("count_over_time(up[15m])")).toMatchObject({ result: [{ value: [NOW / 1000, 901] }] });
    // 10 lines a second, all counted; the line typed before the fill was dropped with the data.
    expect(q("sum(ocmetricstutorial_demo_lines_in)")).toMatchObject({ result: [{ value: [NOW / 1000, 9_000] }] });
    expect(q("sum(rate(ocmetricstutorial_demo_lines_in[5m]))", NOW - 60_000)).toMatchObject({
      result: [{ value: [(NOW - 60_000) / 1000, 10] }],
    });
    advance(1_000);
    store.getState().submit("live again");
    advance(1_000);
    expect(q("sum(ocmetricstutorial_demo_lines_in)", now())).toMatchObject({ result: [{ value: [now() / 1000, 9_001] }] });
  });

  it("writes the history as OpenMetrics with timestamps, ending with # EOF", () => {
    const { store, advance } = setUp();
    store.getState().submit("hello");
    advance(1_000);
    const text = store.getState().historyText();
    expect(text).toContain(`up{instance="browser",job="playground"} 1.0 ${(NOW + 1_000) / 1000}.0005\n`);
    expect(text.endsWith("# EOF\n")).toBe(true);
  });
});
