// The data the Views panel draws: one engine snapshot per data version.
// Rule: the snapshot is taken only when `dataVersion` changes (at most once an animation frame,
// the store guarantees), however many cards read it, and never during recording.

import { useMemo } from "react";
import type { Stats, ViewData } from "../../engine";
import { usePlayground } from "../../store";

/** `version` is the memo key: the engine's data is read again exactly when it changes. */
function snapshotAt(stats: Stats, version: number): { version: number; data: readonly ViewData[] } {
  return { version, data: stats.snapshot() };
}

export function useSnapshot(): readonly ViewData[] {
  const stats = usePlayground((s) => s.stats);
  const dataVersion = usePlayground((s) => s.dataVersion);
  return useMemo(() => snapshotAt(stats, dataVersion), [stats, dataVersion]).data;
}
