// A value that follows another at most once every `intervalMs`: for what is costly to redraw.
// Rules: the first value is shown at once; a change after a quiet period shows on the next
// task (a typed line draws without waiting); while changes stream in (up to once a frame), the
// latest one is shown every `intervalMs` (trailing, on a fixed cadence, never starved), so a
// chart redraws a few times a second instead of 60 while the numbers beside it stay per-frame.

import { useEffect, useRef, useState } from "react";

export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastShownAt.current + intervalMs - performance.now());
    const id = setTimeout(() => {
      lastShownAt.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(id);
  }, [value, shown, intervalMs]);
  return shown;
}
