// A console answer as Prometheus's HTTP API would give it, so a person can set the page's answer
// beside a real server's: the body of /api/v1/query or /api/v1/query_range, and the request that
// asks a server the same (query, time or start/end/step, in seconds).
// Rules (web/api/v1 at v2.42.0): times are seconds since the epoch as JSON numbers (ms precision);
// values are strings written as Go's strconv.FormatFloat(v, 'f', -1, 64) (util/jsonutil
// MarshalFloat): shortest digits, never an exponent; NaN and ±Inf as "NaN", "+Inf", "-Inf".

import type { QueryData } from "../../promql";

/** FormatFloat(v, 'f', -1, 64): the shortest round-trip digits, in plain decimal notation. */
export function apiFloat(v: number): string {
  if (v !== v) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  if (Object.is(v, -0)) return "-0";
  const s = String(v);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const negative = s.startsWith("-");
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const point = (dot < 0 ? mantissa.length : dot) + exponent; // digits before the decimal point
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return (negative ? "-" : "") + out;
}

type Point = [number, number];
const point = ([t, v]: Point): [number, string] => [t, apiFloat(v)];

/** The API's response body for `data` (stats left out, as the API leaves them out unless asked). */
export function apiResponse(data: QueryData): string {
  let body: unknown;
  switch (data.resultType) {
    case "vector":
      body = { resultType: "vector", result: data.result.map((s) => ({ metric: s.metric, value: point(s.value) })) };
      break;
    case "matrix":
      body = { resultType: "matrix", result: data.result.map((s) => ({ metric: s.metric, values: s.values.map(point) })) };
      break;
    case "scalar":
      body = { resultType: "scalar", result: point(data.result) };
      break;
    case "string":
      body = { resultType: "string", result: data.result };
      break;
  }
  return JSON.stringify({ status: "success", data: body });
}

/** The API request that asks a Prometheus the same: path and query string. */
export function apiRequest(query: string, atMs: number, range: { rangeMs: number; stepMs: number } | null): string {
  const params = new URLSearchParams({ query });
  if (range === null) params.set("time", String(atMs / 1000));
  else {
    params.set("start", String((atMs - range.rangeMs) / 1000));
    params.set("end", String(atMs / 1000));
    params.set("step", String(range.stepMs / 1000));
  }
  return `/api/v1/${range === null ? "query" : "query_range"}?${params.toString()}`;
}
