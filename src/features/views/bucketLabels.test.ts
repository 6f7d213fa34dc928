// Unit tests for the bucket range labels: one label per bucket, upper-inclusive ranges that
// agree with the engine's bucketIndex, short printing of awkward bounds.
import { describe, expect, it } from "vitest";
import { bucketIndex } from "../../engine/aggregation";
import { bucketLabels, bucketRangeText, formatBound } from "./bucketLabels";

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
      "800–1000",
      "1000–2000",
      "2000–4000",
      "4000–6000",
      ">6000",
    ]);
  });

  it("has one label per bucket: bounds + 1 (the overflow)", () => {
    expect(bucketLabels([10])).toEqual(["≤10", ">10"]);
    expect(bucketLabels([1, 2, 3])).toHaveLength(4);
  });

  it("agrees with the engine's upper-inclusive bucketIndex", () => {
    const labels = bucketLabels(LATENCY);
    expect(labels[bucketIndex(LATENCY, 0)]).toBe("≤0");
    expect(labels[bucketIndex(LATENCY, 25)]).toBe("0–25");
    expect(labels[bucketIndex(LATENCY, 25.001)]).toBe("25–50");
    expect(labels[bucketIndex(LATENCY, 6000)]).toBe("4000–6000");
    expect(labels[bucketIndex(LATENCY, 6000.5)]).toBe(">6000");
  });

  it("prints negative, fractional and float-noisy bounds short", () => {
    expect(bucketLabels([-1, 0.5])).toEqual(["≤-1", "-1–0.5", ">0.5"]);
    expect(bucketLabels([0.1, 0.1 + 0.2])).toEqual(["≤0.1", "0.1–0.3", ">0.3"]);
    expect(formatBound(Math.SQRT2)).toBe("1.41421");
    expect(formatBound(1e6)).toBe("1000000");
  });

  it("survives no bounds (never produced by the engine)", () => {
    expect(bucketLabels([])).toEqual(["all"]);
  });
});

describe("bucketRangeText", () => {
  it("says the range in words", () => {
    expect(bucketRangeText(LATENCY, 0)).toBe("≤ 0");
    expect(bucketRangeText(LATENCY, 2)).toBe("> 25 and ≤ 50");
    expect(bucketRangeText(LATENCY, LATENCY.length)).toBe("> 6000");
  });
});
