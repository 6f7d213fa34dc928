// A value that follows another at most once every `intervalMs`: for what is costly to redraw.
// Rules: the first value is shown at once; a change after a quiet period shows on the next
// task (a typed line draws without waiting); while changes stream in (up to ten times a second), the
// latest one is shown every `intervalMs` (trailing, on a fixed cadence, never starved), so a
// chart redraws a few times a second instead of 60 while the numbers beside it stay per-frame.
// Updates render in a transition, and updates that come due together are shown one per
// animation frame, never in one: each chart's Recharts store tells its components of a change
// at the next animation frame (Redux Toolkit's autoBatchEnhancer, type "raf"), where they
// re-render synchronously; charts updated in the same frame, even in separate tasks, were all
// re-rendered in that one frame's task (up to 60 ms at a stream's start). One per frame, each
// chart's re-render is its own short task. Without animation frames (Node tests) a timer turns.

import { startTransition, useEffect, useRef, useState } from "react";

/** Shows due updates one per animation frame, in the order they came due. */
const due: (() => void)[] = [];
let draining = false;

const nextTurn: (run: () => void) => void =
  typeof requestAnimationFrame === "function" ? (run) => void requestAnimationFrame(() => run()) : (run) => void setTimeout(run, 0);

function drainOne(): void {
  due.shift()?.();
  if (due.length > 0) nextTurn(drainOne);
  else draining = false;
}

function showInTurn(show: () => void): () => void {
  due.push(show);
  if (!draining) {
    draining = true;
    nextTurn(drainOne);
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
