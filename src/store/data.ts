// The data slice: the store's one engine instance and the version the panels render from.
// Rules:
// - one engine per store: every view, recording and snapshot goes through `stats`;
// - `dataVersion` changes at most once per animation frame, within a frame of new data
//   (frame.ts coalesces the engine's change notifications), so however fast lines are
//   recorded, the panels hear of it once a frame.

import type { Stats } from "../engine";
import { frameCoalescer } from "./frame";
import type { Slice } from "./playground";

export interface DataSlice {
  readonly stats: Stats;
  /** Changes (at most once a frame) whenever recorded data or views changed. */
  dataVersion: number;
}

export const dataSlice: Slice<DataSlice> = (ctx) => (set) => {
  const requestFrame = frameCoalescer(() => set({ dataVersion: ctx.stats.version }), ctx.frame);
  ctx.onDispose(ctx.stats.subscribe(requestFrame));
  return { stats: ctx.stats, dataVersion: 0 };
};
