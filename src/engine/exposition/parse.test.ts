import { describe, expect, it } from "vitest";
import { parseExposition, parseGoFloat } from "./parse";

describe("parseExposition", () => {
  it("reads samples, labels with escapes, values and timestamps", () => {
    const { samples, comments, problems } = parseExposition(
      [
        "# HELP x_total Help with \\\\ and \\n",
        "# TYPE x_total counter",
        'x_total{a="q\\"uote",b="back\\\\slash\\nnl"} 1e+06 1700000000000',
        "y 3",
        "",
      ].join("\n"),
      "prometheus",
    );
    expect(problems).toEqual([]);
    expect(comments.map((c) => [c.kind, c.metric, c.text])).toEqual([
      ["HELP", "x_total", "Help with \\ and \n"],
      ["TYPE", "x_total", "counter"],
    ]);
    expect(samples[0]).toMatchObject({
      name: "x_total",
      labels: { a: 'q"uote', b: "back\\slash\nnl" },
      labelOrder: ["a", "b"],
      value: 1e6,
      timestamp: 1700000000000,
      line: 3,
    });
    expect(samples[1]).toMatchObject({ name: "y", value: 3 });
  });

  it("reads OpenMetrics exemplars and requires # EOF", () => {
    const ok = parseExposition('a_total 1 # {trace_id="x"} 0.5 1.2\n# EOF\n', "openmetrics");
    expect(ok.problems).toEqual([]);
    expect(ok.samples[0]!.exemplar).toEqual({ labels: { trace_id: "x" }, value: 0.5, timestamp: 1.2 });
    expect(parseExposition("a_total 1\n", "openmetrics").problems).toEqual([{ line: 2, message: "missing # EOF at the end" }]);
  });

  it.each([
    ['m{a="x} 1\n', "prometheus", 'unterminated value of label "a"'],
    ['m{a="\\t"} 1\n', "prometheus", 'invalid escape "\\t" in the value of label "a"'],
    ['m{1a="x"} 1\n', "prometheus", "invalid label name at column 3"],
    ['m{a="x",a="y"} 1\n', "prometheus", 'label "a" appears twice'],
    ["m one\n", "prometheus", '"one" is not a number'],
    ["m\n", "prometheus", 'expected a space and a value after "m"'],
    ["m 1 2 3\n", "prometheus", 'unexpected text after the timestamp: "3"'],
    ["m 1 1.5\n", "prometheus", 'timestamp "1.5" must be an integer number of milliseconds'],
    ["# TYPE m weird\n", "prometheus", 'unknown metric type "weird"'],
    ["m  1\n# EOF\n", "openmetrics", "OpenMetrics separates name, value and timestamp by single spaces"],
    ["\nm 1\n# EOF\n", "openmetrics", "blank lines are not allowed in OpenMetrics"],
    ["# EOF\nm 1\n", "openmetrics", "text after # EOF"],
    ["# just a comment\n# EOF\n", "openmetrics", '"# just a comment" is not a HELP, TYPE, UNIT or EOF line'],
    ["m 1", "prometheus", "the text must end with a newline"],
  ])("reports %j (%s): %s", (text, format, message) => {
    const { problems } = parseExposition(text, format as "prometheus" | "openmetrics");
    expect(problems.map((p) => p.message)).toContain(message);
  });

  it("0.0.4 allows free comments and blank lines", () => {
    expect(parseExposition("# hello\n\nm 1\n", "prometheus").problems).toEqual([]);
  });
});

it("parseGoFloat reads Go's spellings and nothing else", () => {
  expect(parseGoFloat("+Inf")).toBe(Infinity);
  expect(parseGoFloat("-Inf")).toBe(-Infinity);
  expect(parseGoFloat("NaN")).toBeNaN();
  expect(parseGoFloat("1e-05")).toBe(1e-5);
  expect(parseGoFloat(".5")).toBe(0.5);
  expect(() => parseGoFloat("")).toThrow();
  expect(() => parseGoFloat("0x10")).toThrow();
  expect(() => parseGoFloat("1_000")).toThrow();
  expect(parseGoFloat("1.")).toBe(1);
  expect(parseGoFloat("-2.5e-3")).toBe(-0.0025);
  // a megabyte of digits with a bad ending: refused at once, no backtracking blow-up
  expect(() => parseGoFloat("1".repeat(1_000_000) + "x")).toThrow(/is not a number/);
});
