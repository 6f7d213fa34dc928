// The transcript slice: the REPL's prompt and what its transcript shows.
// Rules:
// - every submitted line is a loop of the REPL session (src/repl/session.ts): recorded, and
//   its input and output appended to the transcript; `:clear` empties the transcript only;
// - the transcript keeps about the last TRANSCRIPT_LIMIT entries (a bounded window: the DOM
//   never holds 100,000 lines), cut where a line starts so no output is left without its line,
//   and counts the lines it no longer shows;
// - every entry has an id of its own (`ctx.nextEntryId`), for the list's keys and so that a
//   command's entry can be rewritten in place (a :gen's progress, generator.ts);
// - the commands a block hands back (`:gen`, `:stop`) are carried out in the order of their lines,
//   after the block's entries are shown; each writes what it did into its own entry (a `:clear`
//   later in the block took that entry away: it gets a new one at the end);
// - when recorded data is dropped (reset, preset switch) the prompt is ready again: the next
//   loop's latency counts from then.
// - the session numbers a block's entries as it runs them (so a line's exemplar carries its
//   input entry's id, line_id); `showEntry(id)` is how an exemplar leads back to its line: it
//   highlights the entry when the window still has it, and says false when it does not.

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
  /** The entry an exemplar led to (highlighted and scrolled into view), or null; a new object each time. */
  highlightedEntry: { readonly id: number } | null;
  /** Highlights entry `id` and returns true, or returns false when the window no longer has it. */
  showEntry(id: number): boolean;
}

/** The window after `entries` are appended to `current`: its last entries, cut where a line starts. */
export function appended(current: Transcript, entries: readonly NumberedEntry[]): Transcript {
  const all = current.entries.concat(entries);
  let droppedLines = current.droppedLines;
  let cut = all.length - TRANSCRIPT_LIMIT;
  if (cut <= 0) return { entries: all, droppedLines };
  // Cut where a line starts, so the window never opens with output whose line is gone.
  while (cut < all.length - 1 && all[cut]!.kind !== "input") cut++;
  for (let i = 0; i < cut; i++) if (all[i]!.kind === "input") droppedLines++;
  return { entries: all.slice(cut), droppedLines };
}

/** The window with the text of entry `id` replaced (unchanged when the window no longer has it). */
export function withEntryText(current: Transcript, id: number, text: string): Transcript {
  const i = current.entries.findIndex((e) => e.id === id);
  if (i < 0) return current;
  const entries = current.entries.slice();
  entries[i] = { ...entries[i]!, text };
  return { entries, droppedLines: current.droppedLines };
}

const EMPTY: Transcript = { entries: [], droppedLines: 0 };

export const transcriptSlice: Slice<TranscriptSlice> = (ctx) => (set, get) => {
  const { session } = ctx;
  ctx.onDataDropped(() => {
    session.markReady();
    return {};
  });
  return {
    transcript: EMPTY,
    submit(text) {
      const result = session.submit(text, ctx.nextEntryId);
      const numbered = result.entries as NumberedEntry[]; // numbered by the session, in order
      // A command whose entry a later :clear took away says what it did at the end.
      const late: NumberedEntry[] = [];
      const ids = result.commands.map((c) => {
        if (c.entry >= 0) return numbered[c.entry]!.id;
        const entry: NumberedEntry = { kind: "info", text: "", id: ctx.nextEntryId() };
        late.push(entry);
        return entry.id;
      });
      set({ transcript: appended(result.clear ? EMPTY : get().transcript, numbered.concat(late)) });
      result.commands.forEach((c, i) => {
        const id = ids[i]!;
        const said = c.kind === "gen" ? get().startGen(c.request, id) : get().stopGen();
        set((s) => ({ transcript: withEntryText(s.transcript, id, said) }));
      });
    },
    engagePrompt() {
      session.engage();
    },
    clearTranscript() {
      set({ transcript: EMPTY });
    },
    highlightedEntry: null,
    showEntry(id) {
      const shown = get().transcript.entries.some((e) => e.id === id);
      set({ highlightedEntry: shown ? { id } : null }); // a new object: showing the same line again scrolls again
      return shown;
    },
  };
};
