// Real peers as references: prom-client's Histogram must bucket, sum and count the same
// observations exactly as our distribution does, and `promtool check metrics` (Prometheus's own
// linter, Debian package `prometheus`) must accept our 0.0.4 output: with zero problems under
// Prometheus naming, and with only the counter `_total` complaints under OpenCensus naming.

import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import {
  count,
  createStats,
  cumulativeBuckets,
  distribution,
  exponentialBuckets,
  linearBuckets,
  measureFloat64,
  tagKey,
  TagMap,
  type Stats,
} from "../src/engine";
import { parseExposition, toOpenMetricsText, toPrometheusText, type Naming } from "../src/engine/exposition";
import { lintExposition } from "../src/engine/lint";
import {
  goQuickstart,
  LATENCY_BOUNDS,
  LINE_LENGTH_BOUNDS,
  pythonQuickstart,
  type Preset,
} from "../src/repl/quickstart";

const T0 = 1_700_000_000_000;
const newStats = (): Stats => createStats({ now: () => T0 });

// ---------------------------------------------------------------------------------------------
// prom-client parity

interface Observation {
  /** Value of the `method` label, or undefined for the unlabelled histogram. */
  method?: string;
  value: number;
}

interface SeriesResult {
  /** Cumulative buckets, the last one +Inf. */
  buckets: { le: number; count: number }[];
  sum: number;
  count: number;
}

const keyMethod = tagKey("method");
const parityMeasure = measureFloat64("parity/values", { description: "Values for the prom-client parity test", unit: "1" });

function ours(bounds: readonly number[], obs: readonly Observation[], labelled: boolean): Map<string, SeriesResult> {
  const stats = newStats();
  stats.registerView({
    name: "parity",
    measure: parityMeasure,
    aggregation: distribution(bounds),
    tagKeys: labelled ? [keyMethod] : [],
  });
  for (const o of obs)
    stats.record(labelled ? TagMap.of({ method: o.method! }) : undefined, parityMeasure.m(o.value));
  const out = new Map<string, SeriesResult>();
  for (const row of stats.viewData("parity")!.rows) {
    if (row.data.type !== "distribution") throw new Error("expected distribution data");
    out.set(labelled ? row.tags[0]! : "", {
      buckets: cumulativeBuckets(bounds, row.data.bucketCounts).map((b) => ({ le: b.upperBound, count: b.count })),
      sum: row.data.sum,
      count: row.data.count,
    });
  }
  stats.close();
  return out;
}

async function promClient(
  bounds: readonly number[],
  obs: readonly Observation[],
  labelled: boolean,
): Promise<Map<string, SeriesResult>> {
  const registry = new Registry();
  const histogram = new Histogram<string>({
    name: "parity",
    help: "parity",
    buckets: [...bounds],
    labelNames: labelled ? ["method"] : [],
    registers: [registry],
  });
  for (const o of obs) {
    if (labelled) histogram.observe({ method: o.method! }, o.value);
    else histogram.observe(o.value);
  }
  const { values } = await histogram.get();
  const out = new Map<string, SeriesResult>();
  const seriesOf = (labels: Partial<Record<string, string | number>>): SeriesResult => {
    const key = labelled ? String(labels.method) : "";
    let s = out.get(key);
    if (!s) out.set(key, (s = { buckets: [], sum: NaN, count: NaN }));
    return s;
  };
  for (const v of values) {
    const s = seriesOf(v.labels);
    switch (v.metricName) {
      case "parity_bucket": {
        const le = v.labels.le;
        s.buckets.push({ le: le === "+Inf" ? Infinity : Number(le), count: v.value });
        break;
      }
      case "parity_sum":
        s.sum = v.value;
        break;
      case "parity_count":
        s.count = v.value;
        break;
      default:
        throw new Error(`unexpected prom-client sample ${String(v.metricName)}`);
    }
  }
  registry.clear();
  return out;
}

async function expectParity(bounds: readonly number[], obs: readonly Observation[], labelled: boolean): Promise<void> {
  const mine = ours(bounds, obs, labelled);
  const theirs = await promClient(bounds, obs, labelled);
  const ctx = `bounds=${JSON.stringify(bounds)} obs=${JSON.stringify(obs)} labelled=${labelled}`;
  expect([...mine.keys()].sort(), ctx).toEqual([...theirs.keys()].sort());
  for (const [key, m] of mine) {
    const t = theirs.get(key)!;
    expect(m.buckets, `${ctx} series=${key}`).toEqual(t.buckets);
    expect(m.count, `${ctx} series=${key}`).toBe(t.count);
    expect(m.sum, `${ctx} series=${key}`).toBe(t.sum);
    expect(m.buckets[m.buckets.length - 1]!.count).toBe(m.count);
  }
}

const METHODS = ["repl", "GET", "post"] as const;
const obsOf = (values: readonly number[]): Observation[] =>
  values.map((value, i) => ({ method: METHODS[i % METHODS.length]!, value }));

const FIXED_CASES: { name: string; bounds: readonly number[]; values: number[] }[] = [
  {
    name: "seed latency bounds, values on, beside and beyond the bounds",
    bounds: LATENCY_BOUNDS,
    values: [0, 25, 25.000001, 24.99, 6000, 6000.5, 1e9, -3, 12.5, 1523.4, 0.05, 312.25, 7000.5, 88.125, 100, 100],
  },
  {
    name: "seed line-length bounds, integer lengths",
    bounds: LINE_LENGTH_BOUNDS,
    values: [0, 1, 4, 5, 6, 12, 15, 40, 41, 999, 1000, 1001, 1200, 0, 5],
  },
  {
    name: "prom-client's default buckets",
    bounds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    values: [0.005, 0.0050000001, 0.1, 0.1 + 0.2, 0.3, 2.5, 10, 10.0000001, 0.001, 7],
  },
  {
    name: "negative and fractional bounds",
    bounds: [-10, -2.5, -0.5, 0, 0.5, 2.5],
    values: [-11, -10, -9.99, -2.5, -0.5, -0.4999, 0, -0, 0.5, 2.5, 3, -1e-300],
  },
  {
    name: "tiny bounds (exponent form)",
    bounds: [1e-9, 1e-6, 1e-3],
    values: [0, 1e-10, 1e-9, 1.0000000000000001e-9, 5e-7, 1e-6, 1e-3, 0.0010000000000000002, 1],
  },
  { name: "linearBuckets(0.1, 0.1, 10)", bounds: linearBuckets(0.1, 0.1, 10), values: [0.1, 0.2, 0.30000000000000004, 0.3, 0.7, 0.7999999999999999, 1, 1.1] },
  { name: "exponentialBuckets(1, 2, 20)", bounds: exponentialBuckets(1, 2, 20), values: [1, 2, 3, 1024, 1025, 524288, 524289, 1e7] },
  { name: "a single bound", bounds: [42], values: [41, 42, 43] },
];

describe("prom-client Histogram parity", () => {
  for (const c of FIXED_CASES) {
    it(`${c.name}: same cumulative buckets, sum and count, unlabelled and labelled`, async () => {
      await expectParity(c.bounds, obsOf(c.values), false);
      await expectParity(c.bounds, obsOf(c.values), true);
    });
  }

  // prom-client keeps bucket counts in an object keyed by String(bound) and uses -1 as the
  // "above every bound" sentinel, so a bound of exactly -1 collects its overflow: that bound is
  // left out here (a prom-client quirk, not ours).
  const value = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -1000, max: 1000 }));
  const boundsArb = fc
    .uniqueArray(
      value.filter((b) => b !== -1),
      { minLength: 1, maxLength: 12, comparator: "SameValueZero" },
    )
    .map((bs) => [...bs].sort((a, b) => a - b).map((b) => (b === 0 ? 0 : b))); // no -0 bound
  const caseArb = boundsArb.chain((bounds) =>
    fc.tuple(
      fc.constant(bounds),
      fc.array(
        fc.record({
          method: fc.constantFrom(...METHODS),
          value: fc.oneof(value, fc.constantFrom(...bounds)),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      fc.boolean(),
    ),
  );

  it("generated bounds and observations: same cumulative buckets, sum and count", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ([bounds, obs, labelled]) => {
        await expectParity(bounds, obs, labelled);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// promtool check metrics

const PROMTOOL = process.env.PROMTOOL ?? "promtool";
const INSTALL_HINT =
  "promtool (Prometheus's linter) is needed for this test; install it with `sudo apt-get install prometheus` (Debian/Ubuntu), or point PROMTOOL at the binary";

interface PromtoolResult {
  status: number;
  /** Non-empty output lines, `<metric> <message>` each. */
  lines: string[];
}

/** Writes `text` to a temp file and runs `promtool check metrics < file`. */
function promtoolCheckMetrics(text: string): PromtoolResult {
  const dir = mkdtempSync(join(tmpdir(), "metrics-playground-promtool-"));
  try {
    const file = join(dir, "metrics.prom");
    writeFileSync(file, text);
    const fd = openSync(file, "r");
    let r: ReturnType<typeof spawnSync>;
    try {
      r = spawnSync(PROMTOOL, ["check", "metrics"], {
        stdio: [fd, "pipe", "pipe"],
        encoding: "utf8",
        timeout: 20_000,
      });
    } finally {
      closeSync(fd);
    }
    if (r.error) {
      if ((r.error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${INSTALL_HINT} (${r.error.message})`);
      throw r.error;
    }
    if (r.status === null) throw new Error(`promtool did not finish (signal ${String(r.signal)})`);
    const out = `${String(r.stdout)}${String(r.stderr)}`;
    return { status: r.status, lines: out.split("\n").filter((l) => l.trim() !== "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** REPL lines: latency in ms, line length in bytes, and for the Python preset an error. */
const LINES: { latency: number; length: number; error?: string }[] = [
  { latency: 1523.4, length: 5 },
  { latency: 0.05, length: 0 },
  { latency: 312.25, length: 12 },
  { latency: 25, length: 6 },
  { latency: 7000.5, length: 1200, error: 'unexpected "quote" in C:\\tmp\\x' },
  { latency: 88.125, length: 40 },
  { latency: 0, length: 1000, error: "line too long \\ \"really\"" },
  { latency: 1e-5, length: 3 },
];

function scenario(preset: Preset): Stats {
  const stats = newStats();
  stats.registerView(...preset.views);
  for (const line of LINES) {
    const tags =
      preset.id === "go"
        ? TagMap.of({ method: "repl" })
        : TagMap.of(
            line.error === undefined
              ? { method: "repl", status: "OK" }
              : { method: "repl", status: "ERROR", error: line.error },
          );
    stats.record(tags, preset.latency.m(line.latency), preset.lineLength.m(line.length));
  }
  return stats;
}

function exposition(preset: Preset, naming: Naming): string {
  const stats = scenario(preset);
  const text = toPrometheusText(stats.snapshot(), { namespace: preset.namespace, naming });
  stats.close();
  return text;
}

describe("promtool check metrics", () => {
  for (const preset of [goQuickstart, pythonQuickstart]) {
    it(`${preset.label}, Prometheus naming: no problems, exit 0`, () => {
      const text = exposition(preset, "prometheus");
      // the scenario really has every family, the error labels and the escapes in it
      expect(text).toContain(`${preset.namespace}_demo_latency_seconds_bucket{`);
      expect(text).toContain(`${preset.namespace}_demo_lines_in_total`);
      expect(text).toContain(`${preset.namespace}_demo_line_lengths_bytes_bucket{`);
      if (preset.id === "python") expect(text).toContain('error="unexpected \\"quote\\" in C:\\\\tmp\\\\x"');
      const r = promtoolCheckMetrics(text);
      expect({ status: r.status, lines: r.lines }, text).toEqual({ status: 0, lines: [] });
    });

    it(`${preset.label}, OpenCensus naming: only the counter _total complaints`, () => {
      const text = exposition(preset, "opencensus");
      expect(text).toContain(`${preset.namespace}_demo_latency_bucket{`);
      const r = promtoolCheckMetrics(text);
      expect({ status: r.status, lines: [...r.lines].sort() }, text).toEqual({
        status: 3,
        lines: [`${preset.namespace}_demo_lines_in counter metrics should have "_total" suffix`],
      });
    });
  }
});

// The cardinality guard's overflow row (OpenTelemetry metrics SDK specification, cardinality
// limits): a view past its row limit writes a series with the single label
// otel_metric_overflow="true" beside series with the view's labels. promtool 2.42's
// `check metrics` reads only the 0.0.4 grammar, so it checks the 0.0.4 text; the OpenMetrics text
// goes through Prometheus 2.42's OpenMetrics grammar (parseExposition) and promlint's checks.
describe("promtool check metrics: a view past its row limit", () => {
  function overflowing(): Stats {
    const stats = newStats();
    const m = measureFloat64("demo/latency", { description: "REPL latency", unit: "ms" });
    stats.registerView(
      { name: "demo/errors", description: "errors by message", measure: m, aggregation: count(), tagKeys: [tagKey("error")], rowLimit: 3 },
      { name: "demo/latency", description: "latency by message", measure: m, aggregation: distribution([1, 10, 100]), tagKeys: [tagKey("error")], rowLimit: 3 },
    );
    for (let i = 0; i < 10; i++) stats.record({ error: `msg${i}` }, m.m(i * 7));
    return stats;
  }

  it("0.0.4: promtool reports nothing, exit 0", () => {
    const text = toPrometheusText(overflowing().snapshot(), { namespace: "py", naming: "prometheus" });
    expect(text).toContain('py_demo_errors_total{otel_metric_overflow="true"} 8\n');
    expect(text).toContain('py_demo_latency_seconds_bucket{otel_metric_overflow="true",le="+Inf"} 8\n');
    const r = promtoolCheckMetrics(text);
    expect({ status: r.status, lines: r.lines }, text).toEqual({ status: 0, lines: [] });
  });

  it("OpenMetrics: Prometheus's grammar reads every sample, promlint's checks report nothing", () => {
    const text = toOpenMetricsText(overflowing().snapshot(), { namespace: "py", naming: "prometheus" });
    expect(text).toContain('py_demo_errors_total{otel_metric_overflow="true"} 8\n');
    const parsed = parseExposition(text, "openmetrics");
    expect(parsed.problems).toEqual([]);
    expect(parsed.samples.filter((s) => s.labels.otel_metric_overflow === "true")).toHaveLength(2 + 7); // counter: _total, _created; histogram: 4 buckets, _sum, _count, _created
    expect(lintExposition(text, "openmetrics").problems).toEqual([]);
  });
});
