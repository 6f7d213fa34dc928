// Unit tests for the designer's bounds: the free list's parser (every message), the generators
// (client_golang's floats, every refusal at the parameter it names), the default layouts, the
// 1-2-5 rounding and the layouts over the logged range the advisor is shown against; and the
// target quantiles' parser.
import { describe, expect, it } from "vitest";
import { exponentialBuckets, exponentialBucketsRange, linearBuckets } from "../../engine";
import {
  DEF_BUCKETS,
  exponentialOver,
  formatBounds,
  generateBounds,
  linearOver,
  OTEL_DEFAULT_BOUNDS,
  parseBounds,
  round125,
} from "./bounds";
import { DEFAULT_TARGETS, parseTargets, quantileName } from "./quantiles";

describe("the free list", () => {
  it("reads decimal numbers separated by commas and/or spaces", () => {
    expect(parseBounds("0, 25, 50, 100")).toEqual({ ok: true, value: [0, 25, 50, 100] });
    expect(parseBounds("  -2.5,-1 .5 1e3\n2E+3,+3000.  ")).toEqual({ ok: true, value: [-2.5, -1, 0.5, 1000, 2000, 3000] });
    expect(parseBounds("7")).toEqual({ ok: true, value: [7] });
  });

  it("round-trips any layout through its text, floats exactly", () => {
    for (const bounds of [DEF_BUCKETS, OTEL_DEFAULT_BOUNDS, linearBuckets(0, 0.1, 12), exponentialBucketsRange(1e-7, 97.3, 40), [-1e300, 5e-324, 1.7976931348623157e308]]) {
      expect(parseBounds(formatBounds(bounds))).toEqual({ ok: true, value: [...bounds] });
    }
    expect(formatBounds([0.005, 1, 2.5, 1e21])).toBe("0.005, 1, 2.5, 1e+21");
  });

  it.each([
    ["", "no bounds: list at least one, e.g. 0, 25, 50, 100"],
    ["   \n ", "no bounds: list at least one, e.g. 0, 25, 50, 100"],
    ["0, , 50", "bound 1 is empty: two commas in a row, or a comma at either end"],
    ["0, 25,", "bound 2 is empty: two commas in a row, or a comma at either end"],
    [", 1", "bound 0 is empty: two commas in a row, or a comma at either end"],
    ["0, abc, 50", 'bound 1 is "abc", not a number: write decimal numbers such as 25, 0.5 or 1e-3'],
    ["0x10", 'bound 0 is "0x10", not a number: write decimal numbers such as 25, 0.5 or 1e-3'],
    ["1, NaN", 'bound 1 is "NaN", not a number: write decimal numbers such as 25, 0.5 or 1e-3'],
    ["1, 2, 1_000", 'bound 2 is "1_000", not a number: write decimal numbers such as 25, 0.5 or 1e-3'],
    ["1, +Inf", 'bound 1 is "+Inf": it must be a finite number (the +Inf bucket is always there; do not list it)'],
    ["-Infinity, 0", 'bound 0 is "-Infinity": it must be a finite number (the +Inf bucket is always there; do not list it)'],
    ["1, 1e999", 'bound 1 is "1e999", beyond the largest number there is (about 1.8e308)'],
    ["0, 25, 10", "distribution bounds must be strictly increasing, but bound 2 (10) is below bound 1 (25)"],
    ["0, 25, 25", "distribution bounds must be strictly increasing, but bound 2 (25) repeats bound 1 (25)"],
    [Array.from({ length: 1001 }, (_, i) => i).join(","), "1,001 bounds: at most 1,000"],
  ])("refuses %j: %s", (text, problem) => {
    expect(parseBounds(text)).toEqual({ ok: false, problem });
  });

  it("takes exactly 1,000 bounds", () => {
    const parsed = parseBounds(Array.from({ length: 1000 }, (_, i) => i).join(", "));
    expect(parsed.ok && parsed.value.length).toBe(1000);
  });
});

describe("generators, as client_golang computes them", () => {
  it("gives the engine's (client_golang's) floats", () => {
    expect(generateBounds("linear", { start: "0", width: "0.1", count: "4" })).toEqual({ ok: true, bounds: [0, 0.1, 0.2, 0.30000000000000004] });
    expect(generateBounds("linear", { start: "-1", width: "0.5", count: "3" })).toEqual({ ok: true, bounds: linearBuckets(-1, 0.5, 3) });
    expect(generateBounds("exponential", { start: "1", factor: "2", count: "10" })).toEqual({ ok: true, bounds: exponentialBuckets(1, 2, 10) });
    expect(generateBounds("exponential", { start: "0.001", factor: "10", count: "3" })).toEqual({ ok: true, bounds: [0.001, 0.01, 0.1] });
    expect(generateBounds("range", { min: "1", max: "1000", count: "4" })).toEqual({ ok: true, bounds: exponentialBucketsRange(1, 1000, 4) });
    expect(generateBounds("range", { min: "5", max: "1", count: "1" })).toEqual({ ok: true, bounds: [5] });
  });

  it.each([
    ["linear", { start: "", width: "1", count: "3" }, { start: "start is empty: enter a number such as 25, 0.5 or 1e-3" }],
    ["linear", { start: "a", width: "1", count: "3" }, { start: 'start is "a", not a number: write decimal numbers such as 25, 0.5 or 1e-3' }],
    ["linear", { start: "0", width: "inf", count: "3" }, { width: 'width is "inf": it must be a finite number (the +Inf bucket is always there; do not list it)' }],
    ["linear", { start: "0", width: "1e400", count: "3" }, { width: 'width is "1e400", beyond the largest number there is (about 1.8e308)' }],
    ["linear", { start: "0", width: "0", count: "3" }, { width: "linearBuckets: width must be > 0, got 0" }],
    ["linear", { start: "0", width: "-5", count: "3" }, { width: "linearBuckets: width must be > 0, got -5" }],
    ["linear", { start: "0", width: "1", count: "0" }, { count: 'count must be a whole number from 1 to 1,000; got "0"' }],
    ["linear", { start: "0", width: "1", count: "1001" }, { count: 'count must be a whole number from 1 to 1,000; got "1001"' }],
    ["linear", { start: "0", width: "1", count: "2.5" }, { count: 'count must be a whole number from 1 to 1,000; got "2.5"' }],
    ["linear", { start: "x", width: "y", count: "z" }, {
      start: 'start is "x", not a number: write decimal numbers such as 25, 0.5 or 1e-3',
      width: 'width is "y", not a number: write decimal numbers such as 25, 0.5 or 1e-3',
      count: 'count must be a whole number from 1 to 1,000; got "z"',
    }],
    ["linear", { start: "1e20", width: "1", count: "3" }, { bounds: "distribution bounds must be strictly increasing, but bound 1 (100000000000000000000) repeats bound 0 (100000000000000000000)" }],
    ["linear", { start: "1e308", width: "1e308", count: "3" }, { bounds: "distribution bound 1 is Infinity; bounds must be finite numbers" }],
    ["exponential", { start: "0", factor: "2", count: "3" }, { start: "exponentialBuckets: start must be > 0, got 0" }],
    ["exponential", { start: "1", factor: "1", count: "3" }, { factor: "exponentialBuckets: factor must be > 1, got 1" }],
    ["exponential", { start: "1e300", factor: "1e10", count: "3" }, { count: "exponentialBuckets: bounds overflow to Infinity" }],
    ["range", { min: "0", max: "10", count: "3" }, { min: "exponentialBucketsRange: min must be > 0, got 0" }],
    ["range", { min: "10", max: "1", count: "3" }, { max: "exponentialBucketsRange: max (1) must be greater than min (10)" }],
    ["range", { min: "1", max: "10", count: "-3" }, { count: 'count must be a whole number from 1 to 1,000; got "-3"' }],
  ] as const)("%s %j: refused at the parameter", (kind, params, problems) => {
    expect(generateBounds(kind, params)).toEqual({ ok: false, problems });
  });
});

describe("the layouts to start from and to compare with", () => {
  it("are client_golang's DefBuckets and OpenTelemetry's default bounds", () => {
    expect(DEF_BUCKETS).toEqual([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    expect(OTEL_DEFAULT_BOUNDS).toEqual([0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]);
  });

  it("rounds down to 1-2-5 numbers", () => {
    expect([0.7, 1, 1.9, 2, 4.99, 5, 9.9, 10, 0.003, 180, 7200].map(round125)).toEqual([0.5, 1, 1, 2, 2, 5, 5, 10, 0.002, 100, 5000]);
  });

  it("spreads bounds over the logged range, exponentially from the smallest positive value or linearly", () => {
    expect(exponentialOver(1, 1000, 4, false)).toEqual([1, exponentialBucketsRange(1, 1000, 4)[1], exponentialBucketsRange(1, 1000, 4)[2], 1000]);
    // Rounded as the advisor rounds its own rivals: the float 9.999999999999998 goes down to 5.
    expect(exponentialOver(1, 1000, 4, true)).toEqual([1, 5, 50, 1000]);
    expect(exponentialOver(3, 3000, 4, true)).toEqual([2, 20, 200, 2000]);
    expect(exponentialOver(0, 1000, 4, false)).toBeNull(); // nothing positive
    expect(exponentialOver(5, 5, 4, false)).toBeNull(); // one value
    expect(linearOver(0, 90, 4, false)).toEqual([0, 30, 60, 90]);
    expect(linearOver(0, 90, 4, true)).toEqual([0, 20, 50]); // rounded, merged
    expect(linearOver(3, 3, 4, false)).toBeNull();
  });
});

describe("target quantiles", () => {
  it("reads 1–6 distinct quantiles strictly between 0 and 1", () => {
    expect(parseTargets(DEFAULT_TARGETS.join(", "))).toEqual({ ok: true, value: [0.5, 0.9, 0.99] });
    expect(parseTargets("0.999 .25")).toEqual({ ok: true, value: [0.999, 0.25] });
    expect(quantileName(0.5)).toBe("p50");
    expect(quantileName(0.999)).toBe("p99.9");
  });

  it.each([
    ["", "no target quantiles: list one or more, e.g. 0.5, 0.9, 0.99"],
    ["0.5,,0.9", "a target quantile is empty: two commas in a row, or a comma at either end"],
    ["0.5, 1", 'target quantile "1" must be a number strictly between 0 and 1, such as 0.5 or 0.99'],
    ["0", 'target quantile "0" must be a number strictly between 0 and 1, such as 0.5 or 0.99'],
    ["p99", 'target quantile "p99" must be a number strictly between 0 and 1, such as 0.5 or 0.99'],
    ["0.5 0.50", "target quantile 0.50 is listed twice"],
    ["0.1 0.2 0.3 0.4 0.5 0.6 0.7", "7 target quantiles: at most 6"],
  ])("refuses %j", (text, problem) => {
    expect(parseTargets(text)).toEqual({ ok: false, problem });
  });
});
