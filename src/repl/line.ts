// What one REPL line means: a line to process (upper-cased, as the seed's processLine), a
// playground command, or a mistake explained. Pure: no recording, no clock.
// Rules:
// - `:fail <message>` is a processed line that fails: recorded with status=ERROR and
//   error=<message>; a message that is not a valid tag value is refused, nothing recorded;
// - `:sleep <ms>` is a processed line whose loop takes <ms> longer (simulated, nothing blocks);
//   <ms> is a decimal number (digits, an optional fraction): JavaScript's Number() would also
//   take `0x10`, `1e3` or `Infinity`, which the help never promised;
// - `:record <measure> <value> [key=value ...]` records one value of any known measure under
//   those tags, and nothing else (not the loop's latency or line length); the value is a signed
//   decimal number (`-2.5`), an int64 measure takes integers only (the engine's rule); every part
//   is checked before the line means anything, so a refused line records nothing;
// - `:gen <measure> <n> <distribution> [key=value ...] [seed=N]` asks for n (1–1,000,000)
//   values drawn from the distribution (distribution.ts); everything is checked first, the
//   draws' range against what the measure can record included; `seed` is a whole number
//   0–4294967295 and, in :gen, not a tag; without it the runner picks one;
// - `:stop` stops :gen; `:clear` and `:help` only act on the page and record nothing;
// - `:trace <id>` sets the trace id the following lines' exemplars carry (trace_id), `:trace`
//   alone clears it; the id is one word, and line_id (up to 16 digits) and trace_id together
//   stay within the OpenMetrics limit of 128 UTF-8 characters for an exemplar's labels, so a
//   line never fails for its exemplar: a longer id is refused here, naming the rule;
// - any other `:word` is refused with a clear message and records nothing;
// - everything else, the empty line included, is a normal line.

import { EXEMPLAR_MAX_CODE_POINTS, exemplarProblem, type Measure, type Measurement, type TagMap, tagValueProblem } from "../engine";
import { formatTags, parseTags, readWord, skipSpaces, type Tag, tagMapOf } from "./args";
import { type Distribution, drawBounds, formatDistribution, parseDistribution } from "./distribution";
import { MAX_GEN_VALUES } from "./generator";

export const MAX_SLEEP_MS = 3_600_000;
/** mulberry32's seed is 32 bits. */
export const MAX_SEED = 0xffff_ffff;

export type LineMeaning =
  | { kind: "process"; output: string; extraLatencyMs: number }
  | { kind: "fail"; error: string }
  | { kind: "clear" }
  | { kind: "help" }
  | { kind: "record"; measurement: Measurement; tags: TagMap; confirmation: string }
  | { kind: "gen"; request: GenRequest }
  | { kind: "stop" }
  | { kind: "trace"; traceId: string | null }
  | { kind: "refused"; reason: string };

/** What a `:gen` line asks for, every part checked. */
export interface GenRequest {
  measure: Measure;
  n: number;
  distribution: Distribution;
  tags: TagMap;
  /** The tags as written back (`{region="eu"}`), "" for none. */
  tagText: string;
  /** The seed given with `seed=N`, or null: the runner picks one and says which. */
  seed: number | null;
}

/** The measures a line can name: the preset's and the person's. */
export interface MeasureLookup {
  named(name: string): Measure | undefined;
  /** Every known name, for the message that says a name is unknown. */
  names(): readonly string[];
}

const NO_MEASURES: MeasureLookup = { named: () => undefined, names: () => [] };

export const HELP_LINES: readonly string[] = [
  "Every line you enter is one loop of the quickstart's REPL: it is upper-cased and printed,",
  "and its latency (ms) and length (UTF-8 bytes) are recorded with method=repl, status=OK.",
  "A loop's latency runs from the prompt being ready to the output: the first loop from your",
  "first keystroke, click or paste in the prompt, each later one from the previous output.",
  ':record <measure> <value> [key=value ...]   record one value of any measure with those tags, e.g. :record repl/latency 12.5 method="a b"',
  "    only that measure is recorded, not the loop's latency or line length; values are decimal numbers (-2.5 too), integers for an int64 measure; quote a value with spaces, \\\" and \\\\ inside quotes",
  ":gen <measure> <n> <distribution> [key=value ...] [seed=N]   record n (1–1,000,000) synthetic values, e.g. :gen repl/latency 100000 lognormal(80,0.4) seed=7",
  "    distributions: uniform(a,b) normal(mu,sigma) lognormal(median,sigma) exponential(mean) pareto(xm,alpha) mix(0.9*lognormal(80,0.4), 0.1*lognormal(900,0.6))",
  "    an int64 measure gets each value rounded to the nearest integer; the same seed gives the same values (without seed= one is picked and printed);",
  "    it runs in the background in short steps; a :gen entered while another runs waits for it (queued)",
  ":stop   stop the running :gen and drop the queued ones (what was recorded stays), e.g. :stop",
  ':trace <id>       the following lines\' exemplars carry trace_id=<id> besides line_id (a bucket\'s exemplars link to their line); :trace alone clears it, e.g. :trace 4bf92f3577b34da6',
  ":fail <message>   run this line as failed: status=ERROR, error=<message>, e.g. :fail boom",
  ":sleep <ms>       add <ms> (a decimal number) of simulated latency to this loop, e.g. :sleep 300 or :sleep 2.5",
  ":clear            clear the transcript (recorded data stays), e.g. :clear",
  ":help             show this help, e.g. :help",
  "Enter runs the line · Shift+Enter adds a new line · a pasted block runs line by line",
];

const COMMAND = /^:([A-Za-z]+)(?:\s+([\s\S]*))?$/;
const DECIMAL = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
/** `:sleep`'s rule with an optional leading "-": what `:record` takes. */
const SIGNED_DECIMAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
const WHOLE = /^\d+$/;

const RECORD_USAGE = "usage: :record <measure> <value> [key=value ...], e.g. :record repl/latency 12.5 method=x";
const GEN_USAGE = "usage: :gen <measure> <n> <distribution> [key=value ...] [seed=N], e.g. :gen repl/latency 100000 lognormal(80,0.4) seed=7";

export function meaningOf(line: string, measures: MeasureLookup = NO_MEASURES): LineMeaning {
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
    case "record":
      return recordMeaning(arg, measures);
    case "gen":
      return genMeaning(arg, measures);
    case "trace":
      return traceMeaning(arg.trim());
    case "stop":
      if (arg.trim() !== "") return { kind: "refused", reason: `:stop takes nothing after it; got ${JSON.stringify(arg.trim())}` };
      return { kind: "stop" };
    default:
      return {
        kind: "refused",
        reason: `unknown command :${m[1]}; nothing recorded. Commands: :help, :record, :gen, :stop, :trace <id>, :fail <message>, :sleep <ms>, :clear`,
      };
  }
}

/** The longest line id: a safe integer has at most 16 digits. */
const LONGEST_LINE_ID = "9".repeat(16);

function traceMeaning(id: string): LineMeaning {
  if (id === "") return { kind: "trace", traceId: null };
  if (/\s/.test(id)) return { kind: "refused", reason: `not set: a trace id is one word (no spaces); got ${JSON.stringify(id)}` };
  const problem = exemplarProblem({ line_id: LONGEST_LINE_ID, trace_id: id });
  if (problem === null) return { kind: "trace", traceId: id };
  const length = [...id].length;
  const room = EXEMPLAR_MAX_CODE_POINTS - "line_id".length - LONGEST_LINE_ID.length - "trace_id".length;
  return {
    kind: "refused",
    reason:
      length > room
        ? `not set: an exemplar's labels (names and values: line_id, up to 16 digits, and trace_id) are at most ${EXEMPLAR_MAX_CODE_POINTS} UTF-8 characters (OpenMetrics), which leaves ${room} for a trace id; this one has ${length}`
        : `not set: ${problem}`,
  };
}

/** The measure a command names, or why there is none. */
function knownMeasure(name: string, measures: MeasureLookup): { ok: true; measure: Measure } | { ok: false; error: string } {
  const measure = measures.named(name);
  if (measure) return { ok: true, measure };
  const names = measures.names();
  const shown = names.slice(0, 10).join(", ") + (names.length > 10 ? ", …" : "");
  return {
    ok: false,
    error: `unknown measure ${JSON.stringify(name)}; ${names.length === 0 ? "no measure is known" : `known measures: ${shown}`} (create one in the Measures panel)`,
  };
}

function recordMeaning(arg: string, measures: MeasureLookup): LineMeaning {
  const refused = (why: string): LineMeaning => ({ kind: "refused", reason: `not recorded: ${why}` });
  if (arg.trim() === "") return { kind: "refused", reason: `${RECORD_USAGE}; nothing recorded` };
  const name = readWord(arg, 0, "the measure name");
  if (!name.ok) return refused(name.error);
  const value = readWord(arg, name.end, "the value");
  if (!value.ok) return refused(`${value.error}; ${RECORD_USAGE}`);
  const tags = parseTags(arg, value.end);
  if (!tags.ok) return refused(tags.error);
  const measure = knownMeasure(name.value.text, measures);
  if (!measure.ok) return refused(measure.error);
  const text = value.value.text;
  if (value.value.quoted || !SIGNED_DECIMAL.test(text))
    return refused(
      `the value must be a decimal number (digits, an optional fraction, an optional leading -), e.g. 12.5 or -3; got ${value.value.quoted ? `${JSON.stringify(text)} in quotes (write numbers without them)` : JSON.stringify(text)}`,
    );
  let measurement: Measurement;
  try {
    measurement = measure.measure.m(Number(text)); // the engine's rule: finite; an int64 takes integers only
  } catch (e) {
    return refused((e as Error).message);
  }
  const tagText = formatTags(tags.value);
  return {
    kind: "record",
    measurement,
    tags: tagMapOf(tags.value),
    confirmation: `recorded ${measure.measure.name} ${String(measurement.value)}${tagText ? " " + tagText : ""}`,
  };
}

/** Why `measure` cannot record every draw of `d` (float64: finite; int64: safe integers once rounded), or null. */
function rangeProblem(d: Distribution, measure: Measure): string | null {
  const { min, max } = drawBounds(d);
  const written = formatDistribution(d);
  if (!Number.isFinite(min) || !Number.isFinite(max))
    return `${written} can draw values too large for a number (beyond ±1.8e308); use smaller parameters`;
  if (measure.type === "int64" && (Math.round(min) < -Number.MAX_SAFE_INTEGER || Math.round(max) > Number.MAX_SAFE_INTEGER)) {
    const far = Math.max(Math.abs(min), Math.abs(max));
    return `${written} can draw values up to ±${far.toPrecision(3)}, past the safe integers (±${Number.MAX_SAFE_INTEGER}) that int64 measure ${JSON.stringify(measure.name)} records; use smaller parameters`;
  }
  return null;
}

function genMeaning(arg: string, measures: MeasureLookup): LineMeaning {
  const refused = (why: string): LineMeaning => ({ kind: "refused", reason: `not generated: ${why}` });
  if (arg.trim() === "") return { kind: "refused", reason: `${GEN_USAGE}; nothing generated` };
  const name = readWord(arg, 0, "the measure name");
  if (!name.ok) return refused(name.error);
  const count = readWord(arg, name.end, "n (how many values)");
  if (!count.ok) return refused(`${count.error}; ${GEN_USAGE}`);
  const n = WHOLE.test(count.value.text) && !count.value.quoted ? Number(count.value.text) : NaN;
  if (!(n >= 1 && n <= MAX_GEN_VALUES))
    return refused(`n must be a whole number from 1 to ${MAX_GEN_VALUES} (digits only); got ${JSON.stringify(count.value.text)}`);
  const at = skipSpaces(arg, count.end);
  if (at >= arg.length) return refused(`the distribution is missing; ${GEN_USAGE}`);
  const distribution = parseDistribution(arg, at);
  if (!distribution.ok) return refused(distribution.error);
  if (distribution.end < arg.length && !/\s/.test(arg[distribution.end]!))
    return refused(
      `text right after the distribution (${JSON.stringify(arg.slice(distribution.end, distribution.end + 20))}); put a space before key=value tags`,
    );
  const parsed = parseTags(arg, distribution.end);
  if (!parsed.ok) return refused(parsed.error);
  let seed: number | null = null;
  const tags: Tag[] = [];
  for (const t of parsed.value) {
    if (t.key !== "seed") tags.push(t);
    else if (WHOLE.test(t.value) && Number(t.value) <= MAX_SEED) seed = Number(t.value);
    else return refused(`seed must be a whole number from 0 to ${MAX_SEED}; got ${JSON.stringify(t.value)}`);
  }
  const measure = knownMeasure(name.value.text, measures);
  if (!measure.ok) return refused(measure.error);
  const range = rangeProblem(distribution.value, measure.measure);
  if (range) return refused(range);
  return {
    kind: "gen",
    request: {
      measure: measure.measure,
      n,
      distribution: distribution.value,
      tags: tagMapOf(tags),
      tagText: formatTags(tags),
      seed,
    },
  };
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
