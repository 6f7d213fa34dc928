// Differential check against a real Prometheus 2.42 (the Debian package's `prometheus` and
// `promtool`): a deterministic history (counters with a reset and a gap, gauges, classic
// histograms, and the page's own history made by its store: pageHistory.ts) is loaded into this evaluator's store and, as OpenMetrics, backfilled with
// `promtool tsdb create-blocks-from openmetrics` into a temporary Prometheus; every query of
// test/promql/corpus.txt is then asked of both, instant at several times and as range queries,
// and the answers compared: same label sets, values equal to 1e-12 relative (NaN equals NaN),
// an error where Prometheus errors. Usage: npx tsx test/promql/differential.ts [--verbose]
// Rule: instant vectors are compared in order (Prometheus's evaluation order), except where Go
// iterates a map (histogram_quantile, subqueries); range results are sorted by labels in both.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSeriesStore, instantQuery, PromQLError, rangeQuery, type QueryData } from "../../src/promql/index";
import { seededRandom } from "../../src/repl/simulator";
import { historyOpenMetrics } from "../../src/store/historyFile";
import { backfilledPrometheus } from "./backfilled";
import { pageHistory } from "./pageHistory";

const verbose = process.argv.includes("--verbose");

const STEP_MS = 10_000;
const SPAN_MS = 90 * 60_000;
const T0 = Math.floor((Date.now() - 3 * 3600_000) / 3600_000) * 3600_000;

interface GenSeries {
  labels: Record<string, string>;
  points: [number, number][];
}

function generate(): GenSeries[] {
  const rand = seededRandom(42);
  const out: GenSeries[] = [];
  const steps = SPAN_MS / STEP_MS;
  for (const instance of ["i1", "i2", "i3"]) {
    for (const status of ["200", "500"]) {
      const s: GenSeries = { labels: { __name__: "http_requests_total", job: "api", instance, status }, points: [] };
      let v = Math.floor(rand() * 100);
      for (let k = 0; k <= steps; k++) {
        if (instance === "i3" && status === "500" && k > 200 && k < 240) continue; // a gap
        if (instance === "i2" && k === 300) v = 0; // a reset
        v += Math.floor(rand() * (status === "200" ? 20 : 3));
        s.points.push([T0 + k * STEP_MS, v]);
      }
      out.push(s);
    }
    const g: GenSeries = { labels: { __name__: "queue_depth", job: "api", instance }, points: [] };
    let q = 5;
    for (let k = 0; k <= steps; k++) {
      q += Math.round((rand() - 0.5) * 40) / 10;
      g.points.push([T0 + k * STEP_MS, q]);
    }
    out.push(g);
    const bounds = ["0.1", "0.5", "1", "+Inf"];
    const counts = [0, 0, 0, 0];
    let sum = 0;
    const buckets = bounds.map((le) => ({ labels: { __name__: "latency_seconds_bucket", job: "api", instance, le }, points: [] as [number, number][] }));
    const sumSeries: GenSeries = { labels: { __name__: "latency_seconds_sum", job: "api", instance }, points: [] };
    const countSeries: GenSeries = { labels: { __name__: "latency_seconds_count", job: "api", instance }, points: [] };
    for (let k = 0; k <= steps; k++) {
      const n = Math.floor(rand() * 10);
      for (let j = 0; j < n; j++) {
        const x = rand() * rand() * 2;
        sum += x;
        for (let b = 0; b < bounds.length; b++) if (x <= Number(bounds[b]!.replace("+Inf", "Infinity"))) counts[b]!++;
      }
      const t = T0 + k * STEP_MS;
      buckets.forEach((bk, b) => bk.points.push([t, counts[b]!]));
      sumSeries.points.push([t, sum]);
      countSeries.points.push([t, counts[3]!]);
    }
    out.push(...buckets, sumSeries, countSeries);
  }
  for (const room of ["a", "b"]) {
    const s: GenSeries = { labels: { __name__: "temperature", room }, points: [] };
    for (let k = 0; k <= steps; k += 3) s.points.push([T0 + k * STEP_MS, 20 + Math.round(rand() * 1000) / 100 - (room === "b" ? 25 : 0)]);
    out.push(s);
  }
  // Special values and ties.
  const special: GenSeries[] = ["nan", "inf", "flat1", "flat2", "flat3"].map((kind) => ({ labels: { __name__: "weird", kind }, points: [] }));
  for (let k = 0; k <= steps; k++) {
    const t = T0 + k * STEP_MS;
    special[0]!.points.push([t, k % 7 === 0 ? NaN : k % 5]);
    special[1]!.points.push([t, k % 11 === 0 ? Infinity : k % 13 === 0 ? -Infinity : k]);
    special[2]!.points.push([t, 3]);
    special[3]!.points.push([t, 3]);
    special[4]!.points.push([t, k % 2]);
  }
  out.push(...special);
  // Many series with few distinct values (and some NaN): Go's sort order of ties.
  for (let i = 0; i < 30; i++) {
    const s: GenSeries = { labels: { __name__: "ties", i: String(i).padStart(2, "0") }, points: [] };
    for (let k = 0; k <= steps; k++) s.points.push([T0 + k * STEP_MS, (i * 7 + k) % 13 === 0 ? NaN : ((i + k) * 5) % 4]);
    out.push(s);
  }
  // A series that ends early (absent, lookback).
  const early: GenSeries = { labels: { __name__: "early_metric", job: "batch" }, points: [] };
  for (let k = 0; k <= steps / 3; k++) early.points.push([T0 + k * STEP_MS, k]);
  out.push(early);
  return out;
}

interface PromResponse {
  status: string;
  data?: { resultType: string; result: unknown };
  error?: string;
}

type Norm = { kind: "error"; message: string } | { kind: string; items: { key: string; values: [number, number][] }[] };

function normalizeOurs(d: QueryData): Norm {
  switch (d.resultType) {
    case "vector":
      return { kind: "vector", items: d.result.map((s) => ({ key: JSON.stringify(Object.entries(s.metric).sort()), values: [s.value] })) };
    case "matrix":
      return { kind: "matrix", items: d.result.map((s) => ({ key: JSON.stringify(Object.entries(s.metric).sort()), values: s.values })) };
    case "scalar":
      return { kind: "scalar", items: [{ key: "", values: [d.result] }] };
    case "string":
      return { kind: "string", items: [] };
  }
}

function normalizeProm(r: PromResponse): Norm {
  if (r.status !== "success") return { kind: "error", message: r.error ?? "" };
  const d = r.data!;
  const num = (x: string) => (x === "+Inf" ? Infinity : x === "-Inf" ? -Infinity : Number(x));
  const key = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort());
  if (d.resultType === "vector") {
    return { kind: "vector", items: (d.result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({ key: key(s.metric), values: [[s.value[0], num(s.value[1])]] })) };
  }
  if (d.resultType === "matrix") {
    return {
      kind: "matrix",
      items: (d.result as { metric: Record<string, string>; values: [number, string][] }[]).map((s) => ({ key: key(s.metric), values: s.values.map(([t, v]) => [t, num(v)] as [number, number]) })),
    };
  }
  if (d.resultType === "scalar") {
    const [t, v] = d.result as [number, string];
    return { kind: "scalar", items: [{ key: "", values: [[t, num(v)]] }] };
  }
  return { kind: d.resultType, items: [] };
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

function compare(ours: Norm, theirs: Norm, ordered: boolean): string | undefined {
  if (ours.kind === "error" || theirs.kind === "error") {
    if (ours.kind === theirs.kind) return undefined;
    return ours.kind === "error" ? `we refused (${(ours as { message: string }).message}), Prometheus answered` : `Prometheus refused (${(theirs as { message: string }).message}), we answered`;
  }
  if (ours.kind !== theirs.kind) return `result type ${ours.kind} vs Prometheus ${theirs.kind}`;
  const a = "items" in ours ? ours.items.slice() : [];
  const b = "items" in theirs ? theirs.items.slice() : [];
  if (!ordered) {
    a.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    b.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  }
  if (a.length !== b.length) return `${a.length} series vs Prometheus ${b.length}: ours ${a.map((x) => x.key).join(" ")} / theirs ${b.map((x) => x.key).join(" ")}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.key !== b[i]!.key) return `series ${a[i]!.key} vs Prometheus ${b[i]!.key}`;
    const av = a[i]!.values;
    const bv = b[i]!.values;
    if (av.length !== bv.length) return `${a[i]!.key}: ${av.length} points vs Prometheus ${bv.length}`;
    for (let j = 0; j < av.length; j++) {
      if (Math.abs(av[j]![0] - bv[j]![0]) > 1e-9) return `${a[i]!.key}: point ${j} at ${av[j]![0]} vs Prometheus ${bv[j]![0]}`;
      if (!close(av[j]![1], bv[j]![1])) return `${a[i]!.key}: at ${av[j]![0]} value ${av[j]![1]} vs Prometheus ${bv[j]![1]}`;
    }
  }
  return undefined;
}

async function main(): Promise<void> {
  const corpusPath = fileURLToPath(new URL("./corpus.txt", import.meta.url));
  const queries = readFileSync(corpusPath, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  // Synthetic series that reach every function's edge cases, and the page's own history (its
  // engine, store and self-scrape on a virtual clock: fill, typed lines, a reset, a naming
  // switch, a gap).
  const page = pageHistory(T0);
  const upSamples = page.find((p) => p.labels.__name__ === "up")?.points.length ?? 0;
  const pageSamples = page.reduce((n, p) => n + p.points.length, 0);
  // 901 scrapes of the filled 15 minutes, then one every 5 s for 71 of the 81 live minutes.
  if (upSamples !== 901 + 852) throw new Error(`the page's history has ${upSamples} up samples, not ${901 + 852}`);
  console.log(`the page's history: ${page.length} series, ${pageSamples} samples`);
  const series = [...generate(), ...page];
  const store = createSeriesStore();
  for (const s of series) {
    const app = store.series(s.labels);
    for (const [t, v] of s.points) app.append(t, v);
  }
  // The page's own history writer (its "Download history"), so the proof covers that file too.
  const prometheus = await backfilledPrometheus(
    historyOpenMetrics(series.map((g) => ({ labels: g.labels, t: g.points.map((p) => p[0]), v: g.points.map((p) => p[1]), stale: [], n: g.points.length }))),
  );
  try {
    const ask = (path: string, params: Record<string, string>) => prometheus.ask(path, params) as Promise<PromResponse>;
    const instants = [T0 + 30 * 60_000, T0 + 60 * 60_000 + 7_000, T0 + 89 * 60_000 + 55_000, T0 + 95 * 60_000];
    const ranges: [number, number, number][] = [
      [T0 + 10 * 60_000, T0 + 80 * 60_000, 60_000],
      [T0 + 5 * 60_000 + 3_000, T0 + 95 * 60_000, 37_000],
    ];
    let checks = 0;
    let mismatches = 0;
    const badQueries = new Set<string>();
    const badMessages = new Set<string>();
    let messageDiffs = 0;
    for (const q of queries) {
      // Instant vectors come in evaluation order, which this evaluator follows, except where Go
      // iterates a map: histogram_quantile's groups, and a subquery's series (evaluated over
      // several steps, assembled in a map).
      const ordered = !/histogram_quantile|\[[^\]]*:/.test(q);
      const runs: { what: string; ours: () => QueryData; theirs: () => Promise<PromResponse> }[] = [];
      for (const t of instants) {
        runs.push({ what: `instant at T0+${(t - T0) / 1000}s`, ours: () => instantQuery(store, q, t), theirs: () => ask("/api/v1/query", { query: q, time: String(t / 1000) }) });
      }
      for (const [s, e, step] of ranges) {
        runs.push({
          what: `range T0+${(s - T0) / 1000}s..T0+${(e - T0) / 1000}s step ${step / 1000}s`,
          ours: () => rangeQuery(store, q, s, e, step),
          theirs: () => ask("/api/v1/query_range", { query: q, start: String(s / 1000), end: String(e / 1000), step: String(step / 1000) }),
        });
      }
      for (const run of runs) {
        checks++;
        let ours: Norm;
        try {
          ours = normalizeOurs(run.ours());
        } catch (e) {
          if (!(e instanceof PromQLError)) throw e;
          ours = { kind: "error", message: e.prometheusText(q) };
        }
        const theirs = normalizeProm(await run.theirs());
        const diff = compare(ours, theirs, ordered);
        if (diff !== undefined) {
          mismatches++;
          if (verbose || !badQueries.has(q)) console.log(`MISMATCH ${q} (${run.what}): ${diff.slice(0, 400)}`);
          badQueries.add(q);
        } else if (ours.kind === "error") {
          const mine = (ours as { message: string }).message;
          const prom = (theirs as { message: string }).message.replace(/^invalid parameter "query": /, "");
          if (mine !== prom) {
            messageDiffs++;
            if (verbose || !badMessages.has(q)) console.log(`MESSAGE ${q} (${run.what}): ours ${JSON.stringify(mine)} / Prometheus ${JSON.stringify(prom)}`);
            badMessages.add(q);
          }
        }
      }
    }
    console.log(`\n${queries.length} queries, ${checks} checks: ${checks - mismatches} agree, ${mismatches} differ (${badQueries.size} queries)`);
    console.log(`error messages: ${messageDiffs} checks (${badMessages.size} queries) refused by both with different wording`);
    process.exitCode = mismatches === 0 && messageDiffs === 0 ? 0 : 1;
  } finally {
    await prometheus.stop();
  }
}

// The whole run is bounded: a Prometheus that hangs fails the check instead of the CI.
const LIMIT_MS = 5 * 60_000;
setTimeout(() => {
  console.error(`differential check: no result after ${LIMIT_MS / 60_000} minutes`);
  process.exit(1);
}, LIMIT_MS).unref();
await main();
