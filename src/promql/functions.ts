// PromQL's functions over float samples, transcribed from promql/functions.go at v2.42.0 (each
// names the Go function it matches). Rules: a range-vector function sees one series' samples in
// its window (stale markers already removed) and answers one number or nothing; an instant
// function maps a Vector to a Vector and drops the metric name where Go calls DropMetricName;
// argument errors carry Go's message and the call's position.

import type { Call, Expr } from "./ast";
import { civilFromUnixSeconds, daysInMonth, type CivilTime } from "./dates";
import { execError, PromQLError } from "./errors";
import { extrapolatedRateOf } from "./extrapolatedRate";
import { goLog10, goLog2, goMax, goMin, goPercentF, kahanSumInc, parseGoFloat } from "./gomath";
import { goSort } from "./gosort";
import { BUCKET_LABEL, isValidLabelName, Labels, METRIC_NAME } from "./labels";
import { bucketQuantile, quantile, type Bucket } from "./quantile";
import { checkRe2, expandTemplate, Re2Error, Re2Unsupported, translateRe2, type TranslatedRegexp } from "./regexp";
import type { Sample, Vector } from "./value";

/** What a range-vector function knows of the step it answers (EvalNodeHelper and args). */
export interface RangeCall {
  /** The evaluation time, ms. */
  ts: number;
  /** The window [rangeStart, rangeEnd], ms (enh.Ts − offset − range, enh.Ts − offset). */
  rangeStart: number;
  rangeEnd: number;
  /** Scalar arguments by argument index (quantile_over_time's q, predict_linear's duration). */
  scalars: number[];
}

/**
 * A range-vector function over the samples lo ≤ i < hi of one series (hi > lo); undefined for
 * no output at this step.
 */
export type RangeFunction = (t: ArrayLike<number>, v: ArrayLike<number>, lo: number, hi: number, call: RangeCall) => number | undefined;

/** Per-node state an instant function may keep across steps (EvalNodeHelper). */
export interface NodeHelper {
  ts: number;
  regex?: TranslatedRegexp;
  labelCache?: Map<Labels, Labels>;
}

/** An instant-vector function: evaluated arguments (scalars as one-sample vectors) → output. */
export type InstantFunction = (vals: Vector[], call: Call, enh: NodeHelper) => Vector;

// ---- Range-vector functions ----

/** avg_over_time (funcAvgOverTime): incremental mean with Kahan compensation and Inf care. */
function avgOverTime(_t: ArrayLike<number>, v: ArrayLike<number>, lo: number, hi: number): number {
  let mean = 0;
  let count = 0;
  let c = 0;
  const kb = new Float64Array(2);
  for (let i = lo; i < hi; i++) {
    const x = v[i]!;
    count++;
    if (mean === Infinity || mean === -Infinity) {
      if ((x === Infinity || x === -Infinity) && mean > 0 === x > 0) continue;
      if (x !== Infinity && x !== -Infinity && !Number.isNaN(x)) continue;
    }
    kahanSumInc(x / count - mean / count, mean, c, kb);
    mean = kb[0]!;
    c = kb[1]!;
  }
  if (mean === Infinity || mean === -Infinity) return mean;
  return mean + c;
}

/** sum_over_time (funcSumOverTime): Kahan-Neumaier sum. */
function sumOverTime(_t: ArrayLike<number>, v: ArrayLike<number>, lo: number, hi: number): number {
  let sum = 0;
  let c = 0;
  const kb = new Float64Array(2);
  for (let i = lo; i < hi; i++) {
    kahanSumInc(v[i]!, sum, c, kb);
    sum = kb[0]!;
    c = kb[1]!;
  }
  if (sum === Infinity || sum === -Infinity) return sum;
  return sum + c;
}

/** stdvar_over_time (funcStdvarOverTime): Welford with Kahan-compensated mean and aux. */
function stdvarOverTime(_t: ArrayLike<number>, v: ArrayLike<number>, lo: number, hi: number): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  const kb = new Float64Array(2);
  for (let i = lo; i < hi; i++) {
    const x = v[i]!;
    count++;
    const delta = x - (mean + cMean);
    kahanSumInc(delta / count, mean, cMean, kb);
    mean = kb[0]!;
    cMean = kb[1]!;
    kahanSumInc(delta * (x - (mean + cMean)), aux, cAux, kb);
    aux = kb[0]!;
    cAux = kb[1]!;
  }
  return (aux + cAux) / count;
}

/** linearRegression (functions.go): least squares with Kahan sums; x in seconds from interceptTime. */
function linearRegression(t: ArrayLike<number>, v: ArrayLike<number>, lo: number, hi: number, interceptTime: number): [number, number] {
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = v[lo]!;
  let constY = true;
  const kb = new Float64Array(2);
  for (let i = lo; i < hi; i++) {
    const y = v[i]!;
    if (constY && i > lo && y !== initY) constY = false;
    n += 1;
    const x = (t[i]! - interceptTime) / 1e3;
    kahanSumInc(x, sumX, cX, kb);
    sumX = kb[0]!;
    cX = kb[1]!;
    kahanSumInc(y, sumY, cY, kb);
    sumY = kb[0]!;
    cY = kb[1]!;
    kahanSumInc(x * y, sumXY, cXY, kb);
    sumXY = kb[0]!;
    cXY = kb[1]!;
    kahanSumInc(x * x, sumX2, cX2, kb);
    sumX2 = kb[0]!;
    cX2 = kb[1]!;
  }
  if (constY) {
    if (initY === Infinity || initY === -Infinity) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return [slope, intercept];
}

/** instantValue (irate, idelta): the last two samples. */
function instantValue(t: ArrayLike<number>, v: ArrayLike<number>, lo: number, hi: number, isRate: boolean): number | undefined {
  if (hi - lo < 2) return undefined;
  const lastV = v[hi - 1]!;
  const prevV = v[hi - 2]!;
  let result = isRate && lastV < prevV ? lastV : lastV - prevV;
  const sampledInterval = t[hi - 1]! - t[hi - 2]!;
  if (sampledInterval === 0) return undefined;
  if (isRate) result /= sampledInterval / 1000;
  return result;
}

/** calcTrendValue (holt_winters). */
function calcTrendValue(i: number, tf: number, s0: number, s1: number, b: number): number {
  if (i === 0) return b;
  return tf * (s1 - s0) + (1 - tf) * b;
}

/**
 * funcHoltWinters: double exponential smoothing; the factors are checked by the caller
 * (checkHoltWintersFactors) because Go checks them before looking at the samples.
 */
function holtWinters(_t: ArrayLike<number>, v: ArrayLike<number>, lo: number, hi: number, c: RangeCall): number | undefined {
  const sf = c.scalars[1]!;
  const tf = c.scalars[2]!;
  if (hi - lo < 2) return undefined;
  let s0 = 0;
  let s1 = v[lo]!;
  let b = v[lo + 1]! - v[lo]!;
  for (let i = 1; i < hi - lo; i++) {
    const x = sf * v[lo + i]!;
    b = calcTrendValue(i - 1, tf, s0, s1, b);
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

/** funcHoltWinters' checks of its factors, with Go's messages; undefined when they are fine. */
export function holtWintersFactorError(sf: number, tf: number): string | undefined {
  if (sf <= 0 || sf >= 1) return `invalid smoothing factor. Expected: 0 < sf < 1, got: ${goPercentF(sf)}`;
  if (tf <= 0 || tf >= 1) return `invalid trend factor. Expected: 0 < tf < 1, got: ${goPercentF(tf)}`;
  return undefined;
}

/** The range-vector functions by name (FunctionCalls entries taking a matrix). */
export const RANGE_FUNCTIONS: ReadonlyMap<string, RangeFunction> = new Map<string, RangeFunction>([
  ["rate", (t, v, lo, hi, c) => extrapolatedRateOf(t, v, lo, hi, c.rangeStart, c.rangeEnd, true, true)],
  ["increase", (t, v, lo, hi, c) => extrapolatedRateOf(t, v, lo, hi, c.rangeStart, c.rangeEnd, true, false)],
  ["delta", (t, v, lo, hi, c) => extrapolatedRateOf(t, v, lo, hi, c.rangeStart, c.rangeEnd, false, false)],
  ["irate", (t, v, lo, hi) => instantValue(t, v, lo, hi, true)],
  ["idelta", (t, v, lo, hi) => instantValue(t, v, lo, hi, false)],
  [
    "resets", // funcResets
    (_t, v, lo, hi) => {
      let resets = 0;
      let prev = v[lo]!;
      for (let i = lo + 1; i < hi; i++) {
        const cur = v[i]!;
        if (cur < prev) resets++;
        prev = cur;
      }
      return resets;
    },
  ],
  [
    "changes", // funcChanges
    (_t, v, lo, hi) => {
      let changes = 0;
      let prev = v[lo]!;
      for (let i = lo + 1; i < hi; i++) {
        const cur = v[i]!;
        if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) changes++;
        prev = cur;
      }
      return changes;
    },
  ],
  [
    "deriv", // funcDeriv
    (t, v, lo, hi) => (hi - lo < 2 ? undefined : linearRegression(t, v, lo, hi, t[lo]!)[0]),
  ],
  [
    "predict_linear", // funcPredictLinear
    (t, v, lo, hi, c) => {
      if (hi - lo < 2) return undefined;
      const [slope, intercept] = linearRegression(t, v, lo, hi, c.ts);
      return slope * c.scalars[1]! + intercept;
    },
  ],
  ["avg_over_time", avgOverTime],
  ["count_over_time", (_t, _v, lo, hi) => hi - lo],
  ["last_over_time", (_t, v, _lo, hi) => v[hi - 1]!],
  [
    "max_over_time", // funcMaxOverTime
    (_t, v, lo, hi) => {
      let max = v[lo]!;
      for (let i = lo; i < hi; i++) if (v[i]! > max || Number.isNaN(max)) max = v[i]!;
      return max;
    },
  ],
  [
    "min_over_time", // funcMinOverTime
    (_t, v, lo, hi) => {
      let min = v[lo]!;
      for (let i = lo; i < hi; i++) if (v[i]! < min || Number.isNaN(min)) min = v[i]!;
      return min;
    },
  ],
  ["sum_over_time", sumOverTime],
  [
    "quantile_over_time", // funcQuantileOverTime
    (_t, v, lo, hi, c) => {
      const values = new Float64Array(hi - lo);
      for (let i = lo; i < hi; i++) values[i - lo] = v[i]!;
      return quantile(c.scalars[0]!, values);
    },
  ],
  ["stddev_over_time", (t, v, lo, hi) => Math.sqrt(stdvarOverTime(t, v, lo, hi))],
  ["stdvar_over_time", stdvarOverTime],
  ["present_over_time", () => 1],
  ["holt_winters", holtWinters],
  ["absent_over_time", () => 1],
]);

// ---- Instant-vector functions ----

/** simpleFunc: f of every value, metric name dropped. */
function simple(f: (v: number) => number): InstantFunction {
  return (vals) => vals[0]!.map((s) => ({ metric: s.metric.withoutMetricName(), t: s.t, v: f(s.v) }));
}

function scalarArg(vals: Vector[], i: number): number {
  return vals[i]![0]!.v;
}

/** dateWrapper: with no argument the evaluation time, else each value as Unix seconds. */
function dateFunction(f: (t: CivilTime) => number): InstantFunction {
  return (vals, _call, enh) => {
    if (vals.length === 0) {
      return [{ metric: Labels.EMPTY, t: enh.ts, v: f(civilFromUnixSeconds(Math.trunc(enh.ts / 1000))) }];
    }
    return vals[0]!.map((s) => ({ metric: s.metric.withoutMetricName(), t: s.t, v: f(civilFromUnixSeconds(s.v)) }));
  };
}

/** The string value of a string-literal argument (stringFromArg). */
export function stringFromArg(e: Expr): string {
  let x = e;
  while (x.kind === "StepInvariantExpr" || x.kind === "ParenExpr") x = x.expr;
  if (x.kind !== "StringLiteral") throw new PromQLError("expected a string literal", e.pos.start, e.pos.end, "execution");
  return x.value;
}

/**
 * createLabelsForAbsentFunction: the equality matchers of the argument's selector (other than
 * the name), a label matched twice or otherwise left out.
 */
export function labelsForAbsent(arg: Expr): Labels {
  let e = arg;
  while (e.kind === "ParenExpr") e = e.expr;
  const vs = e.kind === "VectorSelector" ? e : e.kind === "MatrixSelector" ? e.vs : null;
  if (vs === null) return Labels.EMPTY;
  const record = new Map<string, string>();
  const has = new Set<string>();
  for (const m of vs.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === "=" && !has.has(m.name)) {
      record.set(m.name, m.value);
      has.add(m.name);
    } else record.delete(m.name);
  }
  return Labels.fromRecord(Object.fromEntries(record));
}

/** vectorByValueHeap.Less: NaN is less than anything, else <. */
function valueLess(a: Sample, b: Sample): boolean {
  return Number.isNaN(a.v) || a.v < b.v;
}
/** vectorByReverseValueHeap.Less. */
function reverseValueLess(a: Sample, b: Sample): boolean {
  return Number.isNaN(a.v) || a.v > b.v;
}

function labelReplace(vals: Vector[], call: Call, enh: NodeHelper): Vector {
  const dst = stringFromArg(call.args[1]!);
  const repl = stringFromArg(call.args[2]!);
  const src = stringFromArg(call.args[3]!);
  const regexStr = stringFromArg(call.args[4]!);
  if (enh.regex === undefined) {
    const pattern = `^(?:${regexStr})$`;
    try {
      checkRe2(pattern);
    } catch (e) {
      if (e instanceof Re2Error) throw execError(`invalid regular expression in label_replace(): ${regexStr}`, call.pos.start, call.pos.end);
      throw e;
    }
    if (!isValidLabelName(dst)) throw execError(`invalid destination label name in label_replace(): ${dst}`, call.pos.start, call.pos.end);
    try {
      enh.regex = translateRe2(pattern, true);
    } catch (e) {
      if (e instanceof Re2Unsupported) throw new PromQLError(e.message, call.args[4]!.pos.start, call.args[4]!.pos.end, "execution");
      throw e;
    }
    enh.labelCache = new Map();
  }
  const cache = enh.labelCache!;
  const { regexp, groupNames } = enh.regex;
  return vals[0]!.map((s) => {
    let out = cache.get(s.metric);
    if (out === undefined) {
      const srcVal = s.metric.get(src);
      regexp.lastIndex = 0;
      const m = regexp.exec(srcVal);
      if (m === null) out = s.metric;
      else out = s.metric.with(dst, expandTemplate(repl, m, groupNames));
      cache.set(s.metric, out);
    }
    return { metric: out, t: s.t, v: s.v };
  });
}

function labelJoin(vals: Vector[], call: Call, enh: NodeHelper): Vector {
  const dst = stringFromArg(call.args[1]!);
  const sep = stringFromArg(call.args[2]!);
  const srcLabels: string[] = [];
  for (let i = 3; i < call.args.length; i++) {
    const src = stringFromArg(call.args[i]!);
    if (!isValidLabelName(src)) throw execError(`invalid source label name in label_join(): ${src}`, call.pos.start, call.pos.end);
    srcLabels.push(src);
  }
  if (!isValidLabelName(dst)) throw execError(`invalid destination label name in label_join(): ${dst}`, call.pos.start, call.pos.end);
  enh.labelCache ??= new Map();
  const cache = enh.labelCache;
  return vals[0]!.map((s) => {
    let out = cache.get(s.metric);
    if (out === undefined) {
      out = s.metric.with(dst, srcLabels.map((l) => s.metric.get(l)).join(sep));
      cache.set(s.metric, out);
    }
    return { metric: out, t: s.t, v: s.v };
  });
}

/** funcHistogramQuantile for classic buckets: grouped by all labels but `le`, in first-seen order. */
function histogramQuantile(vals: Vector[]): Vector {
  const q = scalarArg(vals, 0);
  const groups = new Map<string, { metric: Labels; buckets: Bucket[] }>();
  const dropLe = new Set([BUCKET_LABEL]);
  const dropBoth = new Set([BUCKET_LABEL, METRIC_NAME]);
  for (const s of vals[1]!) {
    const upperBound = parseGoFloat(s.metric.get(BUCKET_LABEL));
    if (upperBound === undefined) continue;
    const key = s.metric.without(dropLe).key;
    let g = groups.get(key);
    if (g === undefined) {
      g = { metric: s.metric.without(dropBoth), buckets: [] };
      groups.set(key, g);
    }
    g.buckets.push({ upperBound, count: s.v });
  }
  const out: Vector = [];
  for (const g of groups.values()) out.push({ metric: g.metric, t: 0, v: bucketQuantile(q, g.buckets) });
  return out;
}

/** The instant-vector and scalar functions by name (FunctionCalls). */
export const INSTANT_FUNCTIONS: ReadonlyMap<string, InstantFunction> = new Map<string, InstantFunction>([
  ["abs", simple(Math.abs)],
  ["ceil", simple(Math.ceil)],
  ["floor", simple(Math.floor)],
  ["exp", simple(Math.exp)],
  ["sqrt", simple(Math.sqrt)],
  ["ln", simple(Math.log)],
  ["log2", simple(goLog2)],
  ["log10", simple(goLog10)],
  ["sgn", simple((v) => (v < 0 ? -1 : v > 0 ? 1 : v))],
  ["sin", simple(Math.sin)],
  ["cos", simple(Math.cos)],
  ["tan", simple(Math.tan)],
  ["asin", simple(Math.asin)],
  ["acos", simple(Math.acos)],
  ["atan", simple(Math.atan)],
  ["sinh", simple(Math.sinh)],
  ["cosh", simple(Math.cosh)],
  ["tanh", simple(Math.tanh)],
  ["asinh", simple(Math.asinh)],
  ["acosh", simple(Math.acosh)],
  ["atanh", simple(Math.atanh)],
  ["rad", simple((v) => (v * Math.PI) / 180)],
  ["deg", simple((v) => (v * 180) / Math.PI)],
  ["pi", () => [{ metric: Labels.EMPTY, t: 0, v: Math.PI }]],
  ["time", (_vals, _call, enh) => [{ metric: Labels.EMPTY, t: enh.ts, v: enh.ts / 1000 }]],
  [
    "clamp", // funcClamp
    (vals) => {
      const min = scalarArg(vals, 1);
      const max = scalarArg(vals, 2);
      if (max < min) return [];
      return vals[0]!.map((s) => ({ metric: s.metric.withoutMetricName(), t: s.t, v: goMax(min, goMin(max, s.v)) }));
    },
  ],
  [
    "clamp_max",
    (vals) => {
      const max = scalarArg(vals, 1);
      return vals[0]!.map((s) => ({ metric: s.metric.withoutMetricName(), t: s.t, v: goMin(max, s.v) }));
    },
  ],
  [
    "clamp_min",
    (vals) => {
      const min = scalarArg(vals, 1);
      return vals[0]!.map((s) => ({ metric: s.metric.withoutMetricName(), t: s.t, v: goMax(min, s.v) }));
    },
  ],
  [
    "round", // funcRound
    (vals) => {
      const toNearest = vals.length >= 2 ? scalarArg(vals, 1) : 1;
      const inverse = 1 / toNearest;
      return vals[0]!.map((s) => ({ metric: s.metric.withoutMetricName(), t: s.t, v: Math.floor(s.v * inverse + 0.5) / inverse }));
    },
  ],
  [
    "scalar", // funcScalar
    (vals) => [{ metric: Labels.EMPTY, t: 0, v: vals[0]!.length === 1 ? vals[0]![0]!.v : NaN }],
  ],
  ["vector", (vals) => [{ metric: Labels.EMPTY, t: 0, v: scalarArg(vals, 0) }]],
  [
    "timestamp", // funcTimestamp
    (vals) => vals[0]!.map((s) => ({ metric: s.metric.withoutMetricName(), t: s.t, v: s.t / 1000 })),
  ],
  [
    "sort", // funcSort: sort.Sort(sort.Reverse(vectorByReverseValueHeap))
    (vals) => {
      const out = vals[0]!.slice();
      goSort(out, (a, b) => reverseValueLess(b, a));
      return out;
    },
  ],
  [
    "sort_desc", // funcSortDesc: sort.Sort(sort.Reverse(vectorByValueHeap))
    (vals) => {
      const out = vals[0]!.slice();
      goSort(out, (a, b) => valueLess(b, a));
      return out;
    },
  ],
  [
    "absent", // funcAbsent
    (vals, call) => (vals[0]!.length > 0 ? [] : [{ metric: labelsForAbsent(call.args[0]!), t: 0, v: 1 }]),
  ],
  ["label_replace", labelReplace],
  ["label_join", labelJoin],
  ["histogram_quantile", histogramQuantile],
  ["days_in_month", dateFunction(daysInMonth)],
  ["day_of_month", dateFunction((t) => t.day)],
  ["day_of_week", dateFunction((t) => t.weekday)],
  ["day_of_year", dateFunction((t) => t.yearDay)],
  ["hour", dateFunction((t) => t.hour)],
  ["minute", dateFunction((t) => t.minute)],
  ["month", dateFunction((t) => t.month)],
  ["year", dateFunction((t) => t.year)],
]);
