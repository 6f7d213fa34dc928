// A real Prometheus 2.42 over a history file, for the proofs and benches that compare the
// evaluator with it: `promtool tsdb create-blocks-from openmetrics` into a temp dir, then
// `prometheus` on a free 127.0.0.1 port with that storage.
// Rules: everything it starts is stopped and its temp dir removed by `stop()` (SIGTERM, then
// SIGKILL after 5 s); it waits at most 20 s for Prometheus to be ready, and fails with the
// install command when the binaries are missing.

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../e2e/support/environment";

export interface Backfilled {
  /** http://127.0.0.1:<port> */
  readonly base: string;
  /** POSTs `params` to an API path and returns the parsed JSON. */
  ask(path: string, params: Record<string, string>): Promise<unknown>;
  stop(): Promise<void>;
}

const MISSING = "needs `promtool` and `prometheus` 2.42 (Debian/Ubuntu: sudo apt-get install prometheus)";

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
    throw new Error(`backfill failed (${(error as Error).message}); this ${MISSING}`, { cause: error });
  }
  const port = await freePort();
  const prom = spawn(
    "prometheus",
    [`--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--storage.tsdb.retention.time=100y"],
    { stdio: "ignore" },
  );
  const stop = async () => {
    if (prom.exitCode === null && prom.signalCode === null) {
      const exited = new Promise((r) => prom.once("exit", r));
      prom.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (prom.exitCode === null && prom.signalCode === null) prom.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let failed: Error | null = null;
  prom.once("error", (e) => (failed = e));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (failed) {
      await stop();
      throw new Error(`prometheus did not start (${(failed as Error).message}); this ${MISSING}`);
    }
    try {
      if ((await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("Prometheus did not become ready within 20 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    ask: async (path, params) => {
      const r = await fetch(`${base}${path}`, { method: "POST", body: new URLSearchParams(params), signal: AbortSignal.timeout(60_000) });
      return r.json();
    },
    stop,
  };
}
