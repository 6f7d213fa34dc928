// The public API: result shapes of Prometheus's HTTP API, range-query steps, options, stale
// markers, and refusals with positions. Values are hand-computed.

import { describe, expect, it } from "vitest";
import { createSeriesStore, instantQuery, PromQLError, rangeQuery, STALE_NAN, type SeriesStore } from "./index";

/** c{job="a"}: 0, 10, 20, … every minute from 0 to 10 m; g: 1 at 0 and a stale marker at 2 m. */
function store(): SeriesStore {
  const s = createSeriesStore();
  for (let i = 0; i <= 10; i++) s.append({ __name__: "c", job: "a" }, i * 60_000, i * 10);
  s.append({ __name__: "g", job: "b" }, 0, 1);
  s.append({ __name__: "g", job: "b" }, 120_000, STALE_NAN);
  return s;
}

function refusal(f: () => unknown): PromQLError {
  try {
    f();
  } catch (e) {
    if (e instanceof PromQLError) return e;
    throw e;
  }
  throw new Error("expected a PromQLError");
}

describe("instantQuery", () => {
  it("answers a vector with [seconds, value] at the evaluation time", () => {
    expect(instantQuery(store(), "c", 150_000)).toEqual({
      resultType: "vector",
      result: [{ metric: { __name__: "c", job: "a" }, value: [150, 20] }],
    });
  });

  it("answers scalars, strings and range vectors", () => {
    const s = store();
    expect(instantQuery(s, "1 + 2", 5_000)).toEqual({ resultType: "scalar", result: [5, 3] });
    expect(instantQuery(s, '"hi"', 5_000)).toEqual({ resultType: "string", result: [5, "hi"] });
    expect(instantQuery(s, "c[2m]", 600_000)).toEqual({
      resultType: "matrix",
      result: [{ metric: { __name__: "c", job: "a" }, values: [[480, 80], [540, 90], [600, 100]] }],
    });
  });

  it("gives NaN and ±Inf as numbers", () => {
    const r = instantQuery(store(), "vector(0) / 0 or vector(1) / 0", 0);
    expect(r.resultType).toBe("vector");
    expect(instantQuery(store(), "1 / 0", 0).result).toEqual([0, Infinity]);
    expect(instantQuery(store(), "-1 / 0", 0).result).toEqual([0, -Infinity]);
    expect(Number.isNaN((instantQuery(store(), "0 / 0", 0).result as [number, number])[1])).toBe(true);
  });

  it("follows staleness and the lookback delta", () => {
    const s = store();
    expect(instantQuery(s, "g", 60_000).result).toHaveLength(1);
    expect(instantQuery(s, "g", 120_000).result).toHaveLength(0);
    // c's last sample is at 10 m: seen until 15 m with the default 5 m lookback, 11 m with 1 m.
    expect(instantQuery(s, "c", 900_000).result).toHaveLength(1);
    expect(instantQuery(s, "c", 900_001).result).toHaveLength(0);
    expect(instantQuery(s, "c", 660_000, { lookbackDeltaMs: 60_000 }).result).toHaveLength(1);
    expect(instantQuery(s, "c", 660_001, { lookbackDeltaMs: 60_000 }).result).toHaveLength(0);
  });

  it("reports samples touched when asked", () => {
    expect(instantQuery(store(), "count_over_time(c[2m])", 600_000, { stats: true }).stats).toEqual({ samplesTouched: 3 });
    expect(instantQuery(store(), "c", 600_000).stats).toBeUndefined();
  });
});

describe("rangeQuery", () => {
  it("evaluates at start, start + step, … ≤ end, as a matrix sorted by labels", () => {
    const s = createSeriesStore();
    for (const job of ["b", "a"]) for (let i = 0; i <= 10; i++) s.append({ __name__: "c", job }, i * 60_000, i);
    const r = rangeQuery(s, "c", 60_000, 250_000, 90_000);
    expect(r).toEqual({
      resultType: "matrix",
      result: [
        { metric: { __name__: "c", job: "a" }, values: [[60, 1], [150, 2], [240, 4]] },
        { metric: { __name__: "c", job: "b" }, values: [[60, 1], [150, 2], [240, 4]] },
      ],
    });
  });

  it("answers a scalar expression as one series without labels", () => {
    expect(rangeQuery(store(), "time()", 0, 120_000, 60_000)).toEqual({
      resultType: "matrix",
      result: [{ metric: {}, values: [[0, 0], [60, 60], [120, 120]] }],
    });
  });

  it("resolves @ start() and @ end() to the query's range", () => {
    const r = rangeQuery(store(), "c @ start() + c @ end()", 60_000, 180_000, 60_000);
    // c at 1 m is 10, at 3 m is 30, at every step.
    expect(r.result).toEqual([{ metric: { job: "a" }, values: [[60, 40], [120, 40], [180, 40]] }]);
  });

  it("leaves out steps after a stale marker", () => {
    expect(rangeQuery(store(), "g", 0, 180_000, 60_000).result).toEqual([{ metric: { __name__: "g", job: "b" }, values: [[0, 1], [60, 1]] }]);
  });

  it("refuses what Prometheus's query_range refuses", () => {
    const s = store();
    expect(refusal(() => rangeQuery(s, "c[5m]", 0, 60_000, 1000)).message).toBe(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
    expect(refusal(() => rangeQuery(s, "c", 60_000, 0, 1000)).message).toMatch(/end timestamp must not be before start time/);
    expect(refusal(() => rangeQuery(s, "c", 0, 60_000, 0)).message).toMatch(/zero or negative query resolution step/);
    expect(refusal(() => rangeQuery(s, "c", 0, 12_000_000, 1000)).message).toMatch(/exceeded maximum resolution of 11,000 points/);
  });

  it("is fast enough: 1 h of 1 s samples for 200 series", () => {
    const s = createSeriesStore();
    const apps = Array.from({ length: 200 }, (_, i) => s.series({ __name__: "lines_total", status: String(200 + (i % 4)), pod: `p${i}` }));
    for (let t = 0; t < 3600; t++) for (const a of apps) a.append(t * 1000, t * 3);
    const t0 = performance.now();
    const r = rangeQuery(s, "sum by (status) (rate(lines_total[1m]))", 0, 3_600_000, 14_000);
    expect(r.result).toHaveLength(4);
    // A generous bound for slow machines; it takes tens of ms on a laptop.
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe("refusals", () => {
  it("carry Prometheus's message and the position in the query", () => {
    const e = refusal(() => instantQuery(store(), "sum(rate(c))", 0));
    expect(e.message).toBe('expected type range vector in call to function "rate", got instant vector');
    expect(e.position).toBe(9);
    expect(e.prometheusText("sum(rate(c))")).toBe('1:10: parse error: expected type range vector in call to function "rate", got instant vector');
    expect(refusal(() => instantQuery(store(), "c{", 0)).prometheusText("c{")).toBe("1:3: parse error: unexpected end of input inside braces");
  });

  it("say what is not supported, where", () => {
    const e = refusal(() => instantQuery(store(), "1 + histogram_sum(c)", 0));
    expect(e.message).toMatch(/^function "histogram_sum" is not supported here/);
    expect([e.position, e.end]).toEqual([4, 20]);
  });

  it("report evaluation errors as execution errors", () => {
    const s = createSeriesStore();
    s.append({ __name__: "x", a: "1", b: "1" }, 0, 1);
    s.append({ __name__: "x", a: "1", b: "2" }, 0, 2);
    const e = refusal(() => instantQuery(s, "x + on(a) x", 0));
    expect(e.errorType).toBe("execution");
    expect(e.message).toBe(
      'found duplicate series for the match group {a="1"} on the right hand-side of the operation: [{__name__="x", a="1", b="2"}, {__name__="x", a="1", b="1"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });
});

describe("maxSamples", () => {
  it("refuses a query that would produce too many points, with Prometheus's message", () => {
    const e = refusal(() => rangeQuery(store(), "c", 0, 600_000, 1000, { maxSamples: 100 }));
    expect(e.message).toBe("query processing would load too many samples into memory in query execution");
    expect(e.errorType).toBe("execution");
    expect(rangeQuery(store(), "c", 0, 600_000, 1000, { maxSamples: 1000 }).result).toHaveLength(1);
  });
});
