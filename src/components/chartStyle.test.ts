// Unit tests for the Y ticks a history chart sets itself and the axis width they need.
import { describe, expect, it } from "vitest";
import { formatNumber } from "./format";
import { axisWidth, niceTicks, timeTicks } from "./chartStyle";

describe("niceTicks", () => {
  it("covers the range in round steps", () => {
    expect(niceTicks(0, 3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 201.2)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(niceTicks(0, 0.3333)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0, 1523.7)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(0, 12)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
  });

  it("includes both ends, negative ones too", () => {
    expect(niceTicks(-7, 12)).toEqual([-10, -5, 0, 5, 10, 15]);
    expect(niceTicks(95, 105)).toEqual([95, 97.5, 100, 102.5, 105]);
  });

  it("widens an empty or missing range", () => {
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(-4, -4)).toEqual([-4, -3, -2, -1, 0]);
    expect(niceTicks(Infinity, -Infinity)).toEqual([0, 1]);
  });

  it("has no float noise in its values", () => {
    for (const hi of [0.3, 0.7, 1.1, 2.9, 13.7, 0.00042])
      for (const t of niceTicks(0, hi)) expect(formatNumber(t).length).toBeLessThanOrEqual(7);
  });
});

describe("axisWidth", () => {
  it("fits the widest label", () => {
    expect(axisWidth(["0", "0.75", "1.5", "2.25", "3"])).toBeGreaterThan(axisWidth(["0", "1", "2", "3"]));
    expect(axisWidth(["0", "1,600"])).toBe(axisWidth(["1,600", "0"]));
    expect(axisWidth(["1"])).toBe(28);
  });
});

describe("whole-number and clock ticks", () => {
  it("counts get whole-number ticks", () => {
    expect(niceTicks(0, 1, 5, true)).toEqual([0, 1]);
    expect(niceTicks(0, 3, 5, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 12, 5, true)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("clock ticks fall on round seconds, at most five", () => {
    const t0 = 1_700_000_000_300;
    expect(timeTicks(t0, t0 + 4_000)).toEqual([1_700_000_001_000, 1_700_000_002_000, 1_700_000_003_000, 1_700_000_004_000]);
    const five = timeTicks(t0, t0 + 300_000);
    expect(five.length).toBeLessThanOrEqual(5);
    expect(five.every((t) => t % 60_000 === 0 || t % 120_000 === 0)).toBe(true);
    expect(timeTicks(t0, t0)).toEqual([t0]);
  });
});
