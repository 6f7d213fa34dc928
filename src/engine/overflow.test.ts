// The cardinality guard (overflow.ts): at most rowLimit − 1 ordinary rows plus one overflow row
// tagged otel_metric_overflow="true", nothing dropped, exact counts of what was merged; a reused
// TagMap's memo agrees with fresh maps; the exposition writes the overflow row with its one
// label and the linter accepts it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Aggregation, count, type CountData, distribution, type DistributionData, lastValue, sum } from "./aggregation";
import { ViewError } from "./errors";
import { toOpenMetricsText, toPrometheusText } from "./exposition";
import { lintExposition } from "./lint";
import { measureFloat64 } from "./measure";
import { DEFAULT_ROW_LIMIT } from "./overflow";
import { createStats } from "./stats";
import { TagMap, tagKey } from "./tags";
import type { ViewData } from "./view";

const latency = measureFloat64("o/latency", { description: "latency", unit: "ms" });
const error = tagKey("error");
const method = tagKey("method");

function countOf(vd: ViewData, overflow: boolean): number {
  return vd.rows.filter((r) => (r.overflow === true) === overflow).reduce((n, r) => n + (r.data as CountData).value, 0);
}

describe("row limit: the definition", () => {
  it("defaults to OpenTelemetry's 2,000", () => {
    const [v] = createStats().registerView({ measure: latency, aggregation: count() });
    expect(v!.rowLimit).toBe(2_000);
    expect(DEFAULT_ROW_LIMIT).toBe(2_000);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s with a ViewError naming the rule", (limit) => {
    const attempt = () => createStats().registerView({ name: "v", measure: latency, aggregation: count(), rowLimit: limit });
    expect(attempt).toThrow(ViewError);
    expect(attempt).toThrow(`view "v": row limit must be a whole number of at least 1 (the overflow row counts toward it), got ${String(limit)}`);
    try {
      attempt();
    } catch (e) {
      expect((e as ViewError).code).toBe("ROW_LIMIT");
    }
  });

  it("refuses a tag key exposed as the overflow label", () => {
    expect(() =>
      createStats().registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [tagKey("otel.metric.overflow")] }),
    ).toThrow('view "v": tag key "otel.metric.overflow" would be exposed as "otel_metric_overflow", the label of the overflow row');
  });

  it("is part of the definition: another limit under the same name is a conflict", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: count(), rowLimit: 5 });
    stats.registerView({ name: "v", measure: latency, aggregation: count(), rowLimit: 5 });
    expect(() => stats.registerView({ name: "v", measure: latency, aggregation: count() })).toThrow(
      /it is count\(\) of o\/latency \(ms\), at most 5 rows, not count\(\) of o\/latency \(ms\)$/,
    );
  });
});

describe("row limit: recording", () => {
  it("folds the combination that would make row number rowLimit into one overflow row", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [error], rowLimit: 3 });
    for (const e of ["a", "b", "c", "d", "a", "c", "e", "b"]) stats.record({ error: e }, latency.m(1));
    const vd = stats.viewData("v")!;
    expect(vd.rows.map((r) => [r.tags, (r.data as CountData).value, r.overflow ?? false])).toEqual([
      [["a"], 2, false],
      [["b"], 2, false],
      [[""], 4, true],
    ]);
    expect(vd.combinations).toBe(5);
    expect(vd.overflow).toEqual({ combinations: 3, measurements: 4 });
  });

  it("has no overflow while every combination has a row, and rowLimit − 1 rows exactly at the edge", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [error], rowLimit: 3 });
    stats.record({ error: "a" }, latency.m(1));
    stats.record({ error: "b" }, latency.m(1));
    expect(stats.viewData("v")!.overflow).toBeNull();
    expect(stats.viewData("v")!.combinations).toBe(2);
    stats.record({ error: "c" }, latency.m(1));
    expect(stats.viewData("v")!.rows).toHaveLength(3);
    expect(stats.viewData("v")!.overflow).toEqual({ combinations: 1, measurements: 1 });
  });

  it("limit 1 puts every measurement in the overflow row, exactly (distribution count and sum)", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: distribution([1, 10]), tagKeys: [error], rowLimit: 1 });
    stats.record({ error: "x" }, latency.m(0.5));
    stats.record(undefined, latency.m(20));
    stats.record({ error: "y" }, latency.m(5));
    const vd = stats.viewData("v")!;
    expect(vd.rows).toHaveLength(1);
    const d = vd.rows[0]!.data as DistributionData;
    expect([vd.rows[0]!.overflow, d.count, d.sum, d.bucketCounts]).toEqual([true, 3, 25.5, [1, 1, 1]]);
    expect(vd.overflow).toEqual({ combinations: 3, measurements: 3 });
  });

  it("counts overflow measurements of a reused TagMap memoized to the overflow row", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: sum(), tagKeys: [error], rowLimit: 2 });
    const a = TagMap.of({ error: "a" });
    const b = TagMap.of({ error: "b" });
    for (let i = 0; i < 5; i++) {
      stats.record(a, latency.m(1));
      stats.record(b, latency.m(2));
    }
    const vd = stats.viewData("v")!;
    expect(vd.rows.map((r) => [r.tags[0], r.data, r.overflow ?? false])).toEqual([
      ["a", { type: "sum", value: 5 }, false],
      ["", { type: "sum", value: 10 }, true],
    ]);
    expect(vd.overflow).toEqual({ combinations: 1, measurements: null }); // a sum keeps no count
  });

  it("reset forgets the overflow, and a TagMap memoized to it gets its own row again", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [error], rowLimit: 2 });
    const a = TagMap.of({ error: "a" });
    const b = TagMap.of({ error: "b" });
    stats.record(a, latency.m(1));
    stats.record(b, latency.m(1));
    stats.reset();
    stats.record(b, latency.m(1));
    const vd = stats.viewData("v")!;
    expect(vd.rows).toEqual([{ tags: ["b"], data: { type: "count", value: 1 } }]);
    expect(vd.overflow).toBeNull();
  });

  it("limits each view on its own", () => {
    const stats = createStats();
    stats.registerView(
      { name: "small", measure: latency, aggregation: count(), tagKeys: [error], rowLimit: 2 },
      { name: "large", measure: latency, aggregation: count(), tagKeys: [error] },
    );
    for (const e of ["a", "b", "c"]) stats.record({ error: e }, latency.m(1));
    expect(stats.viewData("small")!.overflow).toEqual({ combinations: 2, measurements: 2 });
    expect(stats.viewData("large")!.overflow).toBeNull();
    expect(stats.viewData("large")!.rows).toHaveLength(3);
  });
});

const aggregations: Aggregation[] = [count(), sum(), lastValue(), distribution([0, 1, 5])];
const tagsArb = fc.record({ error: fc.constantFrom("a", "b", "c", "d", "e", "f", ""), method: fc.constantFrom("x", "y") }, { requiredKeys: [] });
const run = fc.array(fc.tuple(tagsArb, fc.integer({ min: 0, max: 6 })), { maxLength: 80 });

describe("row limit (property)", () => {
  it("overflow row + ordinary rows = every measurement; the first rowLimit − 1 combinations keep their rows", () => {
    fc.assert(
      fc.property(run, fc.integer({ min: 1, max: 8 }), (records, limit) => {
        const stats = createStats();
        stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [error, method], rowLimit: limit });
        const seen: string[] = [];
        for (const [tags, v] of records) {
          const key = `${tags.error ?? ""}|${tags.method ?? ""}`;
          if (!seen.includes(key)) seen.push(key);
          stats.record(tags, latency.m(v));
        }
        const vd = stats.viewData("v")!;
        const ordinary = vd.rows.filter((r) => !r.overflow);
        expect(vd.rows.length).toBeLessThanOrEqual(limit);
        expect(ordinary.map((r) => r.tags.join("|"))).toEqual(seen.slice(0, limit - 1));
        expect(countOf(vd, false) + countOf(vd, true)).toBe(records.length);
        expect(vd.combinations).toBe(seen.length);
        const merged = Math.max(0, seen.length - (limit - 1));
        expect(vd.overflow).toEqual(merged === 0 ? null : { combinations: merged, measurements: countOf(vd, true) }); // a count view
      }),
      { numRuns: 300 },
    );
  });

  it("reused TagMaps (memoized rows) give exactly the rows of fresh plain objects", () => {
    fc.assert(
      fc.property(run, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: aggregations.length - 1 }), (records, limit, a) => {
        const def = { name: "v", measure: latency, aggregation: aggregations[a]!, tagKeys: [error, method], rowLimit: limit };
        const fresh = createStats();
        const memoized = createStats();
        fresh.registerView(def);
        memoized.registerView(def);
        const maps = new Map<string, TagMap>();
        for (const [tags, v] of records) {
          const key = JSON.stringify(tags);
          if (!maps.has(key)) maps.set(key, TagMap.of(tags));
          fresh.record(tags, latency.m(v));
          memoized.record(maps.get(key)!, latency.m(v));
        }
        const f = fresh.viewData("v")!;
        const m = memoized.viewData("v")!;
        expect([m.rows, m.combinations, m.overflow]).toEqual([f.rows, f.combinations, f.overflow]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("row limit: exposition", () => {
  function overflowing() {
    const stats = createStats();
    stats.registerView(
      { name: "errors", description: "errors", measure: latency, aggregation: count(), tagKeys: [error, method], rowLimit: 3 },
      { name: "latency", description: "latency", measure: latency, aggregation: distribution([1, 10]), tagKeys: [error], rowLimit: 2 },
    );
    for (const e of ["a", "b", "c", "d"]) stats.record({ error: e, method: "m" }, latency.m(2));
    return stats.snapshot();
  }

  it("writes the overflow row last with the single label otel_metric_overflow=\"true\" (0.0.4)", () => {
    const text = toPrometheusText(overflowing());
    expect(text).toBe(
      [
        "# HELP errors errors",
        "# TYPE errors counter",
        'errors{error="a",method="m"} 1',
        'errors{error="b",method="m"} 1',
        'errors{otel_metric_overflow="true"} 2',
        "# HELP latency latency",
        "# TYPE latency histogram",
        'latency_bucket{error="a",le="1"} 0',
        'latency_bucket{error="a",le="10"} 1',
        'latency_bucket{error="a",le="+Inf"} 1',
        'latency_sum{error="a"} 2',
        'latency_count{error="a"} 1',
        'latency_bucket{otel_metric_overflow="true",le="1"} 0',
        'latency_bucket{otel_metric_overflow="true",le="10"} 3',
        'latency_bucket{otel_metric_overflow="true",le="+Inf"} 3',
        'latency_sum{otel_metric_overflow="true"} 6',
        'latency_count{otel_metric_overflow="true"} 3',
        "",
      ].join("\n"),
    );
    // OpenCensus naming's counters lack `_total` (promlint says so); Prometheus naming is clean.
    const named = toPrometheusText(overflowing(), { naming: "prometheus" });
    expect(named).toContain('errors_total{otel_metric_overflow="true"} 2\n');
    expect(lintExposition(named, "prometheus").problems).toEqual([]);
  });

  it("writes it in OpenMetrics too, and the linter accepts it", () => {
    const text = toOpenMetricsText(overflowing(), { created: false });
    expect(text).toContain('errors_total{otel_metric_overflow="true"} 2\n');
    expect(text).toContain('latency_bucket{otel_metric_overflow="true",le="+Inf"} 3\n');
    expect(lintExposition(text, "openmetrics").problems).toEqual([]);
  });
});
