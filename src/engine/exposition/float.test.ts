import { describe, expect, it } from "vitest";
import { formatCount, formatFloat, formatOpenMetricsFloat } from "./float";

describe("formatFloat: Go's strconv.FormatFloat(v, 'g', -1, 64) as expfmt writes it", () => {
  it.each([
    [0, "0"],
    [-0, "0"],
    [1, "1"],
    [-1, "-1"],
    [25, "25"],
    [0.1, "0.1"],
    [0.30000000000000004, "0.30000000000000004"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [-0.000123, "-0.000123"],
    [100000, "100000"],
    [123456.789, "123456.789"],
    [999999, "999999"],
    [1000000, "1e+06"],
    [1234567, "1.234567e+06"],
    [9007199254740992, "9.007199254740992e+15"],
    [1e21, "1e+21"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [5e-324, "5e-324"],
    [3.141592653589793, "3.141592653589793"],
    [NaN, "NaN"],
    [Infinity, "+Inf"],
    [-Infinity, "-Inf"],
  ])("%s → %s", (v, s) => {
    expect(formatFloat(v)).toBe(s);
  });
});

describe("formatOpenMetricsFloat adds .0 to whole numbers", () => {
  it.each([
    [0, "0.0"],
    [1, "1.0"],
    [-1, "-1.0"],
    [25, "25.0"],
    [0.025, "0.025"],
    [1e6, "1e+06"],
    [1263, "1263.0"],
    [NaN, "NaN"],
    [Infinity, "+Inf"],
    [-Infinity, "-Inf"],
  ])("%s → %s", (v, s) => {
    expect(formatOpenMetricsFloat(v)).toBe(s);
  });
});

it("formatCount writes whole numbers without exponent, as Go's uint64", () => {
  expect(formatCount(1_000_000)).toBe("1000000");
  expect(formatCount(0)).toBe("0");
});
