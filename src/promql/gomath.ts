// Go's float arithmetic where JavaScript's differs, so results match Prometheus 2.42 to the bit
// where the algorithm is known: math.Pow, Max, Min, Round, Frexp, Ldexp, Log2, Log10, Modf,
// strconv.FormatFloat(v, 'f', -1, 64), strconv.ParseFloat, strconv.Quote and the Kahan-Neumaier
// increment of promql/functions.go kahanSumInc. Rule: every function here is a transcription of
// the behaviour of the Go function it names (its special cases first), never an approximation.

const scratch = new DataView(new ArrayBuffer(8));

/** The IEEE-754 exponent field of x (0–2047). */
function exponentBits(x: number): number {
  scratch.setFloat64(0, x);
  return (scratch.getUint32(0) >>> 20) & 0x7ff;
}

/** x with its exponent field replaced by `bits` (sign and mantissa kept). */
function withExponentBits(x: number, bits: number): number {
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  scratch.setUint32(0, ((hi & 0x800fffff) | (bits << 20)) >>> 0);
  return scratch.getFloat64(0);
}

const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** Go math.Frexp: frac in [0.5, 1) and exp with x = frac × 2^exp; ±0, ±Inf and NaN give (x, 0). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  if (Math.abs(x) < SMALLEST_NORMAL) {
    // normalize: a subnormal becomes normal when scaled by 2^52.
    x *= 4503599627370496;
    exp = -52;
  }
  exp += exponentBits(x) - 1023 + 1;
  return [withExponentBits(x, 1022), exp];
}

/** Go math.Ldexp: frac × 2^exp, with Go's overflow, underflow and subnormal handling. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  let e = 0;
  if (Math.abs(frac) < SMALLEST_NORMAL) {
    frac *= 4503599627370496;
    e = -52;
  }
  exp += e + exponentBits(frac) - 1023;
  if (exp < -1075) return frac < 0 ? -0 : 0;
  if (exp > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (exp < -1022) {
    exp += 53;
    m = 1 / 9007199254740992; // 2^-53
  }
  return m * withExponentBits(frac, exp + 1023);
}

/** Go math.Modf: integer and fractional parts, both with the sign of x. */
export function modf(x: number): [number, number] {
  if (!Number.isFinite(x)) return [x, NaN];
  const int = Math.trunc(x);
  const frac = x - int;
  return [int, frac === 0 ? (Object.is(x, -0) || x < 0 ? -0 : 0) : frac];
}

function isOddInt(x: number): boolean {
  if (Math.abs(x) >= 9007199254740992) return false;
  const [xi, xf] = modf(x);
  return xf === 0 && Math.abs(xi) % 2 === 1;
}

/** Go math.Pow (pure Go on every platform Prometheus ships), special cases included. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return Object.is(x, -0) && isOddInt(y) ? -Infinity : Infinity;
    return Object.is(x, -0) && isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y); // Pow(-0, -y)
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);

  let [yi, yf] = modf(Math.abs(y));
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 9223372036854775808) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -4096 || 4096 < xe) {
      ae += xe;
      break;
    }
    if (i % 2 === 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe *= 2;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** Go math.Max: +Inf wins over NaN, NaN over the rest; Max(-0, +0) is +0. */
export function goMax(x: number, y: number): number {
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? y : x;
  return x > y ? x : y;
}

/** Go math.Min: −Inf wins over NaN, NaN over the rest; Min(-0, +0) is -0. */
export function goMin(x: number, y: number): number {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? x : y;
  return x < y ? x : y;
}

/** Go math.Round: half away from zero (JavaScript's Math.round goes half up). */
export function goRound(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const t = Math.trunc(x);
  if (Math.abs(x - t) >= 0.5) return t + Math.sign(x);
  return t === 0 ? (x < 0 ? -0 : 0) : t;
}

/** Go math.Log2: exact for powers of two (Frexp fraction 0.5), else Log(frac)/Ln2 + exp. */
export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * (1 / Math.LN2) + exp;
}

/** Go math.Log10: Log(x) × (1/Ln10). */
export function goLog10(x: number): number {
  return Math.log(x) * (1 / Math.LN10);
}

/** promql/functions.go kahanSumInc at v2.42.0: Kahan summation with Neumaier's improvement. */
export function kahanSumInc(inc: number, sum: number, c: number, out: Float64Array): void {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  out[0] = t;
  out[1] = c;
}

/**
 * Go strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back as v, written
 * without an exponent; "NaN", "+Inf", "-Inf", "-0" as Go writes them.
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const [mantissa, expText] = Math.abs(v).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  let s: string;
  if (exp >= digits.length - 1) s = digits + "0".repeat(exp - digits.length + 1);
  else if (exp >= 0) s = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  else s = `0.${"0".repeat(-exp - 1)}${digits}`;
  return v < 0 ? `-${s}` : s;
}

const DECIMAL_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]((?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+))[pP]([+-]?\d+)$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * Go strconv.ParseFloat(s, 64): decimal and hexadecimal (with a p exponent) floats, Inf,
 * Infinity and NaN in any case; undefined where Go returns an error (bad syntax, or a finite
 * literal beyond the float range, which Go reports as ErrRange).
 */
export function parseGoFloat(s: string): number | undefined {
  const special = SPECIAL_FLOAT.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === "nan") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  let v: number;
  if (DECIMAL_FLOAT.test(s)) {
    v = Number(s);
  } else {
    const hex = HEX_FLOAT.exec(s);
    if (!hex) return undefined;
    const [intPart, fracPart = ""] = hex[2]!.split(".") as [string, string?];
    const mantissa = parseInt(`${intPart}${fracPart}` || "0", 16);
    v = mantissa * 2 ** (Number(hex[3]) - 4 * fracPart.length);
    if (hex[1] === "-") v = -v;
  }
  if (!Number.isFinite(v)) return undefined;
  return v;
}

/** Go strconv.Quote for label values in messages: escapes quotes, backslashes, non-printables. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c !== 0x20 && /^[\p{C}\p{Z}]$/u.test(ch)) {
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Go `%f` of fmt (six decimals), for the few messages Prometheus formats that way. */
export function goPercentF(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  return v.toFixed(6);
}

/** Go fmt's %v of a float64 (strconv.FormatFloat(v, 'g', -1, 64)), "+Inf" for infinity. */
export function formatGoG(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const [mantissa, expText] = v.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(v);
}
