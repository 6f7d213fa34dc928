// `npm run bench:browser`: the playground's production build, in headless Chromium, measured as
// a person would feel it. Why: the engine bench (bench/engine.ts) says recording is cheap; this
// checks that the page built on it stays responsive and exact.
// Runs build.ts (unless --no-build finds a build, or no scenario chosen needs the app's build),
// the scenarios (paste, simulator, long-run, bundle, designer-apply, remote-write: all, or those
// named by --only), with preview.ts serving the build when a scenario needs it in the browser and
// Chromium launched as the e2e tests launch it (e2e/support/environment.ts) when a scenario
// needs a browser (remote-write builds and serves its own page); prints each scenario's figures
// and goals, then all goals in one table, and writes bench/results/browser-latest.json.
//   npm run bench:browser                         all scenarios, after a fresh build
//   npm run bench:browser -- --only long-run      one scenario (comma-separate several)
//   npm run bench:browser -- --no-build           reuse bench/results/dist-browser
// Rule: exit 1 when the app misbehaved (problems.ts: page error, console error, count mismatch,
// a figure that never shows up, a step that throws), else 0 whatever the timings; 2 for a bad
// command line. Timings are never asserted: a goal is reported met or MISSED, nothing more.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { type Browser, chromium } from "@playwright/test";

import { chromiumLaunchOptions, systemChromium } from "../../e2e/support/environment";
import { fmt, table } from "../harness";
import { OUT_DIR, ROOT, build } from "./build";
import { bundle } from "./bundle";
import { designerApply } from "./designer-apply";
import { longRun } from "./long-run";
import { paste } from "./paste";
import { startPreview, stopPreview, wasInterrupted } from "./preview";
import { fail, problems } from "./problems";
import { remoteWrite } from "./remote-write";
import type { Outcome, Scenario } from "./scenario";
import { simulator } from "./simulator";

const SCENARIOS: readonly Scenario[] = [paste, simulator, longRun, bundle, designerApply, remoteWrite];
const RESULTS_FILE = path.join(ROOT, "bench/results/browser-latest.json");

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run bench:browser -- [--no-build] [--only ${SCENARIOS.map((s) => s.id).join("|")}[,…]]`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { reuseBuild: boolean; chosen: readonly Scenario[] } {
  let reuseBuild = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--no-build") reuseBuild = true;
    else if (a === "--only") {
      const v = argv[++i];
      if (!v) usage("--only needs a scenario");
      only.push(...v.split(","));
    } else if (a.startsWith("--only=")) only.push(...a.slice("--only=".length).split(","));
    else usage(`unknown argument ${JSON.stringify(a)}`);
  }
  for (const id of only) if (!SCENARIOS.some((s) => s.id === id)) usage(`no scenario ${JSON.stringify(id)}`);
  return { reuseBuild, chosen: only.length ? SCENARIOS.filter((s) => only.includes(s.id)) : SCENARIOS };
}

/** A, B, C… by place in the full list, so a scenario keeps its letter when run alone. */
const letter = (s: Scenario): string => String.fromCharCode(65 + SCENARIOS.indexOf(s));

let browser: Browser | null = null;

async function cleanup(): Promise<void> {
  if (browser) {
    const b = browser;
    browser = null;
    await b.close().catch(() => undefined);
  }
  await stopPreview();
}

async function main(): Promise<void> {
  const { reuseBuild, chosen } = parseArgs(process.argv.slice(2));
  const loadBefore = os.loadavg();
  console.log(`machine: ${os.cpus().length} CPUs, load average ${loadBefore.map((x) => fmt(x, 2)).join(" ")} (1/5/15 min)`);
  console.log(`scenarios: ${chosen.map((s) => s.id).join(", ")}`);
  const needsApp = chosen.some((s) => s.needsAppBuild);
  const buildMs = needsApp ? build(reuseBuild) : null;
  if (!needsApp) console.log("build: none needed (no scenario chosen reads the app's build)");

  let url: string | undefined;
  let chromiumVersion: string | null = null;
  if (chosen.some((s) => s.needsBrowser && s.needsAppBuild)) url = await startPreview(OUT_DIR);
  if (chosen.some((s) => s.needsBrowser)) {
    browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
    chromiumVersion = browser.version();
    console.log(`browser: Chromium ${chromiumVersion}${systemChromium ? ` (${systemChromium})` : " (Playwright's)"}`);
  }
  console.log("");

  const outcomes: { scenario: Scenario; outcome: Outcome }[] = [];
  for (const scenario of chosen) {
    console.log(`${letter(scenario)}. ${scenario.title} …`);
    try {
      const outcome = await scenario.run({ outDir: OUT_DIR, ...(browser ? { browser } : {}), ...(browser && url ? { url } : {}) });
      outcomes.push({ scenario, outcome });
    } catch (error) {
      if (wasInterrupted()) return;
      fail(`${scenario.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  await cleanup();
  const loadAfter = os.loadavg();

  console.log("");
  for (const { scenario, outcome } of outcomes) {
    console.log(`${letter(scenario)}. ${outcome.heading}`);
    console.log(outcome.body);
    for (const g of outcome.goals) console.log(`   goal: ${g.what}: ${g.met ? "met" : "MISSED"}`);
    console.log("");
  }
  console.log("goals");
  console.log(
    table(
      ["scenario", "goal", "result"],
      outcomes.flatMap(({ scenario, outcome }) => outcome.goals.map((g) => [`${letter(scenario)}. ${scenario.id}`, g.what, g.met ? "met" : "MISSED"])),
    ),
  );
  const skipped = chosen.filter((s) => !outcomes.some((o) => o.scenario === s));
  if (skipped.length) console.log(`(no figures from ${skipped.map((s) => s.id).join(", ")}: see the failures below)`);

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "node_modules/@playwright/test/package.json"), "utf8")) as { version: string };
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        scenarios: chosen.map((s) => s.id),
        versions: { node: process.version, playwright: pkg.version, chromium: chromiumVersion },
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "?", platform: process.platform, arch: process.arch, loadBefore, loadAfter },
        build: needsApp ? { outDir: OUT_DIR, ms: buildMs } : null,
        ...Object.fromEntries(outcomes.map(({ scenario, outcome }) => [scenario.id, outcome.json])),
        goals: Object.fromEntries(
          outcomes.map(({ scenario, outcome }) => [scenario.id, Object.fromEntries(outcome.goals.map((g) => [g.what, g.met]))]),
        ),
        failures: problems(),
      },
      null,
      2,
    ) + "\n",
  );
  console.log(
    `\nload average (1 min) ${fmt(loadBefore[0]!, 2)} before, ${fmt(loadAfter[0]!, 2)} after, on ${os.cpus().length} CPUs` +
      (loadAfter[0]! > 1 ? ": other work shared the CPUs, timings are noisier than on an idle machine" : ""),
  );
  console.log(`wrote ${path.relative(ROOT, RESULTS_FILE)}`);
}

main()
  .catch((error: unknown) => {
    if (wasInterrupted()) return; // the browser or server was stopped under a running step
    fail(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  })
  .finally(async () => {
    await cleanup();
    const found = problems();
    if (found.length) {
      console.error(`\n${found.length} problem(s):\n${found.map((f) => "  - " + f).join("\n")}`);
      process.exitCode = 1;
    }
  });
