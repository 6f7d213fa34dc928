// The scrapes slice: the page scrapes its own exposition into a series history, as a Prometheus
// scraping it would, so the PromQL console has a past to query.
// Rules:
// - every scrape interval (1 s default; 5 s, 15 s) the Prometheus text of the moment (the export
//   panel's naming and namespace) is scraped into the series store (scrape.ts): naming switches
//   start new series, a reset is a counter reset, a series gone gets a staleness marker;
// - dropping recorded data (reset, preset switch) does not drop the history: Prometheus keeps
//   what it scraped, and sees the counters restart;
// - "fill the past" replaces recorded data and history (the UI asks first) with simulated
//   traffic over the span that ends now, on a virtual clock the engine reads meanwhile: lines
//   at the simulator's rate (capped at MAX_FILL_LINES over the span), scraped every interval,
//   in chunks of FILL_CHUNK_MS of work so the page stays responsive; live recording and
//   scraping go on from now when it is done, and the simulated span is kept to be shown;
// - the history is bounded: samples older than HISTORY_RETENTION_MS are dropped.

import { toPrometheusText } from "../engine/exposition";
import { MemorySeriesStore, type SeriesStore, type SeriesStoreStats, type StoredSeries } from "../promql/store";
import { recordTraffic } from "../repl/driver";
import { historyOpenMetrics } from "./historyFile";
import type { Slice } from "./playground";
import { newScrapeLoop, scrapeInto } from "./scrape";
import type { ScrapeInterval } from "./settings";

/** At most this many simulated lines in one fill (the rate is lowered to fit, and the page says so). */
export const MAX_FILL_LINES = 1_000_000;
/** Work one fill chunk may take before it yields to the page. */
export const FILL_CHUNK_MS = 12;
/** Samples older than this are dropped from the history. */
export const HISTORY_RETENTION_MS = 2 * 60 * 60 * 1000;
/** The spans "fill the past" offers. */
export const FILL_SPANS_MS = [15 * 60 * 1000, 60 * 60 * 1000] as const;

export interface FillProgress {
  fromMs: number;
  toMs: number;
  /** Virtual time reached. */
  atMs: number;
  /** Simulated lines a second (the simulator's rate, lowered to fit MAX_FILL_LINES). */
  rate: number;
  lines: number;
}

export interface ScrapesSlice {
  scrapeIntervalMs: ScrapeInterval;
  /** What the series history holds, after the last scrape. */
  seriesStats: SeriesStoreStats;
  /** The span filled with simulated traffic, or null. */
  simulated: { fromMs: number; toMs: number; rate: number; lines: number } | null;
  /** A fill under way, or null. */
  filling: FillProgress | null;
  setScrapeInterval(ms: ScrapeInterval): void;
  /** Replaces recorded data and history with simulated traffic over the `spanMs` that ends now. */
  fillThePast(spanMs: number): void;
  /** The history as OpenMetrics with timestamps (history.om.txt). */
  historyText(): string;
  /** The series history itself, for queries. */
  seriesStore(): SeriesStore;
  /** Every series with its samples, as stored (remote write reads them). */
  historySeries(): readonly StoredSeries[];
  /** Every series' labels (with `__name__`), sorted: what the console's completion offers. */
  seriesLabelSets(): Record<string, string>[];
}

export const scrapesSlice: Slice<ScrapesSlice> = (ctx) => (set, get) => {
  const store = ctx.series as MemorySeriesStore;
  let loop = newScrapeLoop();
  let scrapes = 0;

  function scrapeAt(timeMs: number): void {
    const s = get();
    scrapeInto(store, loop, toPrometheusText(ctx.stats.snapshot(), { naming: s.naming, namespace: s.namespace }), timeMs);
    if (++scrapes % 60 === 0) store.dropBefore(timeMs - HISTORY_RETENTION_MS);
  }

  function liveScrape(): void {
    if (get().filling) return; // the fill scrapes on its own clock
    scrapeAt(Math.round(ctx.wallClock()));
    set({ seriesStats: store.stats() });
  }

  let stopTimer = ctx.every(liveScrape, ctx.initial.scrapeIntervalMs);
  let disposed = false;
  ctx.onDispose(() => {
    stopTimer();
    disposed = true; // a fill under way stops at its next chunk
  });

  return {
    scrapeIntervalMs: ctx.initial.scrapeIntervalMs,
    seriesStats: store.stats(),
    simulated: null,
    filling: null,
    setScrapeInterval(ms) {
      if (ms === get().scrapeIntervalMs) return;
      stopTimer();
      stopTimer = ctx.every(liveScrape, ms);
      set({ scrapeIntervalMs: ms });
    },
    fillThePast(spanMs) {
      if (get().filling) return;
      get().resetData();
      store.clear();
      loop = newScrapeLoop();
      const step = get().scrapeIntervalMs;
      const toMs = Math.round(ctx.wallClock());
      const fromMs = toMs - spanMs;
      const { rate: wanted, errorRatio, model } = get().simulator;
      const rate = Math.min(wanted, Math.floor(MAX_FILL_LINES / (spanMs / 1000)));
      const progress: FillProgress = { fromMs, toMs, atMs: fromMs, rate, lines: 0 };
      let t = fromMs;
      let owed = 0;
      ctx.virtual.now = fromMs;
      scrapeAt(fromMs);
      set({ filling: { ...progress }, simulated: null });
      const chunk = () => {
        if (disposed) return;
        const deadline = ctx.now() + FILL_CHUNK_MS;
        while (t < toMs && ctx.now() < deadline) {
          const next = Math.min(t + step, toMs);
          owed += (rate * (next - t)) / 1000;
          const n = Math.floor(owed);
          owed -= n;
          ctx.virtual.now = next;
          progress.lines += recordTraffic(ctx.session, n, { errorRatio, model }, ctx.random, next).done;
          scrapeAt(next);
          t = next;
        }
        progress.atMs = t;
        if (t < toMs) {
          set({ filling: { ...progress } });
          ctx.nextTask(chunk);
          return;
        }
        ctx.virtual.now = null;
        set({
          filling: null,
          simulated: { fromMs, toMs, rate, lines: progress.lines },
          seriesStats: store.stats(),
        });
      };
      ctx.nextTask(chunk);
    },
    seriesStore: () => store,
    historySeries: () => store.select([]),
    seriesLabelSets: () => store.select([]).map((s) => s.labels.toRecord()),
    historyText: () => historyOpenMetrics(store.select([]).map((s) => ({ ...s, labels: s.labels.toRecord() }))),
  };
};
