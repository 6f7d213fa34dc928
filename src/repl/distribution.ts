// The distributions `:gen` draws from: their grammar, their checks and their samplers.
// Pure: no recording, no clock; randomness comes in as a Random (mulberry32, seeded).
// Grammar (whitespace is allowed anywhere inside the parentheses, nowhere else):
//   distribution := name "(" parameters ")"          name: letters, case-insensitive
//   uniform(a,b)  normal(mu,sigma)  lognormal(median,sigma)  exponential(mean)  pareto(xm,alpha)
//   mix(w1*distribution, w2*distribution, ...)      two parts or more
// Rules:
// - a parameter or weight is a decimal number: digits, an optional fraction, an optional
//   leading "-" (the rule of `:sleep`, signed): no hex, exponents, "+", Infinity or NaN;
// - uniform needs a < b; sigma, median, mean, xm and alpha must be > 0; a mix's weights are each
//   > 0 and sum to 1 within 1e-9 (else refused, saying what they sum to);
// - every refusal names the function and the parameter and says the rule;
// - draws come from a Random whose values are multiples of 2^-32 in [0, 1) (seededRandom), so
//   every sampler's draws lie within `drawBounds` (no draw is infinite for finite bounds): the
//   caller can refuse parameters whose draws a measure could not record before recording any;
// - samplers: uniform a+(b−a)·U; normal mu+sigma·Z with Z from Box–Muller (both values of a pair
//   used); lognormal median·e^(sigma·Z); exponential −mean·ln(1−U); pareto xm·(1−U)^(−1/alpha)
//   (inverse CDFs); mix picks a part by its weight with one U, then draws from that part. The
//   same seed gives the same draws, in the same order.

import type { Random } from "./simulator";

export type Distribution =
  | { kind: "uniform"; a: number; b: number }
  | { kind: "normal"; mu: number; sigma: number }
  | { kind: "lognormal"; median: number; sigma: number }
  | { kind: "exponential"; mean: number }
  | { kind: "pareto"; xm: number; alpha: number }
  | { kind: "mix"; parts: MixPart[] };

export interface MixPart {
  weight: number;
  distribution: Distribution;
}

/** How far a mix's weights may sum from 1. */
export const MIX_TOLERANCE = 1e-9;

/** The parameters of each function, in order, as the grammar and the messages name them. */
const PARAMETERS = {
  uniform: ["a", "b"],
  normal: ["mu", "sigma"],
  lognormal: ["median", "sigma"],
  exponential: ["mean"],
  pareto: ["xm", "alpha"],
} as const;

type Simple = keyof typeof PARAMETERS;

export const DISTRIBUTION_FORMS =
  "uniform(a,b), normal(mu,sigma), lognormal(median,sigma), exponential(mean), pareto(xm,alpha) or mix(0.9*lognormal(80,0.4), 0.1*lognormal(900,0.6))";

const DECIMAL_SIGNED = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;

/** Thrown inside the parser, caught at its entry: the message says what is wrong. */
class GrammarError extends Error {}

class Reader {
  pos: number;
  constructor(
    readonly text: string,
    from: number,
  ) {
    this.pos = from;
  }
  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  peek(): string | undefined {
    return this.text[this.pos];
  }
  /** Up to the next delimiter of the grammar or whitespace. */
  token(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s,()*]/.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }
  near(): string {
    const rest = this.text.slice(this.pos, this.pos + 20);
    return rest === "" ? "the end of the line" : JSON.stringify(rest);
  }
}

/** A decimal number read from `token`, or a GrammarError saying which parameter is wrong. */
function decimal(token: string, what: string): number {
  if (token === "") throw new GrammarError(`${what} is missing`);
  if (!DECIMAL_SIGNED.test(token))
    throw new GrammarError(`${what} must be a decimal number (digits, an optional fraction, an optional leading -); got ${JSON.stringify(token)}`);
  const n = Number(token);
  if (!Number.isFinite(n)) throw new GrammarError(`${what} is too large: ${token.length} digits`);
  return n;
}

function readDistribution(r: Reader): Distribution {
  const start = r.pos;
  while (r.pos < r.text.length && /[A-Za-z]/.test(r.text[r.pos]!)) r.pos++;
  const written = r.text.slice(start, r.pos);
  const name = written.toLowerCase();
  if (name === "") {
    r.pos = start;
    const got = r.token();
    throw new GrammarError(
      `expected a distribution such as lognormal(80,0.4); got ${got === "" ? r.near() : JSON.stringify(got)}. Distributions: ${DISTRIBUTION_FORMS}`,
    );
  }
  if (name !== "mix" && !(name in PARAMETERS))
    throw new GrammarError(`unknown distribution ${JSON.stringify(written)}; use ${DISTRIBUTION_FORMS}`);
  if (r.peek() !== "(") throw new GrammarError(`expected "(" right after ${name}; got ${r.near()}`);
  r.pos++;
  const distribution = name === "mix" ? readMix(r) : readSimple(r, name as Simple);
  return distribution;
}

/** The comma-separated items up to the closing parenthesis, each read by `item`. */
function readList<T>(r: Reader, name: string, item: (index: number) => T): T[] {
  const items: T[] = [];
  for (;;) {
    r.skipSpaces();
    items.push(item(items.length));
    r.skipSpaces();
    const c = r.peek();
    if (c === ",") {
      r.pos++;
      continue;
    }
    if (c === ")") {
      r.pos++;
      return items;
    }
    if (c === undefined) throw new GrammarError(`${name}( is never closed: a ")" is missing`);
    throw new GrammarError(`expected "," or ")" in ${name}(…); got ${r.near()}`);
  }
}

function readSimple(r: Reader, name: Simple): Distribution {
  const names = PARAMETERS[name];
  const values = readList(r, name, (i) => {
    const token = r.token();
    if (i >= names.length) return NaN; // counted below, with the right message
    return decimal(token, `${name}: ${names[i]}`);
  });
  if (values.length !== names.length)
    throw new GrammarError(
      `${name} takes ${names.length} parameter${names.length === 1 ? "" : "s"} (${names.join(",")}); got ${values.length}`,
    );
  const [p, q] = values as [number, number];
  const positive = (what: string, v: number) => {
    if (!(v > 0)) throw new GrammarError(`${name}: ${what} must be > 0; got ${v}`);
  };
  switch (name) {
    case "uniform":
      if (!(p < q)) throw new GrammarError(`uniform(a,b) needs a < b; got a=${p}, b=${q}`);
      if (!Number.isFinite(q - p)) throw new GrammarError(`uniform(a,b): b − a is too large to draw from; got a=${p}, b=${q}`);
      return { kind: "uniform", a: p, b: q };
    case "normal":
      positive("sigma", q);
      return { kind: "normal", mu: p, sigma: q };
    case "lognormal":
      positive("median", p);
      positive("sigma", q);
      return { kind: "lognormal", median: p, sigma: q };
    case "exponential":
      positive("mean", p);
      return { kind: "exponential", mean: p };
    case "pareto":
      positive("xm", p);
      positive("alpha", q);
      return { kind: "pareto", xm: p, alpha: q };
  }
}

function readMix(r: Reader): Distribution {
  const parts = readList(r, "mix", (i) => {
    const token = r.token();
    r.skipSpaces();
    if (r.peek() !== "*")
      throw new GrammarError(`mix part ${i + 1} must be weight*distribution, e.g. 0.9*lognormal(80,0.4); got ${JSON.stringify(token + (r.peek() ?? ""))}…`);
    const weight = decimal(token, `mix: weight ${i + 1}`);
    if (!(weight > 0)) throw new GrammarError(`mix: weight ${i + 1} must be > 0; got ${weight}`);
    r.pos++; // the "*"
    r.skipSpaces();
    return { weight, distribution: readDistribution(r) };
  });
  if (parts.length < 2) throw new GrammarError(`mix needs two parts or more; got ${parts.length} (a single distribution needs no mix)`);
  const sum = parts.reduce((s, p) => s + p.weight, 0);
  if (Math.abs(sum - 1) > MIX_TOLERANCE)
    // 12 significant digits: the sum as written (0.9 + 0.05 is 0.95, not 0.9500000000000001).
    throw new GrammarError(`mix weights must sum to 1; they sum to ${Number(sum.toPrecision(12))}`);
  return { kind: "mix", parts };
}

/**
 * The distribution written at `from` in `text`, and where it ends (just after its closing
 * parenthesis), or why it cannot be read.
 */
export function parseDistribution(
  text: string,
  from = 0,
): { ok: true; value: Distribution; end: number } | { ok: false; error: string } {
  const r = new Reader(text, from);
  try {
    const value = readDistribution(r);
    return { ok: true, value, end: r.pos };
  } catch (e) {
    if (e instanceof GrammarError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The distribution as the grammar writes it, with no spaces: `lognormal(80,0.4)`. */
export function formatDistribution(d: Distribution): string {
  switch (d.kind) {
    case "uniform":
      return `uniform(${d.a},${d.b})`;
    case "normal":
      return `normal(${d.mu},${d.sigma})`;
    case "lognormal":
      return `lognormal(${d.median},${d.sigma})`;
    case "exponential":
      return `exponential(${d.mean})`;
    case "pareto":
      return `pareto(${d.xm},${d.alpha})`;
    case "mix":
      return `mix(${d.parts.map((p) => `${p.weight}*${formatDistribution(p.distribution)}`).join(",")})`;
  }
}

/** The smallest 1 − U a Random gives (its values are multiples of 2^-32 below 1). */
const SMALLEST_COMPLEMENT = 2 ** -32;
/** The largest |Z| Box–Muller gives from such a Random: sqrt(−2·ln 2^-32). */
export const MAX_ABS_Z = Math.sqrt(-2 * Math.log(SMALLEST_COMPLEMENT));

/**
 * The interval every draw of `d` lies in (for a Random of 2^-32 steps, as seededRandom):
 * an infinite end means some draw could be too large for a float. Each end is computed with its
 * sampler's own formula at the extreme uniform, so no draw lies a rounding step beyond it.
 */
export function drawBounds(d: Distribution): { min: number; max: number } {
  switch (d.kind) {
    case "uniform":
      return { min: d.a, max: d.b };
    case "normal":
      return { min: d.mu - d.sigma * MAX_ABS_Z, max: d.mu + d.sigma * MAX_ABS_Z };
    case "lognormal":
      return { min: d.median * Math.exp(-d.sigma * MAX_ABS_Z), max: d.median * Math.exp(d.sigma * MAX_ABS_Z) };
    case "exponential":
      return { min: 0, max: -d.mean * Math.log(SMALLEST_COMPLEMENT) };
    case "pareto":
      return { min: d.xm, max: d.xm * Math.pow(SMALLEST_COMPLEMENT, -1 / d.alpha) };
    case "mix": {
      const all = d.parts.map((p) => drawBounds(p.distribution));
      return { min: Math.min(...all.map((b) => b.min)), max: Math.max(...all.map((b) => b.max)) };
    }
  }
}

/** Standard normal draws, Box–Muller: each pair of uniforms gives two, both used. */
function standardNormal(random: Random): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(1 - random())); // 1 − U is in (0, 1]: never log(0)
    const theta = 2 * Math.PI * random();
    spare = r * Math.sin(theta);
    hasSpare = true;
    return r * Math.cos(theta);
  };
}

/** A function that draws one value of `d` from `random` per call. */
export function samplerOf(d: Distribution, random: Random): () => number {
  switch (d.kind) {
    case "uniform": {
      const { a } = d;
      const width = d.b - d.a;
      return () => a + width * random();
    }
    case "normal": {
      const z = standardNormal(random);
      const { mu, sigma } = d;
      return () => mu + sigma * z();
    }
    case "lognormal": {
      const z = standardNormal(random);
      const { median, sigma } = d;
      return () => median * Math.exp(sigma * z());
    }
    case "exponential": {
      const { mean } = d;
      return () => -mean * Math.log(1 - random());
    }
    case "pareto": {
      const { xm } = d;
      const exponent = -1 / d.alpha;
      return () => xm * Math.pow(1 - random(), exponent);
    }
    case "mix": {
      const samplers = d.parts.map((p) => samplerOf(p.distribution, random));
      const cumulative: number[] = [];
      let sum = 0;
      for (const p of d.parts) cumulative.push((sum += p.weight));
      const last = samplers.length - 1;
      return () => {
        const u = random() * sum;
        let i = 0;
        while (i < last && u >= cumulative[i]!) i++;
        return samplers[i]!();
      };
    }
  }
}
