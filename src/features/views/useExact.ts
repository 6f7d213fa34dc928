// The exact quantiles of what a card shows, from the measurement log, a second at most after the
// data changed: the values are taken from the log here (one pass over it) and the quantiles
// computed in the analysis worker, so a card never holds the page while a million values sort;
// each card takes its values in a task of its own, so cards updating together are never one
// long task. Rules: an answer is dropped if a newer question was asked meanwhile; no log or no
// logged value of the rows → null (the card then shows estimates only).
import { useEffect, useRef, useState } from "react";
import type { View } from "../../engine";
import { useThrottled } from "../../components/useThrottled";
import { type AnalysisResult, createAnalyst, selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";
import { QUANTILES } from "./summary";

export const EXACT_REFRESH_MS = 1_000;

const analyst = createAnalyst();

/** What the card shows beside its estimates: exact p50/p90/p99, min, max, and over how many values. */
export type Exact = AnalysisResult;

export function useExact(view: View, row: readonly string[] | null): Exact | null {
  const stats = usePlayground((s) => s.stats);
  const version = useThrottled(usePlaygroundInTransition(selectDataVersion), EXACT_REFRESH_MS);
  const [exact, setExact] = useState<Exact | null>(null);
  const asked = useRef(0);
  const rowKey = row === null ? null : row.join("\u0000");
  useEffect(() => {
    const log = stats.log;
    const id = ++asked.current;
    if (!log) return;
    const task = setTimeout(() => {
      const values = log.valuesOf(view, rowKey === null ? undefined : rowKey.split("\u0000"));
      if (values.length === 0) {
        setExact(null);
        return;
      }
      analyst
        .analyze({ values, quantiles: QUANTILES.map((x) => x.q) })
        .then((result) => {
          if (asked.current === id) setExact(result);
        })
        .catch(() => {
          if (asked.current === id) setExact(null);
        });
    }, 0);
    return () => clearTimeout(task);
  }, [stats, view, rowKey, version]);
  return exact;
}
