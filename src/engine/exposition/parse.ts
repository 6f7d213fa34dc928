// A parser for Prometheus text 0.0.4 and OpenMetrics 1.0, strict where Prometheus is strict.
// It reads what our writers (and real clients) emit back into families and samples, so tests can
// round-trip values and the linter can reason about any pasted text.
// Rules: a sample line is `name{label="value",…} value [timestamp]` (OpenMetrics may add
// ` # {labels} value [timestamp]` as an exemplar); label values unescape `\\`, `\"` and `\n`
// and no other escape; values are Go floats (`NaN`, `+Inf`, `-Inf`, `1e+06`); comments other
// than HELP/TYPE (and UNIT/EOF in OpenMetrics) are ignored in 0.0.4 and an error in OpenMetrics.

export type ExpositionFormat = "prometheus" | "openmetrics";

export interface ParsedExemplar {
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  /** Label names in the order written. */
  labelOrder: string[];
  value: number;
  timestamp?: number;
  exemplar?: ParsedExemplar;
  /** 1-based line number. */
  line: number;
}

export interface ParsedComment {
  kind: "HELP" | "TYPE" | "UNIT" | "EOF";
  metric: string;
  text: string;
  line: number;
}

export interface ParseProblem {
  line: number;
  message: string;
}

export interface ParsedExposition {
  samples: ParsedSample[];
  comments: ParsedComment[];
  problems: ParseProblem[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

class LineError extends Error {}

/** Parses a Go float as Prometheus does; throws LineError for anything else. */
export function parseGoFloat(s: string): number {
  switch (s) {
    case "NaN":
    case "nan":
      return NaN;
    case "+Inf":
    case "Inf":
    case "+inf":
    case "inf":
      return Infinity;
    case "-Inf":
    case "-inf":
      return -Infinity;
  }
  // Unambiguous (one way to match any digit run), so linear time even on a megabyte of digits.
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) throw new LineError(`"${s.slice(0, 40)}" is not a number`);
  return Number(s);
}

interface Cursor {
  s: string;
  i: number;
}

function readLabels(c: Cursor): { labels: Record<string, string>; order: string[] } {
  const labels: Record<string, string> = Object.create(null);
  const order: string[] = [];
  c.i++; // "{"
  for (;;) {
    if (c.s[c.i] === "}") {
      c.i++;
      return { labels, order };
    }
    const m = LABEL_NAME.exec(c.s.slice(c.i));
    if (!m) throw new LineError(`invalid label name at column ${c.i + 1}`);
    const name = m[0];
    c.i += name.length;
    if (c.s[c.i] !== "=") throw new LineError(`expected "=" after label name "${name}"`);
    if (c.s[c.i + 1] !== '"') throw new LineError(`expected '"' to start the value of label "${name}"`);
    c.i += 2;
    let value = "";
    for (;;) {
      const ch = c.s[c.i];
      if (ch === undefined) throw new LineError(`unterminated value of label "${name}"`);
      if (ch === '"') break;
      if (ch === "\\") {
        const next = c.s[c.i + 1];
        if (next === "\\" || next === '"') value += next;
        else if (next === "n") value += "\n";
        else throw new LineError(`invalid escape "\\${next ?? ""}" in the value of label "${name}"`);
        c.i += 2;
      } else {
        value += ch;
        c.i++;
      }
    }
    c.i++;
    if (name in labels) throw new LineError(`label "${name}" appears twice`);
    labels[name] = value;
    order.push(name);
    if (c.s[c.i] === ",") c.i++;
    else if (c.s[c.i] !== "}") throw new LineError(`expected "," or "}" after the value of label "${name}"`);
  }
}

function parseSampleLine(line: string, lineNo: number, format: ExpositionFormat): ParsedSample {
  const m = METRIC_NAME.exec(line);
  if (!m) throw new LineError("a sample line must start with a metric name");
  const c: Cursor = { s: line, i: m[0].length };
  let labels: Record<string, string> = Object.create(null);
  let labelOrder: string[] = [];
  if (line[c.i] === "{") ({ labels, order: labelOrder } = readLabels(c));
  let rest = line.slice(c.i);
  let exemplar: ParsedExemplar | undefined;
  if (format === "openmetrics") {
    const hash = rest.indexOf(" # ");
    if (hash >= 0) {
      exemplar = parseExemplar(rest.slice(hash + 3));
      rest = rest.slice(0, hash);
    }
    if (!rest.startsWith(" ") || rest.startsWith("  ") || rest.endsWith(" "))
      throw new LineError("OpenMetrics separates name, value and timestamp by single spaces");
  } else if (!/^[ \t]/.test(rest)) throw new LineError(`expected a space and a value after "${m[0]}"`);
  const parts = rest.trim().split(/[ \t]+/);
  if (parts.length < 1 || parts[0] === "") throw new LineError(`missing value after "${m[0]}"`);
  if (parts.length > 2) throw new LineError(`unexpected text after the timestamp: "${parts.slice(2).join(" ")}"`);
  const value = parseGoFloat(parts[0]!);
  const sample: ParsedSample = { name: m[0], labels, labelOrder, value, line: lineNo };
  if (parts[1] !== undefined) {
    const ts = parseGoFloat(parts[1]);
    if (format === "prometheus" && !/^-?\d+$/.test(parts[1]))
      throw new LineError(`timestamp "${parts[1]}" must be an integer number of milliseconds`);
    sample.timestamp = ts;
  }
  if (exemplar) sample.exemplar = exemplar;
  return sample;
}

function parseExemplar(s: string): ParsedExemplar {
  if (s[0] !== "{") throw new LineError("an exemplar must start with a label set");
  const c: Cursor = { s, i: 0 };
  const { labels } = readLabels(c);
  const parts = s.slice(c.i).trim().split(" ");
  if (parts.length < 1 || parts[0] === "" || parts.length > 2)
    throw new LineError("an exemplar needs a value and at most a timestamp");
  const ex: ParsedExemplar = { labels, value: parseGoFloat(parts[0]!) };
  if (parts[1] !== undefined) ex.timestamp = parseGoFloat(parts[1]);
  return ex;
}

function parseComment(line: string, lineNo: number, format: ExpositionFormat): ParsedComment | null {
  const m = /^#[ \t]+(HELP|TYPE|UNIT)[ \t]+([^ \t]+)(?:[ \t](.*))?$/.exec(line);
  if (line === "# EOF") return { kind: "EOF", metric: "", text: "", line: lineNo };
  if (!m) {
    if (format === "openmetrics") throw new LineError(`"${line.slice(0, 40)}" is not a HELP, TYPE, UNIT or EOF line`);
    return null; // 0.0.4 allows free comments
  }
  const kind = m[1] as "HELP" | "TYPE" | "UNIT";
  if (kind === "UNIT" && format === "prometheus") return null;
  const metric = m[2]!;
  if (!METRIC_NAME.test(metric) || METRIC_NAME.exec(metric)![0] !== metric)
    throw new LineError(`"${metric}" is not a valid metric name`);
  let text = m[3] ?? "";
  if (kind === "HELP") text = unescapeHelp(text, format);
  if (kind === "TYPE") {
    const types =
      format === "openmetrics"
        ? ["counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"]
        : ["counter", "gauge", "histogram", "summary", "untyped"];
    if (!types.includes(text)) throw new LineError(`unknown metric type "${text}"`);
  }
  return { kind, metric, text, line: lineNo };
}

function unescapeHelp(s: string, format: ExpositionFormat): string {
  return s.replace(/\\(.?)/g, (all, c: string) => {
    if (c === "\\") return "\\";
    if (c === "n") return "\n";
    if (c === '"' && format === "openmetrics") return '"';
    if (format === "openmetrics") throw new LineError(`invalid escape "${all}" in HELP`);
    return all; // 0.0.4 keeps unknown escapes as written
  });
}

/** Parses exposition text; problems are collected per line rather than thrown. */
export function parseExposition(text: string, format: ExpositionFormat): ParsedExposition {
  const out: ParsedExposition = { samples: [], comments: [], problems: [] };
  const lines = text.split("\n");
  const last = lines.length - 1;
  let sawEof = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const lineNo = n + 1;
    if (n === last && line === "") break; // the final newline
    try {
      if (sawEof) throw new LineError("text after # EOF");
      if (line === "" || /^[ \t]*$/.test(line)) {
        if (format === "openmetrics") throw new LineError("blank lines are not allowed in OpenMetrics");
        continue;
      }
      if (line.startsWith("#")) {
        const comment = parseComment(line, lineNo, format);
        if (comment) {
          out.comments.push(comment);
          if (comment.kind === "EOF") sawEof = true;
        }
        continue;
      }
      out.samples.push(parseSampleLine(format === "prometheus" ? line.replace(/^[ \t]+/, "") : line, lineNo, format));
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      out.problems.push({ line: lineNo, message: error.message });
    }
  }
  if (format === "openmetrics" && !sawEof) out.problems.push({ line: lines.length, message: "missing # EOF at the end" });
  if (text.length > 0 && !text.endsWith("\n"))
    out.problems.push({ line: lines.length, message: "the text must end with a newline" });
  return out;
}
