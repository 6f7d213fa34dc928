// What both Playwright configs and the browser bench (bench/browser/) need from the machine: a
// Chromium to drive, how its pages look, free ports, and the command that serves a build.
// Browser: the system Chromium when there is one (Debian: `apt-get install chromium`, or set
// CHROMIUM_PATH), else Playwright's own (`npx playwright install chromium`), because CI here
// cannot download browsers.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { devices, type PlaywrightTestConfig } from "@playwright/test";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(
  (p): p is string => Boolean(p),
);
/** The system Chromium in use, or undefined when Playwright's own is. */
export const systemChromium = candidates.find((p) => existsSync(p));
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** How to launch Chromium here: tests and the browser benchmark use the same. */
export const chromiumLaunchOptions = {
  ...(systemChromium ? { executablePath: systemChromium } : {}),
  args: [
    ...(isRoot ? ["--no-sandbox"] : []),
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
  ],
};

/** The page every test and bench scenario gets: a desktop Chrome, 1280×800. */
export const pageOptions = { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } };

export const chromiumProject: NonNullable<PlaywrightTestConfig["projects"]>[number] = {
  name: "chromium",
  use: { ...pageOptions, launchOptions: chromiumLaunchOptions },
};

/**
 * The command that serves a production build (`outDir`, else dist/) on 127.0.0.1:`port` and
 * nothing else: `vite preview` with the app's headers and /pushgateway proxy (vite.config.ts),
 * failing rather than moving to another port. As argv: `.join(" ")` for a Playwright webServer.
 */
export function previewCommand(port: number, outDir?: string): [string, ...string[]] {
  return ["npx", "vite", "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort", ...(outDir ? ["--outDir", outDir] : [])];
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A port chosen once per run: configs are loaded again in every worker, so the first choice
 * is kept in the environment, which workers inherit.
 */
export async function portFor(name: string): Promise<number> {
  process.env[name] ??= String(await freePort());
  return Number(process.env[name]);
}
