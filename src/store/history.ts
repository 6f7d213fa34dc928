// The history slice: per-second samples of every view's scalar value, for the rate and value
// line charts.
// Rules: one sample every HISTORY_INTERVAL_MS (a second), the last HISTORY_SECONDS kept; a
// sample holds the view's scalar for all rows combined (`combineRows`, viewData.ts) and the
// value of each of its first MAX_TRACKED_ROWS rows (by row key), so the chart of a picked row
// has history too without unbounded memory; when recorded data is dropped (reset, preset
// switch) the history starts again empty. A rate is what PromQL's `rate(x[10s])` gives on
// these samples at each sample's time: RATE_WINDOW_MS, closed window, Prometheus's
// extrapolation and counter-reset rule (src/promql/extrapolatedRate.ts).

import { type ViewData } from "../engine";
import { extrapolatedRate, type RangePoint } from "../promql/extrapolatedRate";
import type { Slice } from "./playground";
import { combineRows, OVERFLOW_ROW_KEY, scalarOf } from "./viewData";

export const HISTORY_INTERVAL_MS = 1_000;
export const HISTORY_SECONDS = 300;
export const MAX_TRACKED_ROWS = 100;
/** The window of every rate the page shows, as in `rate(x[10s])`. */
export const RATE_WINDOW_MS = 10_000;

export interface HistorySample {
  /** ms since the epoch */
  t: number;
  all: number;
  rows: Map<string, number>;
}

export type History = Map<string, HistorySample[]>;

export interface HistorySlice {
  history: History;
}

export const historySlice: Slice<HistorySlice> = (ctx) => (set, get) => {
  ctx.onDataDropped(() => ({ history: new Map() }));
  ctx.onDispose(
    ctx.every(() => set({ history: sampleHistory(get().history, ctx.stats.snapshot(), ctx.wallClock()) }), HISTORY_INTERVAL_MS),
  );
  return { history: new Map() };
};

/** A row's history key. Prefixed so that no row, not even one whose only tag value is "", has the key "" (all rows). */
export const rowKey = (tags: readonly string[]): string => "row:" + tags.join("\u0000");

/** Adds one sample per view; drops views that are gone and samples older than the window. */
export function sampleHistory(history: History, data: readonly ViewData[], t: number): History {
  const next: History = new Map();
  for (const vd of data) {
    const rows = new Map<string, number>();
    for (const row of vd.rows) {
      if (rows.size === MAX_TRACKED_ROWS) break;
      rows.set(row.overflow ? OVERFLOW_ROW_KEY : rowKey(row.tags), scalarOf(row.data));
    }
    const all = scalarOf(combineRows(vd.view, vd.rows));
    const samples = (history.get(vd.view.name) ?? []).concat({ t, all, rows });
    next.set(vd.view.name, samples.length > HISTORY_SECONDS ? samples.slice(-HISTORY_SECONDS) : samples);
  }
  return next;
}

/**
 * The series' values under `key` ("" for all rows): each sample's time and value, skipping
 * samples taken before the row existed.
 */
export function values(samples: readonly HistorySample[], key: string): RangePoint[] {
  const out: RangePoint[] = [];
  for (const s of samples) {
    const v = key === "" ? s.all : s.rows.get(key);
    if (v !== undefined) out.push({ t: s.t, v });
  }
  return out;
}

/**
 * PromQL `rate(x[windowMs])` of the series under `key`, evaluated at each sample's time: per
 * second, over the samples in [t − window, t]; times with fewer than two samples have none.
 */
export function rates(samples: readonly HistorySample[], key: string, windowMs = RATE_WINDOW_MS): RangePoint[] {
  const points = values(samples, key);
  const out: RangePoint[] = [];
  let from = 0;
  for (let i = 0; i < points.length; i++) {
    const t = points[i]!.t;
    while (points[from]!.t < t - windowMs) from++;
    const v = extrapolatedRate(points.slice(from, i + 1), t - windowMs, t, true, true);
    if (v !== undefined) out.push({ t, v });
  }
  return out;
}
