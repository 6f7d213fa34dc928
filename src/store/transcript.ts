// The transcript slice: the REPL's prompt and what its transcript shows.
// Rules:
// - every submitted line is a loop of the REPL session (src/repl/session.ts): recorded, and
//   its input and output appended to the transcript; `:clear` empties the transcript only;
// - the transcript keeps about the last TRANSCRIPT_LIMIT entries (a bounded window: the DOM
//   never holds 100,000 lines), cut where a line starts so no output is left without its line,
//   and counts the lines it no longer shows;
// - every entry has an id of its own, for the list's keys;
// - when recorded data is dropped (reset, preset switch) the prompt is ready again: the next
//   loop's latency counts from then.

import type { TranscriptEntry } from "../repl/session";
import type { Slice } from "./playground";

export const TRANSCRIPT_LIMIT = 1_000;

export type NumberedEntry = TranscriptEntry & { id: number };

export interface Transcript {
  entries: NumberedEntry[];
  /** Lines (inputs) cut from the window, with their output. */
  droppedLines: number;
}

export interface TranscriptSlice {
  transcript: Transcript;
  submit(text: string): void;
  /** The person engaged the prompt (keystroke, click, paste): the first loop's latency counts from here. */
  engagePrompt(): void;
  clearTranscript(): void;
}

/** The window after `entries` are appended to `current`: its last entries, cut where a line starts. */
function appended(current: Transcript, entries: readonly NumberedEntry[]): Transcript {
  const all = current.entries.concat(entries);
  let droppedLines = current.droppedLines;
  let cut = all.length - TRANSCRIPT_LIMIT;
  if (cut <= 0) return { entries: all, droppedLines };
  // Cut where a line starts, so the window never opens with output whose line is gone.
  while (cut < all.length - 1 && all[cut]!.kind !== "input") cut++;
  for (let i = 0; i < cut; i++) if (all[i]!.kind === "input") droppedLines++;
  return { entries: all.slice(cut), droppedLines };
}

const EMPTY: Transcript = { entries: [], droppedLines: 0 };

export const transcriptSlice: Slice<TranscriptSlice> = (ctx) => (set, get) => {
  const { session } = ctx;
  let nextId = 0;
  ctx.onDataDropped(() => {
    session.markReady();
    return {};
  });
  return {
    transcript: EMPTY,
    submit(text) {
      const result = session.submit(text);
      const numbered = result.entries.map((e) => ({ ...e, id: nextId++ }));
      set({ transcript: appended(result.clear ? EMPTY : get().transcript, numbered) });
    },
    engagePrompt() {
      session.engage();
    },
    clearTranscript() {
      set({ transcript: EMPTY });
    },
  };
};
