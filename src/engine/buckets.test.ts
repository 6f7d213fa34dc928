import { describe, expect, it } from "vitest";
import { exponentialBuckets, exponentialBucketsRange, linearBuckets } from "./buckets";
import { StatsError } from "./errors";

describe("bucket helpers (client_golang semantics)", () => {
  it("linearBuckets", () => {
    expect(linearBuckets(0, 25, 4)).toEqual([0, 25, 50, 75]);
    expect(linearBuckets(-1, 0.5, 3)).toEqual([-1, -0.5, 0]);
    // accumulated like Go (start += width), so the same floats as client_golang
    expect(linearBuckets(0, 0.1, 4)).toEqual([0, 0.1, 0.2, 0.30000000000000004]);
  });

  it("exponentialBuckets", () => {
    expect(exponentialBuckets(1, 2, 5)).toEqual([1, 2, 4, 8, 16]);
    expect(exponentialBuckets(0.001, 10, 3)).toEqual([0.001, 0.01, 0.1]);
  });

  it("exponentialBucketsRange spans min to max", () => {
    const b = exponentialBucketsRange(1, 1000, 4);
    expect(b[0]).toBe(1);
    expect(b[3]).toBeCloseTo(1000, 9);
    expect(b[1]).toBeCloseTo(10, 12);
    expect(exponentialBucketsRange(5, 5, 1)).toEqual([5]);
  });

  it.each([
    [() => linearBuckets(0, 1, 0), "linearBuckets: count must be a whole number ≥ 1, got 0"],
    [() => linearBuckets(0, 0, 3), "linearBuckets: width must be > 0, got 0"],
    [() => linearBuckets(NaN, 1, 3), "linearBuckets: start must be finite, got NaN"],
    [() => exponentialBuckets(0, 2, 3), "exponentialBuckets: start must be > 0, got 0"],
    [() => exponentialBuckets(1, 1, 3), "exponentialBuckets: factor must be > 1, got 1"],
    [() => exponentialBuckets(1, 2, 1.5), "exponentialBuckets: count must be a whole number ≥ 1, got 1.5"],
    [() => exponentialBuckets(1e300, 1e10, 3), "exponentialBuckets: bounds overflow to Infinity"],
    [() => exponentialBucketsRange(0, 10, 3), "exponentialBucketsRange: min must be > 0, got 0"],
    [() => exponentialBucketsRange(10, 1, 3), "exponentialBucketsRange: max (1) must be greater than min (10)"],
  ])("refuses bad arguments with a reason (%#)", (fn, message) => {
    expect(fn).toThrow(StatsError);
    expect(fn).toThrow(message);
  });
});
