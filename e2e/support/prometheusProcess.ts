// A real Prometheus process for the proofs that compare with one (test/promql/backfilled.ts,
// e2e-prometheus/remote-write.spec.ts): started on 127.0.0.1:<port> with the given flags.
// Rules: it waits at most 20 s for /-/ready; `stop()` sends SIGTERM, then SIGKILL after 5 s, and
// removes `cleanup` (its temp dir) whatever happened; a missing binary fails with the install
// command.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

export interface PrometheusProcess {
  /** http://127.0.0.1:<port> */
  readonly base: string;
  stop(): Promise<void>;
}

export const PROMETHEUS_MISSING = "needs `promtool` and `prometheus` 2.42 (Debian/Ubuntu: sudo apt-get install prometheus)";

export async function startPrometheus(port: number, flags: readonly string[], cleanup: string | null): Promise<PrometheusProcess> {
  const prom = spawn("prometheus", [...flags, `--web.listen-address=127.0.0.1:${port}`], { stdio: "ignore" });
  const stop = async () => {
    if (prom.exitCode === null && prom.signalCode === null) {
      const exited = new Promise((r) => prom.once("exit", r));
      prom.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (prom.exitCode === null && prom.signalCode === null) prom.kill("SIGKILL");
    }
    if (cleanup !== null) rmSync(cleanup, { recursive: true, force: true });
  };
  let failed: Error | null = null;
  prom.once("error", (e) => (failed = e));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (failed) {
      await stop();
      throw new Error(`prometheus did not start (${(failed as Error).message}); this ${PROMETHEUS_MISSING}`);
    }
    try {
      if ((await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (prom.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with code ${prom.exitCode} before it was ready (is 127.0.0.1:${port} taken?)`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("Prometheus did not become ready within 20 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop };
}
