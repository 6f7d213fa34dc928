// The Prometheus text format 0.0.4 read exactly as prometheus/common expfmt's TextParser reads
// it (the version promtool 2.42 in Debian 12 uses), so we refuse what promtool refuses, on the
// same line and with the same message, and form the same families for promlint.
// Rules (a port of the TextParser state machine; every token ends at its line's end, so it
// runs line by line, and where Go stops at the first error we note it and go on with the next
// line):
// - leading blanks and tabs are skipped; empty lines are fine; `#` starts a comment, only
//   `HELP` and `TYPE` (after blanks, `#HELP` too) mean something; `# HELP name text` with
//   escapes `\\` and `\n` only; `# TYPE name type` with a type named by client_model
//   (counter, gauge, summary, untyped, histogram, gauge_histogram; any case); a second HELP or
//   TYPE for a family, or a TYPE after its samples, is an error;
// - a sample is `name`, optional `{label="value",…}` (blanks allowed around tokens, a trailing
//   comma too; escapes `\\`, `\"`, `\n`; `__name__` reserved; a label name at most once, `le`
//   of a histogram and `quantile` of a summary aside), then a Go float and an optional int64
//   millisecond timestamp, nothing else; `le`/`quantile` must be floats in histograms/summaries;
// - a last line without its newline is "unexpected end of input stream" unless it is blank.

import { expfmtFamily, type Family, type Label, newSample, type Sample, seriesFor } from "./families";
import type { Problems } from "./problem";
import { firstUtf8Byte, goQuote, goQuoteByte, isGoInt64, isWellFormed, parseGoFloat } from "./gostrconv";

export interface LateMeta {
  line: number;
  kind: "HELP" | "TYPE" | "UNIT";
  family: Family;
}

export interface ParsedText {
  families: Map<string, Family>;
  samples: Sample[];
  /** HELP/TYPE lines that came after samples of their family. */
  late: LateMeta[];
}

const EOF = -1;
const NL = 10;
const isBlank = (c: number): boolean => c === 32 || c === 9;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLabelStart = isLetter;
const isLabelCont = (c: number): boolean => isLetter(c) || isDigit(c);
const isMetricStart = (c: number): boolean => isLetter(c) || c === 58;
const isMetricCont = (c: number): boolean => isLabelCont(c) || c === 58;

/** client_model's metric types, by the upper-case name TYPE lines are matched against. */
const TYPES: Record<string, string> = {
  COUNTER: "counter",
  GAUGE: "gauge",
  SUMMARY: "summary",
  UNTYPED: "untyped",
  HISTOGRAM: "histogram",
  GAUGE_HISTOGRAM: "gauge_histogram",
};

const NO_LABELS: Label[] = [];

class TextParser {
  readonly byName = new Map<string, Family>();
  readonly samples: Sample[] = [];
  readonly late: LateMeta[] = [];
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
    const family = expfmtFamily(this.byName, this.token, this.line);
    if (!this.skipBlankTab()) return false;
    if (this.is(NL)) return true;
    if (keyword === "HELP") {
      if (family.help !== null) return this.fail(`second HELP line for metric name ${goQuote(family.name)}`);
      if (!this.readTokenUntilNewline(true)) return false;
      family.help = this.token;
      family.helpLine = this.line;
      if (family.samples.length > 0) this.late.push({ line: this.line, kind: "HELP", family });
      return true;
    }
    if (family.type !== null) {
      if (family.samples.length > 0) this.late.push({ line: this.line, kind: "TYPE", family });
      return this.fail(`second TYPE line for metric name ${goQuote(family.name)}, or TYPE reported after samples`);
    }
    if (!this.readTokenUntilNewline(false)) return false;
    const type = TYPES[this.token.length <= 20 ? this.token.toUpperCase() : ""];
    if (type === undefined) return this.fail(`unknown metric type ${goQuote(this.token)}`);
    family.type = type;
    family.typeLine = this.line;
    return true;
  }

  private sample(): boolean {
    if (!this.readName(isMetricStart, isMetricCont)) return false;
    if (this.token === "") return this.fail("invalid metric name");
    const name = this.token;
    this.name = name;
    const family = expfmtFamily(this.byName, name, this.line);
    if (family.type === null) family.type = "untyped";
    const special = family.type === "histogram" ? "le" : family.type === "summary" ? "quantile" : null;
    if (!this.skipBlankTabIfCurrentBlankTab()) return false;
    const labels = this.is(123) ? this.labels(family, special) : NO_LABELS;
    if (labels === null) return false;
    const series = seriesFor(family, labels, this.line);
    if (!this.readTokenUntilWhitespace()) return false;
    const value = parseGoFloat(this.token);
    if (value === null) return this.fail(`expected float as value, got ${goQuote(this.token)}`);
    if (!this.is(NL)) {
      if (!this.skipBlankTab() || !this.readTokenUntilWhitespace()) return false;
      if (!isGoInt64(this.token)) return this.fail(`expected integer as timestamp, got ${goQuote(this.token)}`);
      if (!this.readTokenUntilNewline(false)) return false;
      if (this.token.length > 0) return this.fail(`spurious string after timestamp: ${goQuote(this.token)}`);
    }
    const sample = newSample(this.line, name, labels, value, family, series);
    family.samples.push(sample);
    this.samples.push(sample);
    return true;
  }

  /** The label set at `{`, ending on the first byte of the value; null when refused. */
  private labels(family: Family, special: string | null): Label[] | null {
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

/** Parses 0.0.4 text the way expfmt does; each refused line is a "parse" problem. */
export function parseText(text: string, out: Problems): ParsedText {
  const p = new TextParser();
  let line = 1;
  for (let start = 0; ; line++) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    if (!p.parseLine(text, start, end, line, nl >= 0)) out.add("parse", line, p.name, p.message);
    if (nl < 0) break;
    start = nl + 1;
  }
  for (const [name, f] of p.byName) if (f.samples.length === 0) p.byName.delete(name);
  return { families: p.byName, samples: p.samples, late: p.late };
}
