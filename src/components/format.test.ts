// Unit tests for number formatting: significant digits, separators, units, NaN and infinities.
import { describe, expect, it } from "vitest";
import { formatCount, formatNumber, formatRate, formatValue, unitSuffix } from "./format";

describe("formatNumber", () => {
  it("keeps whole-number digits, 4 significant digits below 1000, thousands separators", () => {
    expect(formatNumber(3)).toBe("3");
    expect(formatNumber(12.3456)).toBe("12.35");
    expect(formatNumber(0.05)).toBe("0.05");
    expect(formatNumber(1523.4)).toBe("1,523");
    expect(formatNumber(123456.7)).toBe("123,457");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-2.5)).toBe("-2.5");
  });
  it("goes scientific for the very small and very large, and names NaN and infinities", () => {
    expect(formatNumber(0.0000123456)).toBe("1.235E-5");
    expect(formatNumber(1e21)).toBe("1E21");
    expect(formatNumber(NaN)).toBe("—");
    expect(formatNumber(Infinity)).toBe("+Inf");
  });
  it("counts things in words", () => {
    expect(formatCount(1, "problem")).toBe("1 problem");
    expect(formatCount(0, "problem")).toBe("0 problems");
    expect(formatCount(1024, "observation")).toBe("1,024 observations");
  });
});

describe("units", () => {
  it("suffixes ms and bytes, nothing for dimensionless", () => {
    expect(unitSuffix("ms")).toBe("ms");
    expect(unitSuffix("By")).toBe("B");
    expect(unitSuffix("kBy")).toBe("kB");
    expect(unitSuffix("1")).toBe("");
    expect(formatValue(12.5, "ms")).toBe("12.5 ms");
    expect(formatValue(40, "By")).toBe("40 B");
    expect(formatValue(7, "1")).toBe("7");
    expect(formatValue(NaN, "ms")).toBe("—");
    expect(formatRate(0.5, "")).toBe("0.5/s");
    expect(formatRate(1200, "By")).toBe("1,200 B/s");
  });
});
