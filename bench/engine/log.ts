// Scenarios 2a–2d: what the measurement log costs and what it buys, on the shared 1M values.
//   2a record with the log on against the same engine without it (goal: ≤ 15% slower);
//   2b fill a new distribution view from 1,000,000 logged measurements (goal: ≤ 150 ms);
//   2c the exact p50/p90/p99 of 1,000,000 values (goal: ≤ 100 ms);
//   2d the bucket advisor on 1,000,000 values for 60 bounds (goal: ≤ 500 ms).
// The filled view must equal the view recorded live: checked after 2b.
import { adviseBounds, createStats, distribution, exactQuantiles, measureFloat64, TagMap, tagKey } from "../../src/engine";
import { type Contestant, race } from "../harness";
import { BOUNDS, fail, N, out, RECORD_PASSES, values } from "./data";
import type { ScenarioResult } from "./scenario";

function engine(log: boolean) {
  const stats = createStats(log ? { log: { capacity: N } } : {});
  const m = measureFloat64("latency_log", { unit: "ms" });
  const key = tagKey("method");
  stats.registerView({ name: "latency_log", measure: m, aggregation: distribution(BOUNDS), tagKeys: [key] });
  return { stats, m, tags: TagMap.empty().insert(key, "repl") };
}

export async function recordWithLog(): Promise<ScenarioResult> {
  const off = engine(false);
  const on = engine(true);
  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        for (let i = 0; i < N; i++) off.stats.record(off.tags, off.m.m(values[i]!));
      },
    },
    {
      name: "ours, log on",
      run: () => {
        for (let i = 0; i < N; i++) on.stats.record(on.tags, on.m.m(values[i]!));
      },
    },
  ];
  const timings = await race(contestants, RECORD_PASSES.warmup, RECORD_PASSES.timed);
  const a = off.stats.viewData("latency_log")!.rows;
  const b = on.stats.viewData("latency_log")!.rows;
  if (JSON.stringify(a) !== JSON.stringify(b)) fail("2a: the engine with the log recorded other data than the one without");
  out.sink += on.stats.log!.size;
  return { id: "2a", title: "record, measurement log on vs off", unit: "op", opsPerPass: N, timings, notes: [] };
}

/** One timed run of `fn`, `passes` times after a warm-up: the durations, ms. */
function timeIt(passes: number, fn: () => void): number[] {
  fn();
  const out: number[] = [];
  for (let p = 0; p < passes; p++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export interface Measured {
  id: string;
  title: string;
  medianMs: number;
  bestMs: number;
  goalMs: number;
}

export function logUses(): Measured[] {
  // A log of 1M measurements, and a view that saw them live to compare the filled one with.
  const { stats, m, tags } = engine(true);
  for (let i = 0; i < N; i++) stats.record(tags, m.m(values[i]!));
  const def = { name: "filled", measure: m, aggregation: distribution([1, 10, 100, 500, 1000, 2500, 5000]), tagKeys: [tagKey("method")] };
  const live = createStats();
  live.registerView(def);
  for (let i = 0; i < N; i++) live.record(tags, m.m(values[i]!));

  const replay = timeIt(5, () => {
    stats.unregisterView("filled");
    stats.registerView(def);
  });
  if (JSON.stringify(stats.viewData("filled")!.rows) !== JSON.stringify(live.viewData("filled")!.rows))
    fail("2b: the view filled from the log differs from the one recorded live");

  const logged = stats.log!.valuesOf(stats.views().find((v) => v.name === "filled")!);
  if (logged.length !== N) fail(`2b: the log hands back ${logged.length} values, not ${N}`);
  let q: number[] = [];
  const exact = timeIt(5, () => {
    q = exactQuantiles(logged, [0.5, 0.9, 0.99]);
  });
  out.sink += q[0]!;
  const advise = timeIt(3, () => {
    out.sink += adviseBounds(logged, { buckets: 60 }).maxError;
  });
  const measured = (id: string, title: string, xs: number[], goalMs: number): Measured => ({
    id,
    title,
    medianMs: median(xs),
    bestMs: Math.min(...xs),
    goalMs,
  });
  return [
    measured("2b", "fill a new distribution view from 1,000,000 logged measurements", replay, 150),
    measured("2c", "exact p50, p90, p99 of 1,000,000 values", exact, 100),
    measured("2d", "bucket advisor, 1,000,000 values, 60 bounds", advise, 500),
  ];
}
