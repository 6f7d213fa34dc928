// The data the Views panel draws: one engine snapshot per data version.
// Rules: the snapshot is taken only when `dataVersion` changes (at most once an animation frame,
// the store guarantees), however many cards read it, and never during recording. The panel
// follows the version in a transition (usePlaygroundInTransition): React may render it in slices
// and put a keystroke or a click first, so drawing the cards never holds the page for a long
// task. Nothing the cards render reads a fast-changing value through a store hook: React would
// redo the sliced render synchronously when it changed meanwhile.

import { useMemo } from "react";
import { type Stats, type ViewData } from "../../engine";
import { selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";

/** `version` is the memo key: the engine's data is read again exactly when it changes. */
function snapshotAt(stats: Stats, version: number): { version: number; data: readonly ViewData[] } {
  return { version, data: stats.snapshot() };
}

export function useSnapshot(): readonly ViewData[] {
  const stats = usePlayground((s) => s.stats);
  const version = usePlaygroundInTransition(selectDataVersion);
  return useMemo(() => snapshotAt(stats, version), [stats, version]).data;
}
