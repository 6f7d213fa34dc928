// From query text to the evaluator's syntax tree: @prometheus-io/lezer-promql (0.42.0, the
// grammar shipped with Prometheus 2.42) builds the tree, this module maps its node names to
// ast.ts and applies the checks Prometheus's own parser applies (promql/parser/parse.go checkAST,
// generated_parser.y actions). Rules: where the lezer grammar reads a query differently from
// Prometheus's yacc grammar, Prometheus wins — a sign written before a number is a unary minus
// for `^` (-2^2 is -4), and the postfix modifiers `offset`, `@`, `[range]` and `[range:step]`
// bind to the rightmost operand of a binary or unary expression (a + b offset 5m offsets b);
// every error carries its offset in the query and Prometheus's message.

import { parser as lezerParser } from "@prometheus-io/lezer-promql";
import {
  children,
  documentedType,
  FUNCTIONS,
  typeOf,
  type AggregateOp,
  type BinaryExpr,
  type BinaryOp,
  type Expr,
  type PosRange,
  type ValueType,
  type VectorMatching,
  type VectorSelector,
} from "./ast";
import { PromQLError } from "./errors";
import { goPercentF, goRound } from "./gomath";
import { METRIC_NAME } from "./labels";
import { describeToken, lexicalCheck, parseDurationMs, parseNumberLiteral, unquoteString, type Token } from "./lexer";
import { newMatcher, type MatchType } from "./matcher";
import { Re2Error, Re2Unsupported } from "./regexp";

type SyntaxNode = ReturnType<typeof lezerParser.parse>["topNode"];

const EXPR_NODES = new Set([
  "AggregateExpr",
  "BinaryExpr",
  "FunctionCall",
  "MatrixSelector",
  "NumberLiteral",
  "OffsetExpr",
  "ParenExpr",
  "StringLiteral",
  "SubqueryExpr",
  "UnaryExpr",
  "VectorSelector",
  "StepInvariantExpr",
]);

/** The lezer grammar's operator node names (promql.grammar BinaryExpr). */
const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Pow: "^",
  Mul: "*",
  Div: "/",
  Mod: "%",
  Atan2: "atan2",
  Add: "+",
  Sub: "-",
  Eql: "==",
  Gte: ">=",
  Gtr: ">",
  Lte: "<=",
  Lss: "<",
  Neq: "!=",
  And: "and",
  Unless: "unless",
  Or: "or",
};

const MATCH_OPS: Readonly<Record<string, MatchType>> = { EqlSingle: "=", Neq: "!=", EqlRegex: "=~", NeqRegex: "!~" };

const COMPARISON_OPS = new Set<BinaryOp>(["==", "!=", ">", "<", ">=", "<="]);
const SET_OPS = new Set<BinaryOp>(["and", "or", "unless"]);

/** Whether `op` is a comparison (parser.ItemType.IsComparisonOperator). */
export function isComparison(op: BinaryOp): boolean {
  return COMPARISON_OPS.has(op);
}

/** Whether `op` is and/or/unless (IsSetOperator). */
export function isSetOperator(op: BinaryOp): boolean {
  return SET_OPS.has(op);
}

function fail(message: string, pos: PosRange | number, end?: number): never {
  if (typeof pos === "number") throw new PromQLError(message, pos, end ?? pos);
  throw new PromQLError(message, pos.start, pos.end);
}

class Converter {
  constructor(private readonly input: string) {}

  private text(n: SyntaxNode): string {
    return this.input.slice(n.from, n.to);
  }

  private kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c !== null; c = c.nextSibling) if (c.name !== "LineComment") out.push(c);
    return out;
  }

  private exprKids(n: SyntaxNode): SyntaxNode[] {
    return this.kids(n).filter((c) => EXPR_NODES.has(c.name));
  }

  private range(n: SyntaxNode): PosRange {
    return { start: n.from, end: n.to };
  }

  convert(n: SyntaxNode): Expr {
    switch (n.name) {
      case "PromQL": {
        const [e] = this.exprKids(n);
        if (e === undefined) fail("no expression found in input", 0);
        return this.convert(e);
      }
      case "NumberLiteral":
        return this.numberLiteral(n);
      case "StringLiteral":
        return { kind: "StringLiteral", value: unquoteString(this.text(n), n.from), pos: this.range(n) };
      case "ParenExpr":
        return { kind: "ParenExpr", expr: this.convert(this.exprKids(n)[0]!), pos: this.range(n) };
      case "UnaryExpr":
        return this.unary(n);
      case "BinaryExpr":
        return this.binary(n);
      case "VectorSelector":
        return this.vectorSelector(n);
      case "FunctionCall":
        return this.call(n);
      case "AggregateExpr":
        return this.aggregate(n);
      case "MatrixSelector":
        return this.matrixSelector(n);
      case "SubqueryExpr":
        return this.subquery(n);
      case "OffsetExpr":
        return this.offset(n);
      case "StepInvariantExpr":
        return this.at(n);
    }
    return fail(`unexpected syntax node ${n.name}`, this.range(n));
  }

  private numberValue(text: string, pos: PosRange): number {
    const v = parseNumberLiteral(text);
    if (v === undefined) fail(`error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`, pos);
    return v;
  }

  private numberLiteral(n: SyntaxNode): Expr {
    const text = this.text(n);
    const sign = text[0] === "-" || text[0] === "+" ? text[0] : "";
    const body = text.slice(sign.length).trim();
    const value = this.numberValue(body, this.range(n));
    return { kind: "NumberLiteral", value: sign === "-" ? -value : value, pos: this.range(n) };
  }

  private unary(n: SyntaxNode): Expr {
    const [opNode, exprNode] = this.kids(n);
    const op = this.text(opNode!) as "+" | "-";
    const inner = this.convert(exprNode!);
    // generated_parser.y unary_expr: a sign before a number literal folds into it.
    if (inner.kind === "NumberLiteral") {
      return { kind: "NumberLiteral", value: op === "-" ? -inner.value : inner.value, pos: { start: n.from, end: inner.pos.end } };
    }
    return { kind: "UnaryExpr", op, expr: inner, pos: this.range(n) };
  }

  private groupingLabels(n: SyntaxNode): string[] {
    return this.kids(n)
      .filter((c) => c.name === "LabelName")
      .map((c) => this.text(c));
  }

  private binary(n: SyntaxNode): Expr {
    const parts = this.kids(n);
    const [lhsNode, rhsNode] = parts.filter((c) => EXPR_NODES.has(c.name)) as [SyntaxNode, SyntaxNode];
    const opNode = parts.find((c) => c.name in BINARY_OPS)!;
    const op = BINARY_OPS[opNode.name]!;
    const matching: VectorMatching = { card: "one-to-one", matchingLabels: [], on: false, include: [] };
    const clause = parts.find((c) => c.name === "MatchingModifierClause");
    if (clause !== undefined) {
      const ck = this.kids(clause);
      matching.on = ck.some((c) => c.name === "On");
      const labelLists = ck.filter((c) => c.name === "GroupingLabels");
      matching.matchingLabels = labelLists[0] === undefined ? [] : this.groupingLabels(labelLists[0]);
      if (ck.some((c) => c.name === "GroupLeft")) matching.card = "many-to-one";
      if (ck.some((c) => c.name === "GroupRight")) matching.card = "one-to-many";
      if (labelLists[1] !== undefined) matching.include = this.groupingLabels(labelLists[1]);
    }
    let lhs: Expr;
    let signed: "-" | "+" | "" = "";
    const lhsText = this.text(lhsNode);
    if (op === "^" && lhsNode.name === "NumberLiteral" && (lhsText[0] === "-" || lhsText[0] === "+")) {
      // The grammar reads "-2^2" as (-2)^2; Prometheus reads it as -(2^2).
      signed = lhsText[0] as "-" | "+";
      const body = lhsText.slice(1).trim();
      const start = lhsNode.to - body.length;
      lhs = { kind: "NumberLiteral", value: this.numberValue(body, { start, end: lhsNode.to }), pos: { start, end: lhsNode.to } };
    } else lhs = this.convert(lhsNode);
    const rhs = this.convert(rhsNode);
    const bin: BinaryExpr = {
      kind: "BinaryExpr",
      op,
      lhs,
      rhs,
      returnBool: parts.some((c) => c.name === "BoolModifier"),
      matching,
      pos: { start: lhs.pos.start, end: rhs.pos.end },
      opPos: { start: opNode.from, end: rhsNode.from },
    };
    if (signed === "") return bin;
    return { kind: "UnaryExpr", op: signed, expr: bin, pos: { start: lhsNode.from, end: rhs.pos.end } };
  }

  private stringValue(n: SyntaxNode): string {
    return unquoteString(this.text(n), n.from);
  }

  private vectorSelector(n: SyntaxNode): VectorSelector {
    const parts = this.kids(n);
    const ident = parts.find((c) => c.name === "Identifier");
    const matchersNode = parts.find((c) => c.name === "LabelMatchers");
    const vs: VectorSelector = {
      kind: "VectorSelector",
      name: ident === undefined ? "" : this.text(ident),
      matchers: [],
      originalOffset: 0,
      offset: 0,
      timestamp: null,
      startOrEnd: null,
      pos: this.range(n),
    };
    if (matchersNode !== undefined) {
      for (const m of this.kids(matchersNode)) {
        if (m.name !== "LabelMatcher") continue;
        const [nameNode, opNode, valueNode] = this.kids(m) as [SyntaxNode, SyntaxNode, SyntaxNode];
        const type = MATCH_OPS[this.kids(opNode)[0]!.name]!;
        const value = this.stringValue(valueNode);
        try {
          vs.matchers.push(newMatcher(type, this.text(nameNode), value));
        } catch (e) {
          if (e instanceof Re2Error || e instanceof Re2Unsupported) fail(e.message, { start: nameNode.from, end: valueNode.to });
          throw e;
        }
      }
    }
    // generated_parser.y assembleVectorSelector: the name matcher comes last.
    if (vs.name !== "") vs.matchers.push(newMatcher("=", METRIC_NAME, vs.name));
    return vs;
  }

  private call(n: SyntaxNode): Expr {
    const [idNode, bodyNode] = this.kids(n) as [SyntaxNode, SyntaxNode];
    const name = this.text(idNode);
    const def = FUNCTIONS.get(name);
    if (def === undefined) fail(`unknown function with name ${JSON.stringify(name)}`, this.range(idNode));
    const args = this.exprKids(bodyNode).map((a) => this.convert(a));
    return { kind: "Call", func: def, args, pos: this.range(n) };
  }

  private aggregate(n: SyntaxNode): Expr {
    const parts = this.kids(n);
    const opNode = parts.find((c) => c.name === "AggregateOp")!;
    const op = this.text(opNode).toLowerCase() as AggregateOp;
    const modifier = parts.find((c) => c.name === "AggregateModifier");
    const body = parts.find((c) => c.name === "FunctionCallBody")!;
    const args = this.exprKids(body).map((a) => this.convert(a));
    const pos = this.range(n);
    if (args.length === 0) fail("no arguments for aggregate expression provided", pos);
    const desired = op === "topk" || op === "bottomk" || op === "quantile" || op === "count_values" ? 2 : 1;
    if (args.length !== desired) {
      fail(`wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`, pos);
    }
    let grouping: string[] = [];
    let without = false;
    if (modifier !== undefined) {
      const mk = this.kids(modifier);
      without = mk.some((c) => c.name === "Without");
      const labels = mk.find((c) => c.name === "GroupingLabels");
      grouping = labels === undefined ? [] : this.groupingLabels(labels);
    }
    return {
      kind: "AggregateExpr",
      op,
      param: desired === 2 ? args[0]! : null,
      expr: args[desired - 1]!,
      grouping,
      without,
      pos,
    };
  }

  private duration(n: SyntaxNode): number {
    let ms: number;
    try {
      ms = parseDurationMs(this.text(n));
    } catch (e) {
      return fail((e as Error).message, this.range(n));
    }
    if (ms === 0) fail("duration must be greater than 0", this.range(n));
    return ms;
  }

  /** The child expression of a postfix node, and the postfix's own parts after it. */
  private postfix(n: SyntaxNode): { target: Expr; rest: SyntaxNode[] } {
    const parts = this.kids(n);
    return { target: this.convert(parts[0]!), rest: parts.slice(1) };
  }

  private matrixSelector(n: SyntaxNode): Expr {
    const { target, rest } = this.postfix(n);
    const range = this.duration(rest[0]!);
    const bracket = this.input.indexOf("[", n.firstChild!.to);
    return pushPostfix(target, (e) => {
      const errPos = { start: bracket, end: n.to };
      if (e.kind !== "VectorSelector") fail("ranges only allowed for vector selectors", errPos);
      if (e.originalOffset !== 0) fail("no offset modifiers allowed before range", errPos);
      if (e.timestamp !== null) fail("no @ modifiers allowed before range", errPos);
      return { kind: "MatrixSelector", vs: e, range, pos: { start: e.pos.start, end: n.to } };
    });
  }

  private subquery(n: SyntaxNode): Expr {
    const { target, rest } = this.postfix(n);
    const durations = rest.filter((c) => c.name === "Duration");
    const range = this.duration(durations[0]!);
    const step = durations[1] === undefined ? 0 : this.duration(durations[1]);
    return pushPostfix(target, (e) => ({
      kind: "SubqueryExpr",
      expr: e,
      range,
      step,
      originalOffset: 0,
      offset: 0,
      timestamp: null,
      startOrEnd: null,
      pos: { start: e.pos.start, end: n.to },
    }));
  }

  private offset(n: SyntaxNode): Expr {
    const { target, rest } = this.postfix(n);
    const negative = rest.some((c) => c.name === "Sub");
    const ms = this.duration(rest.find((c) => c.name === "Duration")!);
    const offset = negative ? -ms : ms;
    return pushPostfix(target, (e) => {
      // parse.go addOffset.
      let holder: { originalOffset: number };
      if (e.kind === "VectorSelector") holder = e;
      else if (e.kind === "MatrixSelector") holder = e.vs;
      else if (e.kind === "SubqueryExpr") holder = e;
      else fail("offset modifier must be preceded by an instant vector selector or range vector selector or a subquery", e.pos);
      if (holder.originalOffset !== 0) fail("offset may not be set multiple times", e.pos);
      holder.originalOffset = offset;
      e.pos = { start: e.pos.start, end: n.to };
      return e;
    });
  }

  private at(n: SyntaxNode): Expr {
    const { target, rest } = this.postfix(n);
    const numberNode = rest.find((c) => c.name === "NumberLiteral");
    const preprocessor = rest.find((c) => c.name === "AtModifierPreprocessors");
    let ts: number | null = null;
    let startOrEnd: "start" | "end" | null = null;
    if (numberNode !== undefined) {
      const lit = this.numberLiteral(numberNode);
      ts = lit.kind === "NumberLiteral" ? lit.value : NaN;
    } else if (preprocessor !== undefined) {
      startOrEnd = this.text(preprocessor).toLowerCase() as "start" | "end";
    }
    return pushPostfix(target, (e) => {
      // parse.go setTimestamp / setAtModifierPreprocessor / getAtModifierVars.
      if (ts !== null && (!Number.isFinite(ts) || ts >= 2 ** 63 || ts <= -(2 ** 63))) {
        fail(`timestamp out of bounds for @ modifier: ${goPercentF(ts)}`, e.pos);
      }
      let holder: { timestamp: number | null; startOrEnd: "start" | "end" | null };
      if (e.kind === "VectorSelector") holder = e;
      else if (e.kind === "MatrixSelector") holder = e.vs;
      else if (e.kind === "SubqueryExpr") holder = e;
      else fail("@ modifier must be preceded by an instant vector selector or range vector selector or a subquery", e.pos);
      if (holder.timestamp !== null || holder.startOrEnd !== null) fail("@ <timestamp> may not be set multiple times", e.pos);
      if (ts !== null) holder.timestamp = goRound(ts * 1000);
      else holder.startOrEnd = startOrEnd;
      e.pos = { start: e.pos.start, end: n.to };
      return e;
    });
  }
}

/**
 * Applies a postfix modifier as Prometheus's grammar does: to the rightmost operand of a binary
 * expression, and inside a unary one (OFFSET, AT and '[' bind tighter than any operator).
 */
function pushPostfix(e: Expr, apply: (target: Expr) => Expr): Expr {
  if (e.kind === "BinaryExpr") {
    e.rhs = pushPostfix(e.rhs, apply);
    e.pos = { start: e.pos.start, end: e.rhs.pos.end };
    return e;
  }
  if (e.kind === "UnaryExpr") {
    e.expr = pushPostfix(e.expr, apply);
    e.pos = { start: e.pos.start, end: e.expr.pos.end };
    return e;
  }
  return apply(e);
}

/** parse.go checkAST, throwing the first error Prometheus would report. */
function checkAST(e: Expr): ValueType {
  const typ = typeOf(e);
  const expectType = (node: Expr, want: ValueType, context: string) => {
    const t = checkAST(node);
    if (t !== want) fail(`expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`, node.pos);
  };
  switch (e.kind) {
    case "AggregateExpr":
      expectType(e.expr, "vector", "aggregation expression");
      if (e.op === "topk" || e.op === "bottomk" || e.op === "quantile") expectType(e.param!, "scalar", "aggregation parameter");
      if (e.op === "count_values") expectType(e.param!, "string", "aggregation parameter");
      break;
    case "BinaryExpr": {
      const lt = checkAST(e.lhs);
      const rt = checkAST(e.rhs);
      const opRange = e.opPos;
      if (e.returnBool && !isComparison(e.op)) fail("bool modifier can only be used on comparison operators", opRange);
      if (isComparison(e.op) && !e.returnBool && rt === "scalar" && lt === "scalar") {
        fail("comparisons between scalars must use BOOL modifier", opRange);
      }
      const m = e.matching!;
      if (isSetOperator(e.op) && m.card === "one-to-one") m.card = "many-to-many";
      if (m.on) {
        for (const l1 of m.matchingLabels) {
          if (m.include.includes(l1)) fail(`label ${JSON.stringify(l1)} must not occur in ON and GROUP clause at once`, opRange);
        }
      }
      if (lt !== "scalar" && lt !== "vector") fail("binary expression must contain only scalar and instant vector types", e.lhs.pos);
      if (rt !== "scalar" && rt !== "vector") fail("binary expression must contain only scalar and instant vector types", e.rhs.pos);
      if (lt !== "vector" || rt !== "vector") {
        if (m.matchingLabels.length > 0) fail("vector matching only allowed between instant vectors", e.pos);
        e.matching = null;
      } else if (isSetOperator(e.op)) {
        if (m.card === "one-to-many" || m.card === "many-to-one") fail(`no grouping allowed for ${JSON.stringify(e.op)} operation`, e.pos);
        if (m.card !== "many-to-many") fail("set operations must always be many-to-many", e.pos);
      }
      if ((lt === "scalar" || rt === "scalar") && isSetOperator(e.op)) {
        fail(`set operator ${JSON.stringify(e.op)} not allowed in binary scalar expression`, e.pos);
      }
      break;
    }
    case "Call": {
      const f = e.func;
      const nargs = f.argTypes.length;
      if (f.variadic === 0) {
        if (nargs !== e.args.length) fail(`expected ${nargs} argument(s) in call to ${JSON.stringify(f.name)}, got ${e.args.length}`, e.pos);
      } else {
        const na = nargs - 1;
        if (na > e.args.length) fail(`expected at least ${na} argument(s) in call to ${JSON.stringify(f.name)}, got ${e.args.length}`, e.pos);
        else if (f.variadic > 0 && na + f.variadic < e.args.length) {
          fail(`expected at most ${na + f.variadic} argument(s) in call to ${JSON.stringify(f.name)}, got ${e.args.length}`, e.pos);
        }
      }
      e.args.forEach((arg, i) => {
        if (i >= nargs) {
          if (f.variadic === 0) return;
          i = nargs - 1;
        }
        expectType(arg, f.argTypes[i]!, `call to function ${JSON.stringify(f.name)}`);
      });
      break;
    }
    case "ParenExpr":
      checkAST(e.expr);
      break;
    case "UnaryExpr": {
      const t = checkAST(e.expr);
      if (t !== "scalar" && t !== "vector") {
        fail(`unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`, e.pos);
      }
      break;
    }
    case "SubqueryExpr": {
      const t = checkAST(e.expr);
      if (t !== "vector") fail(`subquery is only allowed on instant vector, got ${t} instead`, e.pos);
      break;
    }
    case "MatrixSelector":
      checkAST(e.vs);
      break;
    case "VectorSelector": {
      if (e.name !== "") {
        for (const m of e.matchers.slice(0, -1)) {
          if (m.name === METRIC_NAME) fail(`metric name must not be set twice: ${JSON.stringify(e.name)} or ${JSON.stringify(m.value)}`, e.pos);
        }
        break;
      }
      if (!e.matchers.some((m) => !m.matches(""))) fail("vector selector must contain at least one non-empty matcher", e.pos);
      break;
    }
    default:
      break;
  }
  return typ;
}

const NATIVE_HISTOGRAM_FUNCTIONS = new Set(["histogram_count", "histogram_sum", "histogram_fraction"]);

/** Refuses what Prometheus accepts but this evaluator does not answer (docs/promql.md). */
function refuseUnsupported(e: Expr): void {
  if (e.kind === "Call" && !e.func.supported) {
    const why = NATIVE_HISTOGRAM_FUNCTIONS.has(e.func.name)
      ? "native histograms are not stored by this evaluator"
      : "this evaluator answers only the functions listed in docs/promql.md";
    fail(`function ${JSON.stringify(e.func.name)} is not supported here: ${why}`, e.pos);
  }
  for (const c of children(e)) refuseUnsupported(c);
}

/** The message for the first syntax error lezer found at `from`, in Prometheus's words. */
function syntaxError(from: number, tokens: readonly Token[], input: string): PromQLError {
  const significant = tokens.filter((t) => t.type !== "COMMENT" && t.type !== "ERROR");
  if (significant.every((t) => t.type === "EOF")) return new PromQLError("no expression found in input", 0);
  let k = significant.findIndex((t) => t.pos >= from);
  if (k < 0) k = significant.length - 1;
  const tok = significant[k]!;
  const prev = k > 0 ? significant[k - 1] : undefined;
  if (tok.text === "(" && prev !== undefined && (prev.type === "IDENTIFIER" || prev.type === "METRIC_IDENTIFIER")) {
    return new PromQLError(`unknown function with name ${JSON.stringify(prev.text)}`, prev.pos, prev.pos + prev.text.length);
  }
  if (tok.text === ")" && prev !== undefined && prev.text === ",") {
    return new PromQLError("trailing commas not allowed in function call args", prev.pos, prev.pos + 1);
  }
  // atan2 cannot start an expression (unlike and/or/unless, it is no metric name): yacc stops there.
  if (prev !== undefined && prev.type === "OPERATOR" && prev.text === "atan2") {
    const before = k > 1 ? significant[k - 2] : undefined;
    if (before === undefined || before.text === "(" || before.text === "," || before.type === "OPERATOR") {
      return new PromQLError(`unexpected ${describeToken(prev)}`, prev.pos, prev.pos + prev.text.length);
    }
  }
  const context = errorContext(significant, k);
  if (tok.type === "EOF") return new PromQLError(`unexpected end of input${context}`, input.length);
  return new PromQLError(`unexpected ${describeToken(tok)}${context}`, tok.pos, tok.pos + tok.text.length);
}

const GROUPING_KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);
const MATCH_OPERATORS = new Set(["=", "!=", "=~", "!~"]);

/**
 * The " in <context>, expected <what>" Prometheus's grammar adds where one of its error
 * productions catches the token at `k` (generated_parser.y `unexpected(...)` calls): after
 * offset, @, inside [range:step], label matchers, grouping labels, or after an aggregation.
 */
function errorContext(sig: readonly Token[], k: number): string {
  const at = (i: number): Token | undefined => (i >= 0 ? sig[i] : undefined);
  const text = (i: number) => at(i)?.text.toLowerCase();
  const prev = at(k - 1);
  if (prev === undefined) return "";
  if (prev.type === "KEYWORD" && text(k - 1) === "offset") return " in offset, expected duration";
  if (prev.text === "@") return " in @, expected timestamp";
  if (prev.text === "[") return " in subquery selector, expected duration";
  if (prev.type === "DURATION" && text(k - 2) === "[") return ' in subquery or range, expected ":" or "]"';
  if (prev.text === ":" && at(k - 2)?.type === "DURATION" && text(k - 3) === "[") return ' in subquery selector, expected duration or "]"';
  if (prev.type === "DURATION" && text(k - 2) === ":" && text(k - 4) === "[") return ' in subquery selector, expected "]"';
  // The innermost unclosed bracket before the token.
  let depth = 0;
  let open = -1;
  for (let i = k - 1; i >= 0; i--) {
    const t = sig[i]!.text;
    if (t === ")" || t === "}" || t === "]") depth++;
    else if (t === "(" || t === "{" || t === "[") {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open >= 0 && sig[open]!.text === "{") {
    if (prev.text === "{" || prev.text === ",") return ' in label matching, expected identifier or "}"';
    if (MATCH_OPERATORS.has(prev.text)) return " in label matching, expected string";
    if (prev.type === "STRING") return ' in label matching, expected "," or "}"';
    return " in label matching, expected label matching operator";
  }
  if (open >= 0 && sig[open]!.text === "(" && GROUPING_KEYWORDS.has(text(open - 1) ?? "")) {
    if (prev.text === "(" || prev.text === ",") return " in grouping opts, expected label";
    return ' in grouping opts, expected "," or ")"';
  }
  if (prev.type === "KEYWORD" && GROUPING_KEYWORDS.has(text(k - 1)!) && !(text(k - 1) === "group_left" || text(k - 1) === "group_right")) {
    return ' in grouping opts, expected "("';
  }
  // `aggregate_op error`: yacc unwinds to it from anywhere inside an aggregation's arguments
  // (no nearer error production applies there), and from right after `op by (…)`.
  if (prev.text === ")") {
    const opener = matchingOpen(sig, k - 1);
    if (opener >= 0 && (text(opener - 1) === "by" || text(opener - 1) === "without") && at(opener - 2)?.type === "AGGREGATOR") return " in aggregation";
  }
  let d = 0;
  for (let i = k - 1; i >= 0; i--) {
    const t = sig[i]!.text;
    if (t === ")" || t === "]" || t === "}") d++;
    else if (t === "(" || t === "[" || t === "{") {
      if (d > 0) {
        d--;
        continue;
      }
      if (t !== "(") break;
      if (at(i - 1)?.type === "AGGREGATOR") return " in aggregation";
      if (text(i - 1) === ")") {
        const g = matchingOpen(sig, i - 1);
        if (g >= 0 && (text(g - 1) === "by" || text(g - 1) === "without") && at(g - 2)?.type === "AGGREGATOR") return " in aggregation";
      }
    }
  }
  return "";
}

/** The index of the "(" that the ")" at `close` closes, or −1. */
function matchingOpen(sig: readonly Token[], close: number): number {
  let d = 0;
  for (let i = close; i >= 0; i--) {
    const t = sig[i]!.text;
    if (t === ")") d++;
    else if (t === "(" && --d === 0) return i;
  }
  return -1;
}

/**
 * Parses a PromQL expression as Prometheus 2.42 does (parser.ParseExpr), then refuses what this
 * evaluator does not support. Throws PromQLError with the offset of the problem.
 */
export function parseExpr(input: string): Expr {
  const { tree, error } = syntaxCheck(input);
  if (error !== undefined) throw error;
  const expr = new Converter(input).convert(tree.topNode);
  checkAST(expr);
  refuseUnsupported(expr);
  return expr;
}

/** A known function that takes any number of arguments: stands in for an unknown one. */
const STAND_IN_FUNCTION = "label_join";

/** The lezer tree of `input` and the first lexical or syntax error Prometheus would report. */
function syntaxCheck(input: string): { tree: ReturnType<typeof lezerParser.parse>; error: PromQLError | undefined } {
  const { tokens, error: lexError } = lexicalCheck(input);
  const tree = lezerParser.parse(input);
  let errorAt: number | undefined;
  tree.iterate({
    enter: (node) => {
      if (errorAt !== undefined) return false;
      if (node.type.isError) {
        errorAt = node.from;
        return false;
      }
      return undefined;
    },
  });
  if (lexError !== undefined) {
    // The parser meets a lexical error where its token starts; lex.go reports an unmatched ")"
    // just after it.
    const tokenStart = lexError.message.startsWith("unexpected right parenthesis") ? lexError.position - 1 : lexError.position;
    if (errorAt === undefined || tokenStart <= errorAt) return { tree, error: lexError };
  }
  // A number the lexer accepts but strconv does not ("1e", "0x") fails where it is read.
  const badNumber = tokens.find((t) => t.type === "NUMBER" && (errorAt === undefined || t.pos <= errorAt) && parseNumberLiteral(t.text) === undefined);
  if (badNumber !== undefined) {
    const why = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(badNumber.text) ? "value out of range" : "invalid syntax";
    const message = `error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(badNumber.text)}: ${why}`;
    return { tree, error: new PromQLError(message, badNumber.pos, badNumber.pos + badNumber.text.length) };
  }
  if (errorAt === undefined) return { tree, error: undefined };
  const err = syntaxError(errorAt, tokens, input);
  if (err.message.startsWith("unknown function")) {
    // Prometheus names an unknown function only once its call is read whole: an error inside
    // it, or a lexical error further on, comes first. Read it again with a known name.
    const delta = err.end - err.position - STAND_IN_FUNCTION.length;
    const again = syntaxCheck(input.slice(0, err.position) + STAND_IN_FUNCTION + input.slice(err.end)).error;
    if (again !== undefined && again.position > err.position) {
      const shift = (p: number) => (p >= err.position + STAND_IN_FUNCTION.length ? p + delta : p);
      return { tree, error: new PromQLError(again.message, shift(again.position), shift(again.end), again.errorType) };
    }
  }
  return { tree, error: err };
}
