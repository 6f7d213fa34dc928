// `npm run bench`: the stats engine against prom-client and @opentelemetry/sdk-metrics, in one
// process, on the same data, with a "floor" (the least work any histogram can do) as reference.
// Why: the engine claims to be cheap enough to record on every keystroke and to render the
// exposition on every change; this measures those two paths against the usual JS clients.
// Scenarios: 1a/1b record (record.ts), 1c/1d exposition with the snapshot (exposition.ts),
// 2a–2d the measurement log, exact quantiles and the advisor (log.ts), 3a record into an
// exponential histogram (exponential.ts), 4a record with exemplars on against off in the page's
// configuration (exemplars.ts), 5a record past a view's row limit against under it (overflow.ts).
// Method: each contestant is warmed up, then timed over several passes interleaved with the
// others; the median pass is reported (best in the JSON). Results are checked against each other
// after every scenario: a mismatch is printed and makes the process exit 1. Goals are reported
// as met or missed, never asserted.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

import { fmt, table } from "../harness";
import { BOUNDS, EXPO_PASSES, failures, N, out, RECORD_PASSES, SEED } from "./data";
import { recordWithExemplars } from "./exemplars";
import { recordExponential } from "./exponential";
import { expositionOpenMetrics, expositionText } from "./exposition";
import { logUses, recordWithLog } from "./log";
import { recordOverLimit } from "./overflow";
import { recordHundredSets, recordOneSet } from "./record";
import { medianOf, type ScenarioResult } from "./scenario";

interface Goal {
  scenario: string;
  peer: string;
  atLeast: number;
}
const GOALS: Goal[] = [
  { scenario: "1a", peer: "prom-client", atLeast: 5 },
  { scenario: "1a", peer: "otel", atLeast: 12 },
  { scenario: "1b", peer: "prom-client", atLeast: 8 },
  { scenario: "1c", peer: "prom-client", atLeast: 4 },
  { scenario: "1d", peer: "prom-client", atLeast: 4 },
  { scenario: "3a", peer: "otel", atLeast: 5 },
];
/** 2a: the log may make recording at most this much slower. */
const LOG_COST_GOAL = 1.15;
/** 4a: exemplars on may make the page's record at most this much slower. */
const EXEMPLAR_COST_GOAL = 1.2;
/** 5a: recording past the row limit (the overflow row) may be at most this much slower. */
const OVERFLOW_COST_GOAL = 1.1;

function versionOf(pkg: string): string {
  try {
    const file = fileURLToPath(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url));
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

function scenarioRows(s: ScenarioResult): string[][] {
  const oursMs = medianOf(s, "ours")!;
  const floorMs = medianOf(s, "floor");
  return s.timings.map((t, i) => {
    const rate = (s.opsPerPass * 1000) / t.medianMs;
    return [
      i === 0 ? `${s.id} ${s.title}` : "",
      t.name,
      s.unit === "op" ? `${fmt((t.medianMs * 1e6) / s.opsPerPass, 1)} ns` : `${fmt(t.medianMs, 2)} ms`,
      s.unit === "op" ? `${fmt(rate / 1e6, 2)} M/s` : `${fmt(rate, 1)} /s`,
      s.unit === "op" ? `${fmt((t.bestMs * 1e6) / s.opsPerPass, 1)} ns` : `${fmt(t.bestMs, 2)} ms`,
      `${fmt(t.medianMs / oursMs)}×`,
      floorMs === undefined ? "-" : `${fmt(t.medianMs / floorMs)}×`,
    ];
  });
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
  console.log(`${N.toLocaleString("en-US")} values uniform in [0, 7000), mulberry32 seed 0x${SEED.toString(16)}; bounds ${BOUNDS.join(",")}`);
  console.log(
    `record: ${RECORD_PASSES.warmup} warm-up + ${RECORD_PASSES.timed} timed passes, exposition: ${EXPO_PASSES.warmup} + ${EXPO_PASSES.timed}; interleaved; median pass reported\n`,
  );

  const scenarios: ScenarioResult[] = [];
  for (const run of [recordOneSet, recordHundredSets, expositionText, expositionOpenMetrics, recordWithLog, recordExponential, recordWithExemplars, recordOverLimit]) {
    const s = await run();
    scenarios.push(s);
    console.error(`  ${s.id} done (${s.timings.map((t) => `${t.name} ${fmt(t.medianMs)} ms`).join(", ")})`);
  }

  console.log(table(["scenario", "contestant", "median/op", "rate", "best/op", "time ÷ ours", "time ÷ floor"], scenarios.flatMap(scenarioRows)));
  console.log(
    "\ntime ÷ ours: how many times longer than ours the contestant takes (= ours' speed-up over it)." +
      "\ntime ÷ floor: how many times longer than the floor (pre-resolved series, no tags, no API)." +
      '\n"ours, { } object": ours recording with plain { method } objects instead of TagMaps.' +
      "\n1c/1d have no otel row (no text exposition without @opentelemetry/exporter-prometheus, which is not installed)." +
      '\n3a "ours, ms": ours into a measure in ms, folded as seconds (the exponential histogram\'s unit rule).',
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
      met ? `yes, ${fmt(speedup / g.atLeast)}× the goal` : `NO: ours must get ${fmt(g.atLeast / speedup)}× faster`,
    ]);
    return { ...g, speedup, met };
  });
  const log = scenarios.find((x) => x.id === "2a")!;
  const logCost = medianOf(log, "ours, log on")! / medianOf(log, "ours")!;
  goalRows.push([
    "2a",
    `log on ≤ ${LOG_COST_GOAL}× log off`,
    `${fmt(logCost)}×`,
    logCost <= LOG_COST_GOAL ? "yes" : `NO: the log costs ${fmt((logCost - 1) * 100, 0)}%`,
  ]);
  const ex = scenarios.find((x) => x.id === "4a")!;
  const exemplarCost = medianOf(ex, "ours, exemplars on")! / medianOf(ex, "ours")!;
  goalRows.push([
    "4a",
    `exemplars on ≤ ${EXEMPLAR_COST_GOAL}× off`,
    `${fmt(exemplarCost)}×`,
    exemplarCost <= EXEMPLAR_COST_GOAL ? "yes" : `NO: exemplars cost ${fmt((exemplarCost - 1) * 100, 0)}%`,
  ]);
  const over = scenarios.find((x) => x.id === "5a")!;
  const overflowCost = medianOf(over, "ours, over limit")! / medianOf(over, "ours")!;
  goalRows.push([
    "5a",
    `over the row limit ≤ ${OVERFLOW_COST_GOAL}× under it`,
    `${fmt(overflowCost)}×`,
    overflowCost <= OVERFLOW_COST_GOAL ? "yes" : `NO: the overflow row costs ${fmt((overflowCost - 1) * 100, 0)}%`,
  ]);
  const uses = logUses();
  console.log(
    "\n" +
      table(
        ["scenario", "what", "median", "best", "goal"],
        uses.map((u) => [u.id, u.title, `${fmt(u.medianMs)} ms`, `${fmt(u.bestMs)} ms`, `≤ ${u.goalMs} ms`]),
      ),
  );
  for (const u of uses)
    goalRows.push([u.id, `≤ ${u.goalMs} ms`, `${fmt(u.medianMs)} ms`, u.medianMs <= u.goalMs ? "yes" : "NO"]);
  console.log("\n" + table(["scenario", "goal", "measured", "met"], goalRows));

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `\ncorrectness: ${failures.length === 0 ? "all contestants agree (counts, sums, every bucket; exposition sample sets)" : `${failures.length} MISMATCH(ES), see above`}`,
  );
  console.log(`total run time ${fmt(seconds, 1)} s (checksum ${out.sink})`);

  const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));
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
        logUses: uses,
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
