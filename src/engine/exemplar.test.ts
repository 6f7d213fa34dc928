// Exemplars: kept per bucket (the latest, as client_golang's updateExemplar), refused past 128
// characters with the rule named, off by default, copied by snapshots, absent after a replay
// from the log, and written by the OpenMetrics writer in the exposed unit, which the engine's
// OpenMetrics parser (Prometheus 2.42's grammar) and the linter accept; and exemplars by
// template and id (stats.exemplarTemplate, recordWithExemplarId): the same exemplars as
// recordWithExemplar with the equivalent labels, whichever came last kept when both are used,
// the template checked once with room for the longest id, ids checked, off by default.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { count, type CountData, distribution, type DistributionData, type SumData, sum } from "./aggregation";
import { StatsError } from "./errors";
import { EXEMPLAR_MAX_CODE_POINTS, exemplarProblem } from "./exemplar";
import { parseExposition } from "./exposition/parse";
import { exemplarSeconds, toOpenMetricsText } from "./exposition/openmetrics";
import { toPrometheusText } from "./exposition/prometheus";
import { lintExposition } from "./lint";
import { measureFloat64 } from "./measure";
import { createStats, type StatsOptions } from "./stats";
import { tagKey } from "./tags";

const T0 = 1_700_000_000_123;

function setup(options: StatsOptions = { exemplars: true }) {
  let t = T0;
  const stats = createStats({ now: () => t, ...options });
  const latency = measureFloat64("latency", { description: "Loop latency.", unit: "ms" });
  stats.registerView(
    { name: "lat", measure: latency, aggregation: distribution([10, 50, 100]), tagKeys: [tagKey("method")] },
    { name: "lines", measure: latency, aggregation: count() },
    { name: "total_ms", measure: latency, aggregation: sum() },
  );
  return { stats, latency, tick: (ms: number) => void (t += ms) };
}

const lat = (stats: ReturnType<typeof setup>["stats"]) => stats.viewData("lat")!.rows[0]!.data as DistributionData;

describe("recording exemplars", () => {
  it("keeps the latest exemplar per bucket, with its value and the engine's clock", () => {
    const { stats, latency, tick } = setup();
    stats.recordWithExemplar({ method: "repl" }, { line_id: "1" }, latency.m(42));
    tick(5);
    stats.recordWithExemplar({ method: "repl" }, { line_id: "2", trace_id: "abc" }, latency.m(20));
    tick(5);
    stats.recordWithExemplar({ method: "repl" }, { line_id: "3" }, latency.m(500));
    stats.record({ method: "repl" }, latency.m(45)); // no exemplar: the bucket keeps line 2's
    const d = lat(stats);
    expect(d.bucketCounts).toEqual([0, 3, 0, 1]);
    expect(d.exemplars![0]).toBeUndefined();
    expect(d.exemplars![1]).toEqual({
      labels: { line_id: "2", trace_id: "abc" },
      value: 20,
      timestamp: T0 + 5,
    });
    expect(d.exemplars![2]).toBeUndefined();
    expect(d.exemplars![3]).toMatchObject({ value: 500, timestamp: T0 + 10 });
    const c = stats.viewData("lines")!.rows[0]!.data;
    expect(c).toMatchObject({ value: 4, exemplar: { value: 1, labels: { line_id: "3" } } });
    const s = stats.viewData("total_ms")!.rows[0]!.data as SumData;
    expect(s.exemplar).toMatchObject({ value: 500 });
  });

  it("is off by default: the labels are checked, the values recorded, no exemplar kept", () => {
    const { stats, latency } = setup({});
    stats.recordWithExemplar({ method: "repl" }, { line_id: "1" }, latency.m(42));
    expect(lat(stats).count).toBe(1);
    expect(lat(stats).exemplars).toBeUndefined();
    expect(stats.viewData("lines")!.rows[0]!.data).not.toHaveProperty("exemplar");
    expect(toOpenMetricsText(stats.snapshot())).not.toContain(" # {");
    expect(() => stats.recordWithExemplar(undefined, { "bad-name": "x" }, latency.m(1))).toThrow(StatsError);
  });

  it("takes exactly 128 characters of names and values, counted as code points, and refuses 129", () => {
    const { stats, latency } = setup();
    // "line_id" is 7; "é" and "😀" are one character each (one rune, as client_golang counts)
    const value121 = "é".repeat(60) + "😀" + "x".repeat(60);
    expect(7 + [...value121].length).toBe(EXEMPLAR_MAX_CODE_POINTS);
    stats.recordWithExemplar(undefined, { line_id: value121 }, latency.m(1));
    expect(lat(stats).exemplars![0]!.labels.line_id).toBe(value121);

    let error: unknown;
    try {
      stats.recordWithExemplar(undefined, { line_id: value121 + "y" }, latency.m(2));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatsError);
    expect((error as StatsError).code).toBe("EXEMPLAR");
    expect((error as StatsError).message).toMatch(/129 characters .*OpenMetrics limit is 128 UTF-8 characters/);
    expect(lat(stats).count).toBe(1); // nothing recorded
    expect(stats.viewData("lines")!.rows[0]!.data).toMatchObject({ value: 1 });
  });

  it("refuses invalid label names and lone surrogates", () => {
    expect(exemplarProblem({ "trace-id": "x" })).toMatch(/label name "trace-id" is invalid/);
    expect(exemplarProblem({ __id: "x" })).toMatch(/"__"/);
    expect(exemplarProblem({ id: "\ud800" })).toMatch(/not valid Unicode/);
    expect(exemplarProblem({})).toBeNull();
  });

  it("takes number values as given and writes them as String(n); refuses NaN, Infinity and other types", () => {
    const { stats, latency } = setup();
    const labels = { line_id: 123 };
    stats.recordWithExemplar({ method: "repl" }, labels, latency.m(42));
    expect(lat(stats).exemplars![1]!.labels).toBe(labels); // kept, not copied
    stats.recordWithExemplar({ method: "repl" }, { line_id: 1e21, n: -2.5 }, latency.m(5));
    const om = toOpenMetricsText(stats.snapshot(), { naming: "prometheus" });
    expect(om).toContain('lat_seconds_bucket{method="repl",le="0.05"} 2 # {line_id="123"} 0.042 1700000000.123\n');
    expect(om).toContain('lat_seconds_bucket{method="repl",le="0.01"} 1 # {line_id="1e+21",n="-2.5"} 0.005 1700000000.123\n');
    for (const bad of [NaN, Infinity, -Infinity]) expect(exemplarProblem({ line_id: bad })).toMatch(/must be a finite number or a string/);
    expect(exemplarProblem({ line_id: true } as never)).toMatch(/must be a string or a number, not boolean/);
    expect(() => stats.recordWithExemplar(undefined, { line_id: NaN }, latency.m(1))).toThrow(StatsError);
    expect(lat(stats).count).toBe(2);
  });

  it("the record path's quick check and exemplarProblem agree on every label set", () => {
    // The record path accepts plainly valid labels without exemplarProblem (exemplar.ts
    // plainlyValid); both must accept and refuse the same sets, including at the limit.
    const { stats, latency } = setup();
    const name = (i: number) => ["line_id", "trace_id", "x", "bad-name", "__x", "a".repeat(60)][i % 6]!;
    const value = (i: number): string | number =>
      [7, 10 ** 14, 10 ** 15, 1.5, -1, "", "é".repeat(40), "\ud800", "x".repeat(120), 12345678901234, "😀".repeat(30)][i % 11]!;
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let k = 0; k < 3000; k++) {
      const labels: Record<string, string | number> = {};
      const n = next() % 4;
      for (let j = 0; j < n; j++) labels[name(next())] = value(next());
      const problem = exemplarProblem(labels);
      let thrown: unknown = null;
      try {
        stats.recordWithExemplar(undefined, labels, latency.m(1));
      } catch (e) {
        thrown = e;
      }
      expect(thrown === null ? null : (thrown as StatsError).message, JSON.stringify(labels)).toBe(problem);
    }
  });

  it("snapshots copy exemplars: later recording does not change them", () => {
    const { stats, latency } = setup();
    stats.recordWithExemplar({ method: "repl" }, { line_id: "1" }, latency.m(20));
    const before = stats.snapshot();
    stats.recordWithExemplar({ method: "repl" }, { line_id: "2" }, latency.m(30));
    const old = before.find((v) => v.view.name === "lat")!.rows[0]!.data as DistributionData;
    expect(old.exemplars![1]!.labels.line_id).toBe("1");
    expect(lat(stats).exemplars![1]!.labels.line_id).toBe("2");
  });

  it("a view filled from the log has no exemplars for past values", () => {
    const stats = createStats({ exemplars: true, log: { capacity: 100, resolutionMs: 0 }, every: () => () => {} });
    const m = measureFloat64("m", { unit: "ms" });
    stats.recordWithExemplar(undefined, { line_id: "1" }, m.m(20));
    stats.registerView({ name: "later", measure: m, aggregation: distribution([10, 50]) });
    const d = stats.viewData("later")!.rows[0]!.data as DistributionData;
    expect(d.count).toBe(1);
    expect(d.exemplars).toBeUndefined();
    stats.recordWithExemplar(undefined, { line_id: "2" }, m.m(5));
    expect((stats.viewData("later")!.rows[0]!.data as DistributionData).exemplars![0]!.labels.line_id).toBe("2");
  });
});

describe("OpenMetrics exemplars", () => {
  function text(naming: "opencensus" | "prometheus") {
    const { stats, latency } = setup();
    stats.recordWithExemplar({ method: "repl" }, { line_id: "123", trace_id: 'a"b' }, latency.m(42));
    stats.recordWithExemplar({ method: "repl" }, { line_id: "124" }, latency.m(100));
    return toOpenMetricsText(stats.snapshot(), { naming });
  }

  it("writes them on _bucket and _total in the exposed unit (ms → s), seconds with millisecond precision", () => {
    const om = text("prometheus");
    expect(om).toContain(
      'lat_seconds_bucket{method="repl",le="0.05"} 1 # {line_id="123",trace_id="a\\"b"} 0.042 1700000000.123\n',
    );
    expect(om).toContain('lat_seconds_bucket{method="repl",le="0.1"} 2 # {line_id="124"} 0.1 1700000000.123\n');
    expect(om).toContain('lat_seconds_bucket{method="repl",le="0.01"} 0\n');
    expect(om).toContain('lat_seconds_bucket{method="repl",le="+Inf"} 2\n');
    expect(om).toContain('lines_total 2 # {line_id="124"} 1.0 1700000000.123\n');
    expect(om).toContain('total_ms_seconds_total 0.142 # {line_id="124"} 0.1 1700000000.123\n');
    expect(text("opencensus")).toContain('lat_bucket{method="repl",le="50.0"} 1 # {line_id="123",trace_id="a\\"b"} 42.0 1700000000.123\n');
  });

  it("0.0.4 text cannot carry them and has none", () => {
    const { stats, latency } = setup();
    stats.recordWithExemplar({ method: "repl" }, { line_id: "1" }, latency.m(42));
    expect(toPrometheusText(stats.snapshot())).not.toContain(" # {");
    expect(toPrometheusText(stats.snapshot())).not.toContain("line_id");
  });

  it.each(["prometheus", "opencensus"] as const)("round trip through the OpenMetrics parser and the linter (%s naming)", (naming) => {
    const om = text(naming);
    const parsed = parseExposition(om, "openmetrics");
    expect(parsed.problems).toEqual([]);
    const withExemplars = parsed.samples.filter((s) => s.exemplar);
    expect(withExemplars.map((s) => [s.name, s.exemplar])).toEqual([
      [naming === "prometheus" ? "lat_seconds_bucket" : "lat_bucket", { labels: { line_id: "123", trace_id: 'a"b' }, value: naming === "prometheus" ? 0.042 : 42, timestamp: 1700000000.123 }],
      [naming === "prometheus" ? "lat_seconds_bucket" : "lat_bucket", { labels: { line_id: "124" }, value: naming === "prometheus" ? 0.1 : 100, timestamp: 1700000000.123 }],
      ["lines_total", { labels: { line_id: "124" }, value: 1, timestamp: 1700000000.123 }],
      [naming === "prometheus" ? "total_ms_seconds_total" : "total_ms_total", { labels: { line_id: "124" }, value: naming === "prometheus" ? 0.1 : 100, timestamp: 1700000000.123 }],
    ]);
    const lint = lintExposition(om, "openmetrics");
    expect(lint.accepted).toBe(true);
    expect(lint.problems.filter((p) => p.rule === "openmetrics")).toEqual([]);
  });

  it("writes the timestamp with three decimals", () => {
    expect(exemplarSeconds(1_700_000_000_000)).toBe("1700000000.000");
    expect(exemplarSeconds(1_700_000_000_005)).toBe("1700000000.005");
    expect(exemplarSeconds(5)).toBe("0.005");
  });
});

describe("an exemplar's time with a measurement log", () => {
  it("is the time the log records for the measurement (its coarse clock), not a clock read of its own", () => {
    let t = 5_000;
    const ticks: (() => void)[] = [];
    const stats = createStats({
      now: () => t,
      every: (fn) => (ticks.push(fn), () => undefined),
      log: { capacity: 10, resolutionMs: 10 },
      exemplars: true,
    });
    const m = measureFloat64("ex/log_time", { unit: "ms" });
    stats.registerView({ name: "ex/log_time", measure: m, aggregation: distribution([10]) });
    t = 5_004; // the coarse clock has not ticked: the log still says 5,000
    stats.recordWithExemplar(undefined, { line_id: "1" }, m.m(3));
    const first = (stats.viewData("ex/log_time")!.rows[0]!.data as DistributionData).exemplars![0]!;
    expect(first.timestamp).toBe(5_000);
    expect(stats.log!.until).toBe(5_000);
    t = 5_010;
    ticks.forEach((f) => f());
    stats.recordWithExemplar(undefined, { line_id: "2" }, m.m(4));
    const second = (stats.viewData("ex/log_time")!.rows[0]!.data as DistributionData).exemplars![0]!;
    expect(second.timestamp).toBe(5_010);
    stats.close();
  });
});

const rowsOf = (stats: ReturnType<typeof setup>["stats"]) => stats.snapshot().map((v) => v.rows.map((r) => r.data));

describe("recordWithExemplarId", () => {
  it("keeps the same exemplars as recordWithExemplar with the equivalent labels (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: fc.double({ min: 0, max: 200, noNaN: true }), trace: fc.option(fc.constantFrom("abc", "4bf92f35", "x"), { nil: null }), id: fc.nat() }), { maxLength: 40 }),
        (lines) => {
          const a = setup();
          const b = setup();
          const templates = new Map<string | null, ReturnType<typeof b.stats.exemplarTemplate>>();
          for (const line of lines) {
            a.stats.recordWithExemplar({ method: "repl" }, line.trace === null ? { line_id: line.id } : { line_id: line.id, trace_id: line.trace }, a.latency.m(line.v));
            let template = templates.get(line.trace);
            if (!template) templates.set(line.trace, (template = b.stats.exemplarTemplate(line.trace === null ? {} : { trace_id: line.trace })));
            b.stats.recordWithExemplarId({ method: "repl" }, template, line.id, b.latency.m(line.v));
            a.tick(3);
            b.tick(3);
          }
          expect(rowsOf(b.stats)).toEqual(rowsOf(a.stats));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps whichever exemplar of a bucket came last, object or id; a count's has value 1, a sum's the value", () => {
    const { stats, latency, tick } = setup();
    const template = stats.exemplarTemplate({ trace_id: "t" });
    stats.recordWithExemplar({ method: "repl" }, { line_id: 1 }, latency.m(20));
    tick(1);
    stats.recordWithExemplarId({ method: "repl" }, template, 2, latency.m(30)); // same bucket (10, 50]
    const lat = () => stats.viewData("lat")!.rows[0]!.data as DistributionData;
    expect(lat().exemplars![1]).toEqual({ labels: { trace_id: "t", line_id: 2 }, value: 30, timestamp: T0 + 1 });
    tick(1);
    stats.recordWithExemplar({ method: "repl" }, { line_id: 3 }, latency.m(40));
    expect(lat().exemplars![1]).toEqual({ labels: { line_id: 3 }, value: 40, timestamp: T0 + 2 });
    tick(1);
    stats.recordWithExemplarId({ method: "repl" }, template, 4, latency.m(45));
    expect(lat().exemplars![1]!.labels).toEqual({ trace_id: "t", line_id: 4 });
    expect((stats.viewData("lines")!.rows[0]!.data as CountData).exemplar).toEqual({ labels: { trace_id: "t", line_id: 4 }, value: 1, timestamp: T0 + 3 });
    expect((stats.viewData("total_ms")!.rows[0]!.data as SumData).exemplar).toEqual({ labels: { trace_id: "t", line_id: 4 }, value: 45, timestamp: T0 + 3 });
    // A snapshot keeps its exemplars whatever is recorded later.
    const before = lat();
    stats.recordWithExemplarId({ method: "repl" }, template, 5, latency.m(46));
    expect(before.exemplars![1]!.labels).toEqual({ trace_id: "t", line_id: 4 });
  });

  it("is off by default: checked, recorded, no exemplar kept", () => {
    const { stats, latency } = setup({});
    const template = stats.exemplarTemplate({});
    stats.recordWithExemplarId({ method: "repl" }, template, 7, latency.m(20));
    const lat = stats.viewData("lat")!.rows[0]!.data as DistributionData;
    expect(lat.count).toBe(1);
    expect(lat.exemplars).toBeUndefined();
    expect(() => stats.recordWithExemplarId({ method: "repl" }, template, -1, latency.m(20))).toThrow(StatsError);
  });

  it("refuses an id that is not a safe whole number ≥ 0, and records nothing", () => {
    const { stats, latency } = setup();
    const template = stats.exemplarTemplate({});
    for (const id of [-1, 1.5, NaN, Infinity, 2 ** 53, "5" as unknown as number]) {
      expect(() => stats.recordWithExemplarId({ method: "repl" }, template, id, latency.m(20)), String(id)).toThrow(
        /an exemplar id is a whole number from 0 to 9007199254740991/,
      );
    }
    expect(stats.viewData("lat")!.rows).toEqual([]);
    stats.recordWithExemplarId({ method: "repl" }, template, Number.MAX_SAFE_INTEGER, latency.m(20));
    expect((stats.viewData("lat")!.rows[0]!.data as DistributionData).exemplars![1]!.labels).toEqual({ line_id: Number.MAX_SAFE_INTEGER });
  });

  it("takes only this engine's templates", () => {
    const { stats, latency } = setup();
    const other = setup().stats.exemplarTemplate({});
    expect(() => stats.recordWithExemplarId({ method: "repl" }, other, 1, latency.m(20))).toThrow(/not made by this engine/);
    expect(() => stats.recordWithExemplarId({ method: "repl" }, { labels: {}, idName: "line_id" }, 1, latency.m(20))).toThrow(/not made by this engine/);
  });
});

describe("exemplarTemplate", () => {
  it("leaves room for the longest id: 128 characters with a 16-digit line_id, refused at 129, the rule named", () => {
    const { stats } = setup();
    // line_id (7) + 16 digits + trace_id (8) = 31: a trace id of 97 fits, 98 does not.
    expect(stats.exemplarTemplate({ trace_id: "a".repeat(97) }).labels).toEqual({ trace_id: "a".repeat(97) });
    expect(() => stats.exemplarTemplate({ trace_id: "a".repeat(98) })).toThrow(/the OpenMetrics limit is 128 UTF-8 characters/);
  });

  it("refuses labels holding the id's name, invalid names, and keeps a frozen copy", () => {
    const { stats } = setup();
    expect(() => stats.exemplarTemplate({ line_id: 3 })).toThrow(/must not hold line_id: it is the label given with each record/);
    expect(() => stats.exemplarTemplate({ __x: "1" })).toThrow(/label name "__x" is invalid/);
    expect(() => stats.exemplarTemplate({}, "9bad")).toThrow(/label name "9bad" is invalid/);
    const labels: Record<string, string> = { trace_id: "t" };
    const template = stats.exemplarTemplate(labels, "request");
    labels.trace_id = "changed";
    expect(template.labels).toEqual({ trace_id: "t" });
    expect(Object.isFrozen(template.labels)).toBe(true);
    expect(template.idName).toBe("request");
  });
});
