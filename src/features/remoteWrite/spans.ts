// The spans of the history a person can send: all of it, the last 5 min, 15 min or hour before
// its newest sample, or the span filled with simulated traffic.
// Rule: a span is measured back from the history's newest sample, not from now, so what is
// offered is what the history holds; an empty history offers nothing.

import type { SeriesStoreStats } from "../../promql/store";

export type Span = "all" | "5m" | "15m" | "1h" | "simulated";

export const SPANS: readonly { value: Span; label: string }[] = [
  { value: "all", label: "The whole history" },
  { value: "5m", label: "The last 5 min" },
  { value: "15m", label: "The last 15 min" },
  { value: "1h", label: "The last hour" },
  { value: "simulated", label: "The simulated span" },
];

const BACK: Partial<Record<Span, number>> = { "5m": 5 * 60_000, "15m": 15 * 60_000, "1h": 60 * 60_000 };

export function spanRange(
  span: Span,
  stats: SeriesStoreStats,
  simulated: { fromMs: number; toMs: number } | null,
): { fromMs: number; toMs: number } | null {
  if (stats.minTimeMs === null || stats.maxTimeMs === null) return null;
  if (span === "simulated") return simulated ? { fromMs: simulated.fromMs, toMs: simulated.toMs } : null;
  const back = BACK[span];
  return { fromMs: back === undefined ? stats.minTimeMs : Math.max(stats.minTimeMs, stats.maxTimeMs - back), toMs: stats.maxTimeMs };
}
