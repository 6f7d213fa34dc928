import { describe, expect, it } from "vitest";
import {
  adderFor,
  bucketIndex,
  count,
  cumulativeBuckets,
  distribution,
  type DistributionData,
  lastValue,
  newData,
  sum,
} from "./aggregation";
import { ViewError } from "./errors";

describe("distribution bounds", () => {
  it("are copied and frozen", () => {
    const bounds = [1, 2, 3];
    const agg = distribution(bounds);
    bounds[0] = 99;
    expect(agg).toEqual({ type: "distribution", bounds: [1, 2, 3] });
    expect(Object.isFrozen(agg.type === "distribution" && agg.bounds)).toBe(true);
  });

  it("may be negative and may include 0 (OpenCensus would drop it)", () => {
    expect(distribution([-5, 0, 5])).toEqual({ type: "distribution", bounds: [-5, 0, 5] });
  });

  it.each([
    [[], "distribution needs at least one bucket bound"],
    [[0, 25, 10], "distribution bounds must be strictly increasing, but bound 2 (10) is below bound 1 (25)"],
    [[0, 25, 25], "distribution bounds must be strictly increasing, but bound 2 (25) repeats bound 1 (25)"],
    [[0, NaN], "distribution bound 1 is NaN; bounds must be finite numbers"],
    [[0, Infinity], "distribution bound 1 is Infinity; bounds must be finite numbers"],
    [[-Infinity, 0], "distribution bound 0 is -Infinity; bounds must be finite numbers"],
  ])("refuse %j", (bounds, message) => {
    expect(() => distribution(bounds)).toThrow(ViewError);
    expect(() => distribution(bounds)).toThrow(message);
  });
});

describe("upper-inclusive buckets", () => {
  const bounds = [0, 25, 50];
  it.each([
    [-1, 0],
    [0, 0],
    [0.001, 1],
    [25, 1],
    [25.000001, 2],
    [50, 2],
    [50.5, 3],
    [1e300, 3],
  ])("value %s lands in bucket %i", (v, i) => {
    expect(bucketIndex(bounds, v)).toBe(i);
  });
});

describe("aggregation data", () => {
  it("count counts, sum sums, lastValue keeps the latest", () => {
    for (const [agg, expected] of [
      [count(), 3],
      [sum(), 6.5],
      [lastValue(), 1.5],
    ] as const) {
      const data = newData(agg);
      const add = adderFor(agg);
      for (const v of [2, 3, 1.5]) add(data, v);
      expect((data as { value: number }).value).toBe(expected);
    }
  });

  it("distribution keeps count, exact sum, mean, min, max, squared deviations and buckets", () => {
    const agg = distribution([0, 5, 10]);
    const data = newData(agg) as DistributionData;
    const add = adderFor(agg);
    const values = [2, 4, 4, 4, 5, 5, 7, 9, 0, 12];
    for (const v of values) add(data, v);
    const mean = values.reduce((a, b) => a + b) / values.length;
    const ssd = values.reduce((a, v) => a + (v - mean) ** 2, 0);
    expect(data.count).toBe(10);
    expect(data.sum).toBe(52);
    expect(data.mean).toBeCloseTo(mean, 12);
    expect(data.min).toBe(0);
    expect(data.max).toBe(12);
    expect(data.sumOfSquaredDeviation).toBeCloseTo(ssd, 10);
    expect(data.bucketCounts).toEqual([1, 6, 2, 1]);
    expect(cumulativeBuckets([0, 5, 10], data.bucketCounts)).toEqual([
      { upperBound: 0, count: 1 },
      { upperBound: 5, count: 7 },
      { upperBound: 10, count: 9 },
      { upperBound: Infinity, count: 10 },
    ]);
  });

  it("Welford stays accurate where the naive formula cancels", () => {
    const agg = distribution([1]);
    const data = newData(agg) as DistributionData;
    const add = adderFor(agg);
    for (const v of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) add(data, v);
    expect(data.sumOfSquaredDeviation).toBe(90); // deviations −6, −3, 3, 6
  });
});
