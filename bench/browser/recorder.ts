// What the page records while the simulator runs, for the simulator scenarios: every long task
// (PerformanceObserver "longtask", buffered, so those of the page load are there too), every
// animation frame, every batch of DOM mutations on one view card (its chart updates), and the
// moments the Start and Stop buttons were clicked (a capture listener, so before the app's own).
// Rule: the run is the window from the Start click to the Stop click as the page saw them, and
// every per-run figure is taken in that window and in the page's own clock (performance.now).
import type { Page } from "@playwright/test";

import { perSecond } from "./figures";

interface InPage {
  cardFound: boolean;
  startAt: number | null;
  stopAt: number | null;
  mutationBatchesAt: number[];
  framesAt: number[];
  longTasks: { start: number; duration: number }[];
}

export interface LongTask {
  /** ms after the Start click. */
  atMs: number;
  durationMs: number;
}

export interface Recording {
  startAt: number;
  stopAt: number;
  /** Long tasks that started between the Start and the Stop click. */
  during: LongTask[];
  /** Durations of the long tasks before the Start click (the page load). */
  beforeMs: number[];
  /** Per whole second of the run: chart updates (mutation batches on the card), frames. */
  chartUpdatesPerSecond: number[];
  framesPerSecond: number[];
  cardFound: boolean;
  /** False when the observed card was replaced during the run (updates after that were not seen). */
  cardStillAttached: boolean;
}

/** Starts recording in the page; `card` is the view whose card's mutations count as chart updates. */
export async function startRecording(page: Page, card: string): Promise<void> {
  await page.locator(`[data-testid="view-card-${card}"]`).waitFor({ state: "attached", timeout: 5_000 }).catch(() => undefined);
  await page.evaluate((card) => {
    const rec: InPage = { cardFound: false, startAt: null, stopAt: null, mutationBatchesAt: [], framesAt: [], longTasks: [] };
    (window as unknown as { __sim: InPage }).__sim = rec;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rec.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
    const el = document.querySelector(`[data-testid="view-card-${card}"]`);
    if (el) {
      rec.cardFound = true;
      new MutationObserver(() => rec.mutationBatchesAt.push(performance.now())).observe(el, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      (window as unknown as { __simCard: Element }).__simCard = el;
    }
    const frame = (t: number): void => {
      rec.framesAt.push(t);
      if (rec.stopAt === null) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    document.addEventListener(
      "click",
      (e) => {
        const label = e.target instanceof Element ? (e.target.closest("button")?.textContent ?? "").trim() : "";
        if (label === "Start simulator" && rec.startAt === null) rec.startAt = performance.now();
        if (label === "Stop simulator" && rec.startAt !== null && rec.stopAt === null) rec.stopAt = performance.now();
      },
      true,
    );
  }, card);
}

/** Reads the recording back, cut to the run's first `seconds` whole seconds for the per-second figures. */
export async function readRecording(page: Page, seconds: number): Promise<Recording> {
  const rec = await page.evaluate(() => {
    const w = window as unknown as { __sim: InPage; __simCard?: Element };
    return { ...w.__sim, cardStillAttached: w.__simCard?.isConnected ?? false };
  });
  if (rec.startAt === null || rec.stopAt === null) throw new Error("the start/stop clicks were not seen in the page");
  const startAt = rec.startAt;
  const stopAt = rec.stopAt;
  return {
    startAt,
    stopAt,
    during: rec.longTasks
      .filter((t) => t.start >= startAt && t.start <= stopAt)
      .map((t) => ({ atMs: t.start - startAt, durationMs: t.duration })),
    beforeMs: rec.longTasks.filter((t) => t.start < startAt).map((t) => t.duration),
    chartUpdatesPerSecond: perSecond(rec.mutationBatchesAt, startAt, seconds),
    framesPerSecond: perSecond(rec.framesAt, startAt, seconds),
    cardFound: rec.cardFound,
    cardStillAttached: rec.cardStillAttached,
  };
}
