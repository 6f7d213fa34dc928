// Unit tests for the simulator's driver: exact pacing by a fake clock, the per-tick cap and
// time budget, rate changes, restarts, and what it reports.
import { describe, expect, it } from "vitest";
import { createStats, type Row } from "../engine";
import {
  createSimulatorDriver,
  type DriverReport,
  MAX_LINES_PER_TICK,
  SIMULATOR_TICK_MS,
  type TrafficSettings,
} from "./driver";
import { pythonQuickstart } from "./quickstart";
import { createReplSession } from "./session";
import { seededRandom } from "./simulator";

function harness(settings: Partial<TrafficSettings> = {}, clock?: () => number) {
  let t = 0;
  const now = clock ?? (() => t);
  const stats = createStats({ now: () => 1_700_000_000_000 });
  stats.registerView(...pythonQuickstart.views);
  let notified = 0;
  stats.subscribe(() => notified++);
  const session = createReplSession({ stats, preset: () => pythonQuickstart, now });
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let nextTimer = 0;
  const reports: DriverReport[] = [];
  const driver = createSimulatorDriver({
    session,
    now,
    wallClock: () => 1_700_000_000_000 + t,
    random: seededRandom(5),
    every: (fn, ms) => {
      const id = nextTimer++;
      timers.set(id, { fn, ms });
      return () => timers.delete(id);
    },
    settings: { rate: 1000, errorRatio: 0, model: { kind: "seed" }, ...settings },
    report: (r) => reports.push(r),
  });
  const rows = (): readonly Row[] => stats.viewData("demo_lines_in")!.rows;
  const count = (r: Row) => (r.data as { value: number }).value;
  return {
    driver,
    reports,
    advance: (ms: number) => (t += ms),
    tick: () => [...timers.values()].forEach((j) => j.fn()),
    timers: () => [...timers.values()].map((j) => j.ms),
    linesIn: () => rows().reduce((a, r) => a + count(r), 0),
    failed: () => rows().filter((r) => r.tags[1] === "ERROR").reduce((a, r) => a + count(r), 0),
    notified: () => notified,
  };
}

describe("simulator driver", () => {
  it("records exactly rate × time lines by the clock, however its ticks fall", () => {
    const h = harness({ rate: 1000 });
    h.driver.start();
    expect(h.timers()).toEqual([SIMULATOR_TICK_MS]);
    for (const ms of [50, 50, 130, 7, 763]) {
      h.advance(ms);
      h.tick();
    }
    expect(h.linesIn()).toBe(1000);
    expect(h.driver.recorded).toBe(1000);
    expect(h.reports.at(-1)!.recorded).toBe(1000);
    expect(h.reports.at(-1)!.lastLine).not.toBe("");
  });

  it("records nothing before its time and nothing while stopped", () => {
    const h = harness({ rate: 3 });
    h.driver.start();
    h.advance(333);
    h.tick();
    expect(h.linesIn()).toBe(0);
    expect(h.reports).toEqual([]);
    h.advance(1);
    h.tick();
    expect(h.linesIn()).toBe(1);
    h.driver.stop();
    expect(h.driver.running).toBe(false);
    expect(h.timers()).toEqual([]);
    h.advance(10_000);
    h.tick();
    expect(h.linesIn()).toBe(1);
  });

  it("records a tick's lines as one batch of the session", () => {
    const h = harness({ rate: 10_000 });
    h.driver.start();
    h.advance(100);
    h.tick();
    expect(h.linesIn()).toBe(1000);
    expect(h.notified()).toBe(1);
  });

  it("caps a tick at MAX_LINES_PER_TICK and records the rest at the next ticks", () => {
    const h = harness({ rate: 100_000 });
    h.driver.start();
    h.advance(500); // a stalled tab: 50,000 lines due at once
    h.tick();
    expect(h.linesIn()).toBe(MAX_LINES_PER_TICK);
    h.tick();
    h.tick();
    expect(h.linesIn()).toBe(50_000);
    h.tick();
    expect(h.linesIn()).toBe(50_000);
  });

  it("stops a tick at its time budget, leaving the rest due", () => {
    let t = 0;
    // Every read of the clock moves it 1 ms: the budget runs out after a few reads.
    const h = harness({ rate: 100_000 }, () => t++);
    h.driver.start();
    t += 100; // 10,000 lines due
    h.tick();
    const first = h.driver.recorded;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(10_000);
    expect(first % 256).toBe(0);
    for (let i = 0; i < 100 && h.driver.recorded < 10_000; i++) h.tick();
    // Every line due is recorded in the end (the clock moved on meanwhile, so a few more are due).
    expect(h.driver.recorded).toBeGreaterThanOrEqual(10_000);
    expect(h.linesIn()).toBe(h.driver.recorded);
  });

  it("records what is due at the old rate before a new rate applies", () => {
    const h = harness({ rate: 100 });
    h.driver.start();
    h.advance(1000);
    h.driver.setRate(1000);
    expect(h.linesIn()).toBe(100);
    h.advance(1000);
    h.tick();
    expect(h.linesIn()).toBe(1100);
    expect(h.driver.settings.rate).toBe(1000);
  });

  it("restarts its count and its pacing when the data is dropped", () => {
    const h = harness({ rate: 1000 });
    h.driver.start();
    h.advance(1000);
    h.tick();
    h.advance(400); // due, but not recorded before the restart: not recorded after it either
    h.driver.restart();
    expect(h.driver.recorded).toBe(0);
    h.advance(500);
    h.tick();
    expect(h.driver.recorded).toBe(500);
    expect(h.linesIn()).toBe(1500);
  });

  it("starts its count from 0 at every start", () => {
    const h = harness({ rate: 1000 });
    h.driver.start();
    h.advance(200);
    h.tick();
    h.driver.stop();
    h.driver.start();
    expect(h.driver.recorded).toBe(0);
    h.advance(100);
    h.tick();
    expect(h.driver.recorded).toBe(100);
  });

  it("fails about the error ratio of its lines, and clamps its settings", () => {
    const h = harness({ rate: 10_000, errorRatio: 0.25 });
    h.driver.start();
    h.advance(1000);
    h.tick();
    expect(h.failed() / 10_000).toBeGreaterThan(0.23);
    expect(h.failed() / 10_000).toBeLessThan(0.27);
    h.driver.setErrorRatio(7);
    h.driver.setRate(1e9);
    expect(h.driver.settings).toMatchObject({ errorRatio: 1, rate: 100_000 });
    h.driver.setErrorRatio(NaN);
    h.driver.setRate(-5);
    expect(h.driver.settings).toMatchObject({ errorRatio: 0, rate: 1 });
  });
});
