import { describe, expect, it } from "vitest";
import { histogramQuantile } from "./quantile";

const b = (pairs: [number, number][]) => pairs.map(([upperBound, count]) => ({ upperBound, count }));

describe("histogramQuantile (promql/quantile.go bucketQuantile)", () => {
  it("golden cases", () => {
    expect(histogramQuantile(0.5, b([[1, 0], [2, 4], [Infinity, 4]]))).toBe(1.5);
    expect(histogramQuantile(0, b([[1, 0], [2, 4], [Infinity, 4]]))).toBeNaN();
    expect(histogramQuantile(0.5, b([[1, 5], [2, 3], [Infinity, 10]]))).toBe(1);
  });

  it("q out of range", () => {
    const h = b([[1, 1], [Infinity, 2]]);
    expect(histogramQuantile(NaN, h)).toBeNaN();
    expect(histogramQuantile(-0.1, h)).toBe(-Infinity);
    expect(histogramQuantile(1.1, h)).toBe(Infinity);
  });

  it("needs a +Inf bucket, at least two buckets and observations", () => {
    expect(histogramQuantile(0.5, b([[1, 1], [2, 2]]))).toBeNaN();
    expect(histogramQuantile(0.5, b([[Infinity, 2]]))).toBeNaN();
    expect(histogramQuantile(0.5, b([[1, 0], [Infinity, 0]]))).toBeNaN();
    expect(histogramQuantile(0.5, [])).toBeNaN();
  });

  it("answers the second-highest bound in the +Inf bucket", () => {
    expect(histogramQuantile(0.99, b([[1, 1], [2, 2], [Infinity, 10]]))).toBe(2);
  });

  it("answers the first bound when it is ≤ 0", () => {
    expect(histogramQuantile(0.1, b([[-1, 5], [0, 6], [Infinity, 10]]))).toBe(-1);
    expect(histogramQuantile(0.1, b([[0, 5], [1, 6], [Infinity, 10]]))).toBe(0);
  });

  it("interpolates from the previous bound, or from 0 in the first bucket", () => {
    expect(histogramQuantile(0.25, b([[10, 4], [20, 8], [Infinity, 8]]))).toBe(5);
    expect(histogramQuantile(0.75, b([[10, 4], [20, 8], [Infinity, 8]]))).toBe(15);
  });

  it("sorts buckets and coalesces equal bounds", () => {
    expect(histogramQuantile(0.5, b([[Infinity, 4], [2, 4], [1, 0]]))).toBe(1.5);
    // two series' buckets with the same bound add up
    expect(histogramQuantile(0.5, b([[1, 0], [1, 0], [2, 2], [2, 2], [Infinity, 2], [Infinity, 2]]))).toBe(1.5);
  });

  it("does not modify its input", () => {
    const h = b([[1, 5], [2, 3], [Infinity, 10]]);
    histogramQuantile(0.5, h);
    expect(h).toEqual(b([[1, 5], [2, 3], [Infinity, 10]]));
  });
});
