import { describe, expect, it } from "vitest";
import {
  clampRate,
  drawLatency,
  linesDue,
  modelProblem,
  randomLine,
  SEED_MAXIMA,
  seededRandom,
} from "./simulator";

describe("traffic pacing", () => {
  it("is exact by the clock", () => {
    expect(linesDue(1000, 0, 2000)).toBe(2000);
    expect(linesDue(3, 0, 999)).toBe(2);
    expect(linesDue(50_000, 100, 100)).toBe(0);
    expect(linesDue(10, 500, 0)).toBe(0);
  });

  it("rates are clamped to 1–100,000 whole lines/s", () => {
    expect(clampRate(0)).toBe(1);
    expect(clampRate(250_000)).toBe(100_000);
    expect(clampRate(12.6)).toBe(13);
    expect(clampRate(NaN)).toBe(1);
  });
});

describe("latency models", () => {
  it("seed: uniform integer below the maximum picked by the clock's seconds mod 5", () => {
    const random = seededRandom(1);
    for (let s = 0; s < 10; s++) {
      const max = SEED_MAXIMA[s % 5]!;
      for (let i = 0; i < 200; i++) {
        const v = drawLatency({ kind: "seed" }, s * 1000 + 999, random);
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(max);
      }
    }
    expect(drawLatency({ kind: "seed" }, 3_000, () => 0.9999)).toBe(86); // 3 % 5 = 3 → max 87
  });

  it("log-normal has the given median", () => {
    const random = seededRandom(7);
    const xs = Array.from({ length: 20_001 }, () => drawLatency({ kind: "lognormal", median: 120, spread: 0.8 }, 0, random)).sort(
      (a, b) => a - b,
    );
    expect(xs[10_000]!).toBeGreaterThan(114);
    expect(xs[10_000]!).toBeLessThan(126);
    expect(xs.every((x) => x > 0)).toBe(true);
  });

  it("uniform stays in [min, max)", () => {
    const random = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const v = drawLatency({ kind: "uniform", min: 5, max: 9 }, 0, random);
      expect(v >= 5 && v < 9).toBe(true);
    }
  });

  it("bad parameters are explained", () => {
    expect(modelProblem({ kind: "lognormal", median: 0, spread: 1 })).toMatch(/median must be a number from 0.001 to 600000 ms/);
    expect(modelProblem({ kind: "lognormal", median: 1e300, spread: 1 })).toMatch(/median must be/);
    expect(modelProblem({ kind: "lognormal", median: 5, spread: 6 })).toMatch(/spread must be a number from 0 to 5/);
    expect(modelProblem({ kind: "uniform", min: 0, max: 700_000 })).toMatch(/max must be a number from 0 to 600000 ms/);
    expect(modelProblem({ kind: "lognormal", median: 5, spread: -1 })).toMatch(/spread/);
    expect(modelProblem({ kind: "uniform", min: 10, max: 10 })).toMatch(/max must be greater than min/);
    expect(modelProblem({ kind: "uniform", min: -1, max: 10 })).toMatch(/min must be/);
    expect(modelProblem({ kind: "seed" })).toBeNull();
  });
});

it("random lines are 1–8 words", () => {
  const random = seededRandom(11);
  for (let i = 0; i < 200; i++) {
    const words = randomLine(random).split(" ");
    expect(words.length).toBeGreaterThanOrEqual(1);
    expect(words.length).toBeLessThanOrEqual(8);
  }
});
