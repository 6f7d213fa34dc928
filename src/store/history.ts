// Per-second samples of every view's scalar value, for the rate and value line charts.
// Rule: one sample a second, the last HISTORY_SECONDS kept; a sample holds the view's total
// over all rows and the value of each of its first MAX_TRACKED_ROWS rows (by row key), so the
// chart of a picked row has history too without unbounded memory.

import type { AggregationData, ViewData } from "../engine";

export const HISTORY_SECONDS = 300;
export const MAX_TRACKED_ROWS = 100;

export interface HistorySample {
  /** ms since the epoch */
  t: number;
  all: number;
  rows: Map<string, number>;
}

export type History = Map<string, HistorySample[]>;

/** The scalar a view's line chart follows: counts for Count and Distribution, else the value. */
export function scalarOf(data: AggregationData): number {
  return data.type === "distribution" ? data.count : data.value;
}

/** A row's history key. Prefixed so that no row, not even one whose only tag value is "", has the key "" (all rows). */
export const rowKey = (tags: readonly string[]): string => "row:" + tags.join("\u0000");

/** Adds one sample per view; drops views that are gone and samples older than the window. */
export function sampleHistory(history: History, data: readonly ViewData[], t: number): History {
  const next: History = new Map();
  for (const vd of data) {
    const rows = new Map<string, number>();
    let all = 0;
    const lastValue = vd.view.aggregation.type === "lastValue";
    for (const row of vd.rows) {
      const v = scalarOf(row.data);
      all = lastValue ? v : all + v; // a gauge's "all rows" is the latest row's value
      if (rows.size < MAX_TRACKED_ROWS) rows.set(rowKey(row.tags), v);
    }
    const samples = (history.get(vd.view.name) ?? []).concat({ t, all, rows });
    next.set(vd.view.name, samples.length > HISTORY_SECONDS ? samples.slice(-HISTORY_SECONDS) : samples);
  }
  return next;
}

/**
 * Per-second rate between consecutive samples for `key` ("" for all rows). A drop in a
 * cumulative value means the data was reset: that point restarts from 0, as PromQL's rate does.
 */
export function rates(samples: readonly HistorySample[], key: string): { t: number; value: number }[] {
  const out: { t: number; value: number }[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const va = key === "" ? a.all : a.rows.get(key) ?? 0;
    const vb = key === "" ? b.all : b.rows.get(key) ?? 0;
    const dt = (b.t - a.t) / 1000;
    if (dt <= 0) continue;
    out.push({ t: b.t, value: (vb >= va ? vb - va : vb) / dt });
  }
  return out;
}

export function values(samples: readonly HistorySample[], key: string): { t: number; value: number }[] {
  return samples
    .filter((s) => key === "" || s.rows.has(key))
    .map((s) => ({ t: s.t, value: key === "" ? s.all : s.rows.get(key)! }));
}
