// A real Prometheus 2.42 over a history file, for the proofs and benches that compare the
// evaluator with it: `promtool tsdb create-blocks-from openmetrics` into a temp dir, then
// `prometheus` on a free 127.0.0.1 port with that storage (e2e/support/prometheusProcess.ts).
// Rules: everything it starts is stopped and its temp dir removed by `stop()`; it fails with the
// install command when the binaries are missing.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../e2e/support/environment";
import { PROMETHEUS_MISSING, startPrometheus } from "../../e2e/support/prometheusProcess";

export interface Backfilled {
  /** http://127.0.0.1:<port> */
  readonly base: string;
  /** POSTs `params` to an API path and returns the parsed JSON. */
  ask(path: string, params: Record<string, string>): Promise<unknown>;
  stop(): Promise<void>;
}

/** Backfills `history` (OpenMetrics with timestamps) and serves it with a real Prometheus. */
export async function backfilledPrometheus(history: string): Promise<Backfilled> {
  const dir = mkdtempSync(join(tmpdir(), "promql-backfill-"));
  const file = join(dir, "history.om.txt");
  writeFileSync(file, history);
  writeFileSync(join(dir, "prometheus.yml"), "global:\n  evaluation_interval: 1m\n");
  try {
    execFileSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", file, join(dir, "data")], { stdio: "pipe", timeout: 120_000 });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`backfill failed (${(error as Error).message}); this ${PROMETHEUS_MISSING}`, { cause: error });
  }
  const port = await freePort();
  const { base, stop } = await startPrometheus(
    port,
    [`--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, "--storage.tsdb.retention.time=100y"],
    dir,
  );
  return {
    base,
    ask: async (path, params) => {
      const r = await fetch(`${base}${path}`, { method: "POST", body: new URLSearchParams(params), signal: AbortSignal.timeout(60_000) });
      return r.json();
    },
    stop,
  };
}
