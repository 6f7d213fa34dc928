// `npm run bench`: the stats engine against prom-client and @opentelemetry/sdk-metrics, in one
// process, on the same data, with a "floor" (the least work any histogram can do) as reference.
// Why: the engine claims to be cheap enough to record on every keystroke and to render the
// exposition on every change; this measures those two paths against the usual JS clients.
// Scenarios (the numbers come from the issue):
//   1a record 1M values, one reused TagMap / label set, into a 13-bound histogram;
//   1b the same with 100 distinct pre-built TagMaps / label sets (value i uses set i % 100);
//   1c render a 1,000-row histogram + a 1,000-row counter as Prometheus text, UTF-8 encoded.
// Method: 1M uniform values in [0, 7000) from a seeded PRNG, shared by everyone; each contestant
// is warmed up, then timed over several passes interleaved with the others; the median pass
// is reported (best in the JSON). Results are checked against each other after every scenario:
// a mismatch is printed and makes the process exit 1. Missed goals are reported, not asserted.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

import type { Attributes, Histogram as OtelHistogram } from "@opentelemetry/api";
import {
  AggregationType,
  DataPointType,
  MeterProvider,
  MetricReader,
} from "@opentelemetry/sdk-metrics";
import { Counter, Histogram, Registry } from "prom-client";

import {
  count,
  createStats,
  distribution,
  measureFloat64,
  type Stats,
  TagMap,
  tagKey,
} from "../src/engine";
import { toPrometheusText } from "../src/engine/exposition";
import { type Contestant, fmt, mulberry32, race, table, type Timing } from "./harness";

const N = 1_000_000;
const SEED = 0x5eed;
const BOUNDS = [0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000];
const RECORD_PASSES = { warmup: 2, timed: 9 };
const EXPO_PASSES = { warmup: 5, timed: 25 };
const EXPO_ROWS = 1000;
const EXPO_OBS_PER_ROW = 5;
const EXPO_INC_PER_ROW = 3;

const values = new Float64Array(N);
{
  const rand = mulberry32(SEED);
  for (let i = 0; i < N; i++) values[i] = rand() * 7000;
}

/** Everything the timed code produces ends up here and is printed, so nothing is dead code. */
let sink = 0;
const failures: string[] = [];

function fail(msg: string): void {
  failures.push(msg);
  console.error(`\n!!! CORRECTNESS MISMATCH: ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// Histogram state of every contestant, normalized for the cross-checks.

interface HistRow {
  count: number;
  sum: number;
  /** Per-bucket counts, BOUNDS.length + 1 (overflow last). */
  buckets: number[];
}
type HistState = Map<string, HistRow>;

const emptyRow = (): HistRow => ({ count: 0, sum: 0, buckets: new Array<number>(BOUNDS.length + 1).fill(0) });

function rowOf(state: HistState, label: string): HistRow {
  let r = state.get(label);
  if (!r) state.set(label, (r = emptyRow()));
  return r;
}

function ourState(stats: Stats, view: string): HistState {
  const out: HistState = new Map();
  for (const row of stats.viewData(view)?.rows ?? [])
    if (row.data.type === "distribution")
      out.set(row.tags[0] ?? "", {
        count: row.data.count,
        sum: row.data.sum,
        buckets: row.data.bucketCounts.slice(),
      });
  return out;
}

async function promState(h: Histogram<"method">): Promise<HistState> {
  const out: HistState = new Map();
  const cumulative = new Map<string, number[]>();
  for (const v of (await h.get()).values) {
    const label = String(v.labels.method ?? "");
    const r = rowOf(out, label);
    if (v.metricName?.endsWith("_count")) r.count = v.value;
    else if (v.metricName?.endsWith("_sum")) r.sum = v.value;
    else if (v.metricName?.endsWith("_bucket")) {
      const le = String((v.labels as { le?: string | number }).le); // prom-client adds `le` to bucket values
      const idx = le === "+Inf" ? BOUNDS.length : BOUNDS.indexOf(Number(le));
      let c = cumulative.get(label);
      if (!c) cumulative.set(label, (c = new Array<number>(BOUNDS.length + 1).fill(0)));
      c[idx] = v.value;
    }
  }
  for (const [label, c] of cumulative) {
    const r = rowOf(out, label);
    for (let i = 0; i < c.length; i++) r.buckets[i] = c[i]! - (i > 0 ? c[i - 1]! : 0);
  }
  return out;
}

async function otelState(reader: MetricReader, name: string): Promise<HistState> {
  const out: HistState = new Map();
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) fail(`OTel collect errors: ${errors.map(String).join("; ")}`);
  for (const sm of resourceMetrics.scopeMetrics)
    for (const m of sm.metrics) {
      if (m.descriptor.name !== name || m.dataPointType !== DataPointType.HISTOGRAM) continue;
      for (const dp of m.dataPoints)
        out.set(String(dp.attributes.method ?? ""), {
          count: dp.value.count,
          sum: dp.value.sum ?? NaN,
          buckets: dp.value.buckets.counts.slice(),
        });
    }
  return out;
}

/** Every contestant must hold exactly the floor's counts and buckets, and its sum to 1e-9. */
function crossCheck(scenario: string, expectedTotal: number, states: Record<string, HistState>, reference: string): void {
  const ref = states[reference]!;
  let total = 0;
  for (const r of ref.values()) total += r.count;
  if (total !== expectedTotal) fail(`${scenario}: ${reference} holds ${total} observations, expected ${expectedTotal}`);
  for (const [name, st] of Object.entries(states)) {
    if (name === reference) continue;
    if (st.size !== ref.size) {
      fail(`${scenario}: ${name} has ${st.size} series, ${reference} has ${ref.size}`);
      continue;
    }
    for (const [label, want] of ref) {
      const got = st.get(label);
      if (!got) {
        fail(`${scenario}: ${name} has no series method="${label}"`);
        continue;
      }
      if (got.count !== want.count)
        fail(`${scenario}: ${name} method="${label}" _count ${got.count}, ${reference} ${want.count}`);
      if (Math.abs(got.sum - want.sum) > 1e-9 * Math.abs(want.sum))
        fail(`${scenario}: ${name} method="${label}" _sum ${got.sum}, ${reference} ${want.sum}`);
      const diff = want.buckets.findIndex((b, i) => got.buckets[i] !== b);
      if (diff >= 0)
        fail(
          `${scenario}: ${name} method="${label}" bucket ${diff} (le=${BOUNDS[diff] ?? "+Inf"}) holds ${got.buckets[diff]}, ${reference} ${want.buckets[diff]}`,
        );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Contestant set-up.

/** The floor: a series already resolved, a binary search over the bounds, three increments. */
function floorObserve(s: HistRow, v: number): void {
  let lo = 0;
  let hi = BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= BOUNDS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  s.buckets[lo]!++;
  s.count++;
  s.sum += v;
}

/** A pull reader: no timer, collect() only when we ask. */
class PullReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

function otelHistogram(name: string): { reader: PullReader; histogram: OtelHistogram; provider: MeterProvider } {
  const reader = new PullReader();
  const provider = new MeterProvider({
    readers: [reader],
    views: [
      {
        instrumentName: name,
        aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...BOUNDS] } },
      },
    ],
  });
  const histogram = provider.getMeter("bench").createHistogram(name, { unit: "ms" });
  return { reader, histogram, provider };
}

function ourHistogram(name: string): { stats: Stats; m: ReturnType<typeof measureFloat64> } {
  const stats = createStats();
  const m = measureFloat64(name, { description: "request latency", unit: "ms" });
  stats.registerView({ name, measure: m, aggregation: distribution(BOUNDS), tagKeys: [tagKey("method")] });
  return { stats, m };
}

function promHistogram(name: string): Histogram<"method"> {
  return new Histogram({
    name,
    help: "request latency",
    labelNames: ["method"],
    buckets: [...BOUNDS],
    registers: [new Registry()],
  });
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

interface ScenarioResult {
  id: string;
  title: string;
  /** "op" for record scenarios (ns/op, ops/s), "exposition" for 1c (ms, renders/s). */
  unit: "op" | "exposition";
  opsPerPass: number;
  timings: Timing[];
  notes: string[];
}

async function recordOneTagMap(): Promise<ScenarioResult> {
  const name = "latency_a";
  const ours = ourHistogram(name);
  const tags = TagMap.empty().insert(tagKey("method"), "repl");
  const prom = promHistogram(name);
  const labels = { method: "repl" };
  const otel = otelHistogram(name);
  const attrs: Attributes = { method: "repl" };
  const floor = emptyRow();

  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        const { stats, m } = ours;
        for (let i = 0; i < N; i++) stats.record(tags, m.m(values[i]!));
      },
    },
    {
      name: "prom-client",
      run: () => {
        for (let i = 0; i < N; i++) prom.observe(labels, values[i]!);
      },
    },
    {
      name: "otel",
      run: () => {
        const h = otel.histogram;
        for (let i = 0; i < N; i++) h.record(values[i]!, attrs);
      },
    },
    {
      name: "floor",
      run: () => {
        for (let i = 0; i < N; i++) floorObserve(floor, values[i]!);
      },
    },
  ];
  const timings = await race(contestants, RECORD_PASSES.warmup, RECORD_PASSES.timed);
  const passes = RECORD_PASSES.warmup + RECORD_PASSES.timed;
  crossCheck(
    "1a",
    passes * N,
    {
      floor: new Map([["repl", floor]]),
      ours: ourState(ours.stats, name),
      "prom-client": await promState(prom),
      otel: await otelState(otel.reader, name),
    },
    "floor",
  );
  sink += floor.count;
  await otel.provider.shutdown();
  return { id: "1a", title: "record, one reused TagMap", unit: "op", opsPerPass: N, timings, notes: [] };
}

async function recordHundredTagMaps(): Promise<ScenarioResult> {
  const name = "latency_b";
  const K = 100;
  const key = tagKey("method");
  const methods = Array.from({ length: K }, (_, i) => `m${i}`);
  const ours = ourHistogram(name);
  const tagMaps = methods.map((v) => TagMap.empty().insert(key, v));
  const prom = promHistogram(name);
  const labelSets = methods.map((method) => ({ method }));
  const otel = otelHistogram(name);
  const attrSets: Attributes[] = methods.map((method) => ({ method }));
  const floor = methods.map(() => emptyRow());

  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        const { stats, m } = ours;
        for (let i = 0; i < N; i++) stats.record(tagMaps[i % K]!, m.m(values[i]!));
      },
    },
    {
      name: "prom-client",
      run: () => {
        for (let i = 0; i < N; i++) prom.observe(labelSets[i % K]!, values[i]!);
      },
    },
    {
      name: "otel",
      run: () => {
        const h = otel.histogram;
        for (let i = 0; i < N; i++) h.record(values[i]!, attrSets[i % K]!);
      },
    },
    {
      name: "floor",
      run: () => {
        for (let i = 0; i < N; i++) floorObserve(floor[i % K]!, values[i]!);
      },
    },
  ];
  const timings = await race(contestants, RECORD_PASSES.warmup, RECORD_PASSES.timed);
  const passes = RECORD_PASSES.warmup + RECORD_PASSES.timed;
  crossCheck(
    "1b",
    passes * N,
    {
      floor: new Map(floor.map((r, i) => [methods[i]!, r])),
      ours: ourState(ours.stats, name),
      "prom-client": await promState(prom),
      otel: await otelState(otel.reader, name),
    },
    "floor",
  );
  for (const r of floor) sink += r.count;
  await otel.provider.shutdown();
  return { id: "1b", title: "record, 100 distinct pre-built TagMaps", unit: "op", opsPerPass: N, timings, notes: [] };
}

async function exposition(): Promise<ScenarioResult> {
  // Ours: a histogram view by `method` and a count view by `path`, 1,000 rows each.
  const stats = createStats();
  const latency = measureFloat64("latency", { description: "request latency", unit: "ms" });
  const request = measureFloat64("request", { description: "requests served", unit: "1" });
  const method = tagKey("method");
  const path = tagKey("path");
  stats.registerView(
    { name: "latency", measure: latency, aggregation: distribution(BOUNDS), tagKeys: [method] },
    { name: "requests", measure: request, aggregation: count(), tagKeys: [path] },
  );
  // prom-client: the same two metrics under the names ours exposes with namespace "bench".
  const registry = new Registry();
  const h = new Histogram({
    name: "bench_latency",
    help: "request latency",
    labelNames: ["method"],
    buckets: [...BOUNDS],
    registers: [registry],
  });
  const c = new Counter({ name: "bench_requests", help: "requests served", labelNames: ["path"], registers: [registry] });

  let vi = 0;
  for (let r = 0; r < EXPO_ROWS; r++) {
    const mv = `m${r}`;
    const pv = `/p/${r}`;
    const mt = TagMap.empty().insert(method, mv);
    const pt = TagMap.empty().insert(path, pv);
    for (let k = 0; k < EXPO_OBS_PER_ROW; k++) {
      const v = values[vi++]!;
      stats.record(mt, latency.m(v));
      h.observe({ method: mv }, v);
    }
    for (let k = 0; k < EXPO_INC_PER_ROW; k++) {
      stats.record(pt, request.m(1));
      c.inc({ path: pv });
    }
  }

  const encoder = new TextEncoder();
  const oursText = toPrometheusText(stats.snapshot(), { namespace: "bench" });
  const promText = await registry.metrics();
  // Floor: concatenating the same number of already formatted lines, then encoding.
  const lines = oursText.split("\n").filter((l) => l !== "");

  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        sink += encoder.encode(toPrometheusText(stats.snapshot(), { namespace: "bench" })).length;
      },
    },
    {
      name: "prom-client",
      run: async () => {
        sink += encoder.encode(await registry.metrics()).length;
      },
    },
    {
      name: "floor",
      run: () => {
        let s = "";
        for (let i = 0; i < lines.length; i++) s += lines[i]! + "\n";
        sink += encoder.encode(s).length;
      },
    },
  ];
  const timings = await race(contestants, EXPO_PASSES.warmup, EXPO_PASSES.timed);

  // Same samples on both sides: count the sample lines and add up the `_count` and counter values.
  const summary = (text: string): { samples: number; histCount: number; counter: number; bytes: number } => {
    let samples = 0;
    let histCount = 0;
    let counter = 0;
    for (const l of text.split("\n")) {
      if (l === "" || l.startsWith("#")) continue;
      samples++;
      const v = Number(l.slice(l.lastIndexOf(" ") + 1));
      if (l.startsWith("bench_latency_count")) histCount += v;
      else if (l.startsWith("bench_requests")) counter += v;
    }
    return { samples, histCount, counter, bytes: encoder.encode(text).length };
  };
  const o = summary(oursText);
  const p = summary(promText);
  const expectSamples = EXPO_ROWS * (BOUNDS.length + 3) + EXPO_ROWS;
  if (o.samples !== expectSamples) fail(`1c: ours writes ${o.samples} sample lines, expected ${expectSamples}`);
  if (p.samples !== o.samples) fail(`1c: prom-client writes ${p.samples} sample lines, ours ${o.samples}`);
  if (p.histCount !== o.histCount || o.histCount !== EXPO_ROWS * EXPO_OBS_PER_ROW)
    fail(`1c: histogram _count total: ours ${o.histCount}, prom-client ${p.histCount}`);
  if (p.counter !== o.counter || o.counter !== EXPO_ROWS * EXPO_INC_PER_ROW)
    fail(`1c: counter total: ours ${o.counter}, prom-client ${p.counter}`);

  return {
    id: "1c",
    title: "exposition, 1,000-row histogram + 1,000-row counter",
    unit: "exposition",
    opsPerPass: 1,
    timings,
    notes: [
      `output: ours ${o.bytes} bytes / ${o.samples} samples, prom-client ${p.bytes} bytes / ${p.samples} samples`,
      `floor: concatenating ours' ${lines.length} already formatted lines + "\\n", then TextEncoder.encode`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

interface Goal {
  scenario: string;
  peer: string;
  atLeast: number;
}
const GOALS: Goal[] = [
  { scenario: "1a", peer: "prom-client", atLeast: 5 },
  { scenario: "1a", peer: "otel", atLeast: 12 },
  { scenario: "1b", peer: "prom-client", atLeast: 8 },
  { scenario: "1c", peer: "prom-client", atLeast: 3 },
];

function versionOf(pkg: string): string {
  try {
    const file = fileURLToPath(new URL(`../node_modules/${pkg}/package.json`, import.meta.url));
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

function medianOf(s: ScenarioResult, name: string): number | undefined {
  return s.timings.find((t) => t.name === name)?.medianMs;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const versions = {
    node: process.version,
    "prom-client": versionOf("prom-client"),
    "@opentelemetry/sdk-metrics": versionOf("@opentelemetry/sdk-metrics"),
    "@opentelemetry/api": versionOf("@opentelemetry/api"),
  };
  const cpus = os.cpus();
  console.log("Metrics Playground engine benchmark");
  console.log(
    `node ${versions.node}, prom-client ${versions["prom-client"]}, @opentelemetry/sdk-metrics ${versions["@opentelemetry/sdk-metrics"]} (api ${versions["@opentelemetry/api"]})`,
  );
  console.log(`${cpus.length} × ${cpus[0]?.model ?? "?"}; ${os.platform()} ${os.arch()}`);
  console.log(
    `${N.toLocaleString("en-US")} values uniform in [0, 7000), mulberry32 seed 0x${SEED.toString(16)}; bounds ${BOUNDS.join(",")}`,
  );
  console.log(
    `record: ${RECORD_PASSES.warmup} warm-up + ${RECORD_PASSES.timed} timed passes, exposition: ${EXPO_PASSES.warmup} + ${EXPO_PASSES.timed}; interleaved; median pass reported\n`,
  );

  const scenarios: ScenarioResult[] = [];
  for (const run of [recordOneTagMap, recordHundredTagMaps, exposition]) {
    const s = await run();
    scenarios.push(s);
    console.error(`  ${s.id} done (${s.timings.map((t) => `${t.name} ${fmt(t.medianMs)} ms`).join(", ")})`);
  }

  const rows: string[][] = [];
  for (const s of scenarios) {
    const oursMs = medianOf(s, "ours")!;
    const floorMs = medianOf(s, "floor");
    s.timings.forEach((t, i) => {
      const perOp =
        s.unit === "op" ? `${fmt((t.medianMs * 1e6) / s.opsPerPass, 1)} ns` : `${fmt(t.medianMs, 2)} ms`;
      const rate = (s.opsPerPass * 1000) / t.medianMs;
      rows.push([
        i === 0 ? `${s.id} ${s.title}` : "",
        t.name,
        perOp,
        s.unit === "op" ? `${fmt(rate / 1e6, 2)} M/s` : `${fmt(rate, 1)} /s`,
        s.unit === "op" ? `${fmt((t.bestMs * 1e6) / s.opsPerPass, 1)} ns` : `${fmt(t.bestMs, 2)} ms`,
        `${fmt(t.medianMs / oursMs)}×`,
        floorMs === undefined ? "-" : `${fmt(t.medianMs / floorMs)}×`,
      ]);
    });
  }
  console.log(
    table(["scenario", "contestant", "median/op", "rate", "best/op", "time ÷ ours", "time ÷ floor"], rows),
  );
  console.log(
    "\ntime ÷ ours: how many times longer than ours the contestant takes (= ours' speed-up over it)." +
      "\ntime ÷ floor: how many times longer than the floor (pre-resolved series, no tags, no API)." +
      "\nprom-client and otel: 1a/1b record; 1c has no otel row (no text exposition without" +
      " @opentelemetry/exporter-prometheus, which is not installed).",
  );
  for (const s of scenarios) for (const n of s.notes) console.log(`${s.id} ${n}`);

  const goalRows: string[][] = [];
  const goalResults = GOALS.map((g) => {
    const s = scenarios.find((x) => x.id === g.scenario)!;
    const speedup = medianOf(s, g.peer)! / medianOf(s, "ours")!;
    const met = speedup >= g.atLeast;
    goalRows.push([
      g.scenario,
      `ours ≥ ${g.atLeast}× ${g.peer}`,
      `${fmt(speedup)}×`,
      met
        ? `yes, ${fmt(speedup / g.atLeast)}× the goal`
        : `NO: short by ${fmt(((g.atLeast - speedup) / g.atLeast) * 100, 0)}%; ours must get ${fmt(g.atLeast / speedup)}× faster`,
    ]);
    return { ...g, speedup, met };
  });
  console.log("\n" + table(["scenario", "goal", "measured", "met"], goalRows));

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `\ncorrectness: ${failures.length === 0 ? "all contestants agree (counts, sums, every bucket; exposition sample sets)" : `${failures.length} MISMATCH(ES), see above`}`,
  );
  console.log(`total run time ${fmt(seconds, 1)} s (checksum ${sink})`);

  const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    `${resultsDir}latest.json`,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        versions,
        machine: { cpus: cpus.length, model: cpus[0]?.model, platform: os.platform(), arch: os.arch() },
        config: { N, seed: SEED, bounds: BOUNDS, recordPasses: RECORD_PASSES, expositionPasses: EXPO_PASSES },
        scenarios,
        goals: goalResults,
        failures,
        seconds,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`wrote bench/results/latest.json`);
  if (failures.length > 0) process.exitCode = 1;
}

await main();
