// Unit tests for what a card shows: combining rows (all rows vs one), quantiles as the engine
// computes them, row labels, and the equality that decides whether a card re-renders.
import { describe, expect, it } from "vitest";
import {
  count,
  createStats,
  distribution,
  histogramQuantile,
  lastValue,
  measureFloat64,
  sum,
  tagKey,
  TagMap,
  type ViewData,
} from "../../engine";
import { goQuickstart } from "../../repl/quickstart";
import {
  chosenRows,
  describeRows,
  inOverflow,
  quantileNotes,
  scalarValue,
  summarizeDistribution,
} from "./summary";
import { sameViewData } from "./sameViewData";

const method = tagKey("method");
const status = tagKey("status");
const latency = measureFloat64("t/latency", { description: "latency", unit: "ms" });
const BOUNDS = [0, 25, 50, 100];
const keyOf = (tags: readonly string[]) => tags.join("\u0000");

function setup() {
  let t = 1_000;
  const stats = createStats({ now: () => t });
  stats.registerView(
    { name: "d", measure: latency, aggregation: distribution(BOUNDS), tagKeys: [method, status] },
    { name: "c", measure: latency, aggregation: count(), tagKeys: [method, status] },
    { name: "s", measure: latency, aggregation: sum(), tagKeys: [method, status] },
    { name: "g", measure: latency, aggregation: lastValue(), tagKeys: [method, status] },
  );
  const ok = TagMap.empty().insert(method, "repl").insert(status, "OK");
  const bad = TagMap.empty().insert(method, "repl").insert(status, "ERROR");
  const view = (name: string): ViewData => stats.viewData(name)!;
  return { stats, ok, bad, view, tick: () => (t += 1000) };
}

describe("summarizeDistribution", () => {
  it("adds rows: counts, sums, buckets; min of mins, max of maxes, mean = sum/count", () => {
    const { stats, ok, bad, view } = setup();
    for (const v of [10, 20, 30]) stats.record(ok, latency.m(v));
    for (const v of [5, 500]) stats.record(bad, latency.m(v));
    const d = view("d");
    const all = summarizeDistribution(BOUNDS, d.rows);
    expect(all.count).toBe(5);
    expect(all.sum).toBe(565);
    expect(all.mean).toBe(113);
    expect(all.min).toBe(5);
    expect(all.max).toBe(500);
    expect(all.bucketCounts).toEqual([0, 3, 1, 0, 1]);
    // quantiles are histogramQuantile over the cumulative buckets: 0,3,4,4,5
    expect(all.quantiles.p50).toBe(
      histogramQuantile(0.5, [
        { upperBound: 0, count: 0 },
        { upperBound: 25, count: 3 },
        { upperBound: 50, count: 4 },
        { upperBound: 100, count: 4 },
        { upperBound: Infinity, count: 5 },
      ]),
    );
    expect(all.quantiles.p99).toBe(100); // in the overflow bucket: the highest bound
    expect(inOverflow(all.bucketCounts, all.count, 0.99)).toBe(true);
    expect(inOverflow(all.bucketCounts, all.count, 0.5)).toBe(false);

    const one = summarizeDistribution(BOUNDS, chosenRows(d.rows, 0));
    expect([one.count, one.sum, one.mean, one.min, one.max]).toEqual([3, 60, 20, 10, 30]);
  });

  it("is NaN, not ±Infinity, with no rows", () => {
    const s = summarizeDistribution(BOUNDS, []);
    expect(s.count).toBe(0);
    expect(s.bucketCounts).toEqual([0, 0, 0, 0, 0]);
    expect([s.mean, s.min, s.max, s.quantiles.p50, s.quantiles.p90]).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });
});

describe("scalarValue", () => {
  it("adds Count and Sum rows; takes the last row of a LastValue", () => {
    const { stats, ok, bad, view } = setup();
    stats.record(ok, latency.m(2));
    stats.record(bad, latency.m(3));
    stats.record(ok, latency.m(7));
    const scalar = (name: string, rows = view(name).rows) => scalarValue(view(name).view, rows);
    expect(scalar("c")).toBe(3);
    expect(scalar("s")).toBe(12);
    expect(scalar("g")).toBe(3); // rows in creation order: OK, ERROR
    expect(scalar("s", chosenRows(view("s").rows, 0))).toBe(9);
    expect(scalar("c", [])).toBeNaN();
  });
});

describe("describeRows", () => {
  it("labels rows key=value in key order, leaving out empty values", () => {
    const { stats, ok, view } = setup();
    stats.record(ok, latency.m(1));
    stats.record(TagMap.empty().insert(status, "ERROR"), latency.m(1));
    stats.record(undefined, latency.m(1));
    const rows = describeRows(view("c").view, view("c").rows, keyOf);
    expect(rows.map((r) => r.label)).toEqual(["method=repl, status=OK", "status=ERROR", "(no tags)"]);
    expect(rows[0]!.pairs).toEqual([
      { key: "method", value: "repl" },
      { key: "status", value: "OK" },
    ]);
    expect(rows[1]!.key).toBe("\u0000ERROR");
  });

  it("labels the overflow row with its one label and keys it apart from the row of empty values", () => {
    const stats = createStats();
    stats.registerView({ name: "limited", measure: latency, aggregation: count(), tagKeys: [method], rowLimit: 2 });
    stats.record(undefined, latency.m(1));
    stats.record({ method: "a" }, latency.m(1));
    const rows = describeRows(stats.viewData("limited")!.view, stats.viewData("limited")!.rows, keyOf);
    expect(rows).toEqual([
      { key: "", label: "(no tags)", pairs: [] },
      { key: "overflow", label: "otel_metric_overflow=true (the overflow row)", pairs: [{ key: "otel_metric_overflow", value: "true" }] },
    ]);
  });

  it("chooses one row by index, or all rows for -1 or an index that is not there", () => {
    const { stats, ok, bad, view } = setup();
    stats.record(ok, latency.m(1));
    stats.record(bad, latency.m(1));
    const rows = view("c").rows;
    expect(chosenRows(rows, 1)).toEqual([rows[1]]);
    expect(chosenRows(rows, -1)).toBe(rows);
    expect(chosenRows(rows, 5)).toBe(rows);
  });
});

describe("sameViewData", () => {
  it("ignores the snapshot time, sees new data, reset and new rows", () => {
    const { stats, ok, bad, view, tick } = setup();
    stats.record(ok, latency.m(1));
    const a = view("d");
    tick();
    expect(sameViewData(a, view("d"))).toBe(true);
    stats.record(ok, latency.m(1));
    const b = view("d");
    expect(sameViewData(a, b)).toBe(false);
    stats.record(bad, latency.m(1));
    expect(sameViewData(b, view("d"))).toBe(false);
    const c = view("c");
    stats.record(undefined); // nothing recorded
    expect(sameViewData(c, view("c"))).toBe(true);
    const before = view("g");
    tick();
    stats.reset();
    expect(sameViewData(before, view("g"))).toBe(false);
    const empty = view("g");
    tick();
    expect(sameViewData(empty, view("g"))).toBe(true);
  });
});

describe("quantileNotes", () => {
  const bounds = [0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000];
  const viewOf = () => ({
    name: "demo/latency",
    description: "",
    measure: goQuickstart.latency,
    aggregation: distribution(bounds),
    tagKeys: [],
  });
  const summaryOf = (values: number[]) => {
    const stats = createStats();
    stats.registerView(viewOf());
    for (const v of values) stats.record(TagMap.empty(), goQuickstart.latency.m(v));
    return summarizeDistribution(bounds, stats.viewData("demo/latency")!.rows);
  };

  it("says when estimates lie above the largest observation, on the card", () => {
    const s = summaryOf([1081]);
    expect(s.quantiles.p50).toBe(1500);
    expect(quantileNotes(bounds, s, "ms")).toEqual([
      "p50, p90 and p99 (1,500, 1,900, 1,990 ms) are above the largest observation, 1,081 ms: histogram_quantile assumes a bucket's observations are spread evenly across it, here 1,000–2,000 ms.",
    ]);
  });

  it("says when an estimate lies below the smallest observation", () => {
    const notes = quantileNotes(bounds, summaryOf([1950, 1990]), "ms");
    expect(notes).toEqual([
      "p50 and p90 (1,500, 1,900 ms) are below the smallest observation, 1,950 ms: histogram_quantile assumes a bucket's observations are spread evenly across it, here 1,000–2,000 ms.",
    ]);
  });

  it("says when an estimate is stuck at the highest bound", () => {
    const values = [...Array.from({ length: 98 }, () => 10), 7000, 7200];
    expect(quantileNotes(bounds, summaryOf(values), "ms")).toEqual([
      "p99 (6,000 ms) is the highest bound: it falls in the bucket above 6,000 ms, which has no upper bound, so the true value is higher (largest observation 7,200 ms).",
    ]);
  });

  it("says nothing when every estimate lies among the observations", () => {
    expect(quantileNotes(bounds, summaryOf([10, 20, 30, 60, 90, 150, 390]), "ms")).toEqual([]);
    expect(quantileNotes(bounds, summaryOf([]), "ms")).toEqual([]);
  });
});
