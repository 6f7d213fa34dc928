// The lexical rules of Prometheus 2.42's PromQL (promql/parser/lex.go Lexer, strutil.Unquote,
// parser.number, model.ParseDuration). The syntax tree comes from @prometheus-io/lezer-promql;
// this scanner exists because the lezer grammar is more lenient than Prometheus's lexer (it
// accepts unterminated strings and any escape) and because Prometheus's error messages name
// tokens ("unexpected <op:+>"). Rule: the first lexical error is reported with Go's message at
// the token's start, and literal values are decoded exactly as Prometheus decodes them.

import { PromQLError } from "./errors";

/** Token kinds, named as promql/parser/lex.go names its item types. */
export type TokenType =
  | "EOF"
  | "ERROR"
  | "COMMENT"
  | "IDENTIFIER"
  | "METRIC_IDENTIFIER"
  | "NUMBER"
  | "DURATION"
  | "STRING"
  | "PUNCT" // ( ) { } [ ] , = : @
  | "OPERATOR"
  | "AGGREGATOR"
  | "KEYWORD";

/** One token: kind, offset in the query and text. */
export interface Token {
  readonly type: TokenType;
  readonly pos: number;
  readonly text: string;
}

const AGGREGATORS = new Set(["sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values", "quantile"]);
const KEYWORDS = new Set(["offset", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "start", "end"]);
const WORD_OPERATORS = new Set(["and", "or", "unless", "atan2"]);

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isAlpha = (c: string | undefined) => c === "_" || (c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")));
const isAlphaNumeric = (c: string | undefined) => isAlpha(c) || isDigit(c);

/** Go's %q of one rune, as in "unexpected character: 'x'". */
function quoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === "\\") return "'\\\\'";
  if (ch === "\n") return "'\\n'";
  if (ch === "\t") return "'\\t'";
  if (ch === "\r") return "'\\r'";
  const c = ch.codePointAt(0)!;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, "0")}'`;
  return `'${ch}'`;
}

/** Go's %#U of one rune: U+0078 'x'. */
function uPlus(ch: string): string {
  const c = ch.codePointAt(0)!;
  return `U+${c.toString(16).toUpperCase().padStart(4, "0")} '${ch}'`;
}

/** Scans `input` as Prometheus's lexer does; the last token is EOF or the first ERROR. */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;
  let gotColon = false;

  const peek = () => input[pos];
  const emit = (type: TokenType) => {
    tokens.push({ type, pos: start, text: input.slice(start, pos) });
    start = pos;
  };
  const error = (message: string): Token[] => {
    tokens.push({ type: "ERROR", pos: start, text: message });
    return tokens;
  };
  const acceptRun = (valid: string) => {
    while (pos < input.length && valid.includes(input[pos]!)) pos++;
  };
  const accept = (valid: string): boolean => {
    if (pos < input.length && valid.includes(input[pos]!)) {
      pos++;
      return true;
    }
    return false;
  };
  const scanNumber = (): boolean => {
    let digits = "0123456789";
    if (accept("0") && accept("xX")) digits = "0123456789abcdefABCDEF";
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (accept("eE")) {
      accept("+-");
      acceptRun("0123456789");
    }
    return !isAlphaNumeric(peek());
  };
  const acceptRemainingDuration = (): boolean => {
    if (!accept("smhdwy")) return false;
    accept("s");
    while (accept("0123456789")) {
      while (accept("0123456789"));
      if (!accept("smhdw")) return false;
      accept("s");
    }
    const next = input[pos];
    pos++;
    const ok = !isAlphaNumeric(next);
    return ok;
  };
  /** A string literal opened by `r` (just consumed), emitted as STRING; its error, if any (lexString, lexRawString). */
  const stringLiteral = (r: string): string | undefined => {
    if (r === "`") {
      const end = input.indexOf("`", pos);
      if (end < 0) return "unterminated raw string";
      pos = end + 1;
    } else {
      const err = scanString(r);
      if (err !== undefined) return err;
    }
    emit("STRING");
    return undefined;
  };
  /** A quoted string from pos (after the opening quote), with lexEscape's checks. */
  const scanString = (quote: string): string | undefined => {
    for (;;) {
      const ch = input[pos];
      if (ch === undefined || ch === "\n") return "unterminated quoted string";
      pos++;
      if (ch === quote) return undefined;
      if (ch !== "\\") continue;
      const e = input[pos];
      if (e === undefined) return "escape sequence not terminated";
      pos++;
      if ("abfnrtv\\".includes(e) || e === quote) continue;
      let n: number;
      let base: number;
      let max: number;
      let d: string | undefined = e;
      if (e >= "0" && e <= "7") [n, base, max] = [3, 8, 255];
      else if (e === "x") [n, base, max, d] = [2, 16, 255, input[pos++]];
      else if (e === "u") [n, base, max, d] = [4, 16, 0x10ffff, input[pos++]];
      else if (e === "U") [n, base, max, d] = [8, 16, 0x10ffff, input[pos++]];
      else return `unknown escape sequence ${uPlus(String.fromCodePoint(input.codePointAt(pos - 1)!))}`;
      let x = 0;
      while (n > 0) {
        const v = d === undefined ? 99 : parseInt(d, 16);
        if (Number.isNaN(v) || v >= base) {
          if (d === undefined) return "escape sequence not terminated";
          return `illegal character ${uPlus(d)} in escape sequence`;
        }
        x = x * base + v;
        n--;
        if (n > 0) d = input[pos++];
      }
      if (x > max || (x >= 0xd800 && x < 0xe000)) return "escape sequence is an invalid Unicode code point";
    }
  };

  for (;;) {
    if (braceOpen) {
      if (input.startsWith("#", pos)) {
        while (pos < input.length && input[pos] !== "\n" && input[pos] !== "\r") pos++;
        emit("COMMENT");
        continue;
      }
      const r = input[pos];
      if (r === undefined) return error("unexpected end of input inside braces");
      pos++;
      if (isSpace(r)) {
        while (isSpace(peek())) pos++;
        start = pos;
      } else if (isAlpha(r)) {
        while (isAlphaNumeric(peek())) pos++;
        emit("IDENTIFIER");
      } else if (r === ",") emit("PUNCT");
      else if (r === '"' || r === "'" || r === "`") {
        const err = stringLiteral(r);
        if (err !== undefined) return error(err);
      } else if (r === "=") {
        if (peek() === "~") pos++;
        emit("OPERATOR");
      } else if (r === "!") {
        const nr = input[pos];
        pos++;
        if (nr === "~" || nr === "=") emit("OPERATOR");
        else return error(`unexpected character after '!' inside braces: ${quoteRune(nr ?? "")}`);
      } else if (r === "{") return error(`unexpected left brace ${quoteRune(r)}`);
      else if (r === "}") {
        emit("PUNCT");
        braceOpen = false;
      } else return error(`unexpected character inside braces: ${quoteRune(String.fromCodePoint(input.codePointAt(pos - 1)!))}`);
      continue;
    }
    if (input.startsWith("#", pos)) {
      while (pos < input.length && input[pos] !== "\n" && input[pos] !== "\r") pos++;
      emit("COMMENT");
      continue;
    }
    const r = input[pos];
    if (r === undefined) {
      if (parenDepth !== 0) return error("unclosed left parenthesis");
      if (bracketOpen) return error("unclosed left bracket");
      emit("EOF");
      return tokens;
    }
    pos++;
    if (r === ",") emit("PUNCT");
    else if (isSpace(r)) {
      while (isSpace(peek())) pos++;
      start = pos;
    } else if ("*/%+-^".includes(r)) emit("OPERATOR");
    else if (r === "=") {
      const t = peek();
      if (t === "=") {
        pos++;
        emit("OPERATOR");
      } else if (t === "~") return error(`unexpected character after '=': ${quoteRune(t)}`);
      else emit("PUNCT");
    } else if (r === "!") {
      const t = input[pos];
      pos++;
      if (t === "=") emit("OPERATOR");
      else return error(`unexpected character after '!': ${quoteRune(t ?? "")}`);
    } else if (r === "<" || r === ">") {
      if (peek() === "=") pos++;
      emit("OPERATOR");
    } else if (isDigit(r) || (r === "." && isDigit(peek()))) {
      pos--;
      // lexNumberOrDuration: a number, else the unit of a duration goes on where it stopped.
      if (scanNumber()) emit("NUMBER");
      else if (acceptRemainingDuration()) {
        pos--;
        emit("DURATION");
      } else return error(`bad number or duration syntax: ${JSON.stringify(input.slice(start, pos))}`);
    } else if (r === '"' || r === "'" || r === "`") {
      const err = stringLiteral(r);
      if (err !== undefined) return error(err);
    } else if (isAlpha(r) || r === ":") {
      if (!bracketOpen) {
        while (isAlphaNumeric(peek()) || peek() === ":") pos++;
        const word = input.slice(start, pos);
        const lower = word.toLowerCase();
        if (lower === "inf" || lower === "nan") emit("NUMBER");
        else if (AGGREGATORS.has(lower)) emit("AGGREGATOR");
        else if (KEYWORDS.has(lower)) emit("KEYWORD");
        else if (WORD_OPERATORS.has(lower)) emit("OPERATOR");
        else emit(word.includes(":") ? "METRIC_IDENTIFIER" : "IDENTIFIER");
      } else {
        if (gotColon) return error(`unexpected colon ${quoteRune(r)}`);
        emit("PUNCT");
        gotColon = true;
      }
    } else if (r === "(") {
      emit("PUNCT");
      parenDepth++;
    } else if (r === ")") {
      emit("PUNCT");
      parenDepth--;
      if (parenDepth < 0) {
        // lex.go emits the parenthesis, then the error at the position after it.
        return error(`unexpected right parenthesis ${quoteRune(r)}`);
      }
    } else if (r === "{") {
      emit("PUNCT");
      braceOpen = true;
    } else if (r === "[") {
      if (bracketOpen) return error(`unexpected left bracket ${quoteRune(r)}`);
      gotColon = false;
      emit("PUNCT");
      while (isSpace(peek())) pos++;
      start = pos;
      bracketOpen = true;
      // lexDuration
      if (scanNumber()) return error("missing unit character in duration");
      if (!acceptRemainingDuration()) return error(`bad duration syntax: ${JSON.stringify(input.slice(start, pos))}`);
      pos--;
      emit("DURATION");
    } else if (r === "]") {
      if (!bracketOpen) return error(`unexpected right bracket ${quoteRune(r)}`);
      emit("PUNCT");
      bracketOpen = false;
    } else if (r === "@") emit("PUNCT");
    else return error(`unexpected character: ${quoteRune(String.fromCodePoint(input.codePointAt(pos - 1)!))}`);
  }
}

/** How Prometheus names a token in "unexpected …" messages (lex.go Item.desc). */
export function describeToken(t: Token): string {
  // EQL is punctuation in lex.go ("="); AT is an operator (<op:@>).
  if (t.text === "=") return '"="';
  if (t.text === "@") return "<op:@>";
  switch (t.type) {
    case "EOF":
      return "end of input";
    case "IDENTIFIER":
      return `identifier ${JSON.stringify(t.text)}`;
    case "METRIC_IDENTIFIER":
      return `metric identifier ${JSON.stringify(t.text)}`;
    case "NUMBER":
      return `number ${JSON.stringify(t.text)}`;
    case "DURATION":
      return `duration ${JSON.stringify(t.text)}`;
    case "STRING":
      return `string ${JSON.stringify(t.text)}`;
    case "KEYWORD":
      return `<${t.text}>`;
    case "OPERATOR":
      return `<op:${t.text}>`;
    case "AGGREGATOR":
      return `<aggr:${t.text}>`;
    default:
      return JSON.stringify(t.text);
  }
}

/** The first lexical error of `input` as a PromQLError, or undefined; also returns the tokens. */
export function lexicalCheck(input: string): { tokens: Token[]; error: PromQLError | undefined } {
  const tokens = lex(input);
  const last = tokens[tokens.length - 1]!;
  const error = last.type === "ERROR" ? new PromQLError(last.text, last.pos, input.length) : undefined;
  return { tokens, error };
}

/**
 * A string literal's value as strutil.Unquote decodes it (the lexer has already checked its
 * escapes). A \x or octal escape above 0x7f is one raw byte in Prometheus, which a JavaScript
 * string cannot hold: refused.
 */
export function unquoteString(text: string, pos: number): string {
  const quote = text[0];
  if (quote === "`") return text.slice(1, -1);
  let out = "";
  for (let i = 1; i < text.length - 1; ) {
    const c = text[i]!;
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1]!;
    i += 2;
    const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", "'": "'", '"': '"' };
    if (e in simple) {
      out += simple[e];
      continue;
    }
    let code: number;
    const isByte = e === "x" || (e >= "0" && e <= "7");
    if (e === "x" || e === "u" || e === "U") {
      const digits = e === "x" ? 2 : e === "u" ? 4 : 8;
      code = parseInt(text.slice(i, i + digits), 16);
      i += digits;
    } else {
      // Three octal digits, the first being e.
      code = parseInt(text.slice(i - 1, i + 2), 8);
      i += 2;
    }
    if (isByte && code > 0x7f) {
      throw new PromQLError(
        `the escape for byte 0x${code.toString(16)} in ${text} makes a string that is not valid UTF-8, which this evaluator cannot represent`,
        pos,
        pos + text.length,
      );
    }
    out += String.fromCodePoint(code);
  }
  return out;
}

/** parser.number: strconv.ParseInt(s, 0, 64) (so 010 is octal 8, 0x1f hex), else ParseFloat. */
export function parseNumberLiteral(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === "inf" || lower === "+inf") return Infinity;
  if (lower === "-inf") return -Infinity;
  if (lower === "nan") return NaN;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) {
    const big = BigInt(`0x${text.slice(2)}`);
    return big <= 9223372036854775807n ? Number(big) : undefined;
  }
  if (/^0[0-7]+$/.test(text)) return parseInt(text.slice(1), 8);
  if (/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const v = Number(text);
    return Number.isFinite(v) ? v : undefined;
  }
  return undefined;
}

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 24 * 3600 * 1000, 7 * 24 * 3600 * 1000, 24 * 3600 * 1000, 3600 * 1000, 60 * 1000, 1000, 1];
/** The largest time.Duration, in ms: (2^63 − 1) ns. */
const MAX_DURATION_MS = 9223372036854.775;

/** model.ParseDuration in ms; an Error with Prometheus's message when it is not one. */
export function parseDurationMs(text: string): number {
  if (text === "0") return 0;
  if (text === "") throw new Error("empty duration string");
  const m = DURATION.exec(text);
  if (!m) throw new Error(`not a valid duration string: ${JSON.stringify(text)}`);
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1];
    if (part === undefined) continue;
    const n = Number(part);
    if (n > MAX_DURATION_MS / UNIT_MS[i]!) throw new Error("duration out of range");
    ms += n * UNIT_MS[i]!;
    if (ms > MAX_DURATION_MS) throw new Error("duration out of range");
  }
  return ms;
}
