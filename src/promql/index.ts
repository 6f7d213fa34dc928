// The evaluator's public API: a series store, and instant and range queries answering the `data`
// object of Prometheus 2.42's HTTP API (/api/v1/query, /api/v1/query_range). Rules: times in
// are integer ms since the epoch, times out are seconds as Prometheus returns them, values are
// JavaScript numbers (NaN and ±Inf included); a query is refused with a PromQLError carrying
// the position and Prometheus's message, or a message saying what is not supported yet.

import { cloneExpr, typeOf, documentedType, type Expr } from "./ast";
import { PromQLError } from "./errors";
import { execEvalStmt, type QueryContext, type StatementResult } from "./evaluate";
import { parseExpr } from "./parser";
import { MemorySeriesStore, type SeriesStore } from "./store";

export { PromQLError, type PromQLErrorType } from "./errors";
export {
  createSeriesStore,
  isStaleNaN,
  SeriesStoreError,
  STALE_NAN,
  type SeriesAppender,
  type SeriesStore,
  type SeriesStoreStats,
} from "./store";
export { parseExpr } from "./parser";

/** Query settings; every field is optional. */
export interface QueryOptions {
  /** How far back an instant selector looks for a sample, ms (default 300000, Prometheus's 5 m). */
  lookbackDeltaMs?: number;
  /** The step of a subquery written without one, ms (default 60000, Prometheus's default evaluation interval). */
  noStepSubqueryIntervalMs?: number;
  /** The most points a query may produce before it is refused (default 50,000,000, Prometheus's --query.max-samples). */
  maxSamples?: number;
  /** When true, the answer carries `stats.samplesTouched`. */
  stats?: boolean;
}

/** A sample's labels, as the HTTP API's `metric` object. */
export type Metric = Record<string, string>;

/** One instant-vector element: `value` is [seconds, value]. */
export interface VectorItem {
  metric: Metric;
  value: [number, number];
}

/** One range-vector series: `values` are [seconds, value] in time order. */
export interface MatrixItem {
  metric: Metric;
  values: [number, number][];
}

/** Counters of one query's work. */
export interface QueryStats {
  /** Samples read from the store (Prometheus's totalQueryableSamples, approximately). */
  samplesTouched: number;
}

/** The HTTP API's `data` object, plus `stats` when asked for. */
export type QueryData = (
  | { resultType: "vector"; result: VectorItem[] }
  | { resultType: "matrix"; result: MatrixItem[] }
  | { resultType: "scalar"; result: [number, number] }
  | { resultType: "string"; result: [number, string] }
) & { stats?: QueryStats };

const DEFAULT_LOOKBACK_MS = 5 * 60 * 1000;
const DEFAULT_SUBQUERY_STEP_MS = 60 * 1000;
const DEFAULT_MAX_SAMPLES = 50_000_000;
/** web/api/v1 queryRange: at most 11,000 points per series. */
const MAX_POINTS = 11000;

function memoryStore(store: SeriesStore): MemorySeriesStore {
  if (!(store instanceof MemorySeriesStore)) throw new TypeError("the store must come from createSeriesStore()");
  return store;
}

function checkTime(name: string, ms: number): void {
  if (!Number.isSafeInteger(ms)) throw new PromQLError(`invalid parameter "${name}": expected an integer number of milliseconds, got ${ms}`, 0, 0, "bad_data", false);
}

function context(store: SeriesStore, options: QueryOptions | undefined): QueryContext {
  const lookback = options?.lookbackDeltaMs ?? DEFAULT_LOOKBACK_MS;
  const subqueryStep = options?.noStepSubqueryIntervalMs ?? DEFAULT_SUBQUERY_STEP_MS;
  if (!(lookback > 0) || !Number.isSafeInteger(lookback)) throw new PromQLError(`lookbackDeltaMs must be a positive integer, got ${lookback}`, 0, 0, "bad_data", false);
  if (!(subqueryStep > 0) || !Number.isSafeInteger(subqueryStep)) {
    throw new PromQLError(`noStepSubqueryIntervalMs must be a positive integer, got ${subqueryStep}`, 0, 0, "bad_data", false);
  }
  const maxSamples = options?.maxSamples ?? DEFAULT_MAX_SAMPLES;
  return {
    store: memoryStore(store),
    lookbackDelta: lookback,
    noStepSubqueryInterval: subqueryStep,
    samplesTouched: 0,
    pointsLoaded: 0,
    maxSamples,
    plain: new Map(),
  };
}

function toData(r: StatementResult, q: QueryContext, options: QueryOptions | undefined): QueryData {
  let data: QueryData;
  switch (r.type) {
    case "vector":
      data = { resultType: "vector", result: r.vector.map((s) => ({ metric: s.metric.toRecord(), value: [s.t / 1000, s.v] })) };
      break;
    case "matrix":
      data = {
        resultType: "matrix",
        result: r.matrix.map((s) => ({ metric: s.metric.toRecord(), values: s.t.map((t, i): [number, number] => [t / 1000, s.v[i]!]) })),
      };
      break;
    case "scalar":
      data = { resultType: "scalar", result: [r.t / 1000, r.v] };
      break;
    case "string":
      data = { resultType: "string", result: [r.t / 1000, r.v] };
      break;
  }
  if (options?.stats === true) data.stats = { samplesTouched: q.samplesTouched };
  return data;
}

/**
 * Evaluates an already parsed expression at `timeMs` (the expression is not modified). For
 * callers that build or alter syntax trees (the conformance runner); queries use instantQuery.
 */
export function instantQueryExpr(store: SeriesStore, expr: Expr, timeMs: number, options?: QueryOptions): QueryData {
  checkTime("time", timeMs);
  const q = context(store, options);
  return toData(execEvalStmt(q, cloneExpr(expr), timeMs, timeMs, 0), q, options);
}

/**
 * Runs `query` at `timeMs` (integer ms) as /api/v1/query does. Returns `{ resultType, result }`
 * with times in seconds; throws PromQLError (with `position`) for a query Prometheus refuses
 * or this evaluator does not support.
 */
export function instantQuery(store: SeriesStore, query: string, timeMs: number, options?: QueryOptions): QueryData {
  return instantQueryExpr(store, parseExpr(query), timeMs, options);
}

/**
 * Evaluates a parsed expression at start, start + step, … ≤ end (ms), as rangeQuery does;
 * the expression is not modified.
 */
export function rangeQueryExpr(store: SeriesStore, expr: Expr, startMs: number, endMs: number, stepMs: number, options?: QueryOptions): QueryData {
  checkTime("start", startMs);
  checkTime("end", endMs);
  checkTime("step", stepMs);
  if (endMs < startMs) throw new PromQLError(`invalid parameter "end": end timestamp must not be before start time`, 0, 0, "bad_data", false);
  if (stepMs <= 0) throw new PromQLError(`invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer`, 0, 0, "bad_data", false);
  if (Math.trunc((endMs - startMs) / stepMs) > MAX_POINTS) {
    throw new PromQLError("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)", 0, 0, "bad_data", false);
  }
  const t = typeOf(expr);
  if (t !== "vector" && t !== "scalar") {
    throw new PromQLError(`invalid expression type "${documentedType(t)}" for range query, must be Scalar or instant Vector`, expr.pos.start, expr.pos.end, "bad_data", false);
  }
  const q = context(store, options);
  return toData(execEvalStmt(q, cloneExpr(expr), startMs, endMs, stepMs), q, options);
}

/**
 * Runs `query` over [startMs, endMs] every `stepMs` (integer ms) as /api/v1/query_range does:
 * a "matrix" result sorted by labels. Refuses a range or string expression, end before start,
 * a step ≤ 0 and more than 11,000 steps, with Prometheus's messages.
 */
export function rangeQuery(store: SeriesStore, query: string, startMs: number, endMs: number, stepMs: number, options?: QueryOptions): QueryData {
  return rangeQueryExpr(store, parseExpr(query), startMs, endMs, stepMs, options);
}
