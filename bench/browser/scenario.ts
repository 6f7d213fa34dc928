// What a scenario is to main.ts: an id to pick it with (`--only <id>`), whether it needs the
// browser and the app's build (built by build.ts, served by preview.ts), and a run that returns
// its figures already worded, its goals and its JSON.
// Rule: a scenario never decides the exit code from a timing; it words timings as goals and
// reports misbehaviour through problems.ts (fail), which is what main.ts exits 1 on.
import type { Browser } from "@playwright/test";

export interface Goal {
  /** e.g. "longest task < 100 ms". */
  readonly what: string;
  readonly met: boolean;
}

export interface Outcome {
  /** One line, e.g. "simulator at 50,000 lines/s for 10 s of wall time". */
  readonly heading: string;
  /** The figures: tables and notes, ready to print. */
  readonly body: string;
  readonly goals: readonly Goal[];
  /** What goes into bench/results/browser-latest.json under the scenario's id. */
  readonly json: Record<string, unknown>;
}

export interface Context {
  /** The build under test, relative to the repository root (built by build.ts). */
  readonly outDir: string;
  /** Set for scenarios that need the browser: Chromium. */
  readonly browser?: Browser;
  /** Set for scenarios that need the browser and the app's build: the build served by preview.ts. */
  readonly url?: string;
}

export interface Scenario {
  readonly id: string;
  /** What runs, for the progress line. */
  readonly title: string;
  readonly needsBrowser: boolean;
  /**
   * Whether it reads the app's build (and, with needsBrowser, gets it served as ctx.url). False
   * for a scenario that builds and serves its own page: main.ts then neither builds nor serves
   * the app for it.
   */
  readonly needsAppBuild: boolean;
  readonly run: (ctx: Context) => Promise<Outcome>;
}

/** The browser and URL of a context, for a scenario that declared it needs them. */
export function served(ctx: Context): { browser: Browser; url: string } {
  if (!ctx.browser || !ctx.url) throw new Error("this scenario needs the browser and the preview server");
  return { browser: ctx.browser, url: ctx.url };
}
