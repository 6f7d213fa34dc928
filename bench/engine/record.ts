// Scenarios 1a and 1b: record 1M values into a 13-bound histogram, under one label set (1a)
// or 100 distinct pre-built ones used in turn (1b), by every contestant on the same values.
// Ours records twice: with TagMaps (the fast path: a reused TagMap memoizes its rows) and with
// plain `{ method }` objects (what prom-client users write; each call validates and builds a
// TagMap), so the cost of each form is a figure. Everyone's histograms must agree at the end.
import type { Attributes } from "@opentelemetry/api";

import { TagMap, tagKey } from "../../src/engine";
import { type Contestant, race } from "../harness";
import { failures, N, out, RECORD_PASSES, values } from "./data";
import {
  crossCheck,
  emptyRow,
  floorObserve,
  otelHistogram,
  otelState,
  ourHistogram,
  ourState,
  promHistogram,
  promState,
} from "./histograms";
import type { ScenarioResult } from "./scenario";

async function recordScenario(id: string, title: string, sets: number): Promise<ScenarioResult> {
  const name = `latency_${id}`;
  const key = tagKey("method");
  const methods = Array.from({ length: sets }, (_, i) => (sets === 1 ? "repl" : `m${i}`));
  const ours = ourHistogram(name);
  const tagMaps = methods.map((v) => TagMap.empty().insert(key, v));
  const oursPlain = ourHistogram(name);
  const objects = methods.map((method) => ({ method }));
  const prom = promHistogram(name);
  const otel = otelHistogram(name);
  const attrSets: Attributes[] = methods.map((method) => ({ method }));
  const floor = methods.map(() => emptyRow());
  const before = failures.length;

  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        const { stats, m } = ours;
        for (let i = 0; i < N; i++) stats.record(tagMaps[i % sets]!, m.m(values[i]!));
      },
    },
    {
      name: "ours, { } object",
      run: () => {
        const { stats, m } = oursPlain;
        for (let i = 0; i < N; i++) stats.record(objects[i % sets]!, m.m(values[i]!));
      },
    },
    {
      name: "prom-client",
      run: () => {
        for (let i = 0; i < N; i++) prom.observe(objects[i % sets]!, values[i]!);
      },
    },
    {
      name: "otel",
      run: () => {
        const h = otel.histogram;
        for (let i = 0; i < N; i++) h.record(values[i]!, attrSets[i % sets]!);
      },
    },
    {
      name: "floor",
      run: () => {
        for (let i = 0; i < N; i++) floorObserve(floor[i % sets]!, values[i]!);
      },
    },
  ];
  const timings = await race(contestants, RECORD_PASSES.warmup, RECORD_PASSES.timed);
  crossCheck(
    id,
    (RECORD_PASSES.warmup + RECORD_PASSES.timed) * N,
    {
      floor: new Map(floor.map((r, i) => [methods[i]!, r])),
      ours: ourState(ours.stats, name),
      "ours, { } object": ourState(oursPlain.stats, name),
      "prom-client": await promState(prom),
      otel: await otelState(otel.reader, name),
    },
    "floor",
  );
  for (const r of floor) out.sink += r.count;
  await otel.provider.shutdown();
  const notes = failures.length === before ? [] : ["see the mismatches above"];
  return { id, title, unit: "op", opsPerPass: N, timings, notes };
}

export const recordOneSet = () => recordScenario("1a", "record, one reused label set", 1);
export const recordHundredSets = () => recordScenario("1b", "record, 100 distinct pre-built label sets", 100);
