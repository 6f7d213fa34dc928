// A distribution's bucket bounds as the designer takes them: a free list (`0, 25, 50, 100`), or
// generated exactly as client_golang's LinearBuckets, ExponentialBuckets and
// ExponentialBucketsRange (the engine's linearBuckets, exponentialBuckets,
// exponentialBucketsRange), plus the well-known default layouts to start from.
// Rules:
// - a bound is a decimal number, optionally signed, with an optional fraction and exponent
//   (`25`, `-0.5`, `.25`, `1e-3`: the shortest text of every float, so any layout round-trips);
//   bounds are separated by commas and/or spaces; hex, `Infinity`, `NaN` and empty items are
//   refused, each with its own message naming the bound (numbered from 0, as the engine does);
// - at most MAX_BOUNDS bounds; then the engine's `boundsProblem` (finite, strictly increasing);
// - a generator's parameters are decimal numbers and a count of 1–MAX_BOUNDS; what the engine's
//   generator refuses (width ≤ 0, start ≤ 0 or factor ≤ 1 for exponential, min ≤ 0 or max ≤ min
//   for a range) is its own message, shown at the parameter it names; bounds that come out
//   unusable (floats too close to differ, an overflow) get boundsProblem's message.
// Pure: no store instance, no DOM (unit-tested in Node).

import { boundsProblem, exponentialBuckets, exponentialBucketsRange, linearBuckets } from "../../engine";
import { MAX_BOUNDS } from "../../store/designs";

/** client_golang's `prometheus.DefBuckets`, in seconds. */
export const DEF_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** OpenTelemetry's default explicit bucket boundaries for a histogram. */
export const OTEL_DEFAULT_BOUNDS: readonly number[] = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITE = /^[+-]?(?:inf|infinity|∞)$/i;
const count = (n: number) => n.toLocaleString("en-US");

/** A number as typed: decimal, finite. `what` names it in the message ("start", "bound 3"). */
function parseDecimal(text: string, what: string): Parsed<number> {
  const t = text.trim();
  if (t === "") return { ok: false, problem: `${what} is empty: enter a number such as 25, 0.5 or 1e-3` };
  if (INFINITE.test(t)) return { ok: false, problem: `${what} is "${t}": it must be a finite number (the +Inf bucket is always there; do not list it)` };
  if (!DECIMAL.test(t)) return { ok: false, problem: `${what} is "${t}", not a number: write decimal numbers such as 25, 0.5 or 1e-3` };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, problem: `${what} is "${t}", beyond the largest number there is (about 1.8e308)` };
  return { ok: true, value: n };
}

/** The bounds a free list gives, or why it gives none. */
export function parseBounds(text: string): Parsed<number[]> {
  const t = text.trim();
  if (t === "") return { ok: false, problem: "no bounds: list at least one, e.g. 0, 25, 50, 100" };
  const items = t.split(/\s*,\s*|\s+/);
  if (items.length > MAX_BOUNDS) return { ok: false, problem: `${count(items.length)} bounds: at most ${count(MAX_BOUNDS)}` };
  const bounds: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i] === "") return { ok: false, problem: `bound ${i} is empty: two commas in a row, or a comma at either end` };
    const n = parseDecimal(items[i]!, `bound ${i}`);
    if (!n.ok) return n;
    bounds.push(n.value);
  }
  const problem = boundsProblem(bounds);
  return problem ? { ok: false, problem } : { ok: true, value: bounds };
}

/** Bounds as the free list writes them: the shortest text of each float, so they read back the same. */
export function formatBounds(bounds: readonly number[]): string {
  return bounds.map((b) => String(b)).join(", ");
}

export type GeneratorKind = "linear" | "exponential" | "range";
/** Each generator's parameters, in client_golang's order. */
export const GENERATOR_PARAMS = {
  linear: ["start", "width", "count"],
  exponential: ["start", "factor", "count"],
  range: ["min", "max", "count"],
} as const satisfies Record<GeneratorKind, readonly string[]>;
export type GeneratorParam = (typeof GENERATOR_PARAMS)[GeneratorKind][number];

/** What a generator gives: its bounds, or a message per parameter (and `bounds` for the result). */
export type Generated = { ok: true; bounds: number[] } | { ok: false; problems: Partial<Record<GeneratorParam | "bounds", string>> };

function parseCount(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > MAX_BOUNDS)
    return { ok: false, problem: `count must be a whole number from 1 to ${count(MAX_BOUNDS)}; got "${t}"` };
  return { ok: true, value: Number(t) };
}

/**
 * The bounds of generator `kind` with `params` as typed (start, width, count; start, factor,
 * count; min, max, count), computed by the engine exactly as client_golang does.
 */
export function generateBounds(kind: GeneratorKind, params: Readonly<Record<string, string>>): Generated {
  const names = GENERATOR_PARAMS[kind];
  const problems: Partial<Record<GeneratorParam | "bounds", string>> = {};
  const values: number[] = [];
  for (const name of names) {
    const parsed = name === "count" ? parseCount(params[name] ?? "") : parseDecimal(params[name] ?? "", name);
    if (parsed.ok) values.push(parsed.value);
    else problems[name] = parsed.problem;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const [a, b, n] = values as [number, number, number];
  let bounds: number[];
  try {
    bounds = kind === "linear" ? linearBuckets(a, b, n) : kind === "exponential" ? exponentialBuckets(a, b, n) : exponentialBucketsRange(a, b, n);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // The engine names the parameter it refused: "exponentialBuckets: factor must be > 1, got 1".
    const named = names.find((p) => new RegExp(`: ${p}\\b`).test(message));
    return { ok: false, problems: { [named ?? "count"]: message } };
  }
  const problem = boundsProblem(bounds);
  return problem ? { ok: false, problems: { bounds: problem } } : { ok: true, bounds };
}

/** The 1-2-5 number at or below x > 0 (…, 0.5, 1, 2, 5, 10, …), as the advisor's `nice` rounds. */
export function round125(x: number): number {
  if (!(x > 0)) return x;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [5, 2, 1]) if (m * p <= x * (1 + 1e-12)) return Number((m * p).toPrecision(12));
  return Number((p / 2).toPrecision(12));
}

/** Strictly increasing, finite, duplicates (after rounding) dropped. */
const tidy = (bounds: readonly number[]): number[] => [...new Set(bounds.filter(Number.isFinite))].sort((a, b) => a - b);

/**
 * `count` bounds spread exponentially over the recorded range (smallest positive value to the
 * largest), as the advisor measures its rivals; null when no value is positive or the range is
 * one value. With `nice`, rounded to 1-2-5 (so perhaps fewer).
 */
export function exponentialOver(lo: number, hi: number, n: number, nice: boolean): number[] | null {
  if (!(lo > 0) || !(hi > lo) || n < 2) return null;
  const bounds = exponentialBucketsRange(lo, hi, n);
  bounds[n - 1] = hi;
  return tidy(nice ? bounds.map(round125) : bounds);
}

/** `count` bounds spread linearly from the smallest recorded value to the largest; null for one value. */
export function linearOver(lo: number, hi: number, n: number, nice: boolean): number[] | null {
  if (!(hi > lo) || n < 2) return null;
  const bounds = Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
  return tidy(nice ? bounds.map(round125) : bounds);
}
