import { describe, expect, it } from "vitest";
import {
  bucketIndex,
  count,
  cumulativeBuckets,
  distribution,
  type DistributionData,
  lastValue,
  newData,
  sum,
  foldValue,
  bucketFinder,
  findBucket,
  kindOf,
  type Aggregation,
} from "./aggregation";
import fc from "fast-check";
import { ViewError } from "./errors";
import { exponentialBuckets, linearBuckets } from "./buckets";

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

const adder = (agg: Aggregation) => (data: ReturnType<typeof newData>, v: number) =>
  foldValue(kindOf(agg), bucketFinder(agg.type === "distribution" ? agg.bounds : []), data, v);

describe("bucket finder (lookup table + walk) equals the binary search", () => {
  const seeds = [
    [0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000],
    [0, 5, 10, 15, 20, 40, 60, 80, 100, 200, 400, 600, 800, 1000],
    [7],
    [-3, -2.5, 0, 1e-9, 1],
    linearBuckets(0.1, 0.1, 50),
    exponentialBuckets(0.001, 2, 40),
    [1e15, 1e15 + 1, 1e15 + 2],
    [-1e300, 0, 1e300],
    [-1e-323, 0, 1e-323], // subnormal: found by the property below
    [1e-310, 2e-310, 3e-310],
  ];

  it.each(seeds.map((b) => [b.length, b]))("for %i bounds, on the bounds, their neighbours and far out", (_n, bounds) => {
    const f = bucketFinder(bounds);
    const probes = [-Number.MAX_VALUE, -1e9, 0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e9, Number.MAX_VALUE];
    for (const b of bounds) probes.push(b, b - Math.abs(b) * 1e-15 - 1e-300, b + Math.abs(b) * 1e-15 + 1e-300, b - 0.5, b + 0.5);
    for (const v of probes) expect([v, findBucket(f, v)]).toEqual([v, bucketIndex(bounds, v)]);
  });

  it("uses the table for the seed's bounds and binary search for wide exponential ones", () => {
    expect(bucketFinder(seeds[0]!).table).not.toBeNull();
    expect(bucketFinder(exponentialBuckets(0.001, 2, 40)).table).toBeNull();
  });

  it("for random bounds and values (property)", () => {
    const boundsArb = fc
      .uniqueArray(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
        minLength: 1,
        maxLength: 30,
      })
      .map((xs) => [...new Set(xs.map((x) => (Object.is(x, -0) ? 0 : x)))].sort((a, b) => a - b));
    fc.assert(
      fc.property(boundsArb, fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 50 }), (bounds, values) => {
        const f = bucketFinder(bounds);
        for (const v of [...values, ...bounds, ...bounds.map((b) => b + 1e-7), ...bounds.map((b) => b - 1e-7)])
          if (findBucket(f, v) !== bucketIndex(bounds, v)) return false;
        return true;
      }),
      { numRuns: 500 },
    );
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
      const add = adder(agg);
      for (const v of [2, 3, 1.5]) add(data, v);
      expect((data as { value: number }).value).toBe(expected);
    }
  });

  it("distribution keeps count, exact sum, mean, min, max, squared deviations and buckets", () => {
    const agg = distribution([0, 5, 10]);
    const data = newData(agg) as DistributionData;
    const add = adder(agg);
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
    const add = adder(agg);
    for (const v of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) add(data, v);
    expect(data.sumOfSquaredDeviation).toBe(90); // deviations −6, −3, 3, 6
  });
});
