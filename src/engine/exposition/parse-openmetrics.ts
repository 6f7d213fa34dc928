// OpenMetrics 1.0 text, read exactly as Prometheus 2.42's model/textparse OpenMetricsParser
// (openmetricsparse.go, with its lexer openmetricslex.l) reads it: we refuse what a Prometheus
// scrape refuses, with the same message.
// Rules (a port of the lexer's states and of OpenMetricsParser.Next):
// - entries are `# HELP name text`, `# TYPE name type`, `# UNIT name unit` (exactly `# `, the
//   keyword, one space, the name, then ` text` up to the newline: `# HELP m` alone is "expected
//   text in HELP"), samples, and `# EOF` (optionally followed by one newline), which must end
//   the text: nothing after it, and no text without it; no other comments, no blank lines, no
//   leading blanks;
// - TYPE is one of OPENMETRICS_TYPES exactly (no `untyped`, no trailing blank); a non-empty
//   UNIT `u` needs the name to end in `_u`; HELP text must be UTF-8, and reads `\\`, `\"`, `\n`
//   as escapes, keeping any other backslash as written (the lvalReplacer);
// - a sample is `name`, optional `{name="value",…}` (no blanks, no trailing or leading comma,
//   label values UTF-8, escaped like HELP, any character but a raw newline), then exactly one
//   space and a value, optionally one space and a timestamp, optionally ` # {labels} value
//   [timestamp]` (an exemplar, only on names ending `_total` or `_bucket`), then a newline;
//   values and timestamps are Go floats (parseGoFloat) read up to the next space or newline;
//   a timestamp (sample or exemplar) must not be NaN or ±Inf;
// - NUL: the lexer skips it where it advances inside a label value, a HELP/TYPE/UNIT text or
//   a `# ` comment (openMetricsLexer.next), so it is accepted there and refused anywhere else
//   (an exemplar's label value included).
// Label names may repeat and metadata may repeat or come late: the parser does not check, the
// linter does.

import type { Exemplar, ExpositionSink, Label, ParseError, SampleEntry } from "./entries";
import { firstUtf8Byte, goFloatError, goQuote, isWellFormed, parseGoFloat } from "./gostrconv";

/** The metric types of OpenMetrics 1.0, as a TYPE line spells them. */
export const OPENMETRICS_TYPES = ["counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"] as const;
export type OpenMetricsType = (typeof OPENMETRICS_TYPES)[number];

const TYPES: ReadonlySet<string> = new Set(OPENMETRICS_TYPES);

// Lexer states (start conditions of openmetricslex.l).
const S_INIT = 0;
const S_COMMENT = 1;
const S_META1 = 2;
const S_META2 = 3;
const S_LABELS = 4;
const S_LVALUE = 5;
const S_VALUE = 6;
const S_TIMESTAMP = 7;
const S_EXEMPLAR = 8;
const S_EVALUE = 9;
const S_ETIMESTAMP = 10;

// Tokens, named as token.String() names them in messages.
const T_INVALID = "INVALID";
const T_EOF = "EOF";
const T_LINEBREAK = "LINEBREAK";
const T_EOF_WORD = "EOFWORD";
const T_TEXT = "TEXT";
const T_COMMENT = "COMMENT";
const T_MNAME = "MNAME";
const T_BOPEN = "BOPEN";
const T_BCLOSE = "BCLOSE";
const T_LNAME = "LNAME";
const T_LVALUE = "LVALUE";
const T_COMMA = "COMMA";
const T_EQUAL = "EQUAL";
const T_TIMESTAMP = "TIMESTAMP";
const T_VALUE = "VALUE";

/** The keywords after `# ` that start metadata, by their first character. */
const KEYWORDS: Readonly<Record<number, string>> = { 72: "HELP ", 84: "TYPE ", 85: "UNIT " };

const NL = 10;
const SP = 32;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isMetricStart = (c: number): boolean => isLetter(c) || c === 58;
const isMetricCont = (c: number): boolean => isMetricStart(c) || isDigit(c);
const isLabelCont = (c: number): boolean => isLetter(c) || isDigit(c);
/** `[^ \n]` as the generated lexer has it: neither NUL (end of input) nor space nor newline. */
const isField = (c: number): boolean => c !== 0 && c !== SP && c !== NL;
/** `[^\\"\n]` inside a quoted value. */
const isQuoted = (c: number): boolean => c !== 0 && c !== NL && c !== 34 && c !== 92;

/** Why an entry is refused. */
interface Refusal {
  message: string;
  /** Stop reading: the text's end, or what follows `# EOF`. */
  final: boolean;
  /** Where the refused data starts, when not at the entry's start; else -1. */
  at: number;
}

/** lvalReplacer: `\"`, `\\`, `\n` unescaped, any other backslash kept as written. */
function unescape(s: string): string {
  if (s.indexOf("\\") < 0) return s;
  let out = "";
  let from = 0;
  for (let i = s.indexOf("\\"); i >= 0 && i + 1 < s.length; i = s.indexOf("\\", from)) {
    const e = s.charCodeAt(i + 1);
    if (e !== 34 && e !== 92 && e !== 110) {
      out += s.slice(from, i + 1);
      from = i + 1;
      continue;
    }
    out += s.slice(from, i) + (e === 110 ? "\n" : String.fromCharCode(e));
    from = i + 2;
  }
  return out + s.slice(from);
}

class OpenMetricsReader {
  private readonly n: number;
  /** Lexer position, the current token's start, the lexer state. */
  private i = 0;
  private start = 0;
  private state = S_INIT;
  /** Line counting: the line of `lineAt`. */
  private lineAt = 0;
  private line = 1;
  private name = "";
  /** The family a HELP, TYPE or UNIT entry names, once read. */
  private meta: ParseError["meta"];
  /** Why the current entry was refused. */
  private refusal: Refusal = { message: "", final: false, at: -1 };

  constructor(
    private readonly s: string,
    private readonly sink: ExpositionSink,
  ) {
    this.n = s.length;
  }

  // ---- lexer ------------------------------------------------------------------------------

  /** openMetricsLexer.next: advances; skips NULs inside label values, metadata text and `# `. */
  private next(): number {
    this.i++;
    if (this.i >= this.n) return 0;
    const skip = this.state === S_LVALUE || this.state === S_META2 || this.state === S_COMMENT;
    while (skip && this.s.charCodeAt(this.i) === 0) if (++this.i >= this.n) return 0;
    return this.s.charCodeAt(this.i);
  }

  /** openMetricsLexer.cur, as the byte the message shows. */
  private curByte(): number {
    return this.i < this.n ? firstUtf8Byte(this.s, this.i) : SP;
  }

  private buf(): string {
    return this.s.slice(this.start, this.i);
  }

  /** The rest of a `[^ \n]+` token, whose first character is c. */
  private field(c: number): boolean {
    if (!isField(c)) return false;
    while (isField(this.next()));
    return true;
  }

  /** The rest of a `\"(\\.|[^\\"\n])*\"` token, at its opening quote. */
  private quoted(): boolean {
    for (;;) {
      const c = this.next();
      if (c === 34) {
        this.next();
        return true;
      }
      if (c === 92) {
        const escaped = this.next();
        if (escaped === 0 || escaped === NL) return false;
      } else if (!isQuoted(c)) return false;
    }
  }

  /** The rest of a keyword: each next character must be the word's next one. */
  private word(w: string): boolean {
    for (let k = 1; k < w.length; k++) if (this.next() !== w.charCodeAt(k)) return false;
    return true;
  }

  /** openMetricsLexer.Lex: the next token. */
  private lex(): string {
    if (this.i >= this.n) return T_EOF;
    let c = this.s.charCodeAt(this.i);
    this.start = this.i;
    switch (this.state) {
      case S_INIT:
        if (isMetricStart(c)) {
          while (isMetricCont(this.next()));
          this.state = S_VALUE;
          return T_MNAME;
        }
        if (c !== 35 || this.next() !== SP) return T_INVALID;
        c = this.next(); // read before the state changes: a NUL here is not skipped
        this.state = S_COMMENT;
        if (c === 69) {
          if (!this.word("EOF")) return T_INVALID;
          if (this.next() === NL) this.next();
          this.state = S_INIT;
          return T_EOF_WORD;
        }
        {
          const keyword = KEYWORDS[c];
          if (keyword === undefined || !this.word(keyword)) return T_INVALID;
          this.next();
          this.state = S_META1;
          return keyword.slice(0, 4);
        }
      case S_META1:
        if (!isMetricStart(c)) return T_INVALID;
        while (isMetricCont(this.next()));
        this.state = S_META2;
        return T_MNAME;
      case S_META2:
        if (c !== SP) return T_INVALID;
        do c = this.next();
        while (c !== NL && c !== 0);
        if (c === 0) return T_INVALID;
        this.next();
        this.state = S_INIT;
        return T_TEXT;
      case S_LABELS:
      case S_EXEMPLAR:
        return this.labelToken(c, this.state === S_LABELS);
      case S_LVALUE:
      case S_EVALUE: {
        const sample = this.state === S_LVALUE;
        if (c === 34) {
          if (!this.quoted()) return T_INVALID;
          this.state = sample ? S_LABELS : S_EXEMPLAR;
          return T_LVALUE;
        }
        if (sample || c !== SP || !this.field(this.next())) return T_INVALID;
        this.state = S_ETIMESTAMP;
        return T_VALUE;
      }
      case S_VALUE:
        if (c === 123) {
          this.next();
          this.state = S_LABELS;
          return T_BOPEN;
        }
        if (c !== SP || !this.field(this.next())) return T_INVALID;
        this.state = S_TIMESTAMP;
        return T_VALUE;
      case S_TIMESTAMP:
      case S_ETIMESTAMP:
        if (c === NL) {
          this.next();
          this.state = S_INIT;
          return T_LINEBREAK;
        }
        if (c !== SP) return T_INVALID;
        c = this.next();
        if (c === 35 && this.state === S_TIMESTAMP) {
          c = this.next();
          if (c === SP) {
            if (this.next() !== 123) return T_INVALID;
            this.next();
            this.state = S_EXEMPLAR;
            return T_COMMENT;
          }
          if (isField(c)) this.field(c);
          return T_TIMESTAMP; // "#" alone is a timestamp token
        }
        return this.field(c) ? T_TIMESTAMP : T_INVALID;
    }
    return T_INVALID;
  }

  /** A token inside braces: `,` `=` `}` or a label name. */
  private labelToken(c: number, sample: boolean): string {
    if (c === 44) {
      this.next();
      return T_COMMA;
    }
    if (c === 61 || c === 125) {
      this.next();
      this.state = c === 125 && sample ? S_VALUE : sample ? S_LVALUE : S_EVALUE;
      return c === 61 ? T_EQUAL : T_BCLOSE;
    }
    if (!isLetter(c)) return T_INVALID;
    while (isLabelCont(this.next()));
    return T_LNAME;
  }

  // ---- parser -----------------------------------------------------------------------------
  // Every step returns false (or null) once the entry is refused, with the reason in `refusal`:
  // no exceptions, so that a text of a million refused lines stays fast.

  /** Refuses the entry. */
  private fail(message: string, final = false, at = -1): false {
    this.refusal = { message, final, at };
    return false;
  }

  /** parseError: "expected …, got TOKEN". */
  private expected(what: string, got: string): false {
    return this.fail(`${what}, got ${goQuote(got)}`);
  }

  /** A float token's value (its leading space dropped), or null as Go's parseFloat refuses it. */
  private float(token: string): number | null {
    const v = parseGoFloat(token);
    return v !== null ? v : this.fail(goFloatError(token)) || null;
  }

  /** OpenMetricsParser.parseLVals, after `{`: the label set up to and with `}`. */
  private labels(): Label[] | null {
    const out: Label[] = [];
    for (let first = true; ; first = false) {
      let t = this.lex();
      if (t === T_BCLOSE) return out;
      if (t === T_COMMA) {
        if (first) return this.expected("expected label name or left brace", t) || null;
        t = this.lex();
        if (t !== T_LNAME) return this.expected("expected label name", t) || null;
      } else if (t === T_LNAME) {
        if (!first) return this.expected("expected comma", t) || null;
      } else return this.expected(first ? "expected label name or left brace" : "expected comma or left brace", t) || null;
      const name = this.buf();
      if ((t = this.lex()) !== T_EQUAL) return this.expected("expected equal", t) || null;
      if ((t = this.lex()) !== T_LVALUE) return this.expected("expected label value", t) || null;
      if (!isWellFormed(this.buf())) return this.fail("invalid UTF-8 label value") || null;
      // The value is the token less its first and last character, as Go slices it.
      out.push({ name, value: unescape(this.s.slice(this.start + 1, this.i - 1)) });
    }
  }

  /** getFloatValue. */
  private value(t: string, after: string): number | null {
    if (t !== T_VALUE) return this.expected(`expected value after ${after}`, t) || null;
    return this.float(this.buf().slice(1));
  }

  /** A timestamp token's value: a float, not NaN or ±Inf. */
  private timestamp(what: string): number | null {
    const ts = this.float(this.buf().slice(1));
    if (ts === null) return null;
    return ts !== ts || ts === Infinity || ts === -Infinity ? this.fail(`invalid ${what}`) || null : ts;
  }

  private metadata(kind: "HELP" | "TYPE" | "UNIT", line: number): boolean {
    const t = this.lex();
    if (t !== T_MNAME) return this.expected(`expected metric name after ${kind}`, t);
    const name = (this.name = this.buf());
    this.meta = { kind, family: name, familyLine: line };
    if (this.lex() !== T_TEXT) return this.fail(`expected text in ${kind}`);
    const b = this.buf();
    const text = b.length > 1 ? b.slice(1, b.length - 1) : "";
    if (kind === "TYPE" && !TYPES.has(text)) return this.fail(`invalid metric type ${goQuote(text)}`);
    if (kind === "HELP" && !isWellFormed(text)) return this.fail("help text is not a valid utf8 string");
    if (kind === "UNIT" && text !== "" && !(name.endsWith(text) && name.length > text.length && name.charCodeAt(name.length - text.length - 1) === 95))
      return this.fail(`unit not a suffix of metric ${goQuote(name)}`);
    this.sink.metadata({ line, kind, name, text: kind === "HELP" ? unescape(text) : text });
    return true;
  }

  private sample(line: number): boolean {
    const name = (this.name = this.buf());
    let t = this.lex();
    let labels: Label[] | null = NO_LABELS;
    if (t === T_BOPEN) {
      if ((labels = this.labels()) === null) return false;
      t = this.lex();
    }
    const value = this.value(t, "metric");
    if (value === null) return false;
    let timestamp: number | null = null;
    t = this.lex();
    if (t === T_TIMESTAMP) {
      if ((timestamp = this.timestamp("timestamp")) === null) return false;
      t = this.lex();
      if (t !== T_LINEBREAK && t !== T_COMMENT) return this.expected("expected next entry after timestamp", t);
    } else if (t === T_EOF) return this.fail("data does not end with # EOF", true);
    else if (t !== T_LINEBREAK && t !== T_COMMENT) return this.expected("expected timestamp or # symbol", t);
    const exemplar = t === T_COMMENT ? this.exemplar(name) : undefined;
    if (exemplar === null) return false;
    let entry: SampleEntry = { line, name, labels, value };
    if (timestamp !== null) entry = { ...entry, timestamp };
    this.sink.sample(exemplar === undefined ? entry : { ...entry, exemplar });
    return true;
  }

  /** parseComment: the exemplar after ` # {`. */
  private exemplar(name: string): Exemplar | null {
    if (!name.endsWith("_total") && !name.endsWith("_bucket")) return this.fail(`metric name ${name} does not support exemplars`) || null;
    const labels = this.labels();
    if (labels === null) return null;
    const value = this.value(this.lex(), "exemplar labels");
    if (value === null) return null;
    const t = this.lex();
    if (t === T_LINEBREAK) return { labels, value };
    if (t === T_EOF) return this.fail("data does not end with # EOF", true) || null;
    if (t !== T_TIMESTAMP) return this.expected("expected timestamp or comment", t) || null;
    const timestamp = this.timestamp("exemplar timestamp");
    if (timestamp === null) return null;
    const after = this.lex();
    if (after !== T_LINEBREAK) return this.expected("expected next entry after exemplar timestamp", after) || null;
    return { labels, value, timestamp };
  }

  /** OpenMetricsParser.Next: one entry; "eof" at a clean end (`# EOF`), false when refused. */
  private entry(line: number): boolean | "eof" {
    const t = this.lex();
    switch (t) {
      case T_EOF_WORD:
        if (this.lex() !== T_EOF) return this.fail("unexpected data after # EOF", true, this.start);
        return "eof";
      case T_EOF:
        return this.fail("data does not end with # EOF", true);
      case "HELP":
      case "TYPE":
      case "UNIT":
        return this.metadata(t, line);
      case T_MNAME:
        return this.sample(line);
    }
    return this.fail(`${goQuote(t)} ${goQuote(String.fromCharCode(this.curByte()))} is not a valid start token`);
  }

  /** The 1-based line of offset `at` (never before the last one asked about). */
  private lineOf(at: number): number {
    for (let k = this.s.indexOf("\n", this.lineAt); k >= 0 && k < at; k = this.s.indexOf("\n", k + 1)) this.line++;
    this.lineAt = at;
    return this.line;
  }

  run(): void {
    for (;;) {
      const from = this.i;
      const line = this.lineOf(from);
      this.name = "";
      this.meta = undefined;
      const ok = this.entry(line);
      if (ok === "eof") return;
      if (ok) continue;
      const { message, final, at } = this.refusal;
      const error: ParseError = { line: at >= 0 ? this.lineOf(at) : line, message, metric: this.name };
      this.sink.error(this.meta ? { ...error, meta: this.meta } : error);
      if (final) return;
      // Go stops here; we go on with the next line, so that every refused line is listed.
      const nl = this.s.indexOf("\n", from);
      this.i = nl < 0 ? this.n : nl + 1;
      this.state = S_INIT;
    }
  }
}

const NO_LABELS: Label[] = [];

/** Reads OpenMetrics text as Prometheus 2.42 does, telling `sink` what it reads and each line it refuses. */
export function readOpenMetrics(text: string, sink: ExpositionSink): void {
  new OpenMetricsReader(text, sink).run();
}
