// The round trip through a real Prometheus: a Pushgateway and a Prometheus server (Debian
// packages) on free 127.0.0.1 ports with temporary storage and a 1 s scrape interval, and the
// app's preview server proxying to that gateway. Prometheus runs with native histograms on
// (--enable-feature=native-histograms): it then scrapes in protobuf, so the gateway serves what
// was pushed as protobuf, native histograms included; classic histograms come through as before. Playwright starts all three as web servers and
// stops them when the run ends, whether tests pass or fail; the temp dir goes in the teardown.
// Exemplar storage is on too (--enable-feature=native-histograms,exemplar-storage: 2.42 takes a
// comma-separated list), and a second job scrapes 127.0.0.1:RT_EXEMPLAR_PORT, where
// e2e-prometheus/exemplars.spec.ts serves the page's downloaded OpenMetrics text while it runs
// (the Pushgateway does not forward exemplars; before and after, that job's scrape is refused).
// Missing binaries fail the run at once with the install command.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumProject, portFor, previewCommand } from "./e2e/support/environment";

for (const bin of ["prometheus", "prometheus-pushgateway"]) {
  try {
    execFileSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" });
  } catch {
    throw new Error(`${bin} is needed for npm run test:prometheus: sudo apt-get install prometheus prometheus-pushgateway`);
  }
}

const APP = await portFor("RT_APP_PORT");
const GATEWAY = await portFor("RT_GATEWAY_PORT");
const PROMETHEUS = await portFor("RT_PROMETHEUS_PORT");
const EXEMPLARS = await portFor("RT_EXEMPLAR_PORT");
// The remote-write receiver's port: e2e-prometheus/remote-write.spec.ts starts (and stops) a
// Prometheus there with --web.enable-remote-write-receiver and fresh storage for each test, so a
// test can also take it down and bring it back; the app's proxy always points at it.
const REMOTE_WRITE = await portFor("RT_REMOTE_WRITE_PORT");
process.env.RT_DIR ??= mkdtempSync(join(tmpdir(), "playground-roundtrip-"));
const dir = process.env.RT_DIR;
writeFileSync(
  join(dir, "prometheus.yml"),
  [
    "global:",
    "  scrape_interval: 1s",
    "  evaluation_interval: 1s",
    "scrape_configs:",
    "  - job_name: pushgateway",
    "    honor_labels: true",
    "    static_configs:",
    `      - targets: ['127.0.0.1:${GATEWAY}']`,
    "  - job_name: exemplars",
    "    honor_labels: true",
    "    static_configs:",
    `      - targets: ['127.0.0.1:${EXEMPLARS}']`,
    "",
  ].join("\n"),
);
process.env.RT_PROMETHEUS_URL = `http://127.0.0.1:${PROMETHEUS}`;

export default defineConfig({
  testDir: "e2e-prometheus",
  outputDir: "test-results/prometheus",
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  globalTeardown: "./e2e-prometheus/teardown.ts",
  use: { baseURL: `http://127.0.0.1:${APP}`, trace: "retain-on-failure" },
  projects: [chromiumProject],
  webServer: [
    {
      command: `prometheus-pushgateway --web.listen-address=127.0.0.1:${GATEWAY}`,
      url: `http://127.0.0.1:${GATEWAY}/-/ready`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `prometheus --enable-feature=native-histograms,exemplar-storage --config.file=${join(dir, "prometheus.yml")} --storage.tsdb.path=${join(dir, "data")} --web.listen-address=127.0.0.1:${PROMETHEUS} --log.level=warn`,
      url: `http://127.0.0.1:${PROMETHEUS}/-/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: previewCommand(APP).join(" "),
      url: `http://127.0.0.1:${APP}`,
      env: { PUSHGATEWAY_URL: `http://127.0.0.1:${GATEWAY}`, REMOTE_WRITE_URL: `http://127.0.0.1:${REMOTE_WRITE}/api/v1/write` },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
