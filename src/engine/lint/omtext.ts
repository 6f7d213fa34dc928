// OpenMetrics 1.0 text read line by line, leniently enough to go on after a problem.
// Rules: what any OpenMetrics parser refuses is a "parse" problem: a comment other than
// `# HELP`, `# TYPE`, `# UNIT`, `# EOF`; an invalid metric or label name; a label set that is
// not `{name="value",…}`; escapes other than `\\`, `\"`, `\n` (labels and HELP); a label name
// twice; a value or timestamp that is not a float; anything after the timestamp but an
// exemplar ` # {labels} value [timestamp]`; an unknown type; a second HELP/TYPE/UNIT for a
// family. OpenMetrics' own syntax rules are "openmetrics" problems: the text ends with
// `# EOF` and nothing follows it; no blank lines; tokens are separated by exactly one space
// (no tabs, no leading, trailing or doubled spaces, none inside label sets); `untyped` is
// spelled `unknown`. Families form as families.ts says (omFamily).

import { type Exemplar, type Family, type Label, newFamily, newSample, omFamily, type Sample, seriesFor } from "./families";
import type { LateMeta } from "./expfmt";
import type { Problems } from "./problem";
import { goQuote, parseGoFloat } from "./gostrconv";

export interface OmParsed {
  /** Every family, declared or sampled, including those without samples. */
  families: Map<string, Family>;
  samples: Sample[];
  late: LateMeta[];
}

const OM_TYPES = new Set(["counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown"]);

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isMetricStart = (c: number): boolean => isLetter(c) || c === 58;
const isMetricCont = (c: number): boolean => isLetter(c) || isDigit(c) || c === 58;
const isLabelCont = (c: number): boolean => isLetter(c) || isDigit(c);

/**
 * One line, text[start, end), being read. Steps return false (or null) once the line is
 * refused, with the reason in `message`; no exceptions, so a text of bad lines stays fast.
 */
class OmLine {
  s = "";
  /** Where the line starts, where reading is, where the line ends. */
  start = 0;
  i = 0;
  end = 0;
  line = 0;
  name = "";
  message = "";
  /** Set when a separator on this line is not exactly one space. */
  spacing = false;

  reset(s: string, start: number, end: number, line: number): void {
    this.s = s;
    this.start = start;
    this.i = start;
    this.end = end;
    this.line = line;
    this.name = "";
    this.spacing = false;
  }

  fail(message: string): false {
    this.message = message;
    return false;
  }

  more(): boolean {
    return this.i < this.end;
  }

  at(): number {
    return this.i < this.end ? this.s.charCodeAt(this.i) : -1;
  }

  rest(): string {
    return goQuote(this.s.slice(this.i, Math.min(this.end, this.i + 40)));
  }

  /** Skips blanks; `want` is how many single spaces belong here (0 or 1). */
  blanks(want: 0 | 1): number {
    const from = this.i;
    while (isBlank(this.at())) this.i++;
    const n = this.i - from;
    if (n !== want || (n === 1 && this.s.charCodeAt(from) !== 32)) this.spacing = true;
    return n;
  }

  token(): string {
    const from = this.i;
    while (this.i < this.end && !isBlank(this.s.charCodeAt(this.i))) this.i++;
    return this.s.slice(from, this.i);
  }

  nameToken(start: (c: number) => boolean, cont: (c: number) => boolean): string {
    const from = this.i;
    if (!start(this.at())) return "";
    this.i++;
    while (cont(this.at())) this.i++;
    return this.s.slice(from, this.i);
  }

  /** A quoted string with `\\`, `\"`, `\n` escapes; `this.i` is at the opening quote. */
  quoted(what: string): string | null {
    let out = "";
    let from = ++this.i;
    for (;;) {
      const c = this.at();
      if (c === -1) return this.fail(`unterminated ${what}`) || null;
      if (c === 34) {
        out += this.s.slice(from, this.i++);
        return out;
      }
      if (c === 92) {
        out += this.s.slice(from, this.i);
        const e = this.i + 1 < this.end ? this.s.charCodeAt(this.i + 1) : -1;
        if (e === 92 || e === 34) out += String.fromCharCode(e);
        else if (e === 110) out += "\n";
        else return this.fail(`invalid escape sequence '\\${e < 0 ? "" : this.s[this.i + 1]}' in ${what}`) || null;
        this.i += 2;
        from = this.i;
        continue;
      }
      this.i++;
    }
  }

  labels(): Label[] | null {
    const out: Label[] = [];
    const seen = new Set<string>();
    this.i++; // "{"
    for (;;) {
      this.blanks(0);
      if (this.at() === 125) {
        this.i++;
        return out;
      }
      const name = this.nameToken(isLetter, isLabelCont);
      if (name === "") return this.fail(`invalid label name at column ${this.i + 1 - this.start}`) || null;
      this.blanks(0);
      if (this.at() !== 61) return this.fail(`expected "=" after label name "${name}"`) || null;
      this.i++;
      this.blanks(0);
      if (this.at() !== 34) return this.fail(`expected '"' at start of the value of label "${name}"`) || null;
      const value = this.quoted(`value of label "${name}"`);
      if (value === null) return null;
      if (seen.has(name)) return this.fail(`duplicate label name "${name}"`) || null;
      seen.add(name);
      out.push({ name, value });
      this.blanks(0);
      const c = this.at();
      if (c === 44) this.i++;
      else if (c !== 125) return this.fail(`expected "," or "}" after the value of label "${name}"`) || null;
    }
  }

  float(what: string): number | null {
    const t = this.token();
    const v = parseGoFloat(t);
    if (v === null) return this.fail(`expected float as ${what}, got ${goQuote(t)}`) || null;
    return v;
  }
}

/** HELP text with `\\`, `\"` and `\n` escapes resolved; null (refused) for any other escape. */
function unescapeHelp(l: OmLine, help: string): string | null {
  let out = "";
  let from = 0;
  for (let i = help.indexOf("\\"); i >= 0; i = help.indexOf("\\", from)) {
    out += help.slice(from, i);
    const e = help.charCodeAt(i + 1);
    if (e === 92 || e === 34) out += String.fromCharCode(e);
    else if (e === 110) out += "\n";
    else return l.fail(`invalid escape sequence '\\${help[i + 1] ?? ""}' in HELP text`) || null;
    from = i + 2;
  }
  return out + help.slice(from);
}

const SPACING =
  "OpenMetrics separates tokens by exactly one space: no tabs, no leading, trailing or doubled spaces, none inside braces";

class OmParser {
  readonly byName = new Map<string, Family>();
  readonly samples: Sample[] = [];
  readonly late: LateMeta[] = [];
  private current: Family | null = null;
  private readonly l = new OmLine();

  constructor(private readonly out: Problems) {}

  private om(line: number, metric: string, message: string): void {
    this.out.add("openmetrics", line, metric, message);
  }

  run(text: string): void {
    let eof = false;
    let line = 0;
    // Lines end at "\n"; a final "\n" ends the last line rather than starting an empty one.
    if (text.length > 0)
      for (let start = 0; ; ) {
        const nl = text.indexOf("\n", start);
        const stop = nl < 0 ? text.length : nl;
        line++;
        if (eof) {
          this.om(line, "", "text after # EOF: the exposition must end with the # EOF line");
          return;
        }
        let blank = true;
        for (let k = start; k < stop && blank; k++) blank = isBlank(text.charCodeAt(k)) || text.charCodeAt(k) === 13;
        if (blank) this.om(line, "", "blank line: OpenMetrics allows no empty lines");
        else {
          const l = this.l;
          l.reset(text, start, stop, line);
          const ok = text.charCodeAt(start) === 35 ? this.comment() : this.sample();
          if (ok === "eof") eof = true;
          else if (!ok) this.out.add("parse", line, l.name, l.message);
          if (l.spacing) this.om(line, l.name, SPACING);
        }
        if (nl < 0 || nl + 1 === text.length) break;
        start = nl + 1;
      }
    if (!eof) this.om(Math.max(line, 1), "", 'missing "# EOF" at the end of the exposition');
  }

  /** A comment line: "eof" for # EOF, else whether it was accepted. */
  private comment(): boolean | "eof" {
    const l = this.l;
    l.i++;
    l.blanks(1);
    const keyword = l.token();
    if (keyword === "EOF") {
      l.blanks(0);
      return l.more() ? l.fail(`unexpected text after # EOF: ${l.rest()}`) : "eof";
    }
    if (keyword !== "HELP" && keyword !== "TYPE" && keyword !== "UNIT") {
      l.i = l.start;
      return l.fail(`OpenMetrics allows only "# HELP", "# TYPE", "# UNIT" and "# EOF" comments, not ${l.rest()}`);
    }
    l.blanks(1);
    const name = l.nameToken(isMetricStart, isMetricCont);
    l.name = name;
    if (name === "" || (l.more() && !isBlank(l.at()))) return l.fail("invalid metric name in comment");
    let family = this.byName.get(name);
    if (!family) {
      family = newFamily(name, l.line);
      this.byName.set(name, family);
    }
    if (family.samples.length > 0) this.late.push({ line: l.line, kind: keyword, family });
    this.current = family;
    if (keyword === "HELP") {
      if (family.helpLine !== null) return l.fail(`second HELP line for metric name ${goQuote(name)}`);
      let help: string | null = "";
      if (l.more()) {
        if (l.at() !== 32) l.spacing = true;
        l.i++;
        help = l.s.slice(l.i, l.end);
        if (help.includes("\\")) help = unescapeHelp(l, help);
        if (help === null) return false;
      }
      family.help = help;
      family.helpLine = l.line;
      return true;
    }
    const what = keyword === "TYPE" ? "type" : "unit";
    if (!l.more()) return l.fail(`${keyword} line for ${goQuote(name)} has no ${what}`);
    l.blanks(1);
    const value = l.token();
    l.blanks(0);
    if (l.more()) return l.fail(`unexpected text after the ${what}: ${l.rest()}`);
    if (keyword === "UNIT") {
      if (family.unitLine !== null) return l.fail(`second UNIT line for metric name ${goQuote(name)}`);
      family.unit = value;
      family.unitLine = l.line;
      return true;
    }
    if (family.typeLine !== null) return l.fail(`second TYPE line for metric name ${goQuote(name)}`);
    if (value !== "untyped" && !OM_TYPES.has(value)) return l.fail(`unknown metric type ${goQuote(value)}`);
    if (value === "untyped") this.om(l.line, name, 'OpenMetrics has no type "untyped": use "unknown"');
    family.typeLine = l.line;
    // A type given after samples (reported as late) cannot change how they were grouped.
    if (family.samples.length === 0) family.type = value === "untyped" ? "unknown" : value;
    return true;
  }

  private sample(): boolean {
    const l = this.l;
    l.blanks(0);
    const name = l.nameToken(isMetricStart, isMetricCont);
    if (name === "") return l.fail("invalid metric name");
    l.name = name;
    const labels = l.at() === 123 ? l.labels() : NO_LABELS;
    if (labels === null) return false;
    if (!l.more()) return l.fail(`expected a value after ${goQuote(name)}`);
    if (!isBlank(l.at()))
      return l.fail(`unexpected character ${l.rest()} after ${labels.length ? "the label set" : "the metric name"}`);
    l.blanks(1);
    const value = l.float("value");
    if (value === null) return false;
    let exemplar: Exemplar | undefined;
    let timestamp = false;
    while (l.more()) {
      l.blanks(1);
      if (!l.more()) {
        l.spacing = true; // trailing blanks
        break;
      }
      if (l.at() === 35) {
        l.i++;
        l.blanks(1);
        if (l.at() !== 123) return l.fail("an exemplar must start with a label set: ` # {labels} value [timestamp]`");
        const exLabels = l.labels();
        if (exLabels === null) return false;
        if (!isBlank(l.at())) return l.fail("expected a value after the exemplar's label set");
        l.blanks(1);
        const exValue = l.float("exemplar value");
        if (exValue === null) return false;
        exemplar = { labels: exLabels, value: exValue };
        if (l.more()) {
          l.blanks(1);
          if (l.more() && l.float("exemplar timestamp") === null) return false;
          l.blanks(0);
          if (l.more()) return l.fail(`unexpected text after the exemplar: ${l.rest()}`);
        }
        break;
      }
      if (timestamp) return l.fail(`unexpected text after the timestamp: ${l.rest()}`);
      if (l.float("timestamp") === null) return false;
      timestamp = true;
    }
    const family = omFamily(this.byName, this.current, name, l.line);
    this.current = family;
    const sample = newSample(l.line, name, labels, value, family, seriesFor(family, labels, l.line));
    if (exemplar) sample.exemplar = exemplar;
    family.samples.push(sample);
    this.samples.push(sample);
    return true;
  }
}

const NO_LABELS: Label[] = [];

/** Parses OpenMetrics text; "parse" and "openmetrics" (syntax) problems go to `out`. */
export function parseOpenMetrics(text: string, out: Problems): OmParsed {
  const p = new OmParser(out);
  p.run(text);
  return { families: p.byName, samples: p.samples, late: p.late };
}
