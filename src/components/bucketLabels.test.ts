// Unit tests for the bucket range labels: one label per bucket, upper-inclusive ranges that
// agree with the engine's buckets, bounds printed as the page's other numbers are.
import { describe, expect, it } from "vitest";
import { createStats, distribution, type DistributionData, measureFloat64, TagMap } from "../engine";
import { formatNumber } from "./format";
import { bucketLabels, bucketRangeText } from "./bucketLabels";

const LATENCY = [0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000];

describe("bucketLabels", () => {
  it("labels the quickstart's latency buckets, first ≤, last >", () => {
    expect(bucketLabels(LATENCY)).toEqual([
      "≤0",
      "0–25",
      "25–50",
      "50–75",
      "75–100",
      "100–200",
      "200–400",
      "400–600",
      "600–800",
      "800–1,000",
      "1,000–2,000",
      "2,000–4,000",
      "4,000–6,000",
      ">6,000",
    ]);
  });

  it("has one label per bucket: bounds + 1 (the overflow)", () => {
    expect(bucketLabels([10])).toEqual(["≤10", ">10"]);
    expect(bucketLabels([1, 2, 3])).toHaveLength(4);
  });

  it("agrees with the engine's upper-inclusive buckets", () => {
    const labels = bucketLabels(LATENCY);
    /** The bucket the engine records `v` in. */
    const bucketIndex = (bounds: number[], v: number) => {
      const stats = createStats();
      const m = measureFloat64("m");
      stats.registerView({ measure: m, aggregation: distribution(bounds) });
      stats.record(TagMap.empty(), m.m(v));
      return (stats.snapshot()[0]!.rows[0]!.data as DistributionData).bucketCounts.indexOf(1);
    };
    expect(labels[bucketIndex(LATENCY, 0)]).toBe("≤0");
    expect(labels[bucketIndex(LATENCY, 25)]).toBe("0–25");
    expect(labels[bucketIndex(LATENCY, 25.001)]).toBe("25–50");
    expect(labels[bucketIndex(LATENCY, 6000)]).toBe("4,000–6,000");
    expect(labels[bucketIndex(LATENCY, 6000.5)]).toBe(">6,000");
  });

  it("prints bounds as the page's other numbers: negative, fractional, float-noisy, large", () => {
    expect(bucketLabels([-1, 0.5])).toEqual(["≤-1", "-1–0.5", ">0.5"]);
    expect(bucketLabels([0.1, 0.1 + 0.2])).toEqual(["≤0.1", "0.1–0.3", ">0.3"]);
    expect(bucketLabels([Math.SQRT2])).toEqual(["≤1.414", ">1.414"]);
    expect(bucketLabels([1e6])).toEqual(["≤1,000,000", ">1,000,000"]);
    // A bar's label and the max beside it (formatValue → formatNumber) agree.
    expect(bucketLabels(LATENCY).at(-1)).toBe(`>${formatNumber(6000)}`);
  });

  it("survives no bounds (never produced by the engine)", () => {
    expect(bucketLabels([])).toEqual(["all"]);
  });
});

describe("bucketRangeText", () => {
  it("says the range in words", () => {
    expect(bucketRangeText(LATENCY, 0)).toBe("≤ 0");
    expect(bucketRangeText(LATENCY, 2)).toBe("> 25 and ≤ 50");
    expect(bucketRangeText(LATENCY, LATENCY.length)).toBe("> 6,000");
    expect(bucketRangeText(LATENCY, 10)).toBe("> 1,000 and ≤ 2,000");
  });
});
