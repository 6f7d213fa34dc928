import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { historyOpenMetrics, type HistorySeries, openMetricsTimestamp } from "./historyFile";

const PROMTOOL = process.env.PROMTOOL ?? "promtool";

function series(labels: Record<string, string>, samples: [number, number, boolean?][]): HistorySeries {
  return {
    labels,
    t: samples.map((s) => s[0]),
    v: samples.map((s) => s[1]),
    stale: samples.map((s) => (s[2] ? 1 : 0)),
    n: samples.length,
  };
}

describe("history.om.txt", () => {
  it("writes timestamps that Prometheus's truncating `ts * 1000` reads back to the same millisecond", () => {
    // openmetricsparse.go: p.ts = int64(ts * 1000). Without the extra half millisecond, some of
    // these would come back one millisecond early.
    let early = 0;
    for (const from of [0, 1_763_000_000_000])
      for (let ms = from; ms < from + 20_000; ms++) {
        expect(Math.trunc(parseFloat(openMetricsTimestamp(ms)) * 1000)).toBe(ms);
        if (Math.trunc(parseFloat(`${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, "0")}`) * 1000) !== ms) early++;
      }
    expect(early).toBeGreaterThan(0); // the naive form really does lose a millisecond (1.001 s reads as 1000 ms)
  });

  it("groups by name, sorts series and leaves staleness markers out, ending with # EOF", () => {
    const text = historyOpenMetrics([
      series({ __name__: "up", job: "playground", instance: "browser" }, [[1_000, 1], [2_000, 1]]),
      series({ __name__: "lines_total", status: "OK", job: "playground" }, [[1_000, 2], [2_000, NaN, true]]),
      series({ __name__: "lines_total", status: "ERROR", job: "playground", error: 'a "b"\\' }, [[2_000, 0.5]]),
    ]);
    expect(text).toBe(
      [
        'lines_total{error="a \\"b\\"\\\\",job="playground",status="ERROR"} 0.5 2.0005',
        'lines_total{job="playground",status="OK"} 2.0 1.0005',
        'up{instance="browser",job="playground"} 1.0 1.0005',
        'up{instance="browser",job="playground"} 1.0 2.0005',
        "# EOF",
        "",
      ].join("\n"),
    );
  });

  it("is read back by promtool's backfill sample for sample", () => {
    const dir = mkdtempSync(join(tmpdir(), "history-om-"));
    try {
      const t0 = 1_763_000_000_123;
      const text = historyOpenMetrics([
        series({ __name__: "lines_total", status: "OK" }, [
          [t0, 1],
          [t0 + 1_001, 2.5],
          [t0 + 2_002, 1e-7],
        ]),
        series({ __name__: "latency_bucket", le: "+Inf" }, [[t0 + 15, 3]]),
      ]);
      writeFileSync(join(dir, "history.om.txt"), text);
      execFileSync(PROMTOOL, ["tsdb", "create-blocks-from", "openmetrics", join(dir, "history.om.txt"), join(dir, "data")], {
        stdio: "pipe",
        timeout: 60_000,
      });
      mkdirSync(join(dir, "data", "wal")); // `tsdb dump` opens the database, which wants a WAL folder
      const dump = execFileSync(PROMTOOL, ["tsdb", "dump", join(dir, "data")], { encoding: "utf8", timeout: 60_000 });
      const lines = dump.trim().split("\n").sort();
      expect(lines).toEqual(
        [
          `{__name__="latency_bucket", le="+Inf"} 3 ${t0 + 15}`,
          `{__name__="lines_total", status="OK"} 1 ${t0}`,
          `{__name__="lines_total", status="OK"} 2.5 ${t0 + 1_001}`,
          `{__name__="lines_total", status="OK"} 1e-07 ${t0 + 2_002}`,
        ].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
