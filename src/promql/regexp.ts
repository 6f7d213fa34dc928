// RE2 (Go's regexp/syntax with Perl flags, as Prometheus 2.42 compiles label matchers and
// label_replace patterns) translated to an equivalent JavaScript RegExp with the `u` flag.
// Rules: a pattern is parsed as Go parses it — what Go refuses is refused with Go's message
// ("error parsing regexp: <code>: `<expr>`"), including lookarounds, backreferences, \C,
// possessive and atomic forms, which RE2 does not have; every construct JavaScript reads
// differently is written out explicitly (`.` is [^\n]; \d \s \w are Go's ASCII classes; POSIX
// classes become ranges; (?m) anchors only at \n; (?s) and (?U) are applied while translating;
// (?P<name>…) becomes a numbered group with its name kept here). What cannot be translated
// exactly is refused with Re2Unsupported: (?i) on only part of a pattern (JavaScript's `i` flag
// is all or nothing), \b or \B under (?i), and — for label_replace's captures — a group that may
// not take part in a later iteration of a repetition (JavaScript resets it, RE2 keeps the last).
// See docs/promql.md "Regular expressions" for the full mapping.

/** A pattern Go's regexp package refuses; `message` is Go's. */
export class Re2Error extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.name = "Re2Error";
  }
}

/** A pattern Go accepts but that has no exact JavaScript equivalent here. */
export class Re2Unsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Re2Unsupported";
  }
}

/** A translated pattern: the RegExp, and the name of each capture group (index 1…). */
export interface TranslatedRegexp {
  readonly regexp: RegExp;
  /** groupNames[i] is the name of group i (i ≥ 1), "" for an unnamed group. */
  readonly groupNames: readonly string[];
}

const ERR_INVALID_CHAR_RANGE = "invalid character class range";
const ERR_INVALID_ESCAPE = "invalid escape sequence";
const ERR_INVALID_NAMED_CAPTURE = "invalid named capture";
const ERR_INVALID_PERL_OP = "invalid or unsupported Perl syntax";
const ERR_INVALID_REPEAT_OP = "invalid nested repetition operator";
const ERR_INVALID_REPEAT_SIZE = "invalid repeat count";
const ERR_MISSING_BRACKET = "missing closing ]";
const ERR_MISSING_PAREN = "missing closing )";
const ERR_MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
const ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";
const ERR_UNEXPECTED_PAREN = "unexpected )";
const ERR_NESTING_DEPTH = "expression nests too deeply";

const MAX_REPEAT = 1000;
const MAX_HEIGHT = 1000;
const MAX_RUNE = 0x10ffff;

interface Flags {
  fold: boolean; // (?i)
  oneLine: boolean; // not (?m)
  dotNL: boolean; // (?s)
  nonGreedy: boolean; // (?U)
}

type ClassItem = { lo: number; hi: number } | { prop: string; negated: boolean };

type Node =
  | { k: "lit"; cp: number; fold: boolean }
  | { k: "class"; items: ClassItem[]; negated: boolean; fold: boolean }
  | { k: "any"; nl: boolean }
  | { k: "bol" | "eol" | "bot" | "eot" | "wordb" | "nwordb" | "empty" }
  | { k: "capture"; index: number; name: string; sub: Node }
  | { k: "group"; sub: Node }
  | { k: "concat"; subs: Node[] }
  | { k: "alt"; subs: Node[] }
  | { k: "repeat"; sub: Node; min: number; max: number; greedy: boolean; op: string };

// Go's Perl classes (regexp/syntax perl_groups.go): ASCII only.
const PERL_CLASSES: Record<string, { ranges: [number, number][] }> = {
  d: { ranges: [[0x30, 0x39]] },
  s: {
    ranges: [
      [0x09, 0x0a],
      [0x0c, 0x0d],
      [0x20, 0x20],
    ],
  },
  w: {
    ranges: [
      [0x30, 0x39],
      [0x41, 0x5a],
      [0x5f, 0x5f],
      [0x61, 0x7a],
    ],
  },
};

// Go's POSIX classes (regexp/syntax perl_groups.go posixGroup).
const POSIX_CLASSES: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0x5f, 0x5f],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

// Go's unicode.Categories keys (Go 1.19).
const CATEGORIES = new Set(
  "C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs".split(" "),
);

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Go's regexp/syntax parse with syntax.Perl flags, into a tree this module can print. */
class Re2Parser {
  private readonly s: string;
  private pos = 0;
  private flags: Flags = { fold: false, oneLine: true, dotNL: false, nonGreedy: false };
  numCap = 0;
  readonly names: string[] = [""];

  constructor(s: string) {
    this.s = s;
  }

  private cp(at: number): number {
    return this.s.codePointAt(at) ?? -1;
  }

  private width(at: number): number {
    const c = this.cp(at);
    return c > 0xffff ? 2 : 1;
  }

  parse(): Node {
    const node = this.parseAlternation(0);
    if (this.pos < this.s.length) {
      // Only a ')' stops the top level early.
      throw new Re2Error(ERR_UNEXPECTED_PAREN, this.s);
    }
    if (height(node) > MAX_HEIGHT) throw new Re2Error(ERR_NESTING_DEPTH, this.s);
    return node;
  }

  /** Alternatives up to an unmatched ')' or the end. */
  private parseAlternation(depth: number): Node {
    const alts: Node[] = [this.parseConcat(depth)];
    while (this.pos < this.s.length && this.s[this.pos] === "|") {
      this.pos++;
      alts.push(this.parseConcat(depth));
    }
    return alts.length === 1 ? alts[0]! : { k: "alt", subs: alts };
  }

  private parseConcat(depth: number): Node {
    const items: Node[] = [];
    let lastRepeat = "";
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos]!;
      if (ch === "|" || ch === ")") break;
      let repeat = "";
      switch (ch) {
        case "(": {
          if (this.s[this.pos + 1] === "?") {
            const group = this.parsePerlFlags(depth);
            if (group !== undefined) items.push(group);
          } else {
            this.pos++;
            const index = ++this.numCap;
            this.names.push("");
            const saved = { ...this.flags };
            const sub = this.parseAlternation(depth + 1);
            this.closeParen(saved);
            items.push({ k: "capture", index, name: "", sub });
          }
          break;
        }
        case "^":
          this.pos++;
          items.push({ k: this.flags.oneLine ? "bot" : "bol" });
          break;
        case "$":
          this.pos++;
          items.push({ k: this.flags.oneLine ? "eot" : "eol" });
          break;
        case ".":
          this.pos++;
          items.push({ k: "any", nl: this.flags.dotNL });
          break;
        case "[":
          items.push(this.parseClass());
          break;
        case "*":
        case "+":
        case "?": {
          const before = this.pos;
          this.pos++;
          const [min, max] = ch === "*" ? [0, -1] : ch === "+" ? [1, -1] : [0, 1];
          this.repeat(items, min, max, before, lastRepeat);
          repeat = this.s.slice(before);
          break;
        }
        case "{": {
          const before = this.pos;
          const r = this.parseRepeat();
          if (r === undefined) {
            this.pos++;
            items.push({ k: "lit", cp: 0x7b, fold: this.flags.fold });
            break;
          }
          const [min, max, after] = r;
          if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            throw new Re2Error(ERR_INVALID_REPEAT_SIZE, this.s.slice(before, after));
          }
          this.pos = after;
          this.repeat(items, min, max, before, lastRepeat);
          repeat = this.s.slice(before);
          break;
        }
        case "\\":
          this.parseBackslash(items);
          break;
        default: {
          const c = this.cp(this.pos);
          this.pos += this.width(this.pos);
          items.push({ k: "lit", cp: c, fold: this.flags.fold });
        }
      }
      lastRepeat = repeat;
    }
    if (items.length === 0) return { k: "empty" };
    return items.length === 1 ? items[0]! : { k: "concat", subs: items };
  }

  private closeParen(saved: Flags): void {
    if (this.pos >= this.s.length || this.s[this.pos] !== ")") throw new Re2Error(ERR_MISSING_PAREN, this.s);
    this.pos++;
    this.flags = saved;
  }

  /** (?flags), (?flags:…), (?P<name>…); returns the group, or undefined for a bare flag change. */
  private parsePerlFlags(depth: number): Node | undefined {
    const start = this.pos;
    const t = this.s.slice(start);
    if (t.length > 4 && t[2] === "P" && t[3] === "<") {
      const end = t.indexOf(">");
      if (end < 0) throw new Re2Error(ERR_INVALID_NAMED_CAPTURE, t);
      const name = t.slice(4, end);
      if (name === "" || !/^[A-Za-z0-9_]+$/.test(name)) throw new Re2Error(ERR_INVALID_NAMED_CAPTURE, t.slice(0, end + 1));
      this.pos = start + end + 1;
      const index = ++this.numCap;
      this.names.push(name);
      const saved = { ...this.flags };
      const sub = this.parseAlternation(depth + 1);
      this.closeParen(saved);
      return { k: "capture", index, name, sub };
    }
    let i = start + 2;
    const flags = { ...this.flags };
    let sign = 1;
    let sawFlag = false;
    while (i < this.s.length) {
      const c = this.s[i]!;
      i += this.width(i);
      switch (c) {
        case "i":
          flags.fold = sign > 0;
          sawFlag = true;
          continue;
        case "m":
          flags.oneLine = sign < 0;
          sawFlag = true;
          continue;
        case "s":
          flags.dotNL = sign > 0;
          sawFlag = true;
          continue;
        case "U":
          flags.nonGreedy = sign > 0;
          sawFlag = true;
          continue;
        case "-":
          if (sign < 0) break;
          sign = -1;
          sawFlag = false;
          continue;
        case ":":
        case ")": {
          if (sign < 0 && !sawFlag) break;
          this.pos = i;
          if (c === ")") {
            this.flags = flags;
            return undefined;
          }
          const saved = { ...this.flags };
          this.flags = flags;
          const sub = this.parseAlternation(depth + 1);
          this.closeParen(saved);
          return { k: "group", sub };
        }
      }
      break;
    }
    throw new Re2Error(ERR_INVALID_PERL_OP, this.s.slice(start, i));
  }

  /** {min}, {min,}, {min,max}: [min, max (-1 = no max), end offset], or undefined if not one. */
  private parseRepeat(): [number, number, number] | undefined {
    let i = this.pos + 1;
    const parseInt = (): number | undefined => {
      const m = /^\d+/.exec(this.s.slice(i));
      if (!m) return undefined;
      const digits = m[0];
      if (digits.length >= 2 && digits[0] === "0") return undefined;
      i += digits.length;
      let n = 0;
      for (const d of digits) {
        if (n >= 1e8) return -1;
        n = n * 10 + Number(d);
      }
      return n;
    };
    let min = parseInt();
    if (min === undefined || i >= this.s.length) return undefined;
    let max: number;
    if (this.s[i] !== ",") max = min;
    else {
      i++;
      if (i >= this.s.length) return undefined;
      if (this.s[i] === "}") max = -1;
      else {
        const m = parseInt();
        if (m === undefined) return undefined;
        max = m;
        if (max < 0) min = -1;
      }
    }
    if (i >= this.s.length || this.s[i] !== "}") return undefined;
    return [min, max, i + 1];
  }

  /** Applies a repetition to the last item, with Go's checks. `before` is the operator's offset. */
  private repeat(items: Node[], min: number, max: number, before: number, lastRepeat: string): void {
    let greedy = !this.flags.nonGreedy;
    if (this.s[this.pos] === "?") {
      this.pos++;
      greedy = !greedy;
    }
    if (lastRepeat !== "") {
      throw new Re2Error(ERR_INVALID_REPEAT_OP, lastRepeat.slice(0, lastRepeat.length - (this.s.length - this.pos)));
    }
    const sub = items.pop();
    if (sub === undefined) throw new Re2Error(ERR_MISSING_REPEAT_ARGUMENT, this.s.slice(before, this.pos));
    const node: Node = { k: "repeat", sub, min, max, greedy, op: this.s.slice(before, this.pos) };
    const isCounted = this.s[before] === "{";
    if (isCounted && (min >= 2 || max >= 2) && !repeatIsValid(node, MAX_REPEAT)) {
      throw new Re2Error(ERR_INVALID_REPEAT_SIZE, this.s.slice(before, this.pos));
    }
    items.push(node);
  }

  private parseBackslash(items: Node[]): void {
    const next = this.s[this.pos + 1];
    switch (next) {
      case "A":
        this.pos += 2;
        items.push({ k: "bot" });
        return;
      case "b":
        this.pos += 2;
        items.push({ k: "wordb" });
        return;
      case "B":
        this.pos += 2;
        items.push({ k: "nwordb" });
        return;
      case "C":
        throw new Re2Error(ERR_INVALID_ESCAPE, "\\C");
      case "Q": {
        const rest = this.s.slice(this.pos + 2);
        const end = rest.indexOf("\\E");
        const lit = end < 0 ? rest : rest.slice(0, end);
        for (const ch of lit) items.push({ k: "lit", cp: ch.codePointAt(0)!, fold: this.flags.fold });
        this.pos += 2 + lit.length + (end < 0 ? 0 : 2);
        return;
      }
      case "z":
        this.pos += 2;
        items.push({ k: "eot" });
        return;
    }
    if (next === "p" || next === "P") {
      const cls = this.parseUnicodeClass();
      items.push({ k: "class", items: [cls], negated: false, fold: this.flags.fold });
      return;
    }
    const perl = this.parsePerlClass();
    if (perl !== undefined) {
      const ranges = perl.ranges.map(([lo, hi]) => ({ lo, hi }));
      items.push({ k: "class", items: ranges, negated: perl.negated, fold: this.flags.fold });
      return;
    }
    const c = this.parseEscape();
    items.push({ k: "lit", cp: c, fold: this.flags.fold });
  }

  /** \d \D \s \S \w \W at pos (Go's ASCII Perl classes), or undefined. */
  private parsePerlClass(): { ranges: [number, number][]; negated: boolean } | undefined {
    if (this.s[this.pos] !== "\\") return undefined;
    const c = this.s[this.pos + 1];
    if (c === undefined || !"dswDSW".includes(c)) return undefined;
    const g = PERL_CLASSES[c.toLowerCase()]!;
    this.pos += 2;
    return { ranges: g.ranges, negated: c !== c.toLowerCase() };
  }

  /** \pX, \p{Name}, \p{^Name}, \PX at pos (Go's parseUnicodeClass). */
  private parseUnicodeClass(): ClassItem {
    const start = this.pos;
    let negated = this.s[start + 1] === "P";
    let name: string;
    let seq: string;
    if (start + 2 >= this.s.length) throw new Re2Error(ERR_INVALID_CHAR_RANGE, this.s.slice(start));
    if (this.s[start + 2] !== "{") {
      const w = this.width(start + 2);
      seq = this.s.slice(start, start + 2 + w);
      name = seq.slice(2);
      this.pos = start + 2 + w;
    } else {
      const end = this.s.indexOf("}", start);
      if (end < 0) throw new Re2Error(ERR_INVALID_CHAR_RANGE, this.s.slice(start));
      seq = this.s.slice(start, end + 1);
      name = this.s.slice(start + 3, end);
      this.pos = end + 1;
    }
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.slice(1);
    }
    if (name === "Any") return negated ? { prop: "Any", negated: true } : { lo: 0, hi: MAX_RUNE };
    if (CATEGORIES.has(name)) return { prop: name, negated };
    if (/^[A-Za-z_]+$/.test(name)) {
      try {
        new RegExp(`\\p{Script=${name}}`, "u");
        return { prop: `Script=${name}`, negated };
      } catch {
        // not a script JavaScript knows either
      }
    }
    throw new Re2Error(ERR_INVALID_CHAR_RANGE, seq);
  }

  /** One escaped character at pos (Go's parseEscape). */
  private parseEscape(): number {
    const start = this.pos;
    let i = start + 1;
    if (i >= this.s.length) throw new Re2Error(ERR_TRAILING_BACKSLASH, "");
    const c = this.cp(i);
    i += this.width(i);
    const fail = (): never => {
      throw new Re2Error(ERR_INVALID_ESCAPE, this.s.slice(start, i));
    };
    if (c < 0x80 && !isAlnum(c)) {
      this.pos = i;
      return c;
    }
    const isOctal = (at: number) => at < this.s.length && this.s[at]! >= "0" && this.s[at]! <= "7";
    if (c >= 0x31 && c <= 0x37 && !isOctal(i)) fail();
    if (c >= 0x30 && c <= 0x37) {
      let r = c - 0x30;
      for (let k = 1; k < 3 && isOctal(i); k++) {
        r = r * 8 + (this.s.charCodeAt(i) - 0x30);
        i++;
      }
      this.pos = i;
      return r;
    }
    switch (c) {
      case 0x78: {
        // x
        if (i >= this.s.length) fail();
        let d = this.cp(i);
        i += this.width(i);
        if (d === 0x7b) {
          let n = 0;
          let r = 0;
          for (;;) {
            if (i >= this.s.length) fail();
            d = this.cp(i);
            i += this.width(i);
            if (d === 0x7d) break;
            const v = unhex(d);
            if (v < 0) fail();
            r = r * 16 + v;
            if (r > MAX_RUNE) fail();
            n++;
          }
          if (n === 0) fail();
          this.pos = i;
          return r;
        }
        const x = unhex(d);
        if (i >= this.s.length) fail();
        const e = this.cp(i);
        i += this.width(i);
        const y = unhex(e);
        if (x < 0 || y < 0) fail();
        this.pos = i;
        return x * 16 + y;
      }
      case 0x61: // a
        this.pos = i;
        return 7;
      case 0x66: // f
        this.pos = i;
        return 12;
      case 0x6e: // n
        this.pos = i;
        return 10;
      case 0x72: // r
        this.pos = i;
        return 13;
      case 0x74: // t
        this.pos = i;
        return 9;
      case 0x76: // v
        this.pos = i;
        return 11;
    }
    return fail();
  }

  /** A bracketed class at pos (Go's parseClass with Perl flags: '-' allowed anywhere). */
  private parseClass(): Node {
    const whole = this.s.slice(this.pos);
    this.pos++;
    let negated = false;
    if (this.s[this.pos] === "^") {
      negated = true;
      this.pos++;
    }
    const items: ClassItem[] = [];
    let first = true;
    while (this.pos >= this.s.length || this.s[this.pos] !== "]" || first) {
      first = false;
      if (this.pos >= this.s.length) throw new Re2Error(ERR_MISSING_BRACKET, whole);
      // POSIX [:name:]
      if (this.s.startsWith("[:", this.pos) && this.pos + 2 < this.s.length) {
        const end = this.s.indexOf(":]", this.pos + 2);
        if (end >= 0) {
          const full = this.s.slice(this.pos, end + 2);
          let name = full.slice(2, -2);
          let neg = false;
          if (name.startsWith("^")) {
            neg = true;
            name = name.slice(1);
          }
          const ranges = POSIX_CLASSES[name];
          if (ranges === undefined) throw new Re2Error(ERR_INVALID_CHAR_RANGE, full);
          for (const item of neg ? negateRanges(ranges) : ranges) items.push({ lo: item[0], hi: item[1] });
          this.pos = end + 2;
          continue;
        }
      }
      if (this.s[this.pos] === "\\" && (this.s[this.pos + 1] === "p" || this.s[this.pos + 1] === "P")) {
        items.push(this.parseUnicodeClass());
        continue;
      }
      const perl = this.parsePerlClass();
      if (perl !== undefined) {
        for (const [lo, hi] of perl.negated ? negateRanges(perl.ranges) : perl.ranges) items.push({ lo, hi });
        continue;
      }
      const rangeStart = this.pos;
      const lo = this.parseClassChar(whole);
      let hi = lo;
      if (this.pos + 1 < this.s.length && this.s[this.pos] === "-" && this.s[this.pos + 1] !== "]") {
        this.pos++;
        hi = this.parseClassChar(whole);
        if (hi < lo) throw new Re2Error(ERR_INVALID_CHAR_RANGE, this.s.slice(rangeStart, this.pos));
      }
      items.push({ lo, hi });
    }
    this.pos++; // ]
    return { k: "class", items, negated, fold: this.flags.fold };
  }

  private parseClassChar(whole: string): number {
    if (this.pos >= this.s.length) throw new Re2Error(ERR_MISSING_BRACKET, whole);
    if (this.s[this.pos] === "\\") return this.parseEscape();
    const c = this.cp(this.pos);
    this.pos += this.width(this.pos);
    return c;
  }
}

function negateRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (next <= lo - 1) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

function subsOf(n: Node): Node[] {
  switch (n.k) {
    case "capture":
    case "group":
    case "repeat":
      return [n.sub];
    case "concat":
    case "alt":
      return n.subs;
    default:
      return [];
  }
}

function height(n: Node): number {
  let h = 1;
  for (const s of subsOf(n)) h = Math.max(h, 1 + height(s));
  return h;
}

/** Go's repeatIsValid: nested counted repetitions may not exceed `n` copies in total. */
function repeatIsValid(n: Node, limit: number): boolean {
  if (n.k === "repeat" && n.op.startsWith("{")) {
    let m = n.max;
    if (m === 0) return true;
    if (m < 0) m = n.min;
    if (m > limit) return false;
    if (m > 0) limit = Math.floor(limit / m);
  }
  return subsOf(n).every((s) => repeatIsValid(s, limit));
}

function isCaseRelevant(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  return ch.toLowerCase() !== ch || ch.toUpperCase() !== ch;
}

function classIsCaseRelevant(items: readonly ClassItem[]): boolean {
  for (const item of items) {
    if (!("lo" in item)) return true;
    if (item.hi - item.lo > 0x3000) return true;
    for (let c = item.lo; c <= item.hi; c++) if (isCaseRelevant(c)) return true;
  }
  return false;
}

/** Whether case folding is on for every case-sensitive atom (true), none (false), or some. */
function foldUse(n: Node, acc: { on: boolean; off: boolean }): void {
  const relevant = (n.k === "lit" && isCaseRelevant(n.cp)) || (n.k === "class" && classIsCaseRelevant(n.items));
  if (relevant) {
    if (n.fold) acc.on = true;
    else acc.off = true;
  }
  for (const s of subsOf(n)) foldUse(s, acc);
}

function hasWordBoundary(n: Node): boolean {
  return n.k === "wordb" || n.k === "nwordb" || subsOf(n).some(hasWordBoundary);
}

/** Whether a capture group inside `n` might not take part in some iteration of it. */
function hasOptionalCapture(n: Node, optional: boolean): boolean {
  switch (n.k) {
    case "capture":
      return optional || hasOptionalCapture(n.sub, optional);
    case "group":
      return hasOptionalCapture(n.sub, optional);
    case "concat":
      return n.subs.some((s) => hasOptionalCapture(s, optional));
    case "alt":
      return n.subs.some((s) => hasOptionalCapture(s, optional || n.subs.length > 1));
    case "repeat":
      return hasOptionalCapture(n.sub, optional || n.min === 0);
    default:
      return false;
  }
}

/** A capture inside a repetition that iterates more than once and may skip it in an iteration. */
function capturesDiffer(n: Node): boolean {
  if (n.k === "repeat" && (n.max < 0 || n.max >= 2) && hasOptionalCapture(n.sub, false)) return true;
  return subsOf(n).some(capturesDiffer);
}

function esc(cp: number): string {
  if (isAlnum(cp) || cp === 0x5f) return String.fromCodePoint(cp);
  return `\\u{${cp.toString(16)}}`;
}

function classItemText(item: ClassItem): string {
  if ("lo" in item) return item.lo === item.hi ? esc(item.lo) : `${esc(item.lo)}-${esc(item.hi)}`;
  if (item.prop === "Any") return item.negated ? "" : "\\u{0}-\\u{10ffff}";
  return `\\${item.negated ? "P" : "p"}{${item.prop}}`;
}

function print(n: Node): string {
  switch (n.k) {
    case "lit":
      return esc(n.cp);
    case "class": {
      const body = n.items.map(classItemText).join("");
      return `[${n.negated ? "^" : ""}${body}]`;
    }
    case "any":
      return n.nl ? "[\\u{0}-\\u{10ffff}]" : "[^\\n]";
    case "bot":
      return "^";
    case "eot":
      return "$";
    case "bol":
      return "(?:^|(?<=\\n))";
    case "eol":
      return "(?:$|(?=\\n))";
    case "wordb":
      return "\\b";
    case "nwordb":
      return "\\B";
    case "empty":
      return "(?:)";
    case "capture":
      return `(${print(n.sub)})`;
    case "group":
      return `(?:${print(n.sub)})`;
    case "concat":
      return n.subs.map(print).join("");
    case "alt":
      return `(?:${n.subs.map(print).join("|")})`;
    case "repeat": {
      let q: string;
      if (n.min === 0 && n.max === -1) q = "*";
      else if (n.min === 1 && n.max === -1) q = "+";
      else if (n.min === 0 && n.max === 1) q = "?";
      else if (n.max === -1) q = `{${n.min},}`;
      else if (n.min === n.max) q = `{${n.min}}`;
      else q = `{${n.min},${n.max}}`;
      return `(?:${print(n.sub)})${q}${n.greedy ? "" : "?"}`;
    }
  }
}

/** Parses `pattern` exactly as Go's regexp.Compile would, throwing Go's error when it fails. */
export function checkRe2(pattern: string): void {
  new Re2Parser(pattern).parse();
}

/**
 * The JavaScript RegExp equivalent to Go's regexp.Compile(pattern) (not anchored here: callers
 * pass Prometheus's `^(?:…)$` form). Throws Re2Error where Go fails, Re2Unsupported where the
 * meaning cannot be reproduced exactly; `forCaptures` also refuses captures whose value would
 * differ (label_replace reads them, matchers do not).
 */
export function translateRe2(pattern: string, forCaptures: boolean): TranslatedRegexp {
  const parser = new Re2Parser(pattern);
  const tree = parser.parse();
  const fold = { on: false, off: false };
  foldUse(tree, fold);
  if (fold.on && fold.off) {
    throw new Re2Unsupported(
      `the case-insensitive flag (?i) applies to only part of the regular expression ${JSON.stringify(pattern)}; JavaScript can only match a whole pattern case-insensitively, so it is not supported here`,
    );
  }
  if (fold.on && hasWordBoundary(tree)) {
    throw new Re2Unsupported(
      `\\b or \\B with (?i) in ${JSON.stringify(pattern)}: JavaScript's case-insensitive word boundary also counts ſ and K (Kelvin) as word characters and RE2's does not, so it is not supported here`,
    );
  }
  if (forCaptures && capturesDiffer(tree)) {
    throw new Re2Unsupported(
      `a capture group in a repetition of ${JSON.stringify(pattern)} may be skipped in a later iteration; JavaScript then forgets its value and RE2 keeps it, so it is not supported here`,
    );
  }
  let regexp: RegExp;
  try {
    regexp = new RegExp(print(tree), fold.on ? "iu" : "u");
  } catch (e) {
    throw new Re2Unsupported(`the regular expression ${JSON.stringify(pattern)} has no JavaScript equivalent: ${(e as Error).message}`);
  }
  return { regexp, groupNames: parser.names };
}

/**
 * Go's regexp.Expand for `$1`, `${1}`, `$name`, `${name}` and `$$` in `template`: a name is the
 * longest run of letters, digits and underscores (so `$1x` means `${1x}`); a group that did not
 * take part, or does not exist, expands to "".
 */
export function expandTemplate(template: string, match: RegExpExecArray, groupNames: readonly string[]): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf("$", i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (i < template.length && template[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | undefined;
    if (template[i] === "{") {
      const end = template.indexOf("}", i + 1);
      const inner = end < 0 ? "" : template.slice(i + 1, end);
      if (end >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        i = end + 1;
      }
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i));
      if (m) {
        name = m[0];
        i += name.length;
      }
    }
    if (name === undefined) {
      // Malformed: Go writes the "$" itself and goes on after it.
      out += "$";
      continue;
    }
    if (/^\d+$/.test(name)) {
      const n = Number(name);
      if (n < match.length && match[n] !== undefined) out += match[n];
      continue;
    }
    for (let g = 1; g < groupNames.length; g++) {
      if (groupNames[g] === name && match[g] !== undefined) {
        out += match[g];
        break;
      }
    }
  }
  return out;
}
