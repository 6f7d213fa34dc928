// Our own rules, rule by rule, with their lines and messages: "structure" (both formats) and
// "openmetrics"; what the engine's own output lints to; format detection; refusals and
// resource limits; and that no input makes the linter throw.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Naming, toOpenMetricsText, toPrometheusText } from "../../src/engine/exposition";
import { detectFormat, lintExposition, type LintProblem } from "../../src/engine/lint";
import { goQuickstart, pythonQuickstart } from "../../src/repl/quickstart";
import { goSession, pythonSession } from "../scenario";

const dir = new URL("./fixtures/", import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), "utf8");

type Rule = LintProblem["rule"];

/** [line, metric, message] of one rule's problems in `name`. */
function problems(name: string, rule: Rule): [number | null, string, string][] {
  return lintExposition(fixture(name))
    .problems.filter((p) => p.rule === rule)
    .map((p) => [p.line, p.metric, p.message]);
}

describe("the fixture corpus", () => {
  const names = readdirSync(dir);
  it("has at least 30 texts in both formats, each linted in the format its name says", () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(names.filter((n) => n.endsWith(".om.txt")).length).toBeGreaterThanOrEqual(10);
    for (const n of names) {
      expect(n).toMatch(/^\d\d-[a-z0-9-]+\.(prom|om\.txt)$/);
      expect(lintExposition(fixture(n)).format, n).toBe(n.endsWith(".om.txt") ? "openmetrics" : "prometheus");
    }
  });

  it("clean fixtures have no problems at all", () => {
    for (const n of ["01-engine-go-prometheus.prom", "03-clean-all-types.prom", "32-comments-and-whitespace.prom", "40-engine-go-prometheus.om.txt", "47-exemplars-ok.om.txt"])
      expect(lintExposition(fixture(n)).problems, n).toEqual([]);
  });
});

describe("structure rules", () => {
  it("bucket counts must not decrease as le grows", () => {
    expect(problems("23-buckets-not-cumulative.prom", "structure")).toEqual([
      [4, "rpc_seconds", 'bucket le="0.5" counts 3, less than the 5 of le="0.1" (line 3): bucket counts are cumulative and never decrease'],
    ]);
  });

  it('the le="+Inf" bucket must exist and equal _count', () => {
    expect(problems("24-inf-bucket.prom", "structure")).toEqual([
      [4, "a_seconds", 'histogram a_seconds has no le="+Inf" bucket'],
      [12, "b_seconds", 'b_seconds_count is 3 but the le="+Inf" bucket (line 10) counts 2; they must be equal'],
    ]);
  });

  it("le values must increase, without duplicates, and be numbers", () => {
    expect(problems("25-le-order.prom", "structure")).toEqual([
      [4, "size_bytes", 'le="5" comes after le="10" (line 3): buckets must be in increasing le order'],
      [6, "size_bytes", 'duplicate bucket le="20" (also at line 5)'],
    ]);
    const om = '# HELP h H.\n# TYPE h histogram\nh_bucket{le="big"} 1\nh_bucket{le="+Inf"} 1\nh_count 1\nh_sum 1\n# EOF\n';
    expect(lintExposition(om).problems).toEqual([{ line: 3, metric: "h", message: 'le="big" is not a number', rule: "structure" }]);
  });

  it("a family's samples must not be split or interleaved with another family's", () => {
    expect(problems("26-split-families.prom", "structure")).toEqual([
      [7, "a_total", 'samples of family "a_total" are split: this one follows "b_total" (line 6) but the family\'s previous sample is at line 3; keep a family\'s samples together'],
      [8, "b_total", 'samples of family "b_total" are split: this one follows "a_total" (line 7) but the family\'s previous sample is at line 6; keep a family\'s samples together'],
    ]);
    expect(problems("54-split-and-late.om.txt", "structure")).toEqual([
      [7, "a", 'samples of family "a" are split: this one follows "b" (line 6) but the family\'s previous sample is at line 3; keep a family\'s samples together'],
      [8, "b", 'UNIT for "b" comes after its samples; metadata goes first'],
    ]);
  });

  it("HELP and TYPE come before the family's samples", () => {
    expect(problems("27-help-after-samples.prom", "structure")).toEqual([
      [3, "a_total", 'HELP for "a_total" comes after its samples; metadata goes first'],
    ]);
    // A TYPE after samples is also a parse error for expfmt.
    expect(problems("13-parse-type-after-samples.prom", "structure")).toEqual([
      [3, "a_total", 'TYPE for "a_total" comes after its samples; metadata goes first'],
    ]);
    expect(problems("13-parse-type-after-samples.prom", "parse")).toEqual([
      [3, "a_total", 'second TYPE line for metric name "a_total", or TYPE reported after samples'],
    ]);
  });

  it("counters are neither negative nor NaN", () => {
    expect(problems("28-negative-counter.prom", "structure")).toEqual([
      [3, "errors_total", "counter value -1 is negative; counters never go below 0"],
      [4, "errors_total", "counter value is NaN; counters only count"],
    ]);
  });

  it('label names starting with "__" are reserved', () => {
    expect(problems("29-reserved-label-prefix.prom", "structure")).toEqual([
      [3, "a", 'label name "__meta_source" starts with "__", which is reserved for Prometheus\' internal use'],
    ]);
  });

  it("histograms have _count and _sum", () => {
    expect(problems("30-histogram-no-count-sum.prom", "structure")).toEqual([
      [3, "a_seconds", "histogram a_seconds has no a_seconds_count sample"],
      [3, "a_seconds", "histogram a_seconds has no a_seconds_sum sample"],
      [7, "b_seconds", "histogram b_seconds has no b_seconds_sum sample"],
    ]);
  });

  it("duplicate series, which promtool 2.42 does not report", () => {
    expect(problems("11-duplicate-series.prom", "structure")).toEqual([
      [5, "temperature_celsius", "duplicate series: same name and labels as line 3"],
      [9, "up", "duplicate series: same name and labels as line 8"],
    ]);
    expect(problems("11-duplicate-series.prom", "promlint")).toEqual([]);
  });

  it("series are told apart per labels, so a histogram with two series is fine", () => {
    const text =
      '# HELP h H.\n# TYPE h histogram\nh_bucket{a="1",le="+Inf"} 1\nh_sum{a="1"} 1\nh_count{a="1"} 1\n' +
      'h_bucket{a="2",le="1"} 1\nh_bucket{a="2",le="+Inf"} 2\nh_sum{a="2"} 1\nh_count{a="2"} 2\n';
    expect(lintExposition(text).problems).toEqual([]);
  });
});

describe("OpenMetrics rules", () => {
  it("the text ends with # EOF, and nothing follows it", () => {
    expect(problems("42-missing-eof.om.txt", "openmetrics")).toEqual([[4, "", 'missing "# EOF" at the end of the exposition']]);
    expect(problems("43-text-after-eof.om.txt", "openmetrics")).toEqual([
      [5, "", "text after # EOF: the exposition must end with the # EOF line"],
    ]);
    expect(lintExposition("# EOF", "openmetrics").problems).toEqual([]);
  });

  it("counter samples end in _total or _created", () => {
    expect(problems("44-counter-without-total.om.txt", "openmetrics")).toEqual([
      [5, "requests", 'counter sample "requests" must end in "_total" (or "_created"): write "requests_total"'],
      [8, "jobs_total", 'counter sample "jobs_total" must end in "_total" (or "_created"): write "jobs_total_total"'],
    ]);
  });

  it("# UNIT u needs a family name ending in _u", () => {
    expect(problems("45-unit-mismatch.om.txt", "openmetrics")).toEqual([
      [3, "latency", '# UNIT "seconds" needs the family name to end in "_seconds"'],
    ]);
  });

  it("no blank lines", () => {
    expect(problems("46-blank-lines.om.txt", "openmetrics")).toEqual([
      [3, "", "blank line: OpenMetrics allows no empty lines"],
      [5, "", "blank line: OpenMetrics allows no empty lines"],
    ]);
  });

  it("exemplars only on counter _total and histogram _bucket samples", () => {
    const message = "exemplars are only allowed on counter _total and histogram _bucket samples";
    expect(problems("48-exemplar-misplaced.om.txt", "openmetrics")).toEqual([
      [3, "temp", message],
      [8, "latency_seconds_count", message],
    ]);
  });

  it("exemplar labels are at most 128 code points (not bytes, not UTF-16 units)", () => {
    // Line 3: "trace_id" + 120 × "x" = 128, allowed; line 4: "span_id" + 122 × "é" = 129.
    expect(problems("49-exemplar-too-long.om.txt", "openmetrics")).toEqual([
      [4, "requests_total", "exemplar labels are 129 UTF-8 code points long; at most 128 are allowed"],
    ]);
  });

  it("a histogram exemplar lies in its bucket", () => {
    expect(problems("50-exemplar-outside-bucket.om.txt", "openmetrics")).toEqual([
      [3, "latency_seconds_bucket", "exemplar value 0.5 is outside its bucket (-Inf, 0.1]"],
      [4, "latency_seconds_bucket", "exemplar value 0.1 is outside its bucket (0.1, 1]"],
    ]);
  });

  it('"untyped" is spelled "unknown"', () => {
    expect(problems("51-untyped.om.txt", "openmetrics")).toEqual([[2, "a", 'OpenMetrics has no type "untyped": use "unknown"']]);
  });

  it("single spaces between tokens", () => {
    const message =
      "OpenMetrics separates tokens by exactly one space: no tabs, no leading, trailing or doubled spaces, none inside braces";
    expect(problems("52-spacing.om.txt", "openmetrics")).toEqual([
      [3, "a", message],
      [4, "a", message],
      [5, "a", message],
      [6, "a", message],
      [7, "a", message],
      [8, "b", message],
    ]);
    expect(problems("52-spacing.om.txt", "parse")).toEqual([]);
  });

  it("what an OpenMetrics parser refuses is a parse problem, line by line", () => {
    expect(problems("53-parse-errors.om.txt", "parse")).toEqual([
      [3, "", 'OpenMetrics allows only "# HELP", "# TYPE", "# UNIT" and "# EOF" comments, not "# A free comment is not allowed."'],
      [4, "a", "invalid escape sequence '\\t' in value of label \"x\""],
      [5, "a", 'expected float as value, got "one"'],
      [6, "b", 'unknown metric type "histogrammm"'],
      [8, "a", 'second HELP line for metric name "a"'],
    ]);
  });
});

describe("the engine's own output", () => {
  const sessions = [
    { id: "go", make: goSession, namespace: goQuickstart.namespace },
    { id: "python", make: pythonSession, namespace: pythonQuickstart.namespace },
  ];

  it.each(sessions)("$id quickstart, Prometheus naming: no problems in 0.0.4 or OpenMetrics", ({ make, namespace }) => {
    const options = { namespace, naming: "prometheus" as Naming };
    const prom = lintExposition(toPrometheusText(make().snapshot(), options));
    expect(prom.format).toBe("prometheus");
    expect(prom.problems).toEqual([]);
    expect(prom.families).toBe(3);
    const om = lintExposition(toOpenMetricsText(make().snapshot(), options));
    expect(om.format).toBe("openmetrics");
    expect(om.problems).toEqual([]);
    expect(om.families).toBe(3);
  });

  it.each(sessions)("$id quickstart, OpenCensus naming: only the counter's _total complaint in 0.0.4", ({ make, namespace }) => {
    const text = toPrometheusText(make().snapshot(), { namespace, naming: "opencensus" });
    const counter = `${namespace}_demo_lines_in`;
    const typeLine = text.split("\n").indexOf(`# HELP ${counter} The number of lines from standard input`) + 1;
    expect(typeLine).toBeGreaterThan(0);
    expect(lintExposition(text).problems).toEqual([
      { line: typeLine, metric: counter, message: 'counter metrics should have "_total" suffix', rule: "promlint" },
    ]);
    expect(lintExposition(toOpenMetricsText(make().snapshot(), { namespace, naming: "opencensus" })).problems).toEqual([]);
  });

  it("the checked-in engine fixtures lint the same way", () => {
    expect(lintExposition(fixture("02-engine-go-opencensus.prom")).problems.map((p) => p.message)).toEqual([
      'counter metrics should have "_total" suffix',
    ]);
    expect(lintExposition(fixture("41-engine-go-opencensus.om.txt")).problems).toEqual([]);
  });
});

describe("promlint problems carry the family's first line, label problems the series' line", () => {
  it("lines", () => {
    const text = "# HELP a A.\n# TYPE a gauge\na 1\n# TYPE b gauge\nb{x=\"1\"} 1\nb{fooBar=\"1\"} 1\n";
    expect(lintExposition(text).problems).toEqual([
      { line: 4, metric: "b", message: "no help text", rule: "promlint" },
      { line: 6, metric: "b", message: "label names should be written in 'snake_case' not 'camelCase'", rule: "promlint" },
    ]);
  });

  it("with two unit segments we report the first non-base one (promtool picks one at random)", () => {
    const text = "# HELP x_bytes_milliseconds X.\n# TYPE x_bytes_milliseconds gauge\nx_bytes_milliseconds 1\n";
    expect(lintExposition(text).problems).toEqual([
      { line: 1, metric: "x_bytes_milliseconds", message: 'use base unit "seconds" instead of "milliseconds"', rule: "promlint" },
    ]);
  });

  it("a text that does not parse gets no promlint problems, like promtool", () => {
    expect(problems("12-parse-second-help.prom", "promlint")).toEqual([]);
    expect(problems("12-parse-second-help.prom", "parse")).toEqual([[2, "a_total", 'second HELP line for metric name "a_total"']]);
  });
});

describe("detectFormat", () => {
  it.each([
    ["x 1\n", "prometheus"],
    ["", "prometheus"],
    ["# HELP x h\n# TYPE x gauge\nx 1\n", "prometheus"],
    ["x 1\n# EOF\n", "openmetrics"],
    ["# EOF", "openmetrics"],
    ["# HELP x_seconds h\n# UNIT x_seconds seconds\n", "openmetrics"],
    ["x_total 1\nx_created 1.7e+09\n", "openmetrics"],
    ['x_total 1 # {trace_id="a"} 1\n', "openmetrics"],
    ["# EOFX\nx 1\n", "prometheus"],
  ])("%j is %s", (text, format) => {
    expect(detectFormat(text)).toBe(format);
    expect(lintExposition(text).format).toBe(format);
  });
});

describe("bad input: refused, bounded, never thrown", () => {
  it("refuses binary junk with NUL characters", () => {
    const junk = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const r = lintExposition(junk);
    expect(r.refused).toMatch(/NUL/);
    expect(r.problems).toEqual([]);
    expect(r.families).toBe(0);
  });

  it("refuses text that is mostly control characters", () => {
    const r = lintExposition("x 1\n" + "\x01\x02\x03\x1b".repeat(100));
    expect(r.refused).toMatch(/control characters/);
    expect(r.problems).toEqual([]);
    // A few are just problems, not a refusal.
    expect(lintExposition("x\x07 1\n".repeat(3) + "y 1\n".repeat(100)).refused).toBeUndefined();
  });

  it("refuses more than 10 MiB, counted in UTF-8 bytes", () => {
    const big = `# ${"a".repeat(10 * 1024 * 1024)}\n`;
    expect(lintExposition(big).refused).toMatch(/10 MiB/);
    // 3.6 M characters, but 10.8 MB of UTF-8.
    const wide = `# HELP x ${"€".repeat(3.6e6)}\n`;
    expect(wide.length).toBeLessThan(10 * 1024 * 1024);
    expect(lintExposition(wide).refused).toMatch(/10 MiB/);
    const limit = `# ${"a".repeat(10 * 1024 * 1024 - 3)}\n`;
    expect(lintExposition(limit).refused).toBeUndefined();
  });

  it("a 5 MB text and a 1 MB line lint to completion", () => {
    let text = "# HELP h_seconds H.\n# TYPE h_seconds histogram\n";
    for (let i = 0; text.length < 5 * 1024 * 1024; i++) {
      const l = `path="/item/${i}",method="GET"`;
      text += `h_seconds_bucket{${l},le="0.1"} 1\nh_seconds_bucket{${l},le="+Inf"} 2\nh_seconds_sum{${l}} 0.5\nh_seconds_count{${l}} 2\n`;
    }
    const r = lintExposition(text);
    expect(r.problems).toEqual([]);
    expect(r.samples).toBeGreaterThan(90_000);

    const line = `x{a="${"v".repeat(1024 * 1024)}"} ${"1".repeat(1000)}x\n`;
    expect(lintExposition(line).problems).toEqual([
      { line: 1, metric: "x", message: `expected float as value, got "${"1".repeat(200)}"…`, rule: "parse" },
    ]);
    expect(lintExposition(`x ${"9".repeat(1024 * 1024)}\n# EOF\n`, "openmetrics").problems[0]?.message).toMatch(/expected float/);
  });

  it("lists at most 1000 problems of a rule but promlint, and counts every one found", () => {
    const r = lintExposition("\n".repeat(2500) + "# EOF\n", "openmetrics");
    expect(r.problems.length).toBe(1000);
    expect(r.problems.every((p) => p.rule === "openmetrics" && p.line !== null)).toBe(true);
    expect(r.counts).toEqual({ parse: 0, promlint: 0, structure: 0, openmetrics: 2500 });
    expect(r.total).toBe(2500);
  });

  it("counts problems of several capped rules separately and in total", () => {
    // 1,200 counters without _total (promlint, never capped) whose values are negative (structure, capped).
    const text = Array.from({ length: 1200 }, (_, i) => `# HELP c${i} C.\n# TYPE c${i} counter\nc${i} -1`).join("\n") + "\n";
    const r = lintExposition(text, "prometheus");
    expect(r.counts.promlint).toBe(1200);
    expect(r.counts.structure).toBe(1200);
    expect(r.total).toBe(2400);
    expect(r.problems.filter((p) => p.rule === "structure")).toHaveLength(1000);
    expect(r.problems.filter((p) => p.rule === "promlint")).toHaveLength(1200);
  });

  it("never throws, whatever the text", () => {
    const piece = fc.constantFrom(
      "x", "_total", "_bucket", "_count", "_sum", "_created", "{", "}", ",", "=", '"', "\\", " ", "\t", "\n", "\r", "#", " # ",
      "HELP ", "TYPE ", "UNIT ", "EOF", "le", "quantile", "1", "-1", "NaN", "+Inf", "1e400", "é", "😀", "\ud800",
      "counter", "gauge", "histogram", "summary", "untyped", "unknown",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom(undefined, "prometheus" as const, "openmetrics" as const), (pieces, format) => {
        const r = lintExposition(pieces.join(""), format);
        for (const p of r.problems) expect(typeof p.message).toBe("string");
      }),
      { numRuns: 2000 },
    );
  });
});
