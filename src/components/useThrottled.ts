// A value that follows another at most once every `intervalMs`: for what is costly to redraw.
// Rules: the first value is shown at once; a change after a quiet period shows on the next
// task (a typed line draws without waiting); while changes stream in (up to ten times a second), the
// latest one is shown every `intervalMs` (trailing, on a fixed cadence, never starved), so a
// chart redraws a few times a second instead of 60 while the numbers beside it stay per-frame.
// Updates render in a transition, and updates that come due together are shown one per task,
// never in one render: two charts
// redrawing in one task was one long task (each is a Recharts commit of tens of ms while the
// JIT is cold); in turns, each is a short task and input is answered between them.

import { startTransition, useEffect, useRef, useState } from "react";

/** Shows due updates one per macrotask, in the order they came due. */
const due: (() => void)[] = [];
let draining = false;

function drainOne(): void {
  due.shift()?.();
  if (due.length > 0) setTimeout(drainOne, 0);
  else draining = false;
}

function showInTurn(show: () => void): () => void {
  due.push(show);
  if (!draining) {
    draining = true;
    setTimeout(drainOne, 0);
  }
  return () => {
    const i = due.indexOf(show);
    if (i >= 0) due.splice(i, 1);
  };
}

export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastShownAt.current + intervalMs - performance.now());
    let dequeue: (() => void) | null = null;
    const id = setTimeout(() => {
      dequeue = showInTurn(() => {
        lastShownAt.current = performance.now();
        // A transition: React may render it in slices, with input handled in between.
        startTransition(() => setShown(value));
      });
    }, wait);
    return () => {
      clearTimeout(id);
      dequeue?.();
    };
  }, [value, shown, intervalMs]);
  return shown;
}
