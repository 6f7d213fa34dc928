// Prometheus's PromQL test-script language (promql/test.go at v2.42.0) run against this
// evaluator: `load <step>` with series descriptions (`0+10x5`, `_`, `_x3`, `stale`), `clear`,
// `eval[_fail|_ordered] instant at <duration> <query>` with expected samples. Rules, as test.go
// runs them: each eval is also run with `@ <time>` added to every selector and subquery at five
// other evaluation times (atModifierTestCases), each as an instant query and as a range query
// from t − 1 m to t + 1 m at 1 m whose point at t must agree; values match within 1e-6 relative
// (almostEqual); eval_ordered also checks the order. A query refused with "not supported" is
// counted apart, never as passed.

import { AT_MODIFIER_UNSAFE_FUNCTIONS, type Expr } from "../../src/promql/ast";
import { PromQLError } from "../../src/promql/errors";
import { createSeriesStore, instantQueryExpr, parseExpr, rangeQueryExpr, STALE_NAN, type QueryData, type SeriesStore } from "../../src/promql/index";
import { Labels } from "../../src/promql/labels";
import { parseDurationMs, unquoteString } from "../../src/promql/lexer";

/** One expected sample: labels (null for a scalar) and value. */
interface Expected {
  labels: Labels | null;
  value: number;
}

type Command =
  | { kind: "clear"; line: number }
  | { kind: "load"; line: number; series: { labels: Labels; points: [number, number | "stale"][] }[] }
  | {
      kind: "eval";
      line: number;
      expr: string;
      atMs: number;
      fail: boolean;
      ordered: boolean;
      expected: Expected[];
      /** Later Prometheus's `expected_fail_message` / `expected_fail_regexp` (an extension here). */
      failMessage?: string;
      failRegexp?: RegExp;
    };

/** The outcome of one eval command. */
export interface EvalOutcome {
  line: number;
  expr: string;
  status: "passed" | "failed" | "unsupported";
  message?: string;
}

const PAT_LOAD = /^load\s+(.+?)$/;
const PAT_EVAL = /^eval(?:_(fail|ordered))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;

function getLines(input: string): string[] {
  return input.split("\n").map((l) => {
    const t = l.trim();
    return t.startsWith("#") ? "" : t;
  });
}

// In a series description "0x10" is 0 repeated (the lexer reads no hex there).
const NUM = String.raw`(?:[iI][nN][fF]|[nN][aA][nN]|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)`;
const VALUE_ITEM = new RegExp(`^([+-]?${NUM})(?:([+-]${NUM})?x(\\d+))?$`);

function parseNum(text: string): number {
  const sign = text.startsWith("-") ? -1 : 1;
  const body = text.replace(/^[+-]/, "");
  const lower = body.toLowerCase();
  let v: number;
  if (lower === "inf") v = Infinity;
  else if (lower === "nan") v = NaN;
  else if (/^0x/i.test(body)) v = parseInt(body.slice(2), 16);
  else v = Number(body);
  return sign * v;
}

/** parser.ParseSeriesDesc: labels and values (undefined for an omitted one). */
export function parseSeriesDesc(line: string): { labels: Labels; values: (number | "stale" | undefined)[] } {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*/.exec(line)!;
  const record: Record<string, string> = {};
  if (m[1] !== undefined) record.__name__ = m[1];
  let i = m[0].length;
  if (line[i] === "{") {
    i++;
    for (;;) {
      while (line[i] === " " || line[i] === "\t" || line[i] === ",") i++;
      if (line[i] === "}") {
        i++;
        break;
      }
      const nm = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*/.exec(line.slice(i));
      if (!nm) throw new Error(`bad series description: ${line}`);
      i += nm[0].length;
      const q = line[i]!;
      let j = i + 1;
      while (j < line.length && line[j] !== q) j += line[j] === "\\" ? 2 : 1;
      record[nm[1]!] = unquoteString(line.slice(i, j + 1), i);
      i = j + 1;
    }
  }
  // "stale" stands for StaleNaN: a NaN's payload does not survive a JavaScript array.
  const values: (number | "stale" | undefined)[] = [];
  for (const item of line.slice(i).trim().split(/\s+/)) {
    if (item === "") continue;
    const blank = /^_(?:x(\d+))?$/.exec(item);
    if (blank) {
      const n = blank[1] === undefined ? 1 : Number(blank[1]);
      for (let k = 0; k < n; k++) values.push(undefined);
      continue;
    }
    if (item === "stale") {
      values.push("stale");
      continue;
    }
    const vm = VALUE_ITEM.exec(item);
    if (!vm) throw new Error(`bad series value ${JSON.stringify(item)} in: ${line}`);
    let v = parseNum(vm[1]!);
    if (vm[3] === undefined) {
      values.push(v);
      continue;
    }
    const inc = vm[2] === undefined ? 0 : parseNum(vm[2]);
    for (let k = 0; k <= Number(vm[3]); k++) {
      values.push(v);
      v += inc;
    }
  }
  return { labels: Labels.fromRecord(record), values };
}

/** test.go parseNumber: strconv.ParseInt(s, 0, 64), else ParseFloat. */
function parseNumber(s: string): number | undefined {
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(s)) {
    const neg = s.startsWith("-");
    const b = s.replace(/^[+-]/, "");
    const v = /^0[xX]/.test(b) ? parseInt(b.slice(2), 16) : b.length > 1 && b.startsWith("0") ? parseInt(b, 8) : Number(b);
    return neg ? -v : v;
  }
  if (/^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[iI]nf(inity)?|NaN|nan)$/.test(s)) return parseNum(s.replace(/inity$/i, ""));
  return undefined;
}

/** Test.parse. */
export function parseScript(input: string): Command[] {
  const lines = getLines(input);
  const cmds: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === "") continue;
    const c = l.split(/[\t ]+/, 1)[0]!.toLowerCase();
    if (c === "clear") {
      cmds.push({ kind: "clear", line: i + 1 });
    } else if (c === "load") {
      const pm = PAT_LOAD.exec(l);
      if (!pm) throw new Error(`line ${i + 1}: invalid load command`);
      const gap = parseDurationMs(pm[1]!);
      const cmd: Command = { kind: "load", line: i + 1, series: [] };
      while (i + 1 < lines.length && lines[i + 1] !== "") {
        i++;
        const { labels, values } = parseSeriesDesc(lines[i]!);
        const points: [number, number | "stale"][] = [];
        values.forEach((v, k) => {
          if (v !== undefined) points.push([k * gap, v]);
        });
        const existing = cmd.series.findIndex((s) => s.labels.key === labels.key);
        if (existing >= 0) cmd.series[existing] = { labels, points };
        else cmd.series.push({ labels, points });
      }
      cmds.push(cmd);
    } else if (c.startsWith("eval")) {
      const pm = PAT_EVAL.exec(l);
      if (!pm) throw new Error(`line ${i + 1}: invalid evaluation command`);
      const cmd: Command = {
        kind: "eval",
        line: i + 1,
        expr: pm[3]!,
        atMs: parseDurationMs(pm[2] ?? "0"),
        fail: pm[1] === "fail",
        ordered: pm[1] === "ordered",
        expected: [],
      };
      while (i + 1 < lines.length && lines[i + 1] !== "") {
        i++;
        const def = lines[i]!;
        const fm = /^expected_fail_(message|regexp)\s+(.*)$/.exec(def);
        if (fm) {
          if (fm[1] === "message") cmd.failMessage = fm[2]!;
          else cmd.failRegexp = new RegExp(fm[2]!);
          continue;
        }
        const f = parseNumber(def);
        if (f !== undefined) {
          cmd.expected.push({ labels: null, value: f });
          break;
        }
        const { labels, values } = parseSeriesDesc(def);
        if (values.length > 1) throw new Error(`line ${i + 1}: expecting multiple values in instant evaluation not allowed`);
        const found = cmd.expected.findIndex((e) => e.labels?.key === labels.key);
        const v0 = values[0];
        const entry = { labels, value: typeof v0 === "number" ? v0 : NaN };
        if (found >= 0) cmd.expected[found] = entry;
        else cmd.expected.push(entry);
      }
      cmds.push(cmd);
    } else {
      throw new Error(`line ${i + 1}: invalid command ${JSON.stringify(l)}`);
    }
  }
  return cmds;
}

const MIN_NORMAL = 2.2250738585072014e-308;

/** test.go almostEqual. */
export function almostEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || diff < MIN_NORMAL) return diff < 1e-6 * MIN_NORMAL;
  return diff / (Math.abs(a) + Math.abs(b)) < 1e-6;
}

function keyOf(metric: Record<string, string>): string {
  return Labels.fromRecord(metric).key;
}

function describe(metric: Record<string, string>): string {
  return Labels.fromRecord(metric).toString();
}

/** evalCmd.compareResult for a vector ([labels key, value] in result order) or a scalar. */
function compareResult(cmd: Extract<Command, { kind: "eval" }>, got: { scalar?: number; vector?: { metric: Record<string, string>; v: number }[] }): string | undefined {
  if (got.vector !== undefined) {
    const seen = new Set<string>();
    for (let pos = 0; pos < got.vector.length; pos++) {
      const s = got.vector[pos]!;
      const k = keyOf(s.metric);
      const idx = cmd.expected.findIndex((e) => e.labels !== null && e.labels.key === k);
      if (idx < 0) return `unexpected metric ${describe(s.metric)} in result`;
      const exp = cmd.expected[idx]!;
      if (cmd.ordered && idx !== pos) return `expected metric ${describe(s.metric)} with ${exp.value} at position ${idx + 1} but was at ${pos + 1}`;
      if (!almostEqual(exp.value, s.v)) return `expected ${exp.value} for ${describe(s.metric)} but got ${s.v}`;
      seen.add(k);
    }
    for (const e of cmd.expected) {
      const k = e.labels === null ? "" : e.labels.key;
      if (!seen.has(k)) return `expected metric ${e.labels?.toString() ?? "{}"} with ${e.value} not found`;
    }
    return undefined;
  }
  const exp = cmd.expected[0];
  if (exp === undefined || !almostEqual(exp.value, got.scalar!)) return `expected Scalar ${exp?.value} but got ${got.scalar}`;
  return undefined;
}

/** atModifierTestCases: the query with `@ ts` on every selector and subquery, and the times to run it. */
function atModifierCases(expr: Expr, tsMs: number): { expr: Expr; at: number }[] {
  let unsafe = false;
  const visit = (e: Expr, path: Expr[]) => {
    const pinnedAbove = path.some((p) => p.kind === "SubqueryExpr" && p.timestamp !== null);
    if (!pinnedAbove) {
      if (e.kind === "VectorSelector" && e.timestamp === null) {
        e.timestamp = tsMs;
        e.startOrEnd = null;
      } else if (e.kind === "MatrixSelector" && e.vs.timestamp === null) {
        e.vs.timestamp = tsMs;
        e.vs.startOrEnd = null;
      } else if (e.kind === "SubqueryExpr" && e.timestamp === null) {
        e.timestamp = tsMs;
        e.startOrEnd = null;
      }
    }
    if (e.kind === "Call" && AT_MODIFIER_UNSAFE_FUNCTIONS.has(e.func.name)) unsafe = true;
    path.push(e);
    const kids: Expr[] =
      e.kind === "AggregateExpr"
        ? e.param === null
          ? [e.expr]
          : [e.param, e.expr]
        : e.kind === "BinaryExpr"
          ? [e.lhs, e.rhs]
          : e.kind === "Call"
            ? e.args
            : e.kind === "MatrixSelector"
              ? [e.vs]
              : e.kind === "SubqueryExpr" || e.kind === "ParenExpr" || e.kind === "UnaryExpr" || e.kind === "StepInvariantExpr"
                ? [e.expr]
                : [];
    for (const k of kids) visit(k, path);
    path.pop();
  };
  visit(expr, []);
  if (unsafe) return [];
  const times = tsMs === 0 ? [-1000, -tsMs, 1000] : [-10 * tsMs, 0, Math.trunc(tsMs / 5), tsMs, 10 * tsMs];
  return times.map((at) => ({ expr, at }));
}

function isUnsupported(e: unknown): e is PromQLError {
  return e instanceof PromQLError && /not supported/.test(e.message);
}

function vectorOf(data: QueryData): { metric: Record<string, string>; v: number }[] | undefined {
  if (data.resultType !== "vector") return undefined;
  return data.result.map((s) => ({ metric: s.metric, v: s.value[1] }));
}

function runEval(store: SeriesStore, cmd: Extract<Command, { kind: "eval" }>): EvalOutcome {
  const base = { line: cmd.line, expr: cmd.expr };
  let parsed: Expr;
  try {
    parsed = parseExpr(cmd.expr);
  } catch (e) {
    const message = (e as Error).message;
    if (cmd.fail && cmd.failMessage !== undefined) {
      return message === cmd.failMessage
        ? { ...base, status: "passed" }
        : { ...base, status: "failed", message: `expected error ${JSON.stringify(cmd.failMessage)}, got ${JSON.stringify(message)}` };
    }
    if (cmd.fail && cmd.failRegexp !== undefined) {
      return cmd.failRegexp.test(message)
        ? { ...base, status: "passed" }
        : { ...base, status: "failed", message: `expected an error matching ${String(cmd.failRegexp)}, got ${JSON.stringify(message)}` };
    }
    if (isUnsupported(e)) return { ...base, status: "unsupported", message: e.message };
    return { ...base, status: "failed", message: `parse: ${(e as Error).message}` };
  }
  const queries: { expr: Expr; at: number }[] = [{ expr: parsed, at: cmd.atMs }];
  const pinned = parseExpr(cmd.expr);
  queries.push(...atModifierCases(pinned, cmd.atMs));
  for (const iq of queries) {
    const label = iq.expr === parsed ? "" : ` (with @ ${iq.at / 1000}... at ${iq.at / 1000}s)`;
    let res: QueryData;
    try {
      res = instantQueryExpr(store, iq.expr, iq.at);
    } catch (e) {
      const message = (e as Error).message;
      if (cmd.fail && (cmd.failMessage !== undefined || cmd.failRegexp !== undefined)) {
        if (cmd.failMessage !== undefined && message !== cmd.failMessage) {
          return { ...base, status: "failed", message: `expected error ${JSON.stringify(cmd.failMessage)}${label}, got ${JSON.stringify(message)}` };
        }
        if (cmd.failRegexp !== undefined && !cmd.failRegexp.test(message)) {
          return { ...base, status: "failed", message: `expected an error matching ${String(cmd.failRegexp)}${label}, got ${JSON.stringify(message)}` };
        }
        continue;
      }
      if (isUnsupported(e)) return { ...base, status: "unsupported", message };
      if (cmd.fail) continue;
      return { ...base, status: "failed", message: `error${label}: ${message}` };
    }
    if (cmd.fail) return { ...base, status: "failed", message: `expected an error${label} but got none` };
    if (res.resultType === "matrix") return { ...base, status: "failed", message: "received range result on instant evaluation" };
    if (res.resultType === "string") return { ...base, status: "failed", message: "unexpected string result" };
    const got = res.resultType === "scalar" ? { scalar: res.result[1] } : { vector: vectorOf(res)! };
    const err = compareResult(cmd, got);
    if (err !== undefined) return { ...base, status: "failed", message: `${err}${label}` };

    let range: QueryData;
    try {
      range = rangeQueryExpr(store, iq.expr, iq.at - 60000, iq.at + 60000, 60000);
    } catch (e) {
      if (isUnsupported(e)) return { ...base, status: "unsupported", message: e.message };
      return { ...base, status: "failed", message: `error in range mode${label}: ${(e as Error).message}` };
    }
    if (cmd.ordered) continue;
    if (range.resultType !== "matrix") return { ...base, status: "failed", message: "range query did not answer a matrix" };
    const vec: { metric: Record<string, string>; v: number }[] = [];
    for (const s of range.result) {
      const p = s.values.find(([t]) => Math.round(t * 1000) === iq.at);
      if (p !== undefined) vec.push({ metric: s.metric, v: p[1] });
    }
    const rerr = res.resultType === "scalar" ? compareResult(cmd, { scalar: vec[0]?.v ?? NaN }) : compareResult(cmd, { vector: vec });
    if (rerr !== undefined) return { ...base, status: "failed", message: `range mode: ${rerr}${label}` };
  }
  return { ...base, status: "passed" };
}

/** Runs a test script; every eval's outcome in order. Throws for a script that does not parse or load. */
export function runScript(input: string): EvalOutcome[] {
  const cmds = parseScript(input);
  let store = createSeriesStore();
  const out: EvalOutcome[] = [];
  for (const cmd of cmds) {
    if (cmd.kind === "clear") store = createSeriesStore();
    else if (cmd.kind === "load") {
      for (const s of cmd.series) {
        const app = store.series(s.labels.toRecord());
        for (const [t, v] of s.points) app.append(t, v === "stale" ? STALE_NAN : v);
      }
    } else out.push(runEval(store, cmd));
  }
  return out;
}
