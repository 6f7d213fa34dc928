// The data slice: the store's one engine instance and the version the panels render from.
// Rules:
// - one engine per store: every view, recording and snapshot goes through `stats`;
// - `dataVersion` changes at most once per animation frame and, while data streams, at most
//   once every UI_UPDATE_MS (frame.ts coalesces and paces the engine's change notifications):
//   however fast lines are recorded, the panels hear of it ten times a second; a change after
//   a quiet spell is heard within a frame.

import type { Stats } from "../engine";
import { frameCoalescer } from "./frame";
import type { Slice } from "./playground";

export interface DataSlice {
  readonly stats: Stats;
  /** Changes (at most once a frame, ten times a second) whenever recorded data or views changed. */
  dataVersion: number;
}

export const dataSlice: Slice<DataSlice> = (ctx) => (set) => {
  const requestFrame = frameCoalescer(() => set({ dataVersion: ctx.stats.version }), ctx.frame);
  ctx.onDispose(ctx.stats.subscribe(requestFrame));
  return { stats: ctx.stats, dataVersion: 0 };
};
