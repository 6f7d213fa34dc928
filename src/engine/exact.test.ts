// Exact quantiles: the smallest value with at least ⌈q·n⌉ values at or below it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactQuantile, exactQuantiles, quantileRank } from "./exact";

describe("exactQuantile", () => {
  it("is the smallest value with at least ⌈q·n⌉ values at or below it", () => {
    const v = [5, 1, 4, 2, 3]; // sorted 1 2 3 4 5
    expect(exactQuantile(v, 0.5)).toBe(3); // ⌈2.5⌉ = 3 values ≤ 3
    expect(exactQuantile(v, 0.4)).toBe(2); // ⌈2⌉ = 2
    expect(exactQuantile(v, 0.41)).toBe(3);
    expect(exactQuantile(v, 0)).toBe(1); // at least one value: the minimum
    expect(exactQuantile(v, 1)).toBe(5);
    expect(v).toEqual([5, 1, 4, 2, 3]); // not reordered
  });

  it("takes ⌈q·n⌉ on the exact product: 0.9 × 10 is 9, 0.99 × 100 is 99", () => {
    expect(quantileRank(0.9, 10)).toBe(9);
    expect(quantileRank(0.99, 100)).toBe(99);
    expect(quantileRank(0.7, 10)).toBe(7);
    expect(exactQuantile(Array.from({ length: 10 }, (_, i) => i + 1), 0.9)).toBe(9);
  });

  it("is NaN without values and refuses q outside [0, 1]", () => {
    expect(exactQuantile([], 0.5)).toBeNaN();
    expect(exactQuantiles([], [0.5, 0.9])).toEqual([NaN, NaN]);
    for (const q of [-0.1, 1.1, NaN]) expect(() => exactQuantile([1], q)).toThrow(expect.objectContaining({ code: "QUANTILE" }));
  });

  it("agrees with sorting, for any values and q (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const v = exactQuantile(values, q);
          const atOrBelow = sorted.filter((x) => x <= v).length;
          expect(atOrBelow).toBeGreaterThanOrEqual(quantileRank(q, values.length));
          // and it is the smallest such value: fewer than the rank are strictly below it
          expect(sorted.filter((x) => x < v).length).toBeLessThan(quantileRank(q, values.length));
          expect(exactQuantiles(values, [q])[0]).toBe(v);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("several at once equal each one alone, in any order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (values, qs) => {
          expect(exactQuantiles(values, qs)).toEqual(qs.map((q) => exactQuantile(values, q)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
