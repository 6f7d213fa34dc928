// Staleness goldens checked by real Prometheus: the differential check (differential.ts) backfills
// OpenMetrics, which cannot carry staleness markers, so the cases that need them are checked here
// with `promtool test rules` (Prometheus 2.42's rules unit tests, Debian package `prometheus`).
// Each scenario's samples (sample i at i × interval ms from 0, `stale` a marker, `_` none) go into
// our store and, in series notation, into a unit-test file whose expected samples are our
// evaluator's answers: instant queries at each eval time, and the steps of range queries. The
// scenarios: a series ended by a marker that comes back (as after a reset), a naming switch (a
// ends with a marker where b starts), and the page's own self-scrape (scrapeInto) across a reset.
// Rule: promtool must report SUCCESS: same label sets and bit-for-bit the same values (2.42
// compares floats exactly) at every eval time; otherwise the test fails with promtool's output.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { count, createStats, measureFloat64, TagMap, tagKey } from "../../src/engine";
import { toPrometheusText } from "../../src/engine/exposition";
import {
  createSeriesStore,
  instantQuery,
  isStaleNaN,
  rangeQuery,
  STALE_NAN,
  type Metric,
  type QueryData,
  type SeriesAppender,
  type SeriesStore,
} from "../../src/promql/index";
import { newScrapeLoop, scrapeInto } from "../../src/store/scrape";

// ---------------------------------------------------------------------------------------------
// Series: our samples and Prometheus's series notation (promql/parser, series_values)

/** One slot of a series: a value, a staleness marker, or no sample. */
type Slot = number | "stale" | null;

interface InputSeries {
  labels: Metric;
  /** Slot i is the sample at i × interval ms. */
  slots: Slot[];
}

/**
 * Expands the subset of series notation used here, as Prometheus 2.42's grammar does: `_` (no
 * sample), `_xN` (N slots without a sample), `stale`, `v`, `vxN` (N + 1 times v) and `v+dxN` /
 * `v-dxN` (N + 1 values from v, adding d in float64 each time, as the parser does).
 */
function expand(notation: string): Slot[] {
  const out: Slot[] = [];
  const num = String.raw`[-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN)`;
  const item = new RegExp(String.raw`^(?:(_)(?:x([0-9]+))?|(stale)|(${num})(?:([-+][0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)?x([0-9]+))?)$`);
  for (const word of notation.trim().split(/\s+/)) {
    const m = item.exec(word);
    if (!m) throw new Error(`series notation not understood here: ${word}`);
    if (m[1] !== undefined) {
      for (let i = 0; i < (m[2] === undefined ? 1 : Number(m[2])); i++) out.push(null);
    } else if (m[3] !== undefined) {
      out.push("stale");
    } else {
      let v = Number(m[4]!.replace(/Inf$/, "Infinity"));
      const delta = m[5] === undefined ? 0 : Number(m[5]);
      const times = m[6] === undefined ? 0 : Number(m[6]);
      for (let i = 0; i <= times; i++) {
        out.push(v);
        v += delta;
      }
    }
  }
  return out;
}

/** Slots as series notation, one word a slot (runs of `_` as `_xN`). */
function notation(slots: readonly Slot[]): string {
  const words: string[] = [];
  for (let i = 0; i < slots.length; ) {
    const s = slots[i]!;
    if (s === null) {
      let j = i;
      while (j < slots.length && slots[j] === null) j++;
      words.push(j - i === 1 ? "_" : `_x${j - i}`);
      i = j;
      continue;
    }
    words.push(s === "stale" ? "stale" : Number.isNaN(s) ? "NaN" : s === Infinity ? "Inf" : s === -Infinity ? "-Inf" : String(s));
    i++;
  }
  return words.join(" ");
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Labels as PromQL writes a series: `name{a="1"}`, or `{a="1"}` without a name. */
function seriesText(metric: Metric): string {
  const name = metric.__name__;
  const rest = Object.keys(metric)
    .filter((k) => k !== "__name__" || name === undefined || !METRIC_NAME.test(name))
    .sort()
    .map((k) => `${k}=${JSON.stringify(metric[k])}`)
    .join(",");
  if (name !== undefined && METRIC_NAME.test(name)) return rest === "" ? name : `${name}{${rest}}`;
  return `{${rest}}`;
}

// ---------------------------------------------------------------------------------------------
// Scenarios and their goldens

interface RangeSpec {
  expr: string;
  startMs: number;
  endMs: number;
  stepMs: number;
}

interface Scenario {
  name: string;
  intervalMs: number;
  series: InputSeries[];
  /** Instant queries, each at every time of `timesMs`. */
  exprs: string[];
  timesMs: number[];
  ranges: RangeSpec[];
}

interface Golden {
  expr: string;
  timeMs: number;
  samples: { metric: Metric; value: number }[];
  from: "instant" | "range";
}

function loadStore(sc: Scenario): SeriesStore {
  const store = createSeriesStore();
  for (const s of sc.series)
    s.slots.forEach((slot, i) => {
      if (slot !== null) store.append(s.labels, i * sc.intervalMs, slot === "stale" ? STALE_NAN : slot);
    });
  return store;
}

function vectorOf(data: QueryData, expr: string): { metric: Metric; value: number }[] {
  if (data.resultType === "vector") return data.result.map((r) => ({ metric: r.metric, value: r.value[1] }));
  if (data.resultType === "scalar") return [{ metric: {}, value: data.result[1] }];
  throw new Error(`${expr}: a ${data.resultType} result cannot be a promtool golden`);
}

/** Our evaluator's answers: every instant query at every time, and every range query's steps. */
function goldens(sc: Scenario, store: SeriesStore): Golden[] {
  const out: Golden[] = [];
  for (const expr of sc.exprs)
    for (const timeMs of sc.timesMs) out.push({ expr, timeMs, samples: vectorOf(instantQuery(store, expr, timeMs), expr), from: "instant" });
  for (const r of sc.ranges) {
    const data = rangeQuery(store, r.expr, r.startMs, r.endMs, r.stepMs);
    if (data.resultType !== "matrix") throw new Error(`${r.expr}: a range query answered ${data.resultType}`);
    for (let t = r.startMs; t <= r.endMs; t += r.stepMs) {
      const samples: Golden["samples"] = [];
      for (const s of data.result)
        for (const [sec, value] of s.values) if (Math.round(sec * 1000) === t) samples.push({ metric: s.metric, value });
      out.push({ expr: r.expr, timeMs: t, samples, from: "range" });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The unit-test file (docs: configuration/unit_testing_rules.md; cmd/promtool/unittest.go)

/** promtool evaluates rules every evaluation_interval up to the last eval_time, loading samples up to each tick. */
const EVALUATION_INTERVAL_MS = 60_000;

const yamlString = (s: string) => JSON.stringify(s);
const duration = (ms: number) => `${ms}ms`;

function yamlValue(v: number, where: string): string {
  if (Number.isNaN(v)) throw new Error(`${where}: NaN cannot be a promtool golden (2.42 compares values with ==)`);
  if (v === Infinity) return ".inf";
  if (v === -Infinity) return "-.inf";
  return String(v);
}

function unitTestFile(sc: Scenario, cases: readonly Golden[]): string {
  const maxEval = Math.max(...cases.map((c) => c.timeMs));
  const maxSample = Math.max(...sc.series.map((s) => (s.slots.length - 1) * sc.intervalMs));
  // promtool loads a sample only when a rules tick reaches it, and ticks stop at the last
  // eval_time: one more case on a tick past every sample and every eval time loads them all.
  const sentinelMs = Math.ceil(Math.max(maxEval, maxSample) / EVALUATION_INTERVAL_MS + 1) * EVALUATION_INTERVAL_MS;
  const lines = [
    "rule_files: []",
    `evaluation_interval: ${duration(EVALUATION_INTERVAL_MS)}`,
    "tests:",
    `  - interval: ${duration(sc.intervalMs)}`,
    "    input_series:",
  ];
  for (const s of sc.series) lines.push(`      - series: ${yamlString(seriesText(s.labels))}`, `        values: ${yamlString(notation(s.slots))}`);
  lines.push("    promql_expr_test:");
  const all = [...cases, { expr: "vector(1)", timeMs: sentinelMs, samples: [{ metric: {}, value: 1 }] }];
  for (const c of all) {
    lines.push(`      - expr: ${yamlString(c.expr)}`, `        eval_time: ${duration(c.timeMs)}`);
    if (c.samples.length === 0) {
      lines.push("        exp_samples: []");
      continue;
    }
    lines.push("        exp_samples:");
    for (const s of c.samples) {
      lines.push(`          - labels: ${yamlString(seriesText(s.metric))}`, `            value: ${yamlValue(s.value, `${c.expr} at ${c.timeMs} ms`)}`);
    }
  }
  return lines.join("\n") + "\n";
}

const PROMTOOL = process.env.PROMTOOL ?? "promtool";
const INSTALL_HINT =
  "promtool (Prometheus's rules unit tester) is needed for this test; install it with `sudo apt-get install prometheus` (Debian/Ubuntu), or point PROMTOOL at the binary";

/** Writes the file to a temp dir and runs `promtool test rules` on it. */
function promtoolTestRules(yaml: string): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "metrics-playground-promtool-"));
  try {
    const file = join(dir, "staleness.test.yml");
    writeFileSync(file, yaml);
    const r = spawnSync(PROMTOOL, ["test", "rules", file], { encoding: "utf8", timeout: 25_000 });
    if (r.error) {
      if ((r.error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${INSTALL_HINT} (${r.error.message})`);
      throw r.error;
    }
    if (r.status === null) throw new Error(`promtool did not finish (signal ${String(r.signal)})`);
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the scenario into our store, writes our answers as goldens, and has promtool check them. */
function checkWithPromtool(sc: Scenario): Golden[] {
  const cases = goldens(sc, loadStore(sc));
  const yaml = unitTestFile(sc, cases);
  const { status, output } = promtoolTestRules(yaml);
  expect(status, `promtool test rules disagrees with our evaluator on "${sc.name}":\n${output}`).toBe(0);
  expect(output).toContain("SUCCESS");
  return cases;
}

const at = (cases: readonly Golden[], expr: string, timeMs: number) =>
  cases.find((c) => c.expr === expr && c.timeMs === timeMs && c.from === "instant")!.samples;

/** start, start + step, … ≤ end. */
const times = (start: number, end: number, step: number) => Array.from({ length: Math.floor((end - start) / step) + 1 }, (_, i) => start + i * step);

const S = 1_000;

// ---------------------------------------------------------------------------------------------
// Scenarios

/** x{a="1"} ends with a marker at 135 s and comes back at 225 s from 0 (a counter reset);
 *  x{a="3"} ends with a marker at 75 s and comes back at 90 s, lower; x{a="2"} runs on. */
const markerAndReturn: Scenario = {
  name: "a series ended by a marker comes back",
  intervalMs: 15 * S,
  series: [
    { labels: { __name__: "x", a: "1" }, slots: expand("1+1x8 stale _x5 0+1x10") },
    { labels: { __name__: "x", a: "2" }, slots: expand("10+10x25") },
    { labels: { __name__: "x", a: "3" }, slots: expand("5+5x4 stale 1+1.5x12") },
  ],
  exprs: [
    "x",
    "rate(x[5m])",
    "rate(x[1m])",
    "count_over_time(x[5m])",
    "count_over_time(x[20s])",
    "last_over_time(x[5m])",
    "absent(x)",
    'absent(x{a="1"})',
    "sum(x)",
    "timestamp(x)",
    "resets(x[5m])",
  ],
  timesMs: [...times(0, 450 * S, 7_500), 135 * S - 1, 135 * S + 1, 75 * S - 1, 75 * S + 1, 435 * S + 1],
  ranges: [
    { expr: "x", startMs: 60 * S, endMs: 300 * S, stepMs: 10 * S },
    { expr: "rate(x[5m])", startMs: 65 * S, endMs: 305 * S, stepMs: 20 * S },
    { expr: "sum(x)", startMs: 100 * S, endMs: 250 * S, stepMs: 7 * S },
  ],
};

/** A naming switch: a{s="ok"} ends with a marker at 165 s, where b{s="ok"} starts. */
const namingSwitch: Scenario = {
  name: "a naming switch: a ends where b starts",
  intervalMs: 15 * S,
  series: [
    { labels: { __name__: "a", s: "ok" }, slots: expand("1+1x10 stale") },
    { labels: { __name__: "b", s: "ok" }, slots: expand("_x11 11+1x10") },
  ],
  exprs: ["a or b", "a", "b", "sum(a or b)", "rate(a[1m]) or rate(b[1m])", "count_over_time(a[2m])", "last_over_time(a[5m])", "absent(a)"],
  timesMs: [...times(120 * S, 330 * S, 5 * S), 165 * S - 1, 165 * S + 1],
  ranges: [
    { expr: "a or b", startMs: 0, endMs: 330 * S, stepMs: 15 * S },
    { expr: "a or b", startMs: 100 * S, endMs: 240 * S, stepMs: 7 * S },
  ],
};

/** The series `scrapeInto` wrote, as slots on its scrape interval. */
function recordingStore(intervalMs: number) {
  const inner = createSeriesStore();
  const series = new Map<string, InputSeries>();
  const canon = (l: Readonly<Record<string, string>>) =>
    Object.keys(l)
      .filter((k) => l[k] !== "")
      .sort()
      .map((k) => `${k}\u0000${l[k]}`)
      .join("\u0001");
  const store: SeriesStore = {
    append: (labels, t, v) => store.series(labels).append(t, v),
    series(labels): SeriesAppender {
      const key = canon(labels);
      let s = series.get(key);
      if (!s) {
        const metric: Metric = {};
        for (const k of Object.keys(labels)) if (labels[k] !== "") metric[k] = labels[k]!;
        series.set(key, (s = { labels: metric, slots: [] }));
      }
      const rec = s;
      const to = inner.series(labels);
      return {
        labels,
        append(t, v) {
          if (t % intervalMs !== 0) throw new Error(`scrape at ${t} ms is off the ${intervalMs} ms grid`);
          const i = t / intervalMs;
          while (rec.slots.length < i) rec.slots.push(null);
          rec.slots[i] = isStaleNaN(v) ? "stale" : v;
          to.append(t, v);
        },
      };
    },
    stats: () => inner.stats(),
    clear: () => {
      inner.clear();
      series.clear();
    },
  };
  return { store, series };
}

/**
 * The page's own history: lines counted by status, scraped every 15 s; reset before the scrape at
 * 120 s (both series get markers), OK lines again from 150 s, ERROR lines again from 210 s.
 */
function selfScrape(): Scenario {
  const intervalMs = 15 * S;
  const lines = measureFloat64("staleness/lines", { unit: "1" });
  const status = tagKey("status");
  const stats = createStats();
  stats.registerView({ name: "lines", description: "Lines", measure: lines, aggregation: count(), tagKeys: [status] });
  const record = (s: string, n: number) => {
    for (let i = 0; i < n; i++) stats.record(TagMap.empty().insert(status, s), lines.m(1));
  };
  const { store, series } = recordingStore(intervalMs);
  const loop = newScrapeLoop();
  for (let k = 0; k <= 28; k++) {
    if (k === 8) stats.reset();
    if (k < 8 || k >= 10) record("OK", 1 + (k % 3));
    if ((k < 8 && k % 3 === 1) || (k >= 14 && k % 2 === 0)) record("ERROR", 1);
    scrapeInto(store, loop, toPrometheusText(stats.snapshot(), { naming: "prometheus", namespace: "app" }), k * intervalMs);
  }
  stats.close();
  return {
    name: "the page's self-scrape across a reset",
    intervalMs,
    series: [...series.values()],
    exprs: [
      "up",
      "scrape_samples_scraped",
      "app_lines_total",
      "rate(app_lines_total[1m])",
      "rate(app_lines_total[5m])",
      "increase(app_lines_total[2m])",
      "sum by (status) (rate(app_lines_total[90s]))",
      "count_over_time(app_lines_total[5m])",
      'absent(app_lines_total{status="ERROR"})',
    ],
    timesMs: [...times(0, 480 * S, 5 * S), 120 * S - 1, 120 * S + 1],
    ranges: [
      { expr: "rate(app_lines_total[1m])", startMs: 30 * S, endMs: 330 * S, stepMs: 10 * S },
      { expr: "app_lines_total", startMs: 90 * S, endMs: 240 * S, stepMs: 15 * S },
    ],
  };
}

// ---------------------------------------------------------------------------------------------

describe("staleness markers: our evaluator against promtool test rules", () => {
  it("the series notation round-trips as Prometheus expands it", () => {
    expect(expand("1+1x2 stale _x2 _ 4 0.5-0.25x2 Inf")).toEqual([1, 2, 3, "stale", null, null, null, 4, 0.5, 0.25, 0, Infinity]);
    expect(notation(expand("1+1x2 stale _x2 _ 4"))).toBe("1 2 3 stale _x3 4");
  });

  it(markerAndReturn.name, () => {
    const cases = checkWithPromtool(markerAndReturn);
    // the scenario is what it says: at the marker x{a="1"} is gone at once, and back from 225 s
    expect(at(cases, "x", 135 * S).map((s) => s.metric.a)).toEqual(["2", "3"]);
    expect(at(cases, "x", 75 * S).map((s) => s.metric.a)).toEqual(["1", "2"]);
    expect(at(cases, "x", 135 * S - 1).map((s) => s.metric.a)).toEqual(["1", "2", "3"]);
    expect(at(cases, 'absent(x{a="1"})', 180 * S)).toEqual([{ metric: { a: "1" }, value: 1 }]);
    expect(at(cases, "x", 225 * S).find((s) => s.metric.a === "1")?.value).toBe(0);
    expect(at(cases, "resets(x[5m])", 300 * S).find((s) => s.metric.a === "1")?.value).toBe(1);
  });

  it(namingSwitch.name, () => {
    const cases = checkWithPromtool(namingSwitch);
    expect(at(cases, "a or b", 165 * S)).toEqual([{ metric: { __name__: "b", s: "ok" }, value: 11 }]);
    expect(at(cases, "a or b", 165 * S - 1)).toEqual([{ metric: { __name__: "a", s: "ok" }, value: 11 }]);
  });

  it("the page's self-scrape across a reset", () => {
    const sc = selfScrape();
    expect(sc.series.map((s) => seriesText(s.labels)).sort()).toEqual([
      'app_lines_total{instance="browser",job="playground",status="ERROR"}',
      'app_lines_total{instance="browser",job="playground",status="OK"}',
      'scrape_samples_scraped{instance="browser",job="playground"}',
      'up{instance="browser",job="playground"}',
    ]);
    expect(sc.series.filter((s) => s.slots.includes("stale")).map((s) => s.labels.status).sort()).toEqual(["ERROR", "OK"]);
    const cases = checkWithPromtool(sc);
    expect(at(cases, "app_lines_total", 120 * S)).toEqual([]);
    expect(at(cases, "up", 120 * S)).toEqual([{ metric: { __name__: "up", instance: "browser", job: "playground" }, value: 1 }]);
  });
});
