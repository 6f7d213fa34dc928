// Scenario 5a: the cardinality guard's cost. The same 1M values into the same histogram view
// by `method`, 100 distinct label sets used in turn (as 1b): once with the default row limit
// (2,000: no limit hit, every set has its row), once with rowLimit 51, so 50 sets keep their rows
// and the other 50 fold into the overflow row (OpenTelemetry metrics SDK specification,
// cardinality limits). Both with reused TagMaps (memoized rows) and with plain objects (each
// call builds a TagMap and resolves its row, so the overflowed half takes the guard's path every
// time). Goal: over the limit costs at most 10% more than under it (main.ts GOALS).
// Check: every contestant holds every measurement; the limited views hold 50 rows + overflow.
import { createStats, distribution, type Measure, measureFloat64, type Stats, TagMap, tagKey } from "../../src/engine";
import { race, type Contestant } from "../harness";
import { BOUNDS, fail, N, RECORD_PASSES, values } from "./data";
import type { ScenarioResult } from "./scenario";

const SETS = 100;
const LIMIT = 51;

function view(rowLimit: number | undefined): { stats: Stats; m: Measure } {
  const stats = createStats();
  const m = measureFloat64("latency_5a", { description: "request latency", unit: "ms" });
  stats.registerView({ name: "latency_5a", measure: m, aggregation: distribution(BOUNDS), tagKeys: [tagKey("method")], rowLimit });
  return { stats, m };
}

function check(name: string, stats: Stats, expectOverflow: boolean): void {
  const vd = stats.viewData("latency_5a")!;
  const total = vd.rows.reduce((n, r) => n + (r.data.type === "distribution" ? r.data.count : 0), 0);
  const expected = (RECORD_PASSES.warmup + RECORD_PASSES.timed) * N;
  if (total !== expected) fail(`5a ${name}: rows hold ${total} measurements, expected ${expected}`);
  const rows = expectOverflow ? LIMIT : SETS;
  if (vd.rows.length !== rows || (vd.overflow === null) === expectOverflow)
    fail(`5a ${name}: ${vd.rows.length} rows, overflow ${JSON.stringify(vd.overflow)}; expected ${rows} rows`);
  if (expectOverflow && vd.overflow?.combinations !== SETS - (LIMIT - 1)) fail(`5a ${name}: ${vd.overflow?.combinations} merged`);
}

export async function recordOverLimit(): Promise<ScenarioResult> {
  const key = tagKey("method");
  const tagMaps = Array.from({ length: SETS }, (_, i) => TagMap.empty().insert(key, `m${i}`));
  const objects = Array.from({ length: SETS }, (_, i) => ({ method: `m${i}` }));
  const engines = {
    ours: view(undefined),
    "ours, over limit": view(LIMIT),
    "ours, { } object": view(undefined),
    "ours, { } object, over limit": view(LIMIT),
  };
  // One literal per contestant, as record.ts does: a shared loop would share its type feedback
  // between TagMaps and objects and time a polymorphic call site instead of the guard.
  const a = engines.ours;
  const b = engines["ours, over limit"];
  const c = engines["ours, { } object"];
  const d = engines["ours, { } object, over limit"];
  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        for (let i = 0; i < N; i++) a.stats.record(tagMaps[i % SETS]!, a.m.m(values[i]!));
      },
    },
    {
      name: "ours, over limit",
      run: () => {
        for (let i = 0; i < N; i++) b.stats.record(tagMaps[i % SETS]!, b.m.m(values[i]!));
      },
    },
    {
      name: "ours, { } object",
      run: () => {
        for (let i = 0; i < N; i++) c.stats.record(objects[i % SETS]!, c.m.m(values[i]!));
      },
    },
    {
      name: "ours, { } object, over limit",
      run: () => {
        for (let i = 0; i < N; i++) d.stats.record(objects[i % SETS]!, d.m.m(values[i]!));
      },
    },
  ];
  const timings = await race(contestants, RECORD_PASSES.warmup, RECORD_PASSES.timed);
  for (const [name, { stats }] of Object.entries(engines)) check(name, stats, name.endsWith("over limit"));
  const title = `record, ${SETS} label sets, row limit ${LIMIT} (half in overflow) vs none hit`;
  return { id: "5a", title, unit: "op", opsPerPass: N, timings, notes: [] };
}
