// `npm run bench:promql`: the PromQL evaluator against Prometheus 2.42 itself, on the same data,
// in one script; and what the page's self-scrape costs.
// Scenarios:
//   3a 1 h of 1 s scrapes for 200 series (180 `x_bucket` series: 15 instances × 12 `le`; 20
//      `lines_total` series: 4 instances × 5 statuses), as a range query over the hour at the
//      step Prometheus's UI picks (range / 250 → 14 s): `histogram_quantile(0.99, sum by (le)
//      (rate(x_bucket[5m])))` and `sum by (status) (rate(lines_total[1m]))`. Ours: rangeQuery
//      in this process. Prometheus: the same history backfilled (promtool) and served on a free
//      port; its own execution time (`stats=all` → timings.execTotalTime) and the HTTP round trip.
//      Goal: ours ≤ Prometheus's execution time. The answers are compared (same series, values to
//      1e-12) so a fast wrong answer cannot pass.
//   3b one self-scrape (the page's store/scrape.ts: 0.0.4 text of the moment, parsed, appended
//      with target labels and staleness) at 500 series. Goal: ≤ 2 ms.
// Method: warm-up, then the median of timed runs, interleaved; goals are reported, never asserted.
import { count, createStats, distribution, measureFloat64, TagMap, tagKey } from "../../src/engine";
import { toPrometheusText } from "../../src/engine/exposition";
import { createSeriesStore, rangeQuery, type QueryData } from "../../src/promql";
import { historyOpenMetrics, type HistorySeries } from "../../src/store/historyFile";
import { newScrapeLoop, scrapeInto } from "../../src/store/scrape";
import { backfilledPrometheus } from "../../test/promql/backfilled";
import { fmt, mulberry32, table } from "../harness";

const HOUR = 3_600_000;
const END = Math.floor(Date.now() / HOUR) * HOUR - HOUR; // a whole hour that Prometheus accepts
const START = END - HOUR;
const STEP = Math.max(Math.floor(HOUR / 250_000), 1) * 1000; // Prometheus UI: range / 250, whole seconds
const LES = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];
const QUERIES = ["histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))", "sum by (status) (rate(lines_total[1m]))"];
const RUNS = { warmup: 3, timed: 9 };

/** 200 counters scraped every second for an hour, each a seeded random walk upwards. */
function history(): HistorySeries[] {
  const random = mulberry32(7);
  const out: HistorySeries[] = [];
  const n = HOUR / 1000 + 1;
  const series = (labels: Record<string, string>, rate: () => number) => {
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += rate();
      t[i] = START + i * 1000;
      v[i] = total;
    }
    out.push({ labels, t, v, stale: new Uint8Array(n), n });
  };
  for (let inst = 0; inst < 15; inst++) {
    // Cumulative buckets: bucket k gets the share (k + 1) / 12 of each second's observations,
    // so every bucket counts at least what the one below it counts, and +Inf counts them all.
    const draws: number[] = [];
    for (let i = 0; i < n; i++) draws.push(Math.floor(random() * 20));
    LES.forEach((le, k) => {
      let i = 0;
      const share = (k + 1) / LES.length;
      series({ __name__: "x_bucket", instance: `i${inst}`, le }, () => Math.floor(draws[i++]! * share));
    });
  }
  for (let inst = 0; inst < 4; inst++)
    for (const status of ["200", "201", "404", "500", "503"]) series({ __name__: "lines_total", instance: `i${inst}`, status }, () => Math.floor(random() * 50));
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const close = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

function sameAnswer(ours: QueryData, theirs: { resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] }): string | null {
  if (ours.resultType !== "matrix") return `ours is a ${ours.resultType}`;
  const key = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort());
  const mine = new Map(ours.result.map((s) => [key(s.metric), s.values]));
  if (mine.size !== theirs.result.length) return `${mine.size} series, Prometheus ${theirs.result.length}`;
  for (const s of theirs.result) {
    const values = mine.get(key(s.metric));
    if (!values || values.length !== s.values.length) return `series ${key(s.metric)} differs in points`;
    for (let i = 0; i < values.length; i++)
      if (values[i]![0] !== s.values[i]![0] || !close(values[i]![1], Number(s.values[i]![1]))) return `series ${key(s.metric)} differs at ${values[i]![0]}`;
  }
  return null;
}

async function queryScenario(): Promise<string[][]> {
  const data = history();
  const store = createSeriesStore();
  for (const s of data) {
    const app = store.series(s.labels);
    for (let i = 0; i < s.n; i++) app.append(s.t[i]!, s.v[i]!);
  }
  const prometheus = await backfilledPrometheus(historyOpenMetrics(data));
  const rows: string[][] = [];
  try {
    for (const query of QUERIES) {
      const params = { query, start: String(START / 1000), end: String(END / 1000), step: String(STEP / 1000), stats: "all" };
      const ours: number[] = [];
      const exec: number[] = [];
      const http: number[] = [];
      let answer: QueryData | null = null;
      let theirs: unknown = null;
      for (let r = 0; r < RUNS.warmup + RUNS.timed; r++) {
        const t0 = performance.now();
        answer = rangeQuery(store, query, START, END, STEP);
        const t1 = performance.now();
        const h0 = performance.now();
        theirs = await prometheus.ask("/api/v1/query_range", params);
        const h1 = performance.now();
        if (r < RUNS.warmup) continue;
        ours.push(t1 - t0);
        http.push(h1 - h0);
        exec.push(1000 * Number((theirs as { data: { stats: { timings: { execTotalTime: number } } } }).data.stats.timings.execTotalTime));
      }
      const diff = sameAnswer(answer!, (theirs as { data: Parameters<typeof sameAnswer>[1] }).data);
      if (diff) throw new Error(`3a: our answer to ${query} differs from Prometheus's: ${diff}`);
      const [o, e, h] = [median(ours), median(exec), median(http)];
      rows.push([query, `${fmt(o, 1)} ms`, `${fmt(e, 1)} ms`, `${fmt(h, 1)} ms`, o <= e ? `yes, ${fmt(e / o)}× faster` : `NO: ${fmt(o / e)}× slower`]);
    }
  } finally {
    await prometheus.stop();
  }
  return rows;
}

/** An engine whose exposition has `rows` × 16 histogram series + `rows` counters + … ≈ 500 series. */
function scrapeScenario(): string[] {
  const stats = createStats();
  const latency = measureFloat64("bench/latency", { unit: "ms" });
  const key = tagKey("route");
  stats.registerView({ name: "latency", measure: latency, aggregation: distribution([0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000]), tagKeys: [key] });
  stats.registerView({ name: "requests", measure: latency, aggregation: count(), tagKeys: [key] });
  const random = mulberry32(3);
  for (let r = 0; r < 29; r++) for (let i = 0; i < 50; i++) stats.record(TagMap.empty().insert(key, `/r${r}`), latency.m(random() * 7000));
  const store = createSeriesStore();
  const loop = newScrapeLoop();
  let t = 1_700_000_000_000;
  const times: number[] = [];
  let series = 0;
  for (let i = 0; i < 300; i++) {
    stats.record(TagMap.empty().insert(key, `/r${i % 29}`), latency.m(random() * 7000));
    const t0 = performance.now();
    const report = scrapeInto(store, loop, toPrometheusText(stats.snapshot(), { naming: "prometheus" }), (t += 1000));
    const t1 = performance.now();
    if (i >= 50) times.push(t1 - t0);
    series = report!.scraped;
  }
  const m = median(times);
  return [`one self-scrape, ${series} series`, `${fmt(m, 3)} ms`, "≤ 2 ms", m <= 2 ? "yes" : "NO"];
}

console.log("Metrics Playground PromQL benchmark: the evaluator against Prometheus 2.42 on the same backfilled data");
console.log(`1 h of 1 s samples, 200 series; range queries over the hour at step ${STEP / 1000} s; median of ${RUNS.timed} runs after ${RUNS.warmup}\n`);
console.log(table(["3a query", "ours", "Prometheus exec", "Prometheus HTTP", "ours ≤ Prometheus exec"], await queryScenario()));
console.log();
console.log(table(["3b", "median", "goal", "met"], [scrapeScenario()]));
