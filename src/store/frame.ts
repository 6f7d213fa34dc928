// Coalesces engine changes into at most one UI update per animation frame: however fast data
// arrives (a 50,000 lines/s simulator), React hears of it once a frame, and within a frame of
// the change. Falls back to a 16 ms timer where there are no animation frames (Node tests).

export type FrameScheduler = (callback: () => void) => void;

export const nextFrame: FrameScheduler =
  typeof requestAnimationFrame === "function"
    ? (cb) => void requestAnimationFrame(() => cb())
    : (cb) => void setTimeout(cb, 16);

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
