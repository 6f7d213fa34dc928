// Scenarios 1c and 1d: the exposition of a 1,000-row histogram and a 1,000-row counter, as a
// user calls it — `toText(stats.snapshot(), …)` (the snapshot included), UTF-8 encoded — in
// Prometheus text 0.0.4 (1c) and OpenMetrics 1.0 (1d), against prom-client's
// `registry.metrics()` in the same format. Ours writes `_created` in OpenMetrics (its default;
// prom-client writes none), so ours does more work there. Both sides must write the same
// samples (`_created` aside) with the same `_count` and counter totals.
import { Counter, Histogram, Registry, type RegistryContentType } from "prom-client";

import { count, createStats, distribution, measureFloat64, TagMap, tagKey } from "../../src/engine";
import { type ExpositionFormat, toText } from "../../src/engine/exposition";
import { type Contestant, race } from "../harness";
import { BOUNDS, EXPO_PASSES, fail, out, values } from "./data";
import type { ScenarioResult } from "./scenario";

const ROWS = 1000;
const OBS_PER_ROW = 5;
const INC_PER_ROW = 3;

/** Ours and prom-client holding the same two metrics, named alike under namespace "bench". */
function fill(format: ExpositionFormat) {
  const stats = createStats();
  const latency = measureFloat64("latency", { description: "request latency", unit: "ms" });
  const request = measureFloat64("request", { description: "requests served", unit: "1" });
  const method = tagKey("method");
  const path = tagKey("path");
  stats.registerView(
    { name: "latency", measure: latency, aggregation: distribution(BOUNDS), tagKeys: [method] },
    { name: "requests", measure: request, aggregation: count(), tagKeys: [path] },
  );
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(format === "openmetrics" ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE);
  const h = new Histogram({ name: "bench_latency", help: "request latency", labelNames: ["method"], buckets: [...BOUNDS], registers: [registry] });
  const c = new Counter({ name: "bench_requests", help: "requests served", labelNames: ["path"], registers: [registry] });
  let vi = 0;
  for (let r = 0; r < ROWS; r++) {
    const mv = `m${r}`;
    const pv = `/p/${r}`;
    const mt = TagMap.empty().insert(method, mv);
    const pt = TagMap.empty().insert(path, pv);
    for (let k = 0; k < OBS_PER_ROW; k++) {
      const v = values[vi++]!;
      stats.record(mt, latency.m(v));
      h.observe({ method: mv }, v);
    }
    for (let k = 0; k < INC_PER_ROW; k++) {
      stats.record(pt, request.m(1));
      c.inc({ path: pv });
    }
  }
  return { stats, registry };
}

/** The sample lines (`_created` aside), the `_count` total, the counter total and the bytes. */
function summary(text: string) {
  let samples = 0;
  let histCount = 0;
  let counter = 0;
  for (const l of text.split("\n")) {
    if (l === "" || l.startsWith("#") || /^\S+_created[{ ]/.test(l)) continue;
    samples++;
    const v = Number(l.slice(l.lastIndexOf(" ") + 1));
    if (l.startsWith("bench_latency_count")) histCount += v;
    else if (l.startsWith("bench_requests")) counter += v;
  }
  return { samples, histCount, counter, bytes: new TextEncoder().encode(text).length };
}

async function expositionScenario(id: string, format: ExpositionFormat): Promise<ScenarioResult> {
  const { stats, registry } = fill(format);
  const encoder = new TextEncoder();
  const write = () => toText(stats.snapshot(), { format, namespace: "bench" });
  const oursText = write();
  const promText = await registry.metrics();
  // Floor: concatenating the same number of already formatted lines, then encoding.
  const lines = oursText.split("\n").filter((l) => l !== "");

  const contestants: Contestant[] = [
    { name: "ours", run: () => void (out.sink += encoder.encode(write()).length) },
    { name: "prom-client", run: async () => void (out.sink += encoder.encode(await registry.metrics()).length) },
    {
      name: "floor",
      run: () => {
        let s = "";
        for (let i = 0; i < lines.length; i++) s += lines[i]! + "\n";
        out.sink += encoder.encode(s).length;
      },
    },
  ];
  const timings = await race(contestants, EXPO_PASSES.warmup, EXPO_PASSES.timed);

  const o = summary(oursText);
  const p = summary(promText);
  const expectSamples = ROWS * (BOUNDS.length + 3) + ROWS;
  if (o.samples !== expectSamples) fail(`${id}: ours writes ${o.samples} sample lines, expected ${expectSamples}`);
  if (p.samples !== o.samples) fail(`${id}: prom-client writes ${p.samples} sample lines, ours ${o.samples}`);
  if (p.histCount !== o.histCount || o.histCount !== ROWS * OBS_PER_ROW)
    fail(`${id}: histogram _count total: ours ${o.histCount}, prom-client ${p.histCount}`);
  if (p.counter !== o.counter || o.counter !== ROWS * INC_PER_ROW)
    fail(`${id}: counter total: ours ${o.counter}, prom-client ${p.counter}`);

  const name = format === "openmetrics" ? "OpenMetrics 1.0" : "Prometheus text 0.0.4";
  return {
    id,
    title: `exposition with snapshot, ${name}`,
    unit: "exposition",
    opsPerPass: 1,
    timings,
    notes: [
      `output: ours ${o.bytes} bytes, prom-client ${p.bytes} bytes; ${o.samples} samples each` +
        (format === "openmetrics" ? ` (+${ROWS * 2} _created lines in ours)` : ""),
    ],
  };
}

export const expositionText = () => expositionScenario("1c", "prometheus");
export const expositionOpenMetrics = () => expositionScenario("1d", "openmetrics");
