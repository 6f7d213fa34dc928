// The evaluator: a parsed expression over a series store, as promql/engine.go (v2.42.0) runs it.
// Rules, each from the Go function named beside it: every node is evaluated over all steps at
// once into a Matrix (rangeEval); an instant selector takes a series' latest sample at or before
// t − offset and no older than the lookback delta, and none when that sample is a stale marker
// (vectorSelectorSingle); a range selector takes the samples in the closed window
// [t − offset − range, t − offset], stale markers left out (matrixIterSlice); `@` pins a
// selector or subquery to a time by rewriting its offset (setOffsetForAtModifier), and what
// does not change with the step is evaluated once (PreprocessExpr); a subquery is evaluated at
// its own steps aligned to multiples of its step (SubqueryExpr case of eval).

import { AT_MODIFIER_UNSAFE_FUNCTIONS, type AggregateExpr, type BinaryExpr, type Call, type Expr, type MatrixSelector, type SubqueryExpr, type VectorSelector, typeOf } from "./ast";
import { aggregate, makeGrouper } from "./aggregations";
import { makeResultMetric, makeSignature, scalarBinop, vectorAnd, vectorBinop, vectorOr, vectorScalarBinop, vectorUnless } from "./binary";
import { execError, PromQLError } from "./errors";
import { holtWintersFactorError, INSTANT_FUNCTIONS, labelsForAbsent, RANGE_FUNCTIONS, type NodeHelper, type RangeCall } from "./functions";
import { compareLabels, Labels } from "./labels";
import { lowerIndex, type MemorySeriesStore, type StoredSeries } from "./store";
import { containsSameLabelset, type Matrix, type Series, type Value, type Vector } from "./value";

/** What one query evaluation shares: the store, its settings and counters. */
export interface QueryContext {
  readonly store: MemorySeriesStore;
  readonly lookbackDelta: number;
  /** The step of a subquery written without one (the engine's NoStepSubqueryIntervalFn), ms. */
  readonly noStepSubqueryInterval: number;
  /** Samples read from the store (Prometheus's totalQueryableSamples, approximately). */
  samplesTouched: number;
  /** Points produced by all nodes so far, against `maxSamples`. */
  pointsLoaded: number;
  /** The most points a query may produce (the engine's MaxSamples, 50,000,000 by default). */
  readonly maxSamples: number;
  /** Non-stale sample columns of stored series that hold stale markers, made once per query. */
  readonly plain: Map<StoredSeries, SampleColumns>;
}

/** One series' samples as columns: `n` samples in `t` (ms) and `v`. */
export interface SampleColumns {
  labels: Labels;
  t: ArrayLike<number>;
  v: ArrayLike<number>;
  n: number;
}

/** An evaluator's time frame (engine.go evaluator): steps start, start+interval, … ≤ end. */
interface Evaluator {
  start: number;
  end: number;
  interval: number;
  q: QueryContext;
}

function fail(message: string, e: { pos: { start: number; end: number } }): never {
  throw execError(message, e.pos.start, e.pos.end);
}

/** The series of a selector without their stale markers (matrixIterSlice skips them). */
function plainColumns(q: QueryContext, s: StoredSeries): SampleColumns {
  if (s.staleCount === 0) return { labels: s.labels, t: s.t, v: s.v, n: s.n };
  let c = q.plain.get(s);
  if (c === undefined) {
    const t = new Float64Array(s.n - s.staleCount);
    const v = new Float64Array(s.n - s.staleCount);
    let j = 0;
    for (let i = 0; i < s.n; i++) {
      if (s.stale[i] === 1) continue;
      t[j] = s.t[i]!;
      v[j] = s.v[i]!;
      j++;
    }
    c = { labels: s.labels, t, v, n: j };
    q.plain.set(s, c);
  }
  return c;
}

function unwrapParens(e: Expr): Expr {
  while (e.kind === "ParenExpr") e = e.expr;
  return e;
}

/** unwrapParenExpr, unwrapStepInvariantExpr, unwrapParenExpr. */
function unwrapArg(e: Expr): Expr {
  let a = unwrapParens(e);
  if (a.kind === "StepInvariantExpr") a = a.expr;
  return unwrapParens(a);
}

function numSteps(ev: Evaluator): number {
  return Math.trunc((ev.end - ev.start) / ev.interval) + 1;
}

/**
 * rangeEval: evaluates `exprs` (null or string-typed ones are not evaluated), then calls `fn`
 * at every step with the samples each has at that step, and assembles the results into series.
 */
function rangeEval(ev: Evaluator, node: Expr, exprs: readonly (Expr | null)[], fn: (vals: Vector[], enh: NodeHelper) => Vector): Matrix {
  const matrixes: Matrix[] = exprs.map((e) => (e !== null && typeOf(e) !== "string" ? evalMatrix(ev, e) : []));
  const cursors = matrixes.map((m) => new Int32Array(m.length));
  const enh: NodeHelper = { ts: ev.start };
  const seriess = new Map<string, Series>();
  const vectors: Vector[] = matrixes.map(() => []);
  for (let ts = ev.start; ts <= ev.end; ts += ev.interval) {
    for (let i = 0; i < matrixes.length; i++) {
      const m = matrixes[i]!;
      const cur = cursors[i]!;
      const vec: Vector = [];
      for (let si = 0; si < m.length; si++) {
        const s = m[si]!;
        const k = cur[si]!;
        if (k < s.t.length && s.t[k] === ts) {
          vec.push({ metric: s.metric, t: ts, v: s.v[k]! });
          cur[si] = k + 1;
        }
      }
      vectors[i] = vec;
    }
    enh.ts = ts;
    const result = fn(vectors, enh);
    charge(ev.q, result.length, node);
    if (containsSameLabelset(result)) fail("vector cannot contain metrics with the same labelset", node);
    if (ev.start === ev.end) return result.map((s) => ({ metric: s.metric, t: [ts], v: [s.v] }));
    for (const s of result) {
      const key = s.metric.key;
      let ss = seriess.get(key);
      if (ss === undefined) {
        ss = { metric: s.metric, t: [], v: [] };
        seriess.set(key, ss);
      }
      ss.t.push(ts);
      ss.v.push(s.v);
    }
  }
  return [...seriess.values()];
}

function evalMatrix(ev: Evaluator, e: Expr): Matrix {
  const v = evalNode(ev, e);
  if (!Array.isArray(v)) throw new PromQLError("a string value where a vector or scalar was expected", e.pos.start, e.pos.end, "execution");
  return v;
}

/** The series a selector matches, from the store (sorted by labels). */
function selectSeries(ev: Evaluator, vs: VectorSelector): readonly StoredSeries[] {
  return ev.q.store.select(vs.matchers);
}

/** The eval of *parser.VectorSelector over all steps (vectorSelectorSingle per step). */
function evalVectorSelector(ev: Evaluator, vs: VectorSelector): Matrix {
  const out: Matrix = [];
  const lookback = ev.q.lookbackDelta;
  for (const s of selectSeries(ev, vs)) {
    const ss: Series = { metric: s.labels, t: [], v: [] };
    let idx = upperIndex(s.t, s.n, ev.start - vs.offset); // the last sample with t ≤ refTime
    for (let ts = ev.start; ts <= ev.end; ts += ev.interval) {
      const refTime = ts - vs.offset;
      while (idx + 1 < s.n && s.t[idx + 1]! <= refTime) idx++;
      if (idx < 0) continue;
      if (s.t[idx]! < refTime - lookback) continue;
      if (s.stale[idx] === 1) continue;
      ss.t.push(ts);
      ss.v.push(s.v[idx]!);
      ev.q.samplesTouched++;
    }
    if (ss.t.length > 0) out.push(ss);
    charge(ev.q, ss.t.length, vs);
  }
  return out;
}

/**
 * Counts `n` more points and refuses the query past maxSamples, with ErrTooManySamples' text.
 * (Prometheus counts the points it holds at once; this counts every point produced.)
 */
function charge(q: QueryContext, n: number, e: Expr): void {
  q.pointsLoaded += n;
  if (q.pointsLoaded > q.maxSamples) fail("query processing would load too many samples into memory in query execution", e);
}

/** The index of the last t[i] ≤ x (−1 for none). */
function upperIndex(t: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const h = (lo + hi) >>> 1;
    if (t[h]! <= x) lo = h + 1;
    else hi = h;
  }
  return lo - 1;
}

/** evaluator.vectorSelector at one time: samples keep their own timestamps (for timestamp()). */
function vectorSelectorAt(ev: Evaluator, vs: VectorSelector, ts: number): Vector {
  const out: Vector = [];
  const refTime = ts - vs.offset;
  for (const s of selectSeries(ev, vs)) {
    const idx = upperIndex(s.t, s.n, refTime);
    if (idx < 0 || s.t[idx]! < refTime - ev.q.lookbackDelta || s.stale[idx] === 1) continue;
    out.push({ metric: s.labels, t: s.t[idx]!, v: s.v[idx]! });
    ev.q.samplesTouched++;
  }
  return out;
}

/** evaluator.matrixSelector (instant evaluation only). */
function evalMatrixSelector(ev: Evaluator, ms: MatrixSelector): Matrix {
  const maxt = ev.start - ms.vs.offset;
  const mint = maxt - ms.range;
  const out: Matrix = [];
  for (const s of selectSeries(ev, ms.vs)) {
    const c = plainColumns(ev.q, s);
    const lo = lowerIndex(c.t, c.n, mint);
    const hi = upperIndex(c.t, c.n, maxt) + 1;
    if (hi <= lo) continue;
    const ss: Series = { metric: s.labels, t: [], v: [] };
    for (let i = lo; i < hi; i++) {
      ss.t.push(c.t[i]!);
      ss.v.push(c.v[i]!);
    }
    ev.q.samplesTouched += hi - lo;
    charge(ev.q, hi - lo, ms);
    out.push(ss);
  }
  return out;
}

/** A range argument ready for a range-vector function: its series, range and offset. */
interface RangeArgument {
  series: SampleColumns[];
  range: number;
  offset: number;
}

/** evalSubquery: the subquery's points as the series of a matrix selector. */
function evalSubqueryArgument(ev: Evaluator, subq: SubqueryExpr): RangeArgument {
  const mat = evalMatrix(ev, subq);
  let offset = subq.offset;
  if (subq.timestamp !== null) offset = subq.originalOffset + (ev.start - subq.timestamp);
  return { series: mat.map((s) => ({ labels: s.metric, t: s.t, v: s.v, n: s.t.length })), range: subq.range, offset };
}

/** The Call case of eval for a function with a range argument at `matrixArgIndex`. */
function evalRangeFunction(ev: Evaluator, e: Call, matrixArgIndex: number, arg: RangeArgument, fnName: string): Matrix {
  const fn = RANGE_FUNCTIONS.get(fnName);
  if (fn === undefined) fail(`function ${JSON.stringify(fnName)} is not supported here`, e);
  const otherArgs: (Matrix | null)[] = e.args.map((a, i) => (i === matrixArgIndex ? null : evalMatrix(ev, a)));
  const out: Matrix = [];
  const call: RangeCall = { ts: 0, rangeStart: 0, rangeEnd: 0, scalars: e.args.map(() => NaN) };
  const keepName = fnName === "last_over_time";
  for (const s of arg.series) {
    const ss: Series = { metric: keepName ? s.labels : s.labels.withoutMetricName(), t: [], v: [] };
    // The first window by binary search, later ones by moving forward.
    let lo = lowerIndex(s.t, s.n, ev.start - arg.offset - arg.range);
    let hi = lo;
    let step = -1;
    for (let ts = ev.start; ts <= ev.end; ts += ev.interval) {
      step++;
      for (let j = 0; j < otherArgs.length; j++) {
        const m = otherArgs[j];
        if (m != null) call.scalars[j] = m[0]!.v[step]!;
      }
      const maxt = ts - arg.offset;
      const mint = maxt - arg.range;
      while (lo < s.n && s.t[lo]! < mint) lo++;
      if (hi < lo) hi = lo;
      while (hi < s.n && s.t[hi]! <= maxt) hi++;
      if (hi === lo) continue;
      ev.q.samplesTouched += hi - lo;
      call.ts = ts;
      if (fnName === "holt_winters") {
        const err = holtWintersFactorError(call.scalars[1]!, call.scalars[2]!);
        if (err !== undefined) fail(err, e);
      }
      call.rangeStart = mint;
      call.rangeEnd = maxt;
      const v = fn(s.t, s.v, lo, hi, call);
      if (v === undefined) continue;
      ss.t.push(ts);
      ss.v.push(v);
    }
    if (ss.t.length > 0) out.push(ss);
    charge(ev.q, ss.t.length, e);
  }
  if (fnName === "absent_over_time") {
    const steps = numSteps(ev);
    for (const s of out) if (s.t.length === steps) return [];
    const found = new Set<number>();
    for (let i = 0; i < out.length; i++) {
      for (const t of out[i]!.t) found.add(t);
      if (i > 0 && found.size === steps) return [];
    }
    const ss: Series = { metric: labelsForAbsent(e.args[0]!), t: [], v: [] };
    for (let ts = ev.start; ts <= ev.end; ts += ev.interval) {
      if (!found.has(ts)) {
        ss.t.push(ts);
        ss.v.push(1);
      }
    }
    return [ss];
  }
  if (containsSameLabelset(out)) fail("vector cannot contain metrics with the same labelset", e);
  return out;
}

function evalCall(ev: Evaluator, e: Call): Matrix {
  const name = e.func.name;
  if (name === "timestamp") {
    const arg = unwrapArg(e.args[0]!);
    if (arg.kind === "VectorSelector") {
      const call = INSTANT_FUNCTIONS.get("timestamp")!;
      return rangeEval(ev, e, [], (_vals, enh) => {
        if (arg.timestamp !== null) arg.offset = enh.ts - arg.timestamp;
        return call([vectorSelectorAt(ev, arg, enh.ts)], e, enh);
      });
    }
  }
  for (let i = 0; i < e.args.length; i++) {
    e.args[i] = unwrapParens(e.args[i]!);
    const a = unwrapArg(e.args[i]!);
    if (a.kind === "MatrixSelector") {
      const series = selectSeries(ev, a.vs).map((s) => plainColumns(ev.q, s));
      return evalRangeFunction(ev, e, i, { series, range: a.range, offset: a.vs.offset }, name);
    }
    if (a.kind === "SubqueryExpr") {
      const argument = evalSubqueryArgument(ev, a);
      // Go replaces the argument by a matrix selector without matchers (absent_over_time's labels).
      const saved = e.args[i]!;
      e.args[i] = { kind: "NumberLiteral", value: 0, pos: saved.pos };
      try {
        return evalRangeFunction(ev, e, i, argument, name);
      } finally {
        e.args[i] = saved;
      }
    }
  }
  const fn = INSTANT_FUNCTIONS.get(name);
  if (fn === undefined) fail(`function ${JSON.stringify(name)} is not supported here`, e);
  return rangeEval(ev, e, e.args, (vals, enh) => fn(vals, e, enh));
}

function evalAggregate(ev: Evaluator, e: AggregateExpr): Matrix {
  const grouping = [...e.grouping].sort();
  const grouper = makeGrouper(grouping, e.without);
  const site = e.pos;
  if (e.param !== null) {
    const p = unwrapArg(e.param);
    if (p.kind === "StringLiteral") {
      return rangeEval(ev, e, [e.expr], (vals) => aggregate(e.op, grouping, e.without, p.value, vals[0]!, grouper, site));
    }
  }
  return rangeEval(ev, e, [e.param, e.expr], (vals) => {
    const param = e.param !== null ? vals[0]![0]!.v : null;
    return aggregate(e.op, grouping, e.without, param, vals[1]!, grouper, site);
  });
}

function evalBinary(ev: Evaluator, e: BinaryExpr): Matrix {
  const lt = typeOf(e.lhs);
  const rt = typeOf(e.rhs);
  if (lt === "scalar" && rt === "scalar") {
    return rangeEval(ev, e, [e.lhs, e.rhs], (vals) => [{ metric: Labels.EMPTY, t: 0, v: scalarBinop(e.op, vals[0]![0]!.v, vals[1]![0]!.v) }]);
  }
  if (lt === "vector" && rt === "vector") {
    const matching = e.matching!;
    const sig = makeSignature(matching);
    switch (e.op) {
      case "and":
        return rangeEval(ev, e, [e.lhs, e.rhs], (vals) => vectorAnd(vals[0]!, vals[1]!, sig));
      case "or":
        return rangeEval(ev, e, [e.lhs, e.rhs], (vals) => vectorOr(vals[0]!, vals[1]!, sig));
      case "unless":
        return rangeEval(ev, e, [e.lhs, e.rhs], (vals) => vectorUnless(vals[0]!, vals[1]!, sig));
      default: {
        const resultMetric = makeResultMetric(e.op, matching);
        return rangeEval(ev, e, [e.lhs, e.rhs], (vals) => vectorBinop(e.op, vals[0]!, vals[1]!, matching, e.returnBool, sig, resultMetric, e.pos));
      }
    }
  }
  if (lt === "vector" && rt === "scalar") {
    return rangeEval(ev, e, [e.lhs, e.rhs], (vals) => vectorScalarBinop(e.op, vals[0]!, vals[1]![0]!.v, false, e.returnBool));
  }
  return rangeEval(ev, e, [e.lhs, e.rhs], (vals) => vectorScalarBinop(e.op, vals[1]!, vals[0]![0]!.v, true, e.returnBool));
}

/** The SubqueryExpr case of eval: the inner expression at the subquery's own aligned steps. */
function evalSubquery(ev: Evaluator, e: SubqueryExpr): Matrix {
  const offsetMillis = e.offset;
  const rangeMillis = e.range;
  const interval = e.step !== 0 ? e.step : ev.q.noStepSubqueryInterval;
  const from = ev.start - offsetMillis - rangeMillis;
  let start = interval * Math.trunc(from / interval);
  if (start < from) start += interval;
  const newEv: Evaluator = { start, end: ev.end - offsetMillis, interval, q: ev.q };
  if (newEv.start !== ev.start) setOffsetForAtModifier(newEv.start, e.expr);
  return evalMatrix(newEv, e.expr);
}

/** evaluator.eval. */
function evalNode(ev: Evaluator, e: Expr): Value {
  switch (e.kind) {
    case "AggregateExpr":
      return evalAggregate(ev, e);
    case "Call":
      return evalCall(ev, e);
    case "ParenExpr":
      return evalNode(ev, e.expr);
    case "UnaryExpr": {
      const mat = evalMatrix(ev, e.expr);
      if (e.op === "-") {
        for (const s of mat) {
          s.metric = s.metric.withoutMetricName();
          for (let j = 0; j < s.v.length; j++) s.v[j] = -s.v[j]!;
        }
        if (containsSameLabelset(mat)) fail("vector cannot contain metrics with the same labelset", e);
      }
      return mat;
    }
    case "BinaryExpr":
      return evalBinary(ev, e);
    case "NumberLiteral":
      return rangeEval(ev, e, [], () => [{ metric: Labels.EMPTY, t: 0, v: e.value }]);
    case "StringLiteral":
      return { kind: "string", v: e.value, t: ev.start };
    case "VectorSelector":
      return evalVectorSelector(ev, e);
    case "MatrixSelector":
      if (ev.start !== ev.end) fail("cannot do range evaluation of matrix selector", e);
      return evalMatrixSelector(ev, e);
    case "SubqueryExpr":
      return evalSubquery(ev, e);
    case "StepInvariantExpr": {
      const inner = e.expr;
      if (inner.kind === "StringLiteral" || inner.kind === "NumberLiteral") return evalNode(ev, inner);
      const newEv: Evaluator = { start: ev.start, end: ev.start, interval: ev.interval, q: ev.q };
      const res = evalNode(newEv, inner);
      if (inner.kind === "MatrixSelector" || inner.kind === "SubqueryExpr") return res;
      if (!Array.isArray(res)) return res;
      charge(ev.q, res.length * (numSteps(ev) - 1), e);
      for (const s of res) {
        const v0 = s.v[0]!;
        for (let ts = ev.start + ev.interval; ts <= ev.end; ts += ev.interval) {
          s.t.push(ts);
          s.v.push(v0);
        }
      }
      return res;
    }
  }
}

/** subqueryTimes: the summed offsets of the subqueries on `path`, and the closest @ time. */
function subqueryTimes(path: readonly Expr[]): { offset: number; ts: number | null } {
  let offset = 0;
  let ts: number | null = null;
  for (const n of path) {
    if (n.kind === "SubqueryExpr") {
      offset += n.originalOffset;
      if (n.timestamp !== null) {
        offset = n.originalOffset;
        ts = n.timestamp;
      }
    }
  }
  return { offset, ts };
}

function walk(e: Expr, path: Expr[], visit: (n: Expr, path: readonly Expr[]) => void): void {
  visit(e, path);
  path.push(e);
  switch (e.kind) {
    case "AggregateExpr":
      if (e.param !== null) walk(e.param, path, visit);
      walk(e.expr, path, visit);
      break;
    case "BinaryExpr":
      walk(e.lhs, path, visit);
      walk(e.rhs, path, visit);
      break;
    case "Call":
      for (const a of e.args) walk(a, path, visit);
      break;
    case "MatrixSelector":
      walk(e.vs, path, visit);
      break;
    case "SubqueryExpr":
    case "ParenExpr":
    case "UnaryExpr":
    case "StepInvariantExpr":
      walk(e.expr, path, visit);
      break;
    default:
      break;
  }
  path.pop();
}

/** setOffsetForAtModifier: each selector's and subquery's offset for evaluation at `evalTime`. */
export function setOffsetForAtModifier(evalTime: number, expr: Expr): void {
  const getOffset = (ts: number | null, originalOffset: number, path: readonly Expr[]): number => {
    if (ts === null) return originalOffset;
    const sq = subqueryTimes(path);
    let subqOffset = sq.offset;
    if (sq.ts !== null) subqOffset += evalTime - sq.ts;
    const offsetForTs = evalTime - ts;
    return originalOffset + (offsetForTs - subqOffset);
  };
  walk(expr, [], (n, path) => {
    if (n.kind === "VectorSelector") n.offset = getOffset(n.timestamp, n.originalOffset, path);
    else if (n.kind === "MatrixSelector") n.vs.offset = getOffset(n.vs.timestamp, n.vs.originalOffset, path);
    else if (n.kind === "SubqueryExpr") n.offset = getOffset(n.timestamp, n.originalOffset, path);
  });
}

function stepInvariant(e: Expr): Expr {
  return { kind: "StepInvariantExpr", expr: e, pos: e.pos };
}

/** preprocessExprHelper: wraps step-invariant parts, resolves start() and end(). */
function preprocessHelper(e: Expr, start: number, end: number): boolean {
  switch (e.kind) {
    case "VectorSelector":
      if (e.startOrEnd === "start") e.timestamp = start;
      else if (e.startOrEnd === "end") e.timestamp = end;
      return e.timestamp !== null;
    case "AggregateExpr":
      return preprocessHelper(e.expr, start, end);
    case "BinaryExpr": {
      const l = preprocessHelper(e.lhs, start, end);
      const r = preprocessHelper(e.rhs, start, end);
      if (l && r) return true;
      if (l) e.lhs = stepInvariant(e.lhs);
      if (r) e.rhs = stepInvariant(e.rhs);
      return false;
    }
    case "Call": {
      let invariant = !AT_MODIFIER_UNSAFE_FUNCTIONS.has(e.func.name);
      const each = e.args.map((a) => preprocessHelper(a, start, end));
      for (const x of each) invariant = invariant && x;
      if (invariant) return true;
      each.forEach((x, i) => {
        if (x) e.args[i] = stepInvariant(e.args[i]!);
      });
      return false;
    }
    case "MatrixSelector":
      return preprocessHelper(e.vs, start, end);
    case "SubqueryExpr": {
      if (preprocessHelper(e.expr, start, end)) e.expr = stepInvariant(e.expr);
      if (e.startOrEnd === "start") e.timestamp = start;
      else if (e.startOrEnd === "end") e.timestamp = end;
      return e.timestamp !== null;
    }
    case "ParenExpr":
    case "UnaryExpr":
      return preprocessHelper(e.expr, start, end);
    case "StringLiteral":
    case "NumberLiteral":
      return true;
    case "StepInvariantExpr":
      return true;
  }
}

/** PreprocessExpr. The expression is modified in place; pass a copy. */
export function preprocessExpr(e: Expr, start: number, end: number): Expr {
  return preprocessHelper(e, start, end) ? stepInvariant(e) : e;
}

/** The result of evaluating a statement (engine.go execEvalStmt), before the HTTP API's form. */
export type StatementResult =
  | { type: "vector"; vector: Vector }
  | { type: "scalar"; t: number; v: number }
  | { type: "matrix"; matrix: Matrix }
  | { type: "string"; t: number; v: string };

/**
 * execEvalStmt: evaluates `expr` (already parsed; it is modified) at one time (start = end,
 * interval 0) or over [start, end] at `interval`. Range results are sorted by labels.
 */
export function execEvalStmt(q: QueryContext, parsed: Expr, start: number, end: number, interval: number): StatementResult {
  const exprType = typeOf(parsed);
  const expr = preprocessExpr(parsed, start, end);
  setOffsetForAtModifier(start, expr);
  if (start === end && interval === 0) {
    const ev: Evaluator = { start, end: start, interval: 1, q };
    const val = evalNode(ev, expr);
    if (!Array.isArray(val)) return { type: "string", t: val.t, v: val.v };
    if (exprType === "vector") return { type: "vector", vector: val.map((s) => ({ metric: s.metric, t: start, v: s.v[0]! })) };
    if (exprType === "scalar") return { type: "scalar", t: start, v: val[0]!.v[0]! };
    return { type: "matrix", matrix: val };
  }
  const ev: Evaluator = { start, end, interval, q };
  const val = evalNode(ev, expr);
  if (!Array.isArray(val)) throw new PromQLError("a range query cannot answer a string", 0, 0, "execution");
  const mat = val.slice().sort((a, b) => compareSeries(a, b));
  return { type: "matrix", matrix: mat };
}

function compareSeries(a: Series, b: Series): number {
  return compareLabels(a.metric, b.metric);
}
