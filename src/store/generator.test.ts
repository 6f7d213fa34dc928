// Unit tests for :gen and :stop through the store: exact counts into a preset's view, what the
// transcript says (start, progress, queue, end, the seed), the printed seed reproducing a run,
// :stop, and a reset stopping it — with a fake clock and a fake task queue.
import { describe, expect, it } from "vitest";
import type { DistributionData } from "../engine";
import { MAX_VALUES_PER_TASK } from "../repl/generator";
import { seededRandom } from "../repl/simulator";
import { PROGRESS_INTERVAL_MS } from "./generator";
import { createPlaygroundStore } from "./playground";
import { DEFAULT_SETTINGS } from "./settings";

function harness(options: { msPerTask?: number; randomSeed?: number } = {}) {
  let t = 0;
  const tasks: (() => void)[] = [];
  const store = createPlaygroundStore({
    now: () => t,
    wallClock: () => 1_700_000_000_000,
    random: seededRandom(options.randomSeed ?? 99),
    frame: () => {},
    settings: DEFAULT_SETTINGS,
    persist: () => {},
    every: () => () => {},
    nextTask: (task) => {
      // Each task takes `msPerTask` of the fake clock.
      const timed = () => {
        task();
        t += options.msPerTask ?? 0;
      };
      tasks.push(timed);
      return () => tasks.splice(tasks.indexOf(timed), 1);
    },
    measures: [],
    persistMeasures: () => {},
  });
  const s = () => store.getState();
  const latency = () => {
    const rows = s().stats.viewData("demo/latency")!.rows;
    return rows.reduce((n, r) => n + (r.data as DistributionData).count, 0);
  };
  const texts = () => s().transcript.entries.map((e) => e.text);
  const runAll = () => {
    let ran = 0;
    while (tasks.length > 0) {
      tasks.shift()!();
      ran++;
    }
    return ran;
  };
  return { store, s, tasks, latency, texts, runAll };
}

describe(":gen through the store", () => {
  it("records exactly n values into the preset's view and says so, in place", () => {
    const h = harness();
    h.s().submit("before");
    expect(h.latency()).toBe(1);
    h.s().submit(":gen repl/latency 100000 lognormal(80,0.4) seed=7");
    expect(h.texts().slice(-2)).toEqual([
      ":gen repl/latency 100000 lognormal(80,0.4) seed=7",
      "generating 100,000 values of repl/latency lognormal(80,0.4) seed=7…",
    ]);
    expect(h.s().generation).toEqual({ running: { measure: "repl/latency", n: 100_000, recorded: 0 }, queued: [] });
    h.runAll();
    expect(h.latency()).toBe(100_001);
    expect(h.texts().slice(-2)).toEqual([
      ":gen repl/latency 100000 lognormal(80,0.4) seed=7",
      "generated 100,000 values of repl/latency lognormal(80,0.4) seed=7 in 0.00 s",
    ]);
    expect(h.s().generation).toEqual({ running: null, queued: [] });
  });

  it("shows progress at most every PROGRESS_INTERVAL_MS, and the elapsed time at the end", () => {
    const h = harness({ msPerTask: 300 });
    h.s().submit(":gen repl/latency 300000 uniform(0,10) seed=1");
    const seen: string[] = [];
    while (h.tasks.length > 0) {
      h.tasks.shift()!();
      seen.push(h.texts().at(-1)!);
    }
    // 6 tasks of 50,000 values, each starting 300 ms after the last: the 3rd starts at 600 ms
    // (past 500 since the start), the 5th at 1,200 ms (600 since the last shown).
    expect(PROGRESS_INTERVAL_MS).toBe(500);
    expect(seen).toEqual([
      "generating 300,000 values of repl/latency uniform(0,10) seed=1…",
      "generating 300,000 values of repl/latency uniform(0,10) seed=1…",
      "generating 300,000 values of repl/latency uniform(0,10) seed=1: 150,000 so far (50%)…",
      "generating 300,000 values of repl/latency uniform(0,10) seed=1: 150,000 so far (50%)…",
      "generating 300,000 values of repl/latency uniform(0,10) seed=1: 250,000 so far (83%)…",
      "generated 300,000 values of repl/latency uniform(0,10) seed=1 in 1.5 s",
    ]);
  });

  it("without seed=, picks one and prints it; that seed gives exactly the same data again", () => {
    const a = harness({ randomSeed: 5 });
    a.s().submit(':gen repl/latency 5000 mix(0.9*lognormal(80,0.4), 0.1*lognormal(900,0.6)) method="x y"');
    a.runAll();
    const said = a.texts().at(-1)!;
    const seed = /seed=(\d+) in/.exec(said)?.[1];
    expect(said).toMatch(/^generated 5,000 values of repl\/latency mix\(0\.9\*lognormal\(80,0\.4\),0\.1\*lognormal\(900,0\.6\)\) \{method="x y"\} seed=\d+ in 0\.00 s$/);
    const b = harness({ randomSeed: 6 });
    b.s().submit(`:gen repl/latency 5000 mix(0.9*lognormal(80,0.4), 0.1*lognormal(900,0.6)) method="x y" seed=${seed!}`);
    b.runAll();
    expect(b.s().stats.viewData("demo/latency")!.rows).toEqual(a.s().stats.viewData("demo/latency")!.rows);
  });

  it("queues a :gen entered while one runs, and runs it next", () => {
    const h = harness();
    h.s().submit(":gen repl/latency 60000 uniform(0,1) seed=1\n:gen repl/latency 10 uniform(0,1) seed=2\n:gen repl/latency 5 uniform(0,1) seed=3");
    expect(h.texts()).toEqual([
      ":gen repl/latency 60000 uniform(0,1) seed=1",
      "generating 60,000 values of repl/latency uniform(0,1) seed=1…",
      ":gen repl/latency 10 uniform(0,1) seed=2",
      "queued: 10 values of repl/latency uniform(0,1) seed=2 (starts after the :gen running now)",
      ":gen repl/latency 5 uniform(0,1) seed=3",
      "queued: 5 values of repl/latency uniform(0,1) seed=3 (starts after the 2 :gen lines before it)",
    ]);
    expect(h.s().generation.queued).toEqual(["repl/latency", "repl/latency"]);
    h.tasks.shift()!(); // the first 50,000
    h.tasks.shift()!(); // the last 10,000: the second :gen starts
    expect(h.texts()[3]).toBe("generating 10 values of repl/latency uniform(0,1) seed=2…");
    h.runAll();
    expect(h.latency()).toBe(60_015);
    // Each ending was appended too, as the transcript had moved on past its line.
    expect(h.texts().slice(-3)).toEqual([
      "generated 60,000 values of repl/latency uniform(0,1) seed=1 in 0.00 s",
      "generated 10 values of repl/latency uniform(0,1) seed=2 in 0.00 s",
      "generated 5 values of repl/latency uniform(0,1) seed=3 in 0.00 s",
    ]);
  });

  it("ends where the person looks when other lines came after it", () => {
    const h = harness();
    h.s().submit(":gen repl/latency 10 uniform(0,1) seed=4");
    h.s().submit("hello");
    h.runAll();
    expect(h.texts()).toEqual([
      ":gen repl/latency 10 uniform(0,1) seed=4",
      "generated 10 values of repl/latency uniform(0,1) seed=4 in 0.00 s",
      "hello",
      "HELLO",
      "generated 10 values of repl/latency uniform(0,1) seed=4 in 0.00 s",
    ]);
  });

  it(":stop stops the running :gen (its values stay) and drops the queued ones", () => {
    const h = harness();
    h.s().submit(":gen repl/latency 100000 uniform(0,1) seed=1\n:gen repl/latency 10 uniform(0,1) seed=2");
    h.tasks.shift()!();
    expect(h.latency()).toBe(MAX_VALUES_PER_TASK);
    h.s().submit(":stop");
    expect(h.tasks).toEqual([]);
    expect(h.texts()).toEqual([
      ":gen repl/latency 100000 uniform(0,1) seed=1",
      "stopped by :stop after 50,000 of 100,000 values of repl/latency uniform(0,1) seed=1 (what was recorded stays)",
      ":gen repl/latency 10 uniform(0,1) seed=2",
      "not generated: 10 values of repl/latency uniform(0,1) seed=2 (dropped from the queue by :stop)",
      ":stop",
      "stopped the running :gen of repl/latency after 50,000 of 100,000 values (they stay recorded); dropped 1 queued :gen line",
    ]);
    expect(h.latency()).toBe(MAX_VALUES_PER_TASK);
    h.s().submit(":stop");
    expect(h.texts().at(-1)).toBe("nothing to stop: no :gen is running");
  });

  it("a :gen and a :stop in one block: nothing is generated", () => {
    const h = harness();
    h.s().submit(":gen repl/latency 10 uniform(0,1) seed=1\n:stop");
    expect(h.runAll()).toBe(0);
    expect(h.latency()).toBe(0);
    expect(h.texts()[1]).toBe("stopped by :stop after 0 of 10 values of repl/latency uniform(0,1) seed=1 (what was recorded stays)");
  });

  it("a :clear after a :gen in the block: the :gen says what it does at the end", () => {
    const h = harness();
    h.s().submit(":gen repl/latency 10 uniform(0,1) seed=1\n:clear");
    expect(h.texts()).toEqual(["generating 10 values of repl/latency uniform(0,1) seed=1…"]);
    h.runAll();
    expect(h.latency()).toBe(10);
  });

  it("a reset or preset switch stops the running :gen and drops the queue", () => {
    const h = harness();
    h.s().submit(":gen repl/latency 100000 uniform(0,1) seed=1\n:gen repl/latency 10 uniform(0,1) seed=2");
    h.tasks.shift()!();
    h.s().resetData();
    expect(h.tasks).toEqual([]);
    expect(h.latency()).toBe(0);
    expect(h.texts()[1]).toBe(
      "stopped after 50,000 of 100,000 values of repl/latency uniform(0,1) seed=1: the recorded data was dropped (reset or preset switch)",
    );
    expect(h.texts()[3]).toBe("not generated: 10 values of repl/latency uniform(0,1) seed=2 (the recorded data was dropped (reset or preset switch))");
    expect(h.s().generation).toEqual({ running: null, queued: [] });
    h.s().submit(":gen repl/latency 10 uniform(0,1) seed=1");
    h.s().setPreset("python");
    expect(h.runAll()).toBe(0);
  });

  it("rounds an int64 measure's values: line lengths stay whole bytes", () => {
    const h = harness();
    h.s().submit(":gen repl/line_lengths 1000 lognormal(40,0.5) seed=9");
    h.runAll();
    const d = h.s().stats.viewData("demo/line_lengths")!.rows[0]!.data as DistributionData;
    expect(d.count).toBe(1000);
    expect(Number.isInteger(d.sum)).toBe(true);
    expect(Number.isInteger(d.min) && Number.isInteger(d.max)).toBe(true);
  });
});
