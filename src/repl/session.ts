// The REPL loop of the quickstart (readEvaluateProcess): read a line, process it, print the
// output, and record the loop's latency and the line's length. Also the entry point the traffic
// simulator uses, so a synthetic line records exactly as a typed one.
// Rules (docs/semantics.md, "The REPL"):
// - latency is the time from the prompt being ready to the output being printed, so it
//   includes the time the person took to type, plus any `:sleep`; in a pasted block each line's
//   loop starts when the previous line's output was printed;
// - the first loop starts when the person first engages the prompt (a keystroke, click or
//   paste in it), not when the page loaded: reading the page first is not REPL latency. A line
//   submitted before any engagement starts its loop as it is submitted;
// - the line length is in UTF-8 bytes;
// - tags: method=repl, status=OK, or status=ERROR and error=<message> for a failed line;
// - a block of lines is recorded as one batch (listeners hear of it once);
// - `:record` records its one measurement and is no loop (no latency, no line length); a
//   measurement the engine refuses is said in the transcript and records nothing;
// - `:gen` and `:stop` are commands for the store (which runs :gen in chunks, repl/generator.ts):
//   the session hands them back in order, each with the transcript entry the store writes its
//   status into.
// - exemplars: with `nextEntryId` (the store's), the session numbers the entries itself, and a
//   line's measurements (a loop's latency and line length, a `:record`'s value) carry the
//   exemplar `line_id` = the id of the line's input entry, so a bucket's exemplar leads back to
//   its transcript line; `:trace <id>` adds `trace_id` to the following lines, `:trace` alone
//   stops it (line.ts checks the id against the OpenMetrics 128-character rule).

import { type ExemplarTemplate, type Measurement, type Stats, TagMap } from "../engine";
import { type GenRequest, HELP_LINES, type MeasureLookup, meaningOf, splitLines } from "./line";
import { keyError, keyMethod, keyStatus, type Preset } from "./quickstart";
import { utf8Length } from "./utf8";

export type TranscriptEntry =
  | { kind: "input"; text: string }
  | { kind: "output"; text: string; latencyMs: number }
  | { kind: "failed"; text: string; latencyMs: number }
  | { kind: "notice"; text: string }
  /** What a command did: `recorded …`, a :gen's progress and result. */
  | { kind: "info"; text: string };

/**
 * A command for the store, in the order of the lines. `entry` is the index in `entries` of the
 * info entry (text still empty) where the store says what it did; -1 when a later `:clear` in
 * the same block took it away.
 */
export type SessionCommand = { kind: "gen"; request: GenRequest; entry: number } | { kind: "stop"; entry: number };

export interface SubmitResult {
  entries: TranscriptEntry[];
  /** True when a `:clear` asked for the transcript to be emptied (before `entries`). */
  clear: boolean;
  /** Loops recorded (`:record` lines are not loops). */
  recorded: number;
  commands: SessionCommand[];
}

export interface ReplSession {
  /**
   * Runs the lines of `text`. With `nextEntryId`, every entry gets its id here (`id`), and each
   * line's measurements carry the exemplar line_id = its input entry's id (and trace_id when set).
   */
  submit(text: string, nextEntryId?: () => number): SubmitResult;
  /** Records one synthetic loop; `error` makes it a failed line. */
  recordSynthetic(line: string, latencyMs: number, error?: string): void;
  /** Runs `fn`, whose recordings are one batch: the engine's listeners hear of them once. */
  batch<T>(fn: () => T): T;
  /** The prompt is ready again (e.g. after the page was reset): latency counts from now. */
  markReady(): void;
  /** The person engaged the prompt: the first loop counts from now, unless it already started. */
  engage(): void;
}

const OK_TAGS = TagMap.empty().insert(keyMethod, "repl").insert(keyStatus, "OK");
const ERROR_BASE = TagMap.empty().insert(keyMethod, "repl").insert(keyStatus, "ERROR");

export function errorTags(message: string): TagMap {
  return ERROR_BASE.insert(keyError, message);
}

export function createReplSession(options: {
  stats: Stats;
  preset: () => Preset;
  now: () => number;
  /** The measures `:record` and `:gen` may name; none when absent. */
  measures?: MeasureLookup;
}): ReplSession {
  const { stats, preset, now, measures } = options;
  /** When the current loop started; null until the person first engages the prompt. */
  let readyAt: number | null = null;
  const errorTagCache = new Map<string, TagMap>();
  /** The trace id `:trace` set for the following lines, or null. */
  let traceId: string | null = null;

  function tagsFor(error: string | undefined): TagMap {
    if (error === undefined) return OK_TAGS;
    let tags = errorTagCache.get(error);
    if (!tags) {
      if (errorTagCache.size > 1000) errorTagCache.clear();
      tags = errorTags(error);
      errorTagCache.set(error, tags);
    }
    return tags;
  }

  /**
   * The lines' exemplar labels but line_id (each line's own): trace_id when set. Made once per
   * trace id (line.ts already refused one too long for the longest line_id), so a line's
   * exemplar costs no label object (stats.recordWithExemplarId).
   */
  let template: ExemplarTemplate | null = null;
  const currentTemplate = (): ExemplarTemplate => (template ??= stats.exemplarTemplate(traceId === null ? {} : { trace_id: traceId }, "line_id"));

  /** Records a line's loop; with `lineId` (its input entry's id), that is its exemplar's line_id. */
  function record(line: string, latencyMs: number, error: string | undefined, lineId: number | undefined): void {
    const p = preset();
    const tags = tagsFor(error);
    const latency = p.latency.m(latencyMs);
    const length = p.lineLength.m(utf8Length(line));
    if (lineId !== undefined) stats.recordWithExemplarId(tags, currentTemplate(), lineId, latency, length);
    else stats.record(tags, latency, length);
  }

  function recordOne(tags: TagMap, m: Measurement, lineId: number | undefined): void {
    if (lineId !== undefined) stats.recordWithExemplarId(tags, currentTemplate(), lineId, m);
    else stats.record(tags, m);
  }

  return {
    submit(text, nextEntryId) {
      const entries: TranscriptEntry[] = [];
      // Numbered as they are pushed, so the line's id is known before it records.
      const push = (e: TranscriptEntry): number | undefined => {
        const id = nextEntryId?.();
        entries.push(id === undefined ? e : Object.assign({ id }, e));
        return id;
      };
      const commands: SessionCommand[] = [];
      let clear = false;
      let recorded = 0;
      stats.batch(() => {
        for (const line of splitLines(text)) {
          const lineId = push({ kind: "input", text: line });
          const meaning = meaningOf(line, measures);
          switch (meaning.kind) {
            case "process":
            case "fail": {
              const printedAt = now();
              const latencyMs =
                Math.max(0, printedAt - (readyAt ?? printedAt)) + (meaning.kind === "process" ? meaning.extraLatencyMs : 0);
              readyAt = printedAt;
              if (meaning.kind === "process") {
                record(line, latencyMs, undefined, lineId);
                push({ kind: "output", text: meaning.output, latencyMs });
              } else {
                record(line, latencyMs, meaning.error, lineId);
                push({ kind: "failed", text: meaning.error, latencyMs });
              }
              recorded++;
              break;
            }
            case "help":
              for (const h of HELP_LINES) push({ kind: "notice", text: h });
              break;
            case "record":
              try {
                recordOne(meaning.tags, meaning.measurement, lineId);
                push({ kind: "info", text: meaning.confirmation });
              } catch (e) {
                // e.g. a measure name the engine already knows with another type or unit
                push({ kind: "notice", text: `not recorded: ${(e as Error).message}` });
              }
              break;
            case "gen":
            case "stop":
              commands.push(
                meaning.kind === "gen"
                  ? { kind: "gen", request: meaning.request, entry: entries.length }
                  : { kind: "stop", entry: entries.length },
              );
              push({ kind: "info", text: "" });
              break;
            case "trace":
              traceId = meaning.traceId;
              template = null;
              push({
                kind: "info",
                text:
                  traceId === null
                    ? "trace id cleared: the following lines' exemplars carry line_id only"
                    : `trace id set: the following lines' exemplars carry trace_id="${traceId}"`,
              });
              break;
            case "clear":
              clear = true;
              entries.length = 0;
              for (const c of commands) c.entry = -1;
              break;
            case "refused":
              push({ kind: "notice", text: meaning.reason });
              break;
          }
        }
      });
      readyAt = now();
      return { entries, clear, recorded, commands };
    },

    recordSynthetic(line, latencyMs, error) {
      record(line, latencyMs, error, undefined);
    },

    batch(fn) {
      return stats.batch(fn);
    },

    markReady() {
      readyAt = now();
    },

    engage() {
      readyAt ??= now();
    },
  };
}
