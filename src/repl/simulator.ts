// Synthetic traffic: lines of random words at a steady rate, some failing, with a latency
// drawn from a model. Pure and clock-driven: `due(now)` says how many lines should exist by
// now, so the count is exact whatever the tick rhythm, and nothing ever really sleeps.
// Models:
// - "seed": the OpenCensus exporter tutorial's random sleep: uniform integer ms in [0, max),
//   with max cycling 17001, 8007, 917, 87, 1173 by the clock's Unix seconds mod 5;
// - "lognormal": median·e^(spread·Z), Z standard normal (spread is σ of ln latency);
// - "uniform": uniform in [min, max).

export type LatencyModel =
  | { kind: "seed" }
  | { kind: "lognormal"; median: number; spread: number }
  | { kind: "uniform"; min: number; max: number };

export const SEED_MAXIMA = [17001, 8007, 917, 87, 1173] as const;
export const MIN_RATE = 1;
export const MAX_RATE = 100_000;

/**
 * The ranges of the simulator's settings: the fields, the model check and the schema of stored
 * settings all use these, so a value one of them accepts the others accept too.
 */
export const LIMITS = {
  rate: { min: MIN_RATE, max: MAX_RATE, unit: "lines/s" },
  errorPercent: { min: 0, max: 100, unit: "%" },
  median: { min: 0.001, max: 600_000, unit: "ms" },
  spread: { min: 0, max: 5, unit: "" },
  latency: { min: 0, max: 600_000, unit: "ms" },
} as const;

const within = (v: number, r: { min: number; max: number }) => Number.isFinite(v) && v >= r.min && v <= r.max;

export type Random = () => number;

/** Problems with a model's parameters, or null. */
export function modelProblem(model: LatencyModel): string | null {
  switch (model.kind) {
    case "seed":
      return null;
    case "lognormal":
      if (!within(model.median, LIMITS.median))
        return `median must be a number from ${LIMITS.median.min} to ${LIMITS.median.max} ms`;
      if (!within(model.spread, LIMITS.spread))
        return `spread must be a number from ${LIMITS.spread.min} to ${LIMITS.spread.max}`;
      return null;
    case "uniform":
      if (!within(model.min, LIMITS.latency)) return `min must be a number from 0 to ${LIMITS.latency.max} ms`;
      if (!within(model.max, LIMITS.latency)) return `max must be a number from 0 to ${LIMITS.latency.max} ms`;
      if (!(model.max > model.min)) return "max must be greater than min";
      return null;
  }
}

/** A standard normal draw (Box–Muller). */
function normal(random: Random): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function drawLatency(model: LatencyModel, nowMs: number, random: Random): number {
  switch (model.kind) {
    case "seed": {
      const max = SEED_MAXIMA[Math.floor(nowMs / 1000) % 5]!;
      return Math.floor(random() * max);
    }
    case "lognormal":
      return model.median * Math.exp(model.spread * normal(random));
    case "uniform":
      return model.min + random() * (model.max - model.min);
  }
}

const WORDS = (
  "the quick brown fox jumps over lazy dog metrics view measure tag row bucket histogram " +
  "counter gauge latency prometheus scrape export label sample family quantile rate sum " +
  "select from where order group insert update delete hello world café naïve über"
).split(" ");

/** A line of 1–8 random words. */
export function randomLine(random: Random): string {
  const n = 1 + Math.floor(random() * 8);
  let line = WORDS[Math.floor(random() * WORDS.length)]!;
  for (let i = 1; i < n; i++) line += " " + WORDS[Math.floor(random() * WORDS.length)]!;
  return line;
}

export const ERROR_MESSAGES = ["timeout", "connection reset", "invalid input"] as const;

export function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return MIN_RATE;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round(rate)));
}

/** The share of lines that fail, in [0, 1]; 0 for what is not a number. */
export function clampErrorRatio(ratio: number): number {
  return Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
}

/**
 * Lines due between `startedAt` and `now` at `rate` per second, as a whole count. Changing the
 * rate starts a new segment, so earlier lines are never recounted.
 */
export function linesDue(rate: number, startedAt: number, now: number): number {
  return Math.max(0, Math.floor(((now - startedAt) * rate) / 1000));
}

/** A seedable PRNG (mulberry32) for reproducible traffic in tests. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
