// Playwright runs e2e/ against the production build (`vite build` then `vite preview`) in
// Chromium (see e2e/support/environment.ts for which one), on a free port.
import { defineConfig } from "@playwright/test";
import { chromiumProject, portFor, previewCommand } from "./e2e/support/environment";

const PORT = await portFor("E2E_PORT");
// Nothing listens here: push tests in this suite see an unreachable gateway.
const NO_GATEWAY = await portFor("E2E_NO_GATEWAY_PORT");
// Nor here: remote-write tests in this suite see an unreachable receiver (never a real one that
// happens to listen on Prometheus's default port).
const NO_RECEIVER = await portFor("E2E_NO_RECEIVER_PORT");
// The build to serve: dist/ unless E2E_OUT_DIR names another (so two runs in one tree can
// each test their own build without deleting the other's files).
const OUT_DIR = process.env.E2E_OUT_DIR ?? "dist";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [chromiumProject],
  webServer: {
    command: previewCommand(PORT, OUT_DIR).join(" "),
    url: `http://127.0.0.1:${PORT}`,
    env: { PUSHGATEWAY_URL: `http://127.0.0.1:${NO_GATEWAY}`, REMOTE_WRITE_URL: `http://127.0.0.1:${NO_RECEIVER}/api/v1/write` },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
