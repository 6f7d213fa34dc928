// What one REPL line means: a line to process (upper-cased, as the seed's processLine), a
// playground command, or a mistake explained. Pure: no recording, no clock.
// Rules:
// - `:fail <message>` is a processed line that fails: recorded with status=ERROR and
//   error=<message>; a message that is not a valid tag value is refused, nothing recorded;
// - `:sleep <ms>` is a processed line whose loop takes <ms> longer (simulated, nothing blocks);
//   <ms> is a decimal number (digits, an optional fraction): JavaScript's Number() would also
//   take `0x10`, `1e3` or `Infinity`, which the help never promised;
// - `:clear` and `:help` only act on the page and record nothing;
// - any other `:word` is refused with a clear message and records nothing;
// - everything else, the empty line included, is a normal line.

import { tagValueProblem } from "../engine";

export const MAX_SLEEP_MS = 3_600_000;

export type LineMeaning =
  | { kind: "process"; output: string; extraLatencyMs: number }
  | { kind: "fail"; error: string }
  | { kind: "clear" }
  | { kind: "help" }
  | { kind: "refused"; reason: string };

export const HELP_LINES: readonly string[] = [
  "Every line you enter is one loop of the quickstart's REPL: it is upper-cased and printed,",
  "and its latency (ms) and length (UTF-8 bytes) are recorded with method=repl, status=OK.",
  "A loop's latency runs from the prompt being ready to the output: the first loop from your",
  "first keystroke, click or paste in the prompt, each later one from the previous output.",
  ":fail <message>   run this line as failed: status=ERROR, error=<message>",
  ":sleep <ms>       add <ms> (a decimal number, e.g. 300 or 2.5) of simulated latency to this loop",
  ":clear            clear the transcript (recorded data stays)",
  ":help             show this help",
  "Enter runs the line · Shift+Enter adds a new line · a pasted block runs line by line",
];

const COMMAND = /^:([A-Za-z]+)(?:\s+([\s\S]*))?$/;
const DECIMAL = /^(?:\d+(?:\.\d+)?|\.\d+)$/;

export function meaningOf(line: string): LineMeaning {
  const m = COMMAND.exec(line);
  if (!m) return { kind: "process", output: line.toUpperCase(), extraLatencyMs: 0 };
  const name = m[1]!.toLowerCase();
  const arg = m[2] ?? "";
  switch (name) {
    case "help":
      return { kind: "help" };
    case "clear":
      return { kind: "clear" };
    case "fail": {
      if (arg === "") return { kind: "refused", reason: "usage: :fail <message> (the message becomes the error tag)" };
      const problem = tagValueProblem("error", arg);
      if (problem) return { kind: "refused", reason: `not recorded: ${problem}` };
      return { kind: "fail", error: arg };
    }
    case "sleep": {
      const text = arg.trim();
      const ms = DECIMAL.test(text) ? Number(text) : NaN;
      if (!(ms >= 0 && ms <= MAX_SLEEP_MS))
        return {
          kind: "refused",
          reason: `usage: :sleep <ms>, a decimal number from 0 to ${MAX_SLEEP_MS}; got ${JSON.stringify(text)}, nothing recorded`,
        };
      return { kind: "process", output: line.toUpperCase(), extraLatencyMs: ms };
    }
    default:
      return {
        kind: "refused",
        reason: `unknown command :${m[1]}; nothing recorded. Commands: :help, :fail <message>, :sleep <ms>, :clear`,
      };
  }
}

/**
 * Splits entered text into lines, one loop each. A final line break ends the last line rather
 * than starting an empty one, but text that is only a line break is one empty line.
 */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
