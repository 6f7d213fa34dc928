// Unit tests for :gen's chunked runner, with a fake clock and a fake task queue: the exact
// count, the per-task cap and time budget, stop, seeded reproducibility, int64 rounding, and an
// engine refusal mid-run.
import { describe, expect, it } from "vitest";
import { count, createStats, type DistributionData, distribution, measureFloat64, measureInt64, type Measure, sum, TagMap, tagKey } from "../engine";
import { parseDistribution, samplerOf } from "./distribution";
import {
  CLOCK_EVERY,
  GEN_BUDGET_MS,
  type GenerationEnd,
  type GenerationPlan,
  MAX_VALUES_PER_TASK,
  startGeneration,
} from "./generator";
import { seededRandom } from "./simulator";

const dist = (text: string) => {
  const r = parseDistribution(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** An engine with a count, a sum and a distribution view of `measure`, a fake clock and task queue. */
function harness(measure: Measure, costMs = 0) {
  let t = 0;
  const stats = createStats({ now: () => 1_700_000_000_000 });
  stats.registerView(
    { name: "count", measure, aggregation: count(), tagKeys: [] },
    { name: "sum", measure, aggregation: sum(), tagKeys: [] },
    { name: "dist", measure, aggregation: distribution([0, 10, 100, 1000]), tagKeys: [tagKey("region")] },
  );
  let notified = 0;
  stats.subscribe(() => notified++);
  // Recording a value costs `costMs` of the fake clock.
  const timed = {
    record: ((...args: Parameters<typeof stats.record>) => {
      t += costMs;
      stats.record(...args);
    }) as typeof stats.record,
    batch: stats.batch,
  };
  const tasks: (() => void)[] = [];
  const ends: GenerationEnd[] = [];
  const progress: number[] = [];
  const spans: number[] = [];
  const start = (plan: Partial<GenerationPlan> = {}) =>
    startGeneration(
      { measure, n: 1000, distribution: dist("lognormal(80,0.4)"), tags: TagMap.empty(), seed: 7, ...plan },
      {
        stats: timed,
        now: () => t,
        nextTask: (task) => {
          const wrapped = () => {
            const from = t;
            task();
            spans.push(t - from);
          };
          tasks.push(wrapped);
          return () => tasks.splice(tasks.indexOf(wrapped), 1);
        },
        progress: (n) => progress.push(n),
        end: (e) => ends.push(e),
      },
    );
  /** Runs queued tasks, one at a time, until none is left (at most `max`); returns how many ran. */
  const runAll = (max = 10_000) => {
    let ran = 0;
    while (tasks.length > 0 && ran < max) {
      tasks.shift()!();
      ran++;
    }
    return ran;
  };
  const countOf = () => (stats.viewData("count")!.rows[0]?.data as { value: number } | undefined)?.value ?? 0;
  return { stats, tasks, ends, progress, spans, start, runAll, countOf, notified: () => notified };
}

describe("the :gen runner", () => {
  it("records exactly n values, in tasks of at most MAX_VALUES_PER_TASK when the clock stands still", () => {
    const h = harness(measureFloat64("g/exact", { unit: "ms" }));
    const run = h.start({ n: 123_457 });
    expect(h.countOf()).toBe(0); // nothing before the first task
    const ran = h.runAll();
    expect(ran).toBe(Math.ceil(123_457 / MAX_VALUES_PER_TASK));
    expect(h.countOf()).toBe(123_457);
    expect(run.recorded).toBe(123_457);
    expect(run.finished).toBe(true);
    expect(h.ends).toEqual([{ kind: "done", recorded: 123_457, elapsedMs: 0 }]);
    expect(h.progress).toEqual([50_000, 100_000, 123_457]);
    expect(h.notified()).toBe(ran); // one batch per task
  });

  it("stops a task once its budget is spent, within one clock check, and records the rest later", () => {
    const cost = 0.01; // ms per value
    const h = harness(measureFloat64("g/budget", { unit: "ms" }), cost);
    h.start({ n: 100_000 });
    h.runAll();
    expect(h.countOf()).toBe(100_000);
    // Every task but the last ran out of budget: it spent at most the budget plus the values
    // between two readings of the clock.
    expect(Math.max(...h.spans)).toBeLessThanOrEqual(GEN_BUDGET_MS + CLOCK_EVERY * cost + 1e-9);
    const perTask = Math.ceil(GEN_BUDGET_MS / cost / CLOCK_EVERY) * CLOCK_EVERY; // 1,024 values: 10.24 ms
    expect(h.spans.length).toBe(Math.ceil(100_000 / perTask));
    expect(h.progress[0]).toBe(perTask);
  });

  it("stop: what was recorded stays, nothing is recorded after, and it ends once", () => {
    const h = harness(measureFloat64("g/stop", { unit: "ms" }));
    const run = h.start({ n: 200_000 });
    h.tasks.shift()!();
    expect(h.countOf()).toBe(MAX_VALUES_PER_TASK);
    run.stop();
    run.stop();
    expect(h.tasks).toEqual([]); // the next chunk was cancelled
    expect(h.runAll()).toBe(0);
    expect(h.countOf()).toBe(MAX_VALUES_PER_TASK);
    expect(h.ends).toEqual([{ kind: "stopped", recorded: MAX_VALUES_PER_TASK, elapsedMs: 0 }]);
  });

  it("stopped before its first task, it records nothing", () => {
    const h = harness(measureFloat64("g/stop0", { unit: "ms" }));
    h.start().stop();
    expect(h.runAll()).toBe(0);
    expect(h.countOf()).toBe(0);
    expect(h.ends).toMatchObject([{ kind: "stopped", recorded: 0 }]);
  });

  it("records the seeded draws in order, under the tags: the same seed, the same data", () => {
    const m = measureFloat64("g/seeded", { unit: "ms" });
    const tags = TagMap.of({ region: "eu west" });
    const a = harness(m);
    a.start({ n: 5000, seed: 42, tags });
    a.runAll();
    const b = harness(m);
    b.start({ n: 5000, seed: 42, tags });
    b.runAll();
    expect(b.stats.snapshot().map((v) => v.rows)).toEqual(a.stats.snapshot().map((v) => v.rows));
    const draw = samplerOf(dist("lognormal(80,0.4)"), seededRandom(42));
    let total = 0;
    for (let i = 0; i < 5000; i++) total += draw();
    expect((a.stats.viewData("sum")!.rows[0]!.data as { value: number }).value).toBe(total);
    expect(a.stats.viewData("dist")!.rows.map((r) => r.tags)).toEqual([["eu west"]]);
  });

  it("rounds each draw to the nearest integer for an int64 measure", () => {
    const h = harness(measureInt64("g/int", { unit: "By" }));
    h.start({ n: 3000, distribution: dist("uniform(0,10)"), seed: 3 });
    h.runAll();
    const draw = samplerOf(dist("uniform(0,10)"), seededRandom(3));
    let total = 0;
    for (let i = 0; i < 3000; i++) total += Math.round(draw());
    const d = h.stats.viewData("dist")!.rows[0]!.data as DistributionData;
    expect(d.sum).toBe(total);
    expect(d.count).toBe(3000);
    expect([d.min, d.max]).toEqual([0, 10]);
  });

  it("ends as failed, saying why, when the engine refuses a value", () => {
    const h = harness(measureFloat64("g/conflict", { unit: "ms" }));
    // The engine knows g/conflict as float64 in ms: an int64 of that name is refused.
    h.start({ measure: measureInt64("g/conflict", { unit: "By" }), n: 10 });
    h.runAll();
    expect(h.countOf()).toBe(0);
    expect(h.ends).toEqual([
      {
        kind: "failed",
        recorded: 0,
        elapsedMs: 0,
        error: 'measure "g/conflict" is already known as float64 in "ms"; it cannot also be int64 in "By"',
      },
    ]);
  });
});
