// Driving the traffic simulator panel: set the rate, start, stop, read the lines it generated.
// Rule: start, stop and every read use a CSS selector or window.__bench (page.ts's clickOn and
// page.evaluate), never a role or label locator, so they may run inside a measured window;
// only setRate, which runs before the window, uses the field's label.
import type { Page } from "@playwright/test";

import { sleep } from "./figures";
import { clickOn } from "./page";

/** The panel's one action button: "Start simulator", or "Stop simulator" while it runs. */
const ACTION = ".sim-panel .panel-actions button";

export async function setRate(page: Page, rate: number): Promise<void> {
  const field = page.getByLabel("Lines per second");
  await field.fill(String(rate));
  const shown = await field.inputValue();
  if (shown !== String(rate)) throw new Error(`"Lines per second" shows ${shown} after filling ${rate}`);
}

export const startSimulator = (page: Page): Promise<void> => clickOn(page, ACTION, "Start simulator");
export const stopSimulator = (page: Page): Promise<void> => clickOn(page, ACTION, "Stop simulator");

/** Waits until the status line says Stopped (up to 5 s), then returns the lines it says were generated. */
export async function generatedWhenStopped(page: Page): Promise<number> {
  const deadline = Date.now() + 5_000;
  while (!(await page.evaluate(() => window.__bench?.simulatorStatus() ?? "")).includes("Stopped")) {
    if (Date.now() > deadline) throw new Error("the simulator status never said Stopped");
    await sleep(50);
  }
  const generated = await page.evaluate(() => window.__bench?.generated() ?? null);
  if (generated === null) throw new Error("the simulator status line shows no number of lines");
  return generated;
}

/** Polls `read` until it returns `expected` or `timeoutMs` passes; the last value read, and when it matched. */
export async function catchUp(
  read: () => Promise<number | null>,
  expected: number,
  timeoutMs: number,
): Promise<{ value: number | null; afterMs: number | null }> {
  const t0 = Date.now();
  for (;;) {
    const value = await read();
    if (value === expected) return { value, afterMs: Date.now() - t0 };
    if (Date.now() - t0 > timeoutMs) return { value, afterMs: null };
    await sleep(50);
  }
}
