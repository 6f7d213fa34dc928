import { describe, expect, it } from "vitest";
import type { Row } from "../../engine";
import { bucketExemplars, exemplarTime } from "./exemplars";

const ex = (line: string, t: number, more: Record<string, string> = {}) => ({
  labels: { ...more, line_id: line },
  value: 1,
  timestamp: t,
});
const row = (exemplars: unknown[]): Row =>
  ({ tags: [], data: { type: "distribution", count: 1, sum: 1, mean: 1, min: 1, max: 1, sumOfSquaredDeviation: 0, bucketCounts: [0, 1, 0], exemplars } }) as Row;

describe("bucketExemplars", () => {
  it("gathers each row's exemplar per bucket, newest first, reading line_id and trace_id", () => {
    const rows = [row([undefined, ex("3", 30)]), row([undefined, ex("7", 70, { zone: "eu", trace_id: "abc" })])];
    const byBucket = bucketExemplars(rows, 3);
    expect(byBucket[0]).toEqual([]);
    expect(byBucket[2]).toEqual([]);
    expect(byBucket[1]).toEqual([
      { value: 1, timestamp: 70, lineId: 7, traceId: "abc", other: ['zone="eu"'] },
      { value: 1, timestamp: 30, lineId: 3, traceId: null, other: [] },
    ]);
  });

  it("formats the time to the millisecond, in UTC", () => {
    expect(exemplarTime(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe("03:04:05.006 UTC");
  });
});
