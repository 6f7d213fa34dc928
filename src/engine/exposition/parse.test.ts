import { describe, expect, it } from "vitest";
import { parseExposition } from "./parse";

describe("parseExposition reads 0.0.4 as promtool's expfmt does", () => {
  it("reads samples, labels with escapes, values and timestamps", () => {
    const { samples, comments, problems } = parseExposition(
      [
        "# HELP x_total Help with \\\\ and \\n",
        "# TYPE x_total COUNTER",
        'x_total{a="q\\"uote",b="back\\\\slash\\nnl"} 1e+06 1700000000000',
        "y 3",
        "",
      ].join("\n"),
      "prometheus",
    );
    expect(problems).toEqual([]);
    expect(comments).toEqual([
      { kind: "HELP", metric: "x_total", text: "Help with \\ and \n", line: 1 },
      { kind: "TYPE", metric: "x_total", text: "counter", line: 2 },
    ]);
    expect(samples[0]).toEqual({
      name: "x_total",
      labels: { a: 'q"uote', b: "back\\slash\nnl" },
      labelOrder: ["a", "b"],
      value: 1e6,
      timestamp: 1700000000000,
      line: 3,
    });
    expect(samples[1]).toMatchObject({ name: "y", value: 3 });
  });

  it("accepts every float spelling Go does, and blanks and a trailing comma in label sets", () => {
    const { samples, problems } = parseExposition('up +Infinity\nup NAN\nup{ job="a" } -inf\nup { job = "b" , } .5\n', "prometheus");
    expect(problems).toEqual([]);
    expect(samples.map((s) => s.value)).toEqual([Infinity, NaN, -Infinity, 0.5]);
    expect(samples.map((s) => s.labels.job)).toEqual([undefined, undefined, "a", "b"]);
  });

  it("refuses a HELP escape other than \\\\ and \\n, as promtool does", () => {
    expect(parseExposition("# HELP up Tab\\there.\nup 1\n", "prometheus").problems).toEqual([
      { line: 1, message: "invalid escape sequence '\\t'" },
    ]);
  });

  it.each([
    ['m{a="x} 1', 'unexpected end of input stream'],
    ['m{a="\\t"} 1\n', "invalid escape sequence '\\t'"],
    ['m{1a="x"} 1\n', 'invalid label name for metric "m"'],
    ['m{a="x",a="y"} 1\n', 'duplicate label names for metric "m"'],
    ["m one\n", 'expected float as value, got "one"'],
    ["m\n", 'expected float as value, got ""'],
    ["m 1 2 3\n", 'spurious string after timestamp: " 3"'],
    ["m 1 1.5\n", 'expected integer as timestamp, got "1.5"'],
    ["# TYPE m weird\n", 'unknown metric type "weird"'],
    ["m 1", "unexpected end of input stream"],
  ])("refuses %j: %s", (text, message) => {
    expect(parseExposition(text, "prometheus").problems.map((p) => p.message)).toEqual([message]);
  });

  it("allows free comments, blank lines and NUL in label values", () => {
    expect(parseExposition("# hello\n\nm 1\n", "prometheus").problems).toEqual([]);
    expect(parseExposition('m{a="\u0000"} 1\n', "prometheus").samples[0]!.labels).toEqual({ a: "\u0000" });
  });
});

describe("parseExposition reads OpenMetrics as Prometheus 2.42 does", () => {
  it("reads exemplars and requires # EOF", () => {
    const ok = parseExposition('a_total 1 # {trace_id="x"} 0.5 1.2\n# EOF\n', "openmetrics");
    expect(ok.problems).toEqual([]);
    expect(ok.samples[0]!.exemplar).toEqual({ labels: { trace_id: "x" }, value: 0.5, timestamp: 1.2 });
    expect(parseExposition("a_total 1\n", "openmetrics").problems).toEqual([{ line: 2, message: "data does not end with # EOF" }]);
  });

  it("keeps escapes other than \\\\, \\\" and \\n as written", () => {
    const { samples, comments, problems } = parseExposition('# HELP p A\\tB\np{re="\\d+"} 1\n# EOF\n', "openmetrics");
    expect(problems).toEqual([]);
    expect(comments[0]!.text).toBe("A\\tB");
    expect(samples[0]!.labels).toEqual({ re: "\\d+" });
  });

  it.each([
    ["m  1\n# EOF\n", 'expected value after metric, got "INVALID"'],
    ["\nm 1\n# EOF\n", '"INVALID" "\\n" is not a valid start token'],
    ["# EOF\nm 1\n", "unexpected data after # EOF"],
    ["# just a comment\n# EOF\n", '"INVALID" "j" is not a valid start token'],
    ['m{a="1",} 1\n# EOF\n', 'expected label name, got "BCLOSE"'],
    ["# HELP m\n# EOF\n", "expected text in HELP"],
    ["m 1 NaN\n# EOF\n", "invalid timestamp"],
  ])("refuses %j: %s", (text, message) => {
    expect(parseExposition(text, "openmetrics").problems.map((p) => p.message)[0]).toBe(message);
  });
});
