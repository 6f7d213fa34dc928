// The Prometheus text format 0.0.4, read exactly as prometheus/common expfmt's TextParser
// (v0.39.0, what promtool 2.42 uses) reads it: we refuse what promtool refuses, on the same
// line and with the same message, and file lines under the same families.
// Rules (a port of the TextParser state machine; every token ends at its line's end, so it runs
// line by line; where Go stops at the first error we report it and go on with the next line):
// - startOfLine: leading blanks and tabs are skipped; empty lines are fine; `#` starts a
//   comment (startComment), in which only `HELP` and `TYPE` mean something (after blanks, so
//   `#HELP` too); a HELP or TYPE line with nothing after the name is fine and says nothing;
// - readingHelp: the rest of the line, with escapes `\\` and `\n` only (readTokenUntilNewline);
//   a second HELP for a family is an error; readingType: a type named by client_model
//   (counter, gauge, summary, untyped, histogram, gauge_histogram; any case); a second TYPE,
//   or a TYPE after the family's samples, is an error;
// - readingMetricName … readingValue: `name`, optional `{label="value",…}` with blanks allowed
//   around every token and a trailing comma (startLabelName, startLabelValue); label values
//   escape `\\`, `\"`, `\n` only, hold any other byte (NUL too) but a raw newline, and must be
//   UTF-8; `__name__` is reserved; a label name at most once, a histogram's `le` and a
//   summary's `quantile` aside, which must be floats; then a Go float (parseFloat), an
//   optional int64 millisecond timestamp (startTimestamp), nothing else;
// - setOrCreateCurrentMF: a name joins the family of that exact name, else `x_count`/`x_sum`
//   an existing summary `x`, else `x_count`/`x_sum`/`x_bucket` an existing histogram `x`,
//   else it starts a family, untyped once it has a sample;
// - a last line without its newline is "unexpected end of input stream" unless it is blank.

import type { ExpositionSink, Label, ParseError, SampleEntry, TextFamily } from "./entries";
import { firstUtf8Byte, goQuote, goQuoteByte, isGoInt64, isWellFormed, parseGoFloat } from "./gostrconv";

const EOF = -1;
const NL = 10;
const isBlank = (c: number): boolean => c === 32 || c === 9;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLabelStart = isLetter;
const isLabelCont = (c: number): boolean => isLetter(c) || isDigit(c);
const isMetricStart = (c: number): boolean => isLetter(c) || c === 58;
const isMetricCont = (c: number): boolean => isLabelCont(c) || c === 58;

/** client_model's metric types (dto.MetricType_value), by the upper-case name a TYPE line is matched against. */
export const PROMETHEUS_TYPES: Readonly<Record<string, string>> = {
  COUNTER: "counter",
  GAUGE: "gauge",
  SUMMARY: "summary",
  UNTYPED: "untyped",
  HISTOGRAM: "histogram",
  GAUGE_HISTOGRAM: "gauge_histogram",
};

interface FamilyState extends TextFamily {
  type: string | null;
  help: boolean;
}

const NO_LABELS: Label[] = [];

const isCount = (n: string): boolean => n.length > 6 && n.endsWith("_count");
const isSum = (n: string): boolean => n.length > 4 && n.endsWith("_sum");
const isBucket = (n: string): boolean => n.length > 7 && n.endsWith("_bucket");
const summaryName = (n: string): string => (isCount(n) ? n.slice(0, -6) : isSum(n) ? n.slice(0, -4) : n);
const histogramName = (n: string): string => (isBucket(n) ? n.slice(0, -7) : summaryName(n));

class TextParser {
  private readonly byName = new Map<string, FamilyState>();
  private s = "";
  private len = 0;
  private terminated = true;
  private pos = 0;
  private cur = 0;
  private line = 0;
  private token = "";
  /** The metric name the current line is about, once known; the refusal message. */
  name = "";
  message = "";
  /** The family a HELP or TYPE line names, once known. */
  meta: ParseError["meta"];

  constructor(private readonly sink: ExpositionSink) {}

  /** setOrCreateCurrentMF. */
  private family(name: string): FamilyState {
    const exact = this.byName.get(name);
    if (exact) return exact;
    const summary = this.byName.get(summaryName(name));
    if (summary && summary.type === "summary") return summary;
    const histogram = this.byName.get(histogramName(name));
    if (histogram && histogram.type === "histogram") return histogram;
    const family: FamilyState = { name, line: this.line, type: null, help: false };
    this.byName.set(name, family);
    return family;
  }

  private read(): void {
    this.pos++;
    this.cur = this.pos < this.len ? this.s.charCodeAt(this.pos) : this.pos === this.len && this.terminated ? NL : EOF;
  }

  /** Whether the current byte is c (a call, so TypeScript does not narrow `cur` for good). */
  private is(c: number): boolean {
    return this.cur === c;
  }

  /** Refuses the line. Every step returns false once the line is refused. */
  private fail(message: string): false {
    this.message = message;
    return false;
  }

  private notEof(): boolean {
    return this.cur !== EOF || this.fail("unexpected end of input stream");
  }

  private skipBlankTab(): boolean {
    do this.read();
    while (isBlank(this.cur));
    return this.notEof();
  }

  private skipBlankTabIfCurrentBlankTab(): boolean {
    return !isBlank(this.cur) || this.skipBlankTab();
  }

  private slice(start: number): string {
    return this.s.slice(start, Math.min(this.pos, this.len));
  }

  private readTokenUntilWhitespace(): boolean {
    const start = this.pos;
    while (this.cur !== EOF && !isBlank(this.cur) && this.cur !== NL) this.read();
    this.token = this.slice(start);
    return this.notEof();
  }

  private readName(start: (c: number) => boolean, cont: (c: number) => boolean): boolean {
    const from = this.pos;
    if (!start(this.cur)) {
      this.token = "";
      return true;
    }
    do this.read();
    while (this.cur !== EOF && cont(this.cur));
    this.token = this.slice(from);
    return this.notEof();
  }

  private byteHere(): number {
    return this.pos < this.len ? firstUtf8Byte(this.s, this.pos) : this.cur;
  }

  private badEscape(): false {
    return this.fail(`invalid escape sequence '\\${String.fromCharCode(this.byteHere())}'`);
  }

  /** Rest of the line; a backslash always starts an escape, recognised only for HELP. */
  private readTokenUntilNewline(escapes: boolean): boolean {
    let out = "";
    let from = this.pos;
    let escaped = false;
    while (this.cur !== EOF) {
      if (escaped && escapes) {
        if (this.cur === 92) out += "\\";
        else if (this.cur === 110) out += "\n";
        else return this.badEscape();
        escaped = false;
        this.read();
        from = this.pos;
        continue;
      }
      escaped = false;
      if (this.cur === NL) {
        this.token = out + this.slice(from);
        return true;
      }
      if (this.cur === 92) {
        out += this.slice(from);
        escaped = true;
        this.read();
        from = this.pos;
        continue;
      }
      this.read();
    }
    return this.notEof();
  }

  private readTokenAsLabelValue(): boolean {
    let out = "";
    let from = this.pos + 1;
    for (;;) {
      this.read();
      if (!this.notEof()) return false;
      const c = this.cur;
      if (c === 34) {
        this.token = out + this.slice(from);
        return true;
      }
      if (c === NL) return this.fail(`label value ${goQuote(out + this.slice(from))} contains unescaped new-line`);
      if (c !== 92) continue;
      out += this.slice(from);
      this.read();
      if (!this.notEof()) return false;
      if (this.cur === 34 || this.cur === 92) out += String.fromCharCode(this.cur);
      else if (this.cur === 110) out += "\n";
      else return this.badEscape();
      from = this.pos + 1;
    }
  }

  /** Parses the line text[start, end); false when expfmt refuses it (see `message`). */
  parseLine(text: string, start: number, end: number, line: number, terminated: boolean): boolean {
    this.s = text;
    this.len = end;
    this.terminated = terminated;
    this.line = line;
    this.pos = start - 1;
    this.name = "";
    this.meta = undefined;
    // startOfLine: end of input here is the one legitimate end.
    do this.read();
    while (isBlank(this.cur));
    if (this.cur === EOF || this.cur === NL) return true;
    return this.cur === 35 ? this.comment() : this.sample();
  }

  private comment(): boolean {
    if (!this.skipBlankTab()) return false;
    if (this.is(NL)) return true;
    if (!this.readTokenUntilWhitespace()) return false;
    if (this.is(NL)) return true;
    const keyword = this.token;
    if (keyword !== "HELP" && keyword !== "TYPE") {
      while (!this.is(NL)) {
        this.read();
        if (!this.notEof()) return false;
      }
      return true;
    }
    if (!this.skipBlankTab() || !this.readName(isMetricStart, isMetricCont)) return false;
    if (this.is(NL)) return true;
    this.name = this.token;
    if (!isBlank(this.cur)) return this.fail("invalid metric name in comment");
    const family = this.family(this.token);
    this.meta = { kind: keyword, family: family.name, familyLine: family.line };
    if (!this.skipBlankTab()) return false;
    if (this.is(NL)) return true;
    if (keyword === "HELP") {
      if (family.help) return this.fail(`second HELP line for metric name ${goQuote(family.name)}`);
      if (!this.readTokenUntilNewline(true)) return false;
      family.help = true;
      this.sink.metadata({ line: this.line, kind: "HELP", name: this.name, text: this.token, family });
      return true;
    }
    if (family.type !== null)
      return this.fail(`second TYPE line for metric name ${goQuote(family.name)}, or TYPE reported after samples`);
    if (!this.readTokenUntilNewline(false)) return false;
    const type = PROMETHEUS_TYPES[this.token.length <= 20 ? this.token.toUpperCase() : ""];
    if (type === undefined) return this.fail(`unknown metric type ${goQuote(this.token)}`);
    family.type = type;
    this.sink.metadata({ line: this.line, kind: "TYPE", name: this.name, text: type, family });
    return true;
  }

  private sample(): boolean {
    if (!this.readName(isMetricStart, isMetricCont)) return false;
    if (this.token === "") return this.fail("invalid metric name");
    const name = this.token;
    this.name = name;
    const family = this.family(name);
    if (family.type === null) family.type = "untyped";
    const special = family.type === "histogram" ? "le" : family.type === "summary" ? "quantile" : null;
    if (!this.skipBlankTabIfCurrentBlankTab()) return false;
    const labels = this.is(123) ? this.labels(family, special) : NO_LABELS;
    if (labels === null) return false;
    if (!this.readTokenUntilWhitespace()) return false;
    const value = parseGoFloat(this.token);
    if (value === null) return this.fail(`expected float as value, got ${goQuote(this.token)}`);
    let timestamp: number | undefined;
    if (!this.is(NL)) {
      if (!this.skipBlankTab() || !this.readTokenUntilWhitespace()) return false;
      if (!isGoInt64(this.token)) return this.fail(`expected integer as timestamp, got ${goQuote(this.token)}`);
      timestamp = Number(this.token);
      if (!this.readTokenUntilNewline(false)) return false;
      if (this.token.length > 0) return this.fail(`spurious string after timestamp: ${goQuote(this.token)}`);
    }
    const entry: SampleEntry = { line: this.line, name, labels, value, family };
    this.sink.sample(timestamp === undefined ? entry : { ...entry, timestamp });
    return true;
  }

  /** The label set at `{`, ending on the first byte of the value; null when refused. */
  private labels(family: FamilyState, special: string | null): Label[] | null {
    const labels: Label[] = [];
    const seen = new Set<string>();
    for (;;) {
      if (!this.skipBlankTab()) return null;
      if (this.is(125)) return this.skipBlankTab() ? labels : null;
      if (!this.readName(isLabelStart, isLabelCont)) return null;
      if (this.token === "") return this.fail(`invalid label name for metric ${goQuote(family.name)}`) || null;
      const labelName = this.token;
      if (labelName === "__name__") return this.fail(`label name "__name__" is reserved`) || null;
      if (!this.skipBlankTabIfCurrentBlankTab()) return null;
      if (!this.is(61)) return this.fail(`expected '=' after label name, found ${goQuoteByte(this.byteHere())}`) || null;
      if (labelName !== special) {
        if (seen.has(labelName)) return this.fail(`duplicate label names for metric ${goQuote(family.name)}`) || null;
        seen.add(labelName);
      }
      if (!this.skipBlankTab()) return null;
      if (!this.is(34)) return this.fail(`expected '"' at start of label value, found ${goQuoteByte(this.byteHere())}`) || null;
      if (!this.readTokenAsLabelValue()) return null;
      const value = this.token;
      if (!isWellFormed(value)) return this.fail(`invalid label value ${goQuote(value)}`) || null;
      if (labelName === special && parseGoFloat(value) === null)
        return this.fail(`expected float as value for '${special}' label, got ${goQuote(value)}`) || null;
      labels.push({ name: labelName, value });
      if (!this.skipBlankTab()) return null;
      if (this.is(44)) continue;
      if (this.is(125)) return this.skipBlankTab() ? labels : null;
      return this.fail(`unexpected end of label value ${goQuote(value)}`) || null;
    }
  }
}

/** Reads 0.0.4 text as expfmt does, telling `sink` what it reads and each line it refuses. */
export function readText(text: string, sink: ExpositionSink): void {
  const p = new TextParser(sink);
  let line = 1;
  for (let start = 0; ; line++) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    if (!p.parseLine(text, start, end, line, nl >= 0)) {
      const error: ParseError = { line, message: p.message, metric: p.name };
      sink.error(p.meta ? { ...error, meta: p.meta } : error);
    }
    if (nl < 0) break;
    start = nl + 1;
  }
}
