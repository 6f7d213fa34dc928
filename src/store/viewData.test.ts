// Unit tests for how a view's rows combine, its scalar and its unit: the one rule the store's
// history and the cards share.
import { describe, expect, it } from "vitest";
import {
  count,
  createStats,
  distribution,
  type DistributionData,
  lastValue,
  measureFloat64,
  sum,
  tagKey,
  TagMap,
} from "../engine";
import { combineRows, scalarOf, unitOf } from "./viewData";

const status = tagKey("status");
const latency = measureFloat64("t/latency", { description: "latency", unit: "ms" });
const BOUNDS = [0, 25, 50, 100];

function recorded(values: Record<string, number[]>) {
  const stats = createStats();
  stats.registerView(
    { name: "d", measure: latency, aggregation: distribution(BOUNDS), tagKeys: [status] },
    { name: "c", measure: latency, aggregation: count(), tagKeys: [status] },
    { name: "s", measure: latency, aggregation: sum(), tagKeys: [status] },
    { name: "g", measure: latency, aggregation: lastValue(), tagKeys: [status] },
  );
  for (const [tag, vs] of Object.entries(values))
    for (const v of vs) stats.record(TagMap.empty().insert(status, tag), latency.m(v));
  return (name: string) => stats.viewData(name)!;
}

describe("combineRows", () => {
  it("adds the values of Count and Sum rows", () => {
    const view = recorded({ OK: [2, 7], ERROR: [3] });
    expect(combineRows(view("c").view, view("c").rows)).toEqual({ type: "count", value: 3 });
    expect(combineRows(view("s").view, view("s").rows)).toEqual({ type: "sum", value: 12 });
  });

  it("takes the latest row of a LastValue", () => {
    const view = recorded({ OK: [2, 7], ERROR: [3] });
    // Rows in the order they appeared: OK, ERROR.
    expect(combineRows(view("g").view, view("g").rows)).toEqual({ type: "lastValue", value: 3 });
  });

  it("adds a distribution's counts, sums and buckets; min of mins, max of maxes; mean and deviations as one row", () => {
    const view = recorded({ OK: [10, 20, 30], ERROR: [5, 500] });
    const all = combineRows(view("d").view, view("d").rows) as DistributionData;
    const one = recorded({ X: [10, 20, 30, 5, 500] })("d").rows[0]!.data as DistributionData;
    expect({ ...all, mean: 0, sumOfSquaredDeviation: 0 }).toEqual({ ...one, mean: 0, sumOfSquaredDeviation: 0 });
    expect(all).toMatchObject({ count: 5, sum: 565, min: 5, max: 500, bucketCounts: [0, 3, 1, 0, 1] });
    expect(all.mean).toBeCloseTo(one.mean, 9);
    expect(all.sumOfSquaredDeviation).toBeCloseTo(one.sumOfSquaredDeviation, 6);
  });

  it("combines no rows into what a row that saw nothing holds", () => {
    const view = recorded({});
    expect(scalarOf(combineRows(view("c").view, []))).toBe(0);
    expect(scalarOf(combineRows(view("g").view, []))).toBe(0);
    expect(combineRows(view("d").view, [])).toMatchObject({ count: 0, sum: 0, min: Infinity, max: -Infinity, bucketCounts: [0, 0, 0, 0, 0] });
  });
});

describe("scalarOf and unitOf", () => {
  it("follows a distribution's count, else the value", () => {
    const view = recorded({ OK: [10, 20] });
    expect(scalarOf(view("d").rows[0]!.data)).toBe(2);
    expect(scalarOf(view("s").rows[0]!.data)).toBe(30);
  });

  it("gives a Count no unit, every other view its measure's", () => {
    const view = recorded({});
    expect(["c", "s", "g", "d"].map((n) => unitOf(view(n).view))).toEqual(["", "ms", "ms", "ms"]);
  });
});
