// The console's answer in the HTTP API's form: Go's 'f' float format and the request's parameters.
import { describe, expect, it } from "vitest";
import { apiFloat, apiRequest, apiResponse } from "./apiResponse";

describe("apiFloat", () => {
  it("writes what strconv.FormatFloat(v, 'f', -1, 64) writes", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "-0"],
      [1, "1"],
      [0.1, "0.1"],
      [1e21, "1000000000000000000000"],
      [1.5e22, "15000000000000000000000"],
      [1e-7, "0.0000001"],
      [-2.5e-8, "-0.000000025"],
      [123.456, "123.456"],
      [5e-324, "0." + "0".repeat(323) + "5"],
      [NaN, "NaN"],
      [Infinity, "+Inf"],
      [-Infinity, "-Inf"],
    ];
    for (const [v, want] of cases) expect(apiFloat(v), String(v)).toBe(want);
  });

  it("reads back as the same number", () => {
    for (const v of [Math.PI, 1 / 3, 2 ** 60, 2 ** -60, 1.7976931348623157e308, 123456789.123]) expect(Number(apiFloat(v))).toBe(v);
  });
});

describe("apiResponse", () => {
  it("is the API's body: seconds as numbers, values as strings", () => {
    const body = JSON.parse(apiResponse({ resultType: "matrix", result: [{ metric: { __name__: "up" }, values: [[1700000000.5, 1], [1700000001, NaN]] }] }));
    expect(body).toEqual({ status: "success", data: { resultType: "matrix", result: [{ metric: { __name__: "up" }, values: [[1700000000.5, "1"], [1700000001, "NaN"]] }] } });
    expect(JSON.parse(apiResponse({ resultType: "scalar", result: [1, 2], stats: { samplesTouched: 3 } }))).toEqual({ status: "success", data: { resultType: "scalar", result: [1, "2"] } });
  });
});

describe("apiRequest", () => {
  it("asks for the same range or instant", () => {
    expect(apiRequest("sum(rate(x[5m]))", 1_700_000_900_000, { rangeMs: 900_000, stepMs: 3_600 })).toBe(
      "/api/v1/query_range?query=sum%28rate%28x%5B5m%5D%29%29&start=1700000000&end=1700000900&step=3.6",
    );
    expect(apiRequest("up", 1_700_000_000_123, null)).toBe("/api/v1/query?query=up&time=1700000000.123");
  });
});
