// Unit tests for what a REPL line means: processed lines, :fail, :sleep, :help, :clear, and
// :record, :gen and :stop with every part checked before anything is recorded.
import { describe, expect, it } from "vitest";
import { measureFloat64, measureInt64, tagKey } from "../engine";
import { HELP_LINES, type LineMeaning, type MeasureLookup, meaningOf, splitLines } from "./line";

describe("meaningOf", () => {
  it("processes ordinary lines by upper-casing them, the empty line too", () => {
    expect(meaningOf("hello")).toEqual({ kind: "process", output: "HELLO", extraLatencyMs: 0 });
    expect(meaningOf("")).toEqual({ kind: "process", output: "", extraLatencyMs: 0 });
    expect(meaningOf("  : not a command")).toMatchObject({ kind: "process" });
  });

  it(":fail takes the rest of the line as the error message", () => {
    expect(meaningOf(":fail boom")).toEqual({ kind: "fail", error: "boom" });
    expect(meaningOf(':fail disk "full" \\o/')).toEqual({ kind: "fail", error: 'disk "full" \\o/' });
  });

  it(":fail refuses a message that is not a valid tag value, and a missing one", () => {
    const r = meaningOf(":fail café");
    expect(r.kind).toBe("refused");
    expect(r.kind === "refused" && r.reason).toMatch(/not recorded: tag value for "error" has a non-printable character at index 3 \(0xe9\)/);
    expect(meaningOf(":fail " + "x".repeat(256))).toMatchObject({ kind: "refused" });
    expect(meaningOf(":fail")).toMatchObject({ kind: "refused", reason: expect.stringMatching(/usage: :fail <message>/) });
  });

  it(":sleep adds simulated latency; bad arguments are refused", () => {
    expect(meaningOf(":sleep 300")).toEqual({ kind: "process", output: ":SLEEP 300", extraLatencyMs: 300 });
    expect(meaningOf(":sleep 0.5")).toMatchObject({ extraLatencyMs: 0.5 });
    expect(meaningOf(":sleep .5")).toMatchObject({ extraLatencyMs: 0.5 });
    expect(meaningOf(":sleep  12 ")).toMatchObject({ extraLatencyMs: 12 });
    // Decimal numbers only, as :help says: no hex, octal, binary, exponents, signs or words.
    for (const bad of [":sleep", ":sleep -1", ":sleep abc", ":sleep 1e99", ":sleep Infinity", ":sleep 0x10", ":sleep 0o7", ":sleep 0b1", ":sleep 1e3", ":sleep +5", ":sleep 5.", ":sleep 1_000", ":sleep 3600001"])
      expect(meaningOf(bad)).toMatchObject({ kind: "refused", reason: expect.stringMatching(/usage: :sleep <ms>/) });
  });

  it(":help and :clear, case-insensitive; unknown commands are explained", () => {
    expect(meaningOf(":help")).toEqual({ kind: "help" });
    expect(meaningOf(":CLEAR")).toEqual({ kind: "clear" });
    expect(meaningOf(":frobnicate now")).toMatchObject({
      kind: "refused",
      reason: expect.stringMatching(/^unknown command :frobnicate; nothing recorded/),
    });
  });
});

const latency = measureFloat64("repl/latency", { description: "latency", unit: "ms" });
const bytes = measureInt64("repl/line_lengths", { unit: "By" });
const spaced = measureFloat64("my latency", { unit: "ms" });
const measures: MeasureLookup = {
  named: (name) => [latency, bytes, spaced].find((m) => m.name === name),
  names: () => [latency, bytes, spaced].map((m) => m.name),
};
const mean = (line: string) => meaningOf(line, measures);
const reason = (line: string) => {
  const r: LineMeaning = mean(line);
  if (r.kind !== "refused") throw new Error(`not refused: ${line}`);
  return r.reason;
};

describe(":record", () => {
  it("means one measurement of a known measure under the tags, confirmed in words", () => {
    const r = mean(':record repl/latency 12.5 method=x region="eu west"');
    expect(r.kind).toBe("record");
    if (r.kind !== "record") return;
    expect(r.measurement).toEqual({ measure: latency, value: 12.5 });
    expect(r.tags.get(tagKey("method"))).toBe("x");
    expect(r.tags.get(tagKey("region"))).toBe("eu west");
    expect(r.confirmation).toBe('recorded repl/latency 12.5 {method="x",region="eu west"}');
    expect(mean(":record repl/latency -3")).toMatchObject({ kind: "record", confirmation: "recorded repl/latency -3" });
    expect(mean(":RECORD repl/latency .5")).toMatchObject({ confirmation: "recorded repl/latency 0.5" });
    expect(mean(":record repl/line_lengths 12.0")).toMatchObject({ confirmation: "recorded repl/line_lengths 12" });
    expect(mean(':record "my latency" 7 q="a \\"b\\""')).toMatchObject({ confirmation: 'recorded my latency 7 {q="a \\"b\\""}' });
  });

  it("refuses every mistake, saying why, and means nothing to record", () => {
    expect(reason(":record")).toBe("usage: :record <measure> <value> [key=value ...], e.g. :record repl/latency 12.5 method=x; nothing recorded");
    expect(reason(":record nope 1")).toBe(
      'not recorded: unknown measure "nope"; known measures: repl/latency, repl/line_lengths, my latency (create one in the Measures panel)',
    );
    expect(meaningOf(":record nope 1")).toEqual({
      kind: "refused",
      reason: 'not recorded: unknown measure "nope"; no measure is known (create one in the Measures panel)',
    });
    expect(reason(":record repl/latency")).toBe(
      "not recorded: the value is missing; usage: :record <measure> <value> [key=value ...], e.g. :record repl/latency 12.5 method=x",
    );
    for (const bad of ["1e3", "0x10", "Infinity", "+5", "5.", "1_000", "NaN", "--1", "abc"])
      expect(reason(`:record repl/latency ${bad}`)).toBe(
        `not recorded: the value must be a decimal number (digits, an optional fraction, an optional leading -), e.g. 12.5 or -3; got "${bad}"`,
      );
    expect(reason(':record repl/latency "12"')).toMatch(/^not recorded: the value must be a decimal number .*; got "12" in quotes \(write numbers without them\)$/);
    expect(reason(`:record repl/latency 1${"0".repeat(400)}`)).toMatch(/^not recorded: measure "repl\/latency" \(float64\) cannot record Infinity; its values must be a finite number$/);
    expect(reason(":record repl/line_lengths 1.5")).toBe(
      'not recorded: measure "repl/line_lengths" (int64) cannot record 1.5; its values must be a safe integer',
    );
    expect(reason(":record repl/latency 1 method")).toMatch(/^not recorded: "method" has no "="/);
    expect(reason(':record repl/latency 1 method="x')).toBe('not recorded: the value of tag "method" opens a quote that is never closed');
    expect(reason(":record repl/latency 1 méthode=x")).toMatch(/^not recorded: tag key "méthode" has a non-printable character/);
    expect(reason(":record repl/latency 1 m=é")).toMatch(/^not recorded: tag value for "m" has a non-printable character/);
    expect(reason(':record "my latency 1')).toBe("not recorded: the measure name opens a quote that is never closed");
  });
});

describe(":gen", () => {
  it("means n draws of a distribution into a known measure, with tags and an optional seed", () => {
    const r = mean(":gen repl/latency 100000 mix(0.9*lognormal(80,0.4), 0.1*lognormal(900,0.6)) region=eu seed=7");
    expect(r.kind).toBe("gen");
    if (r.kind !== "gen") return;
    expect(r.request).toMatchObject({ measure: latency, n: 100_000, seed: 7, tagText: '{region="eu"}' });
    expect(r.request.distribution.kind).toBe("mix");
    expect(r.request.tags.get(tagKey("region"))).toBe("eu");
    expect(r.request.tags.has(tagKey("seed"))).toBe(false); // seed= is the seed, not a tag
    expect(mean(":gen repl/latency 1 uniform(0,1)")).toMatchObject({ kind: "gen", request: { n: 1, seed: null, tagText: "" } });
    expect(mean(":gen repl/latency 1000000 exponential(5) seed=4294967295")).toMatchObject({ request: { n: 1_000_000, seed: 4294967295 } });
    expect(mean(':gen "my latency" 5 normal(0,1)')).toMatchObject({ kind: "gen", request: { measure: spaced } });
  });

  it("refuses every mistake, saying why, before anything is generated", () => {
    expect(reason(":gen")).toMatch(/^usage: :gen <measure> <n> <distribution> \[key=value \.\.\.\] \[seed=N\], e\.g\. .*; nothing generated$/);
    expect(reason(":gen nope 10 uniform(0,1)")).toMatch(/^not generated: unknown measure "nope"; known measures: /);
    expect(reason(":gen repl/latency")).toMatch(/^not generated: n \(how many values\) is missing; usage: :gen/);
    for (const bad of ["0", "1000001", "1e5", "100,000", "-5", "2.5", "ten"])
      expect(reason(`:gen repl/latency ${bad} uniform(0,1)`)).toBe(
        `not generated: n must be a whole number from 1 to 1000000 (digits only); got "${bad}"`,
      );
    expect(reason(":gen repl/latency 10")).toMatch(/^not generated: the distribution is missing; usage: :gen/);
    expect(reason(":gen repl/latency 10 lognormal(80,0)")).toBe("not generated: lognormal: sigma must be > 0; got 0");
    expect(reason(":gen repl/latency 10 mix(0.9*lognormal(80,0.4), 0.05*lognormal(900,0.6))")).toBe(
      "not generated: mix weights must sum to 1; they sum to 0.95",
    );
    expect(reason(":gen repl/latency 10 uniform(0,1)x")).toBe(
      'not generated: text right after the distribution ("x"); put a space before key=value tags',
    );
    expect(reason(":gen repl/latency 10 uniform(0,1) region")).toMatch(/^not generated: "region" has no "="/);
    for (const bad of ["-1", "4294967296", "abc", "1.5", ""])
      expect(reason(`:gen repl/latency 10 uniform(0,1) seed=${bad}`)).toBe(
        `not generated: seed must be a whole number from 0 to 4294967295; got "${bad}"`,
      );
    expect(reason(":gen repl/latency 10 uniform(0,1) seed=1 seed=2")).toBe('not generated: tag "seed" is given twice');
    // Draws a measure could not record are refused before any is drawn.
    expect(reason(":gen repl/latency 10 pareto(1,0.01)")).toBe(
      "not generated: pareto(1,0.01) can draw values too large for a number (beyond ±1.8e308); use smaller parameters",
    );
    expect(reason(":gen repl/line_lengths 10 normal(0,10000000000000000)")).toBe(
      'not generated: normal(0,10000000000000000) can draw values up to ±6.66e+16, past the safe integers (±9007199254740991) that int64 measure "repl/line_lengths" records; use smaller parameters',
    );
    expect(mean(":gen repl/latency 10 normal(0,10000000000000000)").kind).toBe("gen"); // a float64 takes them
  });
});

describe(":stop and :help", () => {
  it(":stop takes no argument", () => {
    expect(meaningOf(":stop")).toEqual({ kind: "stop" });
    expect(meaningOf(":STOP  ")).toEqual({ kind: "stop" });
    expect(meaningOf(":stop now")).toEqual({ kind: "refused", reason: ':stop takes nothing after it; got "now"' });
  });

  it(":help lists every command with an example", () => {
    const examples: [string, string][] = [
      [":record <measure> <value>", ':record repl/latency 12.5 method="a b"'],
      [":gen <measure> <n> <distribution>", ":gen repl/latency 100000 lognormal(80,0.4) seed=7"],
      [":stop", "e.g. :stop"],
      [":fail <message>", "e.g. :fail boom"],
      [":sleep <ms>", "e.g. :sleep 300"],
      [":clear", "e.g. :clear"],
      [":help", "e.g. :help"],
    ];
    for (const [command, example] of examples) {
      const line = HELP_LINES.find((l) => l.startsWith(command));
      expect(line, command).toBeDefined();
      expect(line).toContain(example);
    }
    const help = HELP_LINES.join("\n");
    expect(help).toContain("not the loop's latency or line length");
    expect(help).toContain("rounded to the nearest integer");
    expect(help).toContain("queued");
  });
});

describe("splitLines", () => {
  it("splits on any line break; a final break ends the last line", () => {
    expect(splitLines("a\nb\r\nc\rd")).toEqual(["a", "b", "c", "d"]);
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\n\n")).toEqual(["a", ""]);
    expect(splitLines("")).toEqual([""]);
    expect(splitLines("\n")).toEqual([""]);
  });
});

describe(":trace", () => {
  it("sets a one-word trace id, clears it alone, and is listed in :help with an example", () => {
    expect(meaningOf(":trace 4bf92f3577b34da6")).toEqual({ kind: "trace", traceId: "4bf92f3577b34da6" });
    expect(meaningOf(":trace")).toEqual({ kind: "trace", traceId: null });
    expect(meaningOf(":trace a b")).toMatchObject({ kind: "refused", reason: expect.stringMatching(/one word/) });
    expect(HELP_LINES.some((l) => l.startsWith(":trace <id>") && l.includes("e.g. :trace "))).toBe(true);
  });

  it("keeps line_id and trace_id within 128 characters: 97 is taken, 98 refused naming the rule", () => {
    expect(meaningOf(`:trace ${"é".repeat(97)}`)).toMatchObject({ kind: "trace" });
    expect(meaningOf(`:trace ${"t".repeat(98)}`)).toEqual({
      kind: "refused",
      reason:
        "not set: an exemplar's labels (names and values: line_id, up to 16 digits, and trace_id) are at most 128 UTF-8 characters (OpenMetrics), which leaves 97 for a trace id; this one has 98",
    });
  });
});
