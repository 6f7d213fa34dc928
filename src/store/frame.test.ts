import { describe, expect, it } from "vitest";
import { frameCoalescer, pacedFrames } from "./frame";

/** A fake clock with frames and timers driven by hand. */
function fakeTime() {
  let t = 0;
  const frames: (() => void)[] = [];
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => t,
    frame: (cb: () => void) => void frames.push(cb),
    after: (ms: number, run: () => void) => void timers.push({ at: t + ms, run }),
    /** Moves the clock to `to`, running due timers, then one animation frame. */
    advance(to: number) {
      t = to;
      for (const due of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(due), 1);
        due.run();
      }
      frames.splice(0).forEach((f) => f());
    },
  };
}

describe("pacedFrames + frameCoalescer: when the panels hear of new data", () => {
  it("shows a change after a quiet spell at the next frame", () => {
    const time = fakeTime();
    const flushed: number[] = [];
    const request = frameCoalescer(() => flushed.push(time.now()), pacedFrames(100, time.now, time.frame, time.after));
    request();
    time.advance(16);
    expect(flushed).toEqual([16]);
    time.advance(500);
    request();
    time.advance(516);
    expect(flushed).toEqual([16, 516]);
  });

  it("while data streams every frame, updates at most once per interval, and never drops the last change", () => {
    const time = fakeTime();
    const flushed: number[] = [];
    const request = frameCoalescer(() => flushed.push(time.now()), pacedFrames(100, time.now, time.frame, time.after));
    let lastRequestAt = 0;
    for (let t = 0; t <= 1000; t += 16) {
      request();
      lastRequestAt = t;
      time.advance(t + 16);
    }
    // one update per 100 ms (on the first frame after it), not 63
    expect(flushed.length).toBeGreaterThanOrEqual(8);
    expect(flushed.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < flushed.length; i++) expect(flushed[i]! - flushed[i - 1]!).toBeGreaterThanOrEqual(100);
    // the change requested last is flushed once its wait is over
    time.advance(lastRequestAt + 200);
    expect(flushed[flushed.length - 1]!).toBeGreaterThan(lastRequestAt);
  });
});
