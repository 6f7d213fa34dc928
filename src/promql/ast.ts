// The evaluator's own syntax tree, shaped as Prometheus 2.42's (promql/parser/ast.go), and the
// function signatures of promql/parser/functions.go. Rules: every node keeps its position range
// in the query; a node's value type is computed as ast.go's Type() computes it; the functions
// Prometheus 2.42 knows but this evaluator does not answer are listed with `supported: false`,
// so they are refused by name instead of being reported as unknown.

import type { Matcher } from "./matcher";

/** A value type, as parser.ValueType spells it. */
export type ValueType = "none" | "vector" | "scalar" | "matrix" | "string";

/** Offsets in the query: [start, end). */
export interface PosRange {
  start: number;
  end: number;
}

/** The aggregation operators (parser ItemType SUM … QUANTILE), lower case. */
export type AggregateOp = "sum" | "avg" | "count" | "min" | "max" | "group" | "stddev" | "stdvar" | "topk" | "bottomk" | "count_values" | "quantile";

/** The binary operators, as written in a query. */
export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "^" | "atan2" | "==" | "!=" | ">" | "<" | ">=" | "<=" | "and" | "or" | "unless";

/** parser.VectorMatchCardinality. */
export type Cardinality = "one-to-one" | "many-to-one" | "one-to-many" | "many-to-many";

/** parser.VectorMatching. */
export interface VectorMatching {
  card: Cardinality;
  matchingLabels: string[];
  on: boolean;
  include: string[];
}

/** An instant selector (parser.VectorSelector): `name{matchers} offset d @ t`; times in ms. */
export interface VectorSelector {
  kind: "VectorSelector";
  name: string;
  matchers: Matcher[];
  /** The offset written in the query, ms. */
  originalOffset: number;
  /** The offset actually applied (originalOffset adjusted for @), ms. */
  offset: number;
  /** The @ time in ms, or null. */
  timestamp: number | null;
  startOrEnd: "start" | "end" | null;
  pos: PosRange;
}

/** A range selector `vs[range]` (parser.MatrixSelector); `range` in ms. */
export interface MatrixSelector {
  kind: "MatrixSelector";
  vs: VectorSelector;
  range: number;
  pos: PosRange;
}

/** A subquery `expr[range:step]` (parser.SubqueryExpr); durations and times in ms. */
export interface SubqueryExpr {
  kind: "SubqueryExpr";
  expr: Expr;
  range: number;
  /** 0 when the query leaves it out. */
  step: number;
  originalOffset: number;
  offset: number;
  timestamp: number | null;
  startOrEnd: "start" | "end" | null;
  pos: PosRange;
}

/** A number (parser.NumberLiteral). */
export interface NumberLiteral {
  kind: "NumberLiteral";
  value: number;
  pos: PosRange;
}

/** A string, unquoted (parser.StringLiteral). */
export interface StringLiteral {
  kind: "StringLiteral";
  value: string;
  pos: PosRange;
}

/** `(expr)` (parser.ParenExpr). */
export interface ParenExpr {
  kind: "ParenExpr";
  expr: Expr;
  pos: PosRange;
}

/** `-expr` or `+expr` (parser.UnaryExpr). */
export interface UnaryExpr {
  kind: "UnaryExpr";
  op: "+" | "-";
  expr: Expr;
  pos: PosRange;
}

/** `lhs op rhs` with its `bool` and matching modifiers (parser.BinaryExpr); `matching` is null unless both sides are vectors. */
export interface BinaryExpr {
  kind: "BinaryExpr";
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  matching: VectorMatching | null;
  pos: PosRange;
  /** Where the operator is, for messages about it. */
  opPos: PosRange;
}

/** A function call (parser.Call). */
export interface Call {
  kind: "Call";
  func: FunctionDef;
  args: Expr[];
  pos: PosRange;
}

/** An aggregation (parser.AggregateExpr): `op by|without (grouping) (param, expr)`. */
export interface AggregateExpr {
  kind: "AggregateExpr";
  op: AggregateOp;
  expr: Expr;
  param: Expr | null;
  grouping: string[];
  without: boolean;
  pos: PosRange;
}

/** An expression whose value is the same at every step (engine.go PreprocessExpr). */
export interface StepInvariantExpr {
  kind: "StepInvariantExpr";
  expr: Expr;
  pos: PosRange;
}

/** Any expression node. */
export type Expr =
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | StringLiteral
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | Call
  | AggregateExpr
  | StepInvariantExpr;

/** A function's signature (parser.Function); `supported` says whether this evaluator answers it. */
export interface FunctionDef {
  readonly name: string;
  readonly argTypes: readonly ValueType[];
  /** 0: fixed; n > 0: up to n optional trailing arguments of the last type; -1: any number. */
  readonly variadic: number;
  readonly returnType: ValueType;
  readonly supported: boolean;
}

const V: ValueType = "vector";
const M: ValueType = "matrix";
const S: ValueType = "scalar";
const STR: ValueType = "string";

function fn(name: string, argTypes: ValueType[], returnType: ValueType, variadic = 0, supported = true): FunctionDef {
  return { name, argTypes, returnType, variadic, supported };
}

const DEFS: FunctionDef[] = [
  fn("abs", [V], V),
  fn("absent", [V], V),
  fn("absent_over_time", [M], V),
  fn("avg_over_time", [M], V),
  fn("ceil", [V], V),
  fn("changes", [M], V),
  fn("clamp", [V, S, S], V),
  fn("clamp_max", [V, S], V),
  fn("clamp_min", [V, S], V),
  fn("count_over_time", [M], V),
  fn("days_in_month", [V], V, 1),
  fn("day_of_month", [V], V, 1),
  fn("day_of_week", [V], V, 1),
  fn("day_of_year", [V], V, 1),
  fn("delta", [M], V),
  fn("deriv", [M], V),
  fn("exp", [V], V),
  fn("floor", [V], V),
  fn("histogram_quantile", [S, V], V),
  fn("hour", [V], V, 1),
  fn("idelta", [M], V),
  fn("increase", [M], V),
  fn("irate", [M], V),
  fn("label_replace", [V, STR, STR, STR, STR], V),
  fn("label_join", [V, STR, STR, STR], V, -1),
  fn("last_over_time", [M], V),
  fn("ln", [V], V),
  fn("log10", [V], V),
  fn("log2", [V], V),
  fn("max_over_time", [M], V),
  fn("min_over_time", [M], V),
  fn("minute", [V], V, 1),
  fn("month", [V], V, 1),
  fn("predict_linear", [M, S], V),
  fn("present_over_time", [M], V),
  fn("quantile_over_time", [S, M], V),
  fn("rate", [M], V),
  fn("resets", [M], V),
  fn("round", [V, S], V, 1),
  fn("scalar", [V], S),
  fn("sgn", [V], V),
  fn("sort", [V], V),
  fn("sort_desc", [V], V),
  fn("sqrt", [V], V),
  fn("stddev_over_time", [M], V),
  fn("stdvar_over_time", [M], V),
  fn("sum_over_time", [M], V),
  fn("time", [], S),
  fn("timestamp", [V], V),
  fn("vector", [S], V),
  fn("year", [V], V, 1),
  fn("holt_winters", [M, S, S], V),
  ...["acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "deg", "rad", "sin", "sinh", "tan", "tanh"].map((n) => fn(n, [V], V)),
  fn("pi", [], S),
  // Known to Prometheus 2.42, refused here: they read native histograms, which the store does not hold.
  fn("histogram_count", [V], V, 0, false),
  fn("histogram_sum", [V], V, 0, false),
  fn("histogram_fraction", [S, S, V], V, 0, false),
];

/** Every function Prometheus 2.42 knows, by name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(DEFS.map((d) => [d.name, d]));

/**
 * Functions whose result can change with the evaluation time although their arguments do not
 * (promql/functions.go AtModifierUnsafeFunctions at v2.42.0).
 */
export const AT_MODIFIER_UNSAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  "days_in_month",
  "day_of_month",
  "day_of_week",
  "day_of_year",
  "hour",
  "minute",
  "month",
  "year",
  "predict_linear",
  "time",
  "timestamp",
]);

/** The value type of an expression (ast.go Type() of each node). */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case "AggregateExpr":
    case "VectorSelector":
      return "vector";
    case "Call":
      return e.func.returnType;
    case "MatrixSelector":
    case "SubqueryExpr":
      return "matrix";
    case "NumberLiteral":
      return "scalar";
    case "StringLiteral":
      return "string";
    case "ParenExpr":
    case "UnaryExpr":
    case "StepInvariantExpr":
      return typeOf(e.expr);
    case "BinaryExpr":
      return typeOf(e.lhs) === "scalar" && typeOf(e.rhs) === "scalar" ? "scalar" : "vector";
  }
}

/** parser.DocumentedType: "instant vector", "range vector", "scalar", "string". */
export function documentedType(t: ValueType): string {
  if (t === "vector") return "instant vector";
  if (t === "matrix") return "range vector";
  return t;
}

/** The children of a node, in Prometheus's order (parser.Children). */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case "AggregateExpr":
      return e.param === null ? [e.expr] : [e.param, e.expr];
    case "BinaryExpr":
      return [e.lhs, e.rhs];
    case "Call":
      return e.args;
    case "SubqueryExpr":
    case "ParenExpr":
    case "UnaryExpr":
    case "StepInvariantExpr":
      return [e.expr];
    case "MatrixSelector":
      return [e.vs];
    default:
      return [];
  }
}

/**
 * Calls `visit` on every node, parents first, with the path of ancestors (parser.Inspect).
 */
export function inspect(e: Expr, visit: (node: Expr, path: readonly Expr[]) => void, path: Expr[] = []): void {
  visit(e, path);
  path.push(e);
  for (const c of children(e)) inspect(c, visit, path);
  path.pop();
}

/** A deep copy (matchers and function definitions are shared: they are immutable). */
export function cloneExpr<T extends Expr>(e: T): T {
  const pos = { ...e.pos };
  switch (e.kind) {
    case "VectorSelector":
      return { ...e, pos, matchers: [...e.matchers] };
    case "MatrixSelector":
      return { ...e, pos, vs: cloneExpr(e.vs) };
    case "SubqueryExpr":
    case "ParenExpr":
    case "UnaryExpr":
    case "StepInvariantExpr":
      return { ...e, pos, expr: cloneExpr(e.expr) };
    case "BinaryExpr":
      return {
        ...e,
        pos,
        lhs: cloneExpr(e.lhs),
        rhs: cloneExpr(e.rhs),
        matching: e.matching === null ? null : { ...e.matching, matchingLabels: [...e.matching.matchingLabels], include: [...e.matching.include] },
      };
    case "Call":
      return { ...e, pos, args: e.args.map((a) => cloneExpr(a)) };
    case "AggregateExpr":
      return { ...e, pos, expr: cloneExpr(e.expr), param: e.param === null ? null : cloneExpr(e.param), grouping: [...e.grouping] };
    default:
      return { ...e, pos };
  }
}
