// The one Go number reader of the exposition parsers: Go's strconv as both reference parsers
// use it, so we accept and refuse the same numbers, with Go's own error text.
// Rules:
// - parseGoFloat = expfmt's parseFloat and model/textparse's parseFloat (the same function):
//   refuse any `p`, `P` or `_`, then strconv.ParseFloat(s, 64); so decimal
//   `[+-]?(d+[.d*]|.d+)([eE][+-]?d+)?`, `inf`/`infinity` (any case, optional sign), `nan`
//   (any case, no sign); hex floats need a `p` exponent, so none pass; a finite literal that
//   overflows to ±Inf is refused (ErrRange), underflow to 0 is fine.
// - goFloatError: the error text Go returns for a refused number ("unsupported character in
//   float", `strconv.ParseFloat: parsing "x": invalid syntax` or `…: value out of range`).
// - isGoInt64: whether strconv.ParseInt(s, 10, 64) accepts s: `[+-]?d+` in the int64 range.
// - goQuote = fmt's %q for a string, goQuoteByte = %q for a byte (a rune literal).
// - Invalid UTF-8: a JavaScript string cannot hold it; a lone surrogate stands for it (the
//   lone U+DC80–U+DCFF of a surrogateescape decoding for byte 0x80–0xFF), so isWellFormed
//   refuses lone surrogates and the quoting shows U+DCxx as the byte `\xNN` Go would show.
// Hand-written scanners, no regular expressions: linear in the input, whatever its length.

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

const SYNTAX = "invalid syntax";
const RANGE = "value out of range";

/** The number, or how strconv.ParseFloat fails (after the `pP_` check). */
function scanFloat(s: string): number | typeof SYNTAX | typeof RANGE {
  const n = s.length;
  if (n === 0) return SYNTAX;
  let i = 0;
  const c0 = s.charCodeAt(0);
  const signed = c0 === 43 || c0 === 45; // + -
  if (signed) i = 1;
  const first = s.charCodeAt(i) | 0x20; // lower-cased if a letter
  if (first === 105 || first === 110) {
    // "inf", "infinity" (signed or not) and "nan" (unsigned), in any case.
    const word = n - i <= 8 ? s.slice(i).toLowerCase() : "";
    if (word === "inf" || word === "infinity") return c0 === 45 ? -Infinity : Infinity;
    return word === "nan" && !signed ? NaN : SYNTAX;
  }
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return SYNTAX;
  if (i < n && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
    i++;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
    const start = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === start) return SYNTAX;
  }
  if (i !== n) return SYNTAX;
  const v = Number(s);
  return v === Infinity || v === -Infinity ? RANGE : v;
}

/** The number, or null when Go's parseFloat refuses the text (see goFloatError for why). */
export function parseGoFloat(s: string): number | null {
  const v = scanFloat(s);
  return typeof v === "number" ? v : null;
}

/** The error Go's parseFloat returns for `s`, which parseGoFloat refused. */
export function goFloatError(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 112 || c === 80 || c === 95) return "unsupported character in float";
  }
  const why = scanFloat(s);
  return `strconv.ParseFloat: parsing ${goQuote(s)}: ${typeof why === "number" ? SYNTAX : why}`;
}

const INT64_MAX = "9223372036854775807";
const INT64_MIN_ABS = "9223372036854775808";

/** True when strconv.ParseInt(s, 10, 64) accepts s. */
export function isGoInt64(s: string): boolean {
  const n = s.length;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) i = 1;
  if (i === n) return false;
  for (let j = i; j < n; j++) if (!isDigit(s.charCodeAt(j))) return false;
  let digits = s.slice(i);
  let k = 0;
  while (k < digits.length - 1 && digits.charCodeAt(k) === 48) k++;
  digits = digits.slice(k);
  const limit = c0 === 45 ? INT64_MIN_ABS : INT64_MAX;
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit);
}

/** True when the JavaScript string is valid UTF-8 once encoded (no lone surrogates). */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/** The byte a lone surrogate at s[i] stands for (U+DC80–U+DCFF), or -1. */
function escapedByte(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xdc80 || c > 0xdcff) return -1;
  const before = i > 0 ? s.charCodeAt(i - 1) : 0;
  return before >= 0xd800 && before <= 0xdbff ? -1 : c - 0xdc00;
}

const SIMPLE_ESCAPES: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
  92: "\\\\",
};

const hex = (c: number, width: number): string => c.toString(16).padStart(width, "0");

/** Longest text quoted in a message; longer text is cut, with "…" after the closing quote. */
export const MAX_QUOTED = 200;

/** Go's %q of a string (strconv.Quote), for printable text and ASCII controls. */
export function goQuote(s: string): string {
  if (s.length > MAX_QUOTED) return goQuote(s.slice(0, MAX_QUOTED)) + "…";
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (SIMPLE_ESCAPES[c] !== undefined) out += SIMPLE_ESCAPES[c];
    else if (c < 0x20 || c === 0x7f) out += "\\x" + hex(c, 2);
    else if (c >= 0x80 && c < 0xa0) out += "\\u" + hex(c, 4);
    else if (c >= 0xd800 && c <= 0xdfff && isWellFormed(s.slice(i, i + 2))) {
      out += s.slice(i, i + 2); // a pair: one character
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const b = escapedByte(s, i);
      out += b < 0 ? "\\ufffd" : "\\x" + hex(b, 2);
    } else out += s[i];
  }
  return out + '"';
}

/** The first UTF-8 byte of the character at s[i], as Go's parsers see it. */
export function firstUtf8Byte(s: string, i: number): number {
  const b = escapedByte(s, i);
  if (b >= 0) return b;
  const c = s.codePointAt(i) ?? 0;
  if (c < 0x80) return c;
  if (c < 0x800) return 0xc0 | (c >> 6);
  if (c < 0x10000) return 0xe0 | (c >> 12);
  return 0xf0 | (c >> 18);
}

/** Go's %q of a byte value: a rune literal such as '}' or '\n' or 'Ã'. */
export function goQuoteByte(b: number): string {
  if (b === 39) return "'\\''";
  if (b === 34) return "'\"'";
  if (SIMPLE_ESCAPES[b] !== undefined) return `'${SIMPLE_ESCAPES[b]}'`;
  if (b < 0x20 || b === 0x7f) return `'\\x${hex(b, 2)}'`;
  if (b >= 0x80 && b < 0xa0) return `'\\u${hex(b, 4)}'`;
  return `'${String.fromCharCode(b)}'`;
}
