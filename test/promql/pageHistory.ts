// A deterministic history made by the page itself — its store, engine and self-scrape on a
// virtual clock — for the differential check against Prometheus (differential.ts): the last
// 15 minutes filled with simulated traffic, then typed lines (some failing) scraped every 5 s, a
// reset (a counter reset), a naming switch (new series, the old ones end), a 10-minute gap with
// no scrape, and more lines. Rule: nothing here reads the real clock or Math.random, so the same
// T0 gives the same history.

import type { MemorySeriesStore } from "../../src/promql/store";
import { createPlaygroundStore } from "../../src/store/playground";
import { quietDeps } from "../../src/store/testing";

export interface PageSeries {
  labels: Record<string, string>;
  /** [ms, value], staleness markers left out (a backfill cannot carry them). */
  points: [number, number][];
}

const MINUTE = 60_000;

/** The page's history from T0 to T0 + 96 min. */
export function pageHistory(T0: number): PageSeries[] {
  const tasks: (() => void)[] = [];
  const timers = new Set<{ fn: () => void; ms: number; next: number }>();
  let wall = T0 + 15 * MINUTE;
  const store = createPlaygroundStore({
    ...quietDeps(tasks),
    now: () => wall,
    wallClock: () => wall,
    // The log's 10 ms clock is left out: it only dates logged measurements, not the history.
    every: (fn, ms) => {
      if (ms < 1_000) return () => {};
      const timer = { fn, ms, next: wall + ms };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    measures: [],
    designs: [],
  });
  const s = () => store.getState();
  const drain = () => {
    while (tasks.length > 0) tasks.shift()!();
  };
  /** Moves the clock to `to`, firing every timer as its time comes (none while `silent`). */
  const advance = (to: number, silent = false) => {
    for (;;) {
      let due: { fn: () => void; ms: number; next: number } | undefined;
      for (const t of timers) if (t.next <= to && (!due || t.next < due.next)) due = t;
      if (!due) break;
      wall = due.next;
      due.next += due.ms;
      if (!silent) due.fn();
    }
    wall = to;
  };
  /** Types a line every 5 s until `to`; every seventh fails. */
  let n = 0;
  const typeUntil = (to: number) => {
    while (wall + 5_000 <= to) {
      advance(wall + 5_000);
      n++;
      s().submit(n % 7 === 0 ? `:fail boom ${n % 3}` : `line ${"x".repeat(n % 40)}`);
    }
    advance(to);
  };

  s().setRate(20);
  s().fillThePast(15 * MINUTE); // T0 .. T0+15m, scraped every second
  drain();
  s().setScrapeInterval(5_000);
  typeUntil(T0 + 40 * MINUTE);
  s().resetData();
  typeUntil(T0 + 55 * MINUTE);
  s().setNaming("prometheus");
  typeUntil(T0 + 65 * MINUTE);
  advance(T0 + 75 * MINUTE, true); // a gap: no scrape for 10 minutes
  typeUntil(T0 + 96 * MINUTE);
  const history = s().seriesStore() as MemorySeriesStore;
  const out = history.select([]).map((series) => {
    const points: [number, number][] = [];
    for (let i = 0; i < series.n; i++) if (series.stale[i] !== 1) points.push([series.t[i]!, series.v[i]!]);
    return { labels: series.labels.toRecord(), points };
  });
  s().dispose();
  return out;
}
