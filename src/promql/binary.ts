// Binary operators between vectors and scalars, transcribed from promql/engine.go (v2.42.0):
// scalarBinop, vectorElemBinop, VectorscalarBinop, VectorBinop, VectorAnd/Or/Unless and
// resultMetric. Rules: arithmetic drops the metric name, a comparison filters (or answers 0/1
// with `bool`, dropping the name), matching is by the signature of on()/ignoring() labels, and
// a match Go cannot resolve fails with Go's own message.

import type { BinaryOp, VectorMatching } from "./ast";
import { execError } from "./errors";
import { goPow } from "./gomath";
import { Labels, matchLabels, METRIC_NAME, signature } from "./labels";
import type { Sample, Vector } from "./value";

/** Where the expression is, for errors. */
export interface BinarySite {
  start: number;
  end: number;
}

/** shouldDropMetricName: the arithmetic operators. */
export function shouldDropMetricName(op: BinaryOp): boolean {
  return op === "+" || op === "-" || op === "*" || op === "/" || op === "^" || op === "%";
}

/** Whether `op` compares (IsComparisonOperator). */
export function isComparisonOp(op: BinaryOp): boolean {
  return op === "==" || op === "!=" || op === ">" || op === "<" || op === ">=" || op === "<=";
}

function btos(b: boolean): number {
  return b ? 1 : 0;
}

/** scalarBinop. */
export function scalarBinop(op: BinaryOp, lhs: number, rhs: number): number {
  switch (op) {
    case "+":
      return lhs + rhs;
    case "-":
      return lhs - rhs;
    case "*":
      return lhs * rhs;
    case "/":
      return lhs / rhs;
    case "^":
      return goPow(lhs, rhs);
    case "%":
      return lhs % rhs;
    case "==":
      return btos(lhs === rhs);
    case "!=":
      return btos(lhs !== rhs);
    case ">":
      return btos(lhs > rhs);
    case "<":
      return btos(lhs < rhs);
    case ">=":
      return btos(lhs >= rhs);
    case "<=":
      return btos(lhs <= rhs);
    case "atan2":
      return Math.atan2(lhs, rhs);
    default:
      throw new Error(`operator ${op} not allowed for Scalar operations`);
  }
}

/** vectorElemBinop for floats: [value, keep]. */
function vectorElemBinop(op: BinaryOp, lhs: number, rhs: number): [number, boolean] {
  switch (op) {
    case "==":
      return [lhs, lhs === rhs];
    case "!=":
      return [lhs, lhs !== rhs];
    case ">":
      return [lhs, lhs > rhs];
    case "<":
      return [lhs, lhs < rhs];
    case ">=":
      return [lhs, lhs >= rhs];
    case "<=":
      return [lhs, lhs <= rhs];
    default:
      return [scalarBinop(op, lhs, rhs), true];
  }
}

/** VectorscalarBinop: `swap` when the scalar is on the left. */
export function vectorScalarBinop(op: BinaryOp, lhs: Vector, scalar: number, swap: boolean, returnBool: boolean): Vector {
  const out: Vector = [];
  const comparison = isComparisonOp(op);
  const drop = shouldDropMetricName(op) || returnBool;
  for (const s of lhs) {
    let lv = s.v;
    let rv = scalar;
    if (swap) {
      lv = scalar;
      rv = s.v;
    }
    let [value, keep] = vectorElemBinop(op, lv, rv);
    if (comparison && swap) value = rv;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (keep) out.push({ metric: drop ? s.metric.withoutMetricName() : s.metric, t: s.t, v: value });
  }
  return out;
}

/** The join signature of each series for one binary expression (signatureFunc), cached. */
export function makeSignature(matching: VectorMatching): (l: Labels) => string {
  const names = new Set(matching.matchingLabels);
  const cache = new Map<Labels, string>();
  return (l) => {
    let s = cache.get(l);
    if (s === undefined) {
      s = signature(l, matching.on, names);
      cache.set(l, s);
    }
    return s;
  };
}

/** VectorAnd. */
export function vectorAnd(lhs: Vector, rhs: Vector, sig: (l: Labels) => string): Vector {
  if (lhs.length === 0 || rhs.length === 0) return [];
  const rightSigs = new Set<string>();
  for (const s of rhs) rightSigs.add(sig(s.metric));
  return lhs.filter((s) => rightSigs.has(sig(s.metric)));
}

/** VectorOr. */
export function vectorOr(lhs: Vector, rhs: Vector, sig: (l: Labels) => string): Vector {
  if (lhs.length === 0) return rhs.slice();
  if (rhs.length === 0) return lhs.slice();
  const leftSigs = new Set<string>();
  const out: Vector = [];
  for (const s of lhs) {
    leftSigs.add(sig(s.metric));
    out.push(s);
  }
  for (const s of rhs) if (!leftSigs.has(sig(s.metric))) out.push(s);
  return out;
}

/** VectorUnless. */
export function vectorUnless(lhs: Vector, rhs: Vector, sig: (l: Labels) => string): Vector {
  if (lhs.length === 0 || rhs.length === 0) return lhs.slice();
  const rightSigs = new Set<string>();
  for (const s of rhs) rightSigs.add(sig(s.metric));
  return lhs.filter((s) => !rightSigs.has(sig(s.metric)));
}

/** resultMetric, with its cache (keyed by both sides' label sets). */
export function makeResultMetric(op: BinaryOp, matching: VectorMatching): (lhs: Labels, rhs: Labels) => Labels {
  const cache = new Map<string, Labels>();
  const matchingNames = new Set(matching.matchingLabels);
  const nameOnly = new Set([METRIC_NAME]);
  return (lhs, rhs) => {
    const key = `${lhs.key}\u0000${rhs.key}`;
    let ret = cache.get(key);
    if (ret !== undefined) return ret;
    ret = lhs;
    if (shouldDropMetricName(op)) ret = ret.without(nameOnly);
    if (matching.card === "one-to-one") ret = matching.on ? ret.keep(matchingNames) : ret.without(matchingNames);
    for (const ln of matching.include) ret = ret.with(ln, rhs.get(ln));
    cache.set(key, ret);
    return ret;
  };
}

/** VectorBinop (one-to-one, many-to-one, one-to-many) with Go's errors for ambiguous matches. */
export function vectorBinop(
  op: BinaryOp,
  lhsIn: Vector,
  rhsIn: Vector,
  matching: VectorMatching,
  returnBool: boolean,
  sig: (l: Labels) => string,
  resultMetric: (lhs: Labels, rhs: Labels) => Labels,
  site: BinarySite,
): Vector {
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  let lhs = lhsIn;
  let rhs = rhsIn;
  const oneToMany = matching.card === "one-to-many";
  if (oneToMany) {
    lhs = rhsIn;
    rhs = lhsIn;
  }
  const rightSigs = new Map<string, Sample>();
  const names = new Set(matching.matchingLabels);
  for (const rs of rhs) {
    const s = sig(rs.metric);
    const dupl = rightSigs.get(s);
    if (dupl !== undefined) {
      const oneSide = oneToMany ? "left" : "right";
      const matched = matchLabels(rs.metric, matching.on, names);
      throw execError(
        `found duplicate series for the match group ${matched.toString()} on the ${oneSide} hand-side of the operation: [${rs.metric.toString()}, ${dupl.metric.toString()}];many-to-many matching not allowed: matching labels must be unique on one side`,
        site.start,
        site.end,
      );
    }
    rightSigs.set(s, rs);
  }
  const matchedSigs = new Map<string, Set<string> | null>();
  const out: Vector = [];
  for (const ls of lhs) {
    const s = sig(ls.metric);
    const rs = rightSigs.get(s);
    if (rs === undefined) continue;
    let vl = ls.v;
    let vr = rs.v;
    if (oneToMany) {
      vl = rs.v;
      vr = ls.v;
    }
    const [elemValue, keep] = vectorElemBinop(op, vl, vr);
    let value = elemValue;
    if (returnBool) value = keep ? 1 : 0;
    else if (!keep) continue;
    let metric = resultMetric(ls.metric, rs.metric);
    if (returnBool) metric = metric.withoutMetricName();
    const inserted = matchedSigs.get(s);
    if (matching.card === "one-to-one") {
      if (inserted !== undefined) {
        throw execError("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)", site.start, site.end);
      }
      matchedSigs.set(s, null);
    } else {
      const insertSig = metric.key;
      if (inserted === undefined || inserted === null) matchedSigs.set(s, new Set([insertSig]));
      else if (inserted.has(insertSig)) {
        throw execError("multiple matches for labels: grouping labels must ensure unique matches", site.start, site.end);
      } else inserted.add(insertSig);
    }
    out.push({ metric, t: ls.t, v: value });
  }
  return out;
}
