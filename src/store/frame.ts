// When the panels hear of new data: coalesced into one update per animation frame, and paced to
// at most one every UI_UPDATE_MS while data streams. However fast lines are recorded (a 100,000
// lines/s simulator), React renders the panels ten times a second, not sixty: numbers changing
// faster cannot be read, and each update costs rendering, style, layout and paint that a fast
// stream needs for recording. A change after a quiet spell (a typed line) is still shown at the
// next frame. Falls back to a 16 ms timer where there are no animation frames (Node tests).

export type FrameScheduler = (callback: () => void) => void;

/** The least time between two updates of the panels while data streams. */
export const UI_UPDATE_MS = 100;

export const nextFrame: FrameScheduler =
  typeof requestAnimationFrame === "function"
    ? (cb) => void requestAnimationFrame(() => cb())
    : (cb) => void setTimeout(cb, 16);

/**
 * A frame scheduler that serves at most one callback per `minIntervalMs`: a request made at
 * least that long after the last one ran is served at the next frame; an earlier one waits out
 * the rest of the interval, then the next frame.
 */
export function pacedFrames(
  minIntervalMs: number,
  now: () => number,
  frame: FrameScheduler = nextFrame,
  after: (ms: number, run: () => void) => void = (ms, run) => void setTimeout(run, ms),
): FrameScheduler {
  let lastRanAt = -Infinity;
  return (cb) => {
    const run = () =>
      frame(() => {
        lastRanAt = now();
        cb();
      });
    const wait = lastRanAt + minIntervalMs - now();
    if (wait > 0) after(wait, run);
    else run();
  };
}

/** Returns a function that requests `flush` for the next frame; repeated requests merge. */
export function frameCoalescer(flush: () => void, schedule: FrameScheduler = nextFrame): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    schedule(() => {
      pending = false;
      flush();
    });
  };
}
