// Scenario "remote-write": encoding + compression of 1 hour × 500 series at 1 s (1,800,000
// samples, bench/wire/history.ts) in Chromium, as the app sends a history: the span copied from
// the app's series store on the main thread, then cut into requests of 2,000 samples in time
// order, each encoded and compressed in the encoder's Web Worker (src/store/remoteWriteEncoder.ts),
// asked for one after the other (bench/browser/remote-write-page.ts says exactly what runs).
// How: Vite's JS API builds that page into bench/results/dist-remote-write (every run, since
// the code measured is the source as it is now; the app's build is not needed, nor its preview
// server), a node:http server in this process serves it on a free 127.0.0.1 port, and the page
// runs one warm-up and five timed passes, then sizes both layouts untimed.
// Figures: samples/s (median and best of the timed passes, wall time), the main thread's own
// work per pass (the copy), the longest main-thread task during the passes (PerformanceObserver
// "longtask" entries, and the page's timing of the copy), and snappy bytes per sample of ours
// against Prometheus 2.42's layout (one TimeSeries per sample) in requests of 500 and 2,000.
// Rules: goals — median ≥ 2,000,000 samples/s, and no main-thread task over 50 ms in the timed
// passes — are reported met or MISSED, never asserted. The cold warm-up pass is a person's first
// send (the worker's start and the code's first run), so its long tasks are figures of their
// own, not hidden and not mixed into the warm ones. A page
// error, console error or failed request, a check the page reports (sample count, a body that
// does not unsnappy to its protobuf, bytes that differ between passes), or a run that does not
// end within 5 minutes is a failure. Long tasks of the history's generation and of the untimed
// sizing are the bench's own, listed apart.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import type { Page } from "@playwright/test";
import { build as viteBuild } from "vite";

import { pageOptions } from "../../e2e/support/environment";
import { COPY_BUDGET_MS } from "../../src/store/remoteWrite";
import { fmt, table } from "../harness";
import { ROOT } from "./build";
import { int, median, ms } from "./figures";
import { fail, failOnPageErrors } from "./problems";
import type { LongTask, Pass, RemoteWriteResult, RunOptions } from "./remote-write-page";
import type { Scenario } from "./scenario";

/** Relative to ROOT; git-ignored with the rest of bench/results. */
export const PAGE_DIR = "bench/results/dist-remote-write";
const PAGE_HTML = "remote-write.html";
const OPTIONS: RunOptions = { batch: 2_000, warmup: 1, timed: 5, budgetMs: 10, prometheusBatches: [500, 2_000] };
const GOAL_SAMPLES_PER_S = 2_000_000;
const LONG_TASK_GOAL_MS = 50;
const READY_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 5 * 60_000;

/** Builds the page with the app's production settings (vite.config.ts build: es2022, minified, no source maps); returns ms. */
async function buildPage(): Promise<number> {
  const t0 = performance.now();
  await viteBuild({
    // Not the app's config: its plugins and proxies are the app's, and the page needs none.
    configFile: false,
    root: path.join(ROOT, "bench/browser"),
    publicDir: false,
    logLevel: "warn",
    mode: "production",
    build: {
      outDir: path.join(ROOT, PAGE_DIR),
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      rolldownOptions: { input: path.join(ROOT, "bench/browser", PAGE_HTML) },
    },
  });
  return performance.now() - t0;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** Serves `dir` on a free 127.0.0.1 port (files only; anything else 404); resolves with its URL and its stop. */
async function serve(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let file: string | null = null;
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
      const candidate = path.join(dir, path.normalize(pathname));
      if (candidate.startsWith(dir + path.sep) && statSync(candidate, { throwIfNoEntry: false })?.isFile()) file = candidate;
    } catch {
      // a malformed URL: 404 below
    }
    if (req.method !== "GET" || file === null) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs the page's bench and returns its result, or throws with the phase it was in. */
async function runInPage(page: Page): Promise<RemoteWriteResult> {
  await page.waitForFunction(() => window.__remoteWrite?.state === "ready", undefined, { timeout: READY_TIMEOUT_MS });
  await page.evaluate((o) => window.__remoteWrite!.start(o), OPTIONS);
  try {
    // Polled once a second, not every frame: the poll is a task on the page's main thread too.
    await page.waitForFunction(() => window.__remoteWrite?.state !== "running", undefined, { timeout: RUN_TIMEOUT_MS, polling: 1_000 });
  } catch (error) {
    const progress = await page.evaluate(() => window.__remoteWrite?.progress ?? "?").catch(() => "?");
    throw new Error(`the page's run did not end within ${RUN_TIMEOUT_MS / 1000} s (in phase "${progress}")`, { cause: error });
  }
  const { state, result, error } = await page.evaluate(() => {
    const b = window.__remoteWrite!;
    return { state: b.state, result: b.result, error: b.error };
  });
  if (state !== "done" || !result) throw new Error(`the page's run failed: ${error ?? state}`);
  return result;
}

const rate = (samples: number, took: number): number => samples / (took / 1000);
const perSample = (bytes: number, samples: number): string => fmt(bytes / samples, 3);

export const remoteWrite: Scenario = {
  id: "remote-write",
  title: "remote-write: encode + snappy of 1 h × 500 series at 1 s in Chromium",
  needsBrowser: true,
  needsAppBuild: false,
  async run(ctx) {
    if (!ctx.browser) throw new Error("this scenario needs the browser");
    console.log(`   building the page into ${PAGE_DIR}/ (vite build, the app's build settings) …`);
    const buildMs = await buildPage();
    const server = await serve(path.join(ROOT, PAGE_DIR));
    const context = await ctx.browser.newContext({ ...pageOptions, baseURL: server.url });
    try {
      // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`; the
      // page has no such helper, so functions passed to evaluate would throw without this shim.
      await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("crash", () => errors.push("page crashed"));
      page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? "?"})`));
      page.on("response", (r) => {
        if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`);
      });
      await page.goto(PAGE_HTML);
      const r = await runInPage(page);

      // ---- verdict on behaviour ----
      for (const p of r.problems) fail(`remote-write: ${p}`);
      failOnPageErrors("remote-write", errors);

      // ---- figures ----
      const encoding = r.passes;
      const timed = encoding.filter((p) => !p.warmup);
      const wall = (p: Pass): number => p.endAt - p.startAt;
      const rates = timed.map((p) => rate(p.samples, wall(p)));
      const busyRates = timed.map((p) => rate(p.samples, p.busyMs));
      const medianRate = median(rates);
      const bestRate = Math.max(...rates);
      // By overlap, not by start: a task starts a little before the page reads the clock in it.
      const overlaps = (t: LongTask, w: { startAt: number; endAt: number }): boolean => t.start < w.endAt && t.start + t.duration > w.startAt;
      const passOf = (t: LongTask): Pass | undefined => encoding.find((p) => overlaps(t, p));
      const passTasks = r.longTasks.filter((t) => passOf(t));
      const otherTasks = r.longTasks.filter((t) => !passOf(t));
      const phaseOf = (t: LongTask): string => r.phases.find((p) => overlaps(t, p))?.what ?? "page load";
      const timedTasks = passTasks.filter((t) => !passOf(t)!.warmup);
      const warmupTasks = passTasks.filter((t) => passOf(t)!.warmup);
      const longest = (ts: readonly LongTask[]): number | null => (ts.length ? Math.max(...ts.map((t) => t.duration)) : null);
      const overGoal = timedTasks.filter((t) => t.duration > LONG_TASK_GOAL_MS);
      const warmups = encoding.filter((p) => p.warmup);
      const ours = r.ours;
      const label = (p: Pass, i: number): string => (p.warmup ? "warm-up" : `pass ${i - OPTIONS.warmup + 1}`);

      const rows: string[][] = [
        ["series × samples", `${int(r.series)} × ${int(r.samples / r.series)} = ${int(r.samples)} samples`],
        ["requests per pass", `${int(timed[0]?.requests ?? 0)} of ≤ ${int(OPTIONS.batch)} samples`],
        ["main thread's work", `copying the span out of the store, in tasks of at most ${COPY_BUDGET_MS} ms (copySpan); cut, encode and snappy run in the encoder's worker`],
        ["samples/s, wall (median of passes)", `${int(Math.round(medianRate))} /s`],
        ["samples/s, wall (best)", `${int(Math.round(bestRate))} /s`],
        ["samples/s of the main thread's copy (median)", `${int(Math.round(median(busyRates)))} /s`],
        ["main-thread copy tasks per pass (median)", int(median(timed.map((p) => p.tasks)))],
        ["long tasks (> 50 ms) in the timed passes", timedTasks.length ? `${timedTasks.length}, longest ${ms(longest(timedTasks))}` : "none"],
        ["longest task in the timed passes, page's timing", ms(Math.max(...timed.map((p) => p.longestTaskMs)))],
        [
          "cold warm-up pass: long tasks (> 50 ms)",
          warmupTasks.length ? `${warmupTasks.length}, longest ${ms(longest(warmupTasks))}` : "none",
        ],
        ["cold warm-up pass: longest task, page's timing", ms(Math.max(...warmups.map((p) => p.longestTaskMs)))],
        ["history generated in (bench's own, one task)", ms(r.generateMs)],
        ["page build (vite)", ms(buildMs)],
      ];
      const passRows = encoding.map((p, i) => [
        label(p, i),
        ms(wall(p)),
        ms(p.busyMs),
        int(p.tasks),
        ms(p.longestTaskMs),
        `${int(Math.round(rate(p.samples, wall(p))))} /s`,
      ]);
      const layouts: [string, number, { requests: number; raw: number; snappy: number }][] = [
        [`ours: a TimeSeries per series per request of ${int(OPTIONS.batch)}`, OPTIONS.batch, ours],
        ...r.prometheus.map(({ batch, size }): [string, number, typeof size] => [`Prometheus 2.42: a TimeSeries per sample, ${int(batch)} per request`, batch, size]),
      ];
      const sizeRows = layouts.map(([name, , s]) => [
        name,
        int(s.requests),
        perSample(s.raw, r.samples),
        perSample(s.snappy, r.samples),
        `${fmt(s.snappy / ours.snappy, 2)}×`,
      ]);
      const lines = [
        table(["figure", "value"], rows),
        "   passes (wall = the copy's first task to the worker's last request; busy = the main thread's copy):",
        table(["pass", "wall", "busy", "tasks", "longest task", "samples/s"], passRows)
          .split("\n")
          .map((l) => "   " + l)
          .join("\n"),
        "   wire bytes per sample (the same samples, metadata in our first request):",
        table(["layout", "requests", "protobuf B/sample", "snappy B/sample", "snappy vs ours"], sizeRows)
          .split("\n")
          .map((l) => "   " + l)
          .join("\n"),
      ];
      if (warmupTasks.length)
        lines.push(
          "   note: the warm-up pass runs the wire code for the first time; its first request also encodes the labels of all 500 series (memoized after)",
        );
      if (passTasks.length) {
        const each = passTasks.map((t) => `${label(passOf(t)!, encoding.indexOf(passOf(t)!))} +${fmt((t.start - passOf(t)!.startAt) / 1000, 2)} s: ${fmt(t.duration, 0)} ms`);
        lines.push("   long tasks during the passes (pass, start in it: duration):");
        for (let i = 0; i < each.length; i += 4) lines.push("     " + each.slice(i, i + 4).join(", "));
      }
      if (otherTasks.length) {
        const each = otherTasks.map((t) => `${phaseOf(t)}: ${fmt(t.duration, 0)} ms`);
        lines.push("   the bench's own long tasks (not the encoder's passes):");
        for (let i = 0; i < each.length; i += 4) lines.push("     " + each.slice(i, i + 4).join(", "));
      }

      return {
        heading: `remote-write: encode + snappy of ${int(r.samples)} samples (${int(r.series)} series × 1 h at 1 s) in requests of ${int(OPTIONS.batch)}, ${OPTIONS.timed} passes after ${OPTIONS.warmup} warm-up`,
        body: lines.join("\n"),
        goals: [
          { what: `≥ ${int(GOAL_SAMPLES_PER_S)} samples/s (median)`, met: medianRate >= GOAL_SAMPLES_PER_S },
          { what: `no task over ${LONG_TASK_GOAL_MS} ms in the timed passes`, met: overGoal.length === 0 },
        ],
        json: {
          options: OPTIONS,
          pageBuildMs: buildMs,
          series: r.series,
          samples: r.samples,
          generateMs: r.generateMs,
          passes: encoding.map((p) => ({ ...p, wallMs: wall(p), samplesPerSecond: rate(p.samples, wall(p)) })),
          samplesPerSecond: { median: medianRate, best: bestRate, insideTasksMedian: median(busyRates) },
          longTasksTimedPasses: timedTasks,
          longTasksWarmup: warmupTasks,
          longTasksOther: otherTasks.map((t) => ({ ...t, phase: phaseOf(t) })),
          longestTaskTimedPassesMs: longest(timedTasks),
          longestTaskWarmupMs: longest(warmupTasks),
          phases: r.phases,
          bytesPerSample: Object.fromEntries(
            layouts.map(([, batch, s], i) => [i === 0 ? "ours" : `prometheus${batch}`, { requests: s.requests, raw: s.raw / r.samples, snappy: s.snappy / r.samples }]),
          ),
          bytes: { ours, prometheus: r.prometheus },
          goals: { samplesPerSecond: GOAL_SAMPLES_PER_S, longTaskMs: LONG_TASK_GOAL_MS },
        },
      };
    } finally {
      await context.close().catch(() => undefined);
      await server.stop();
    }
  },
};
