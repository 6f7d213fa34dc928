// Our own rules, rule by rule, with their lines and messages: "structure" (both formats) and
// "openmetrics"; what Prometheus 2.42's OpenMetrics parser refuses (the text is not accepted:
// `parseError` and "parse" problems with its messages; 0.0.4 refusals are checked against the
// real promtool in parity.test.ts); what the engine's own output lints to; format detection;
// refusals and resource limits; and that no input makes the linter throw.
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
    const clean = [
      "01-engine-go-prometheus.prom",
      "03-clean-all-types.prom",
      "32-comments-and-whitespace.prom",
      "40-engine-go-prometheus.om.txt",
      "47-exemplars-ok.om.txt",
      "56-go-float-spellings.prom",
      "57-label-set-blanks.prom",
      "58-nul-in-label-value.prom",
      "61-nul-in-label-value.om.txt",
      "63-escapes-kept.om.txt",
    ];
    for (const n of clean) expect(lintExposition(fixture(n)), n).toMatchObject({ accepted: true, problems: [] });
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

/** What the format's parser says of fixture `name`: accepted, or its refusal and every refused line. */
function verdict(name: string): { accepted: boolean; parseError?: { line: number; message: string }; parse: [number | null, string, string][] } {
  const r = lintExposition(fixture(name));
  return { accepted: r.accepted, ...(r.parseError ? { parseError: r.parseError } : {}), parse: problems(name, "parse") };
}

const refused = (line: number, metric: string, message: string) => ({
  accepted: false,
  parseError: { line, message },
  parse: [[line, metric, message]],
});

// Prometheus 2.42 refuses the whole text (model/textparse/openmetricsparse.go): the result says
// so, with the parser's message and line; every line it refuses is also a "parse" problem.
describe("OpenMetrics: what Prometheus's parser refuses is a refusal of the text", () => {
  it("the text ends with # EOF, and nothing follows it", () => {
    expect(verdict("42-missing-eof.om.txt")).toEqual(refused(5, "", "data does not end with # EOF"));
    expect(verdict("43-text-after-eof.om.txt")).toEqual(refused(5, "", "unexpected data after # EOF"));
    expect(lintExposition("# EOF", "openmetrics")).toMatchObject({ accepted: true, problems: [] });
  });

  it("# UNIT u needs a family name ending in _u", () => {
    expect(verdict("45-unit-mismatch.om.txt")).toEqual(refused(3, "latency", 'unit not a suffix of metric "latency"'));
  });

  it("no blank lines", () => {
    const blank = '"INVALID" "\\n" is not a valid start token';
    expect(verdict("46-blank-lines.om.txt")).toEqual({
      accepted: false,
      parseError: { line: 3, message: blank },
      parse: [
        [3, "", blank],
        [5, "", blank],
      ],
    });
  });

  it("exemplars only on names ending in _total or _bucket", () => {
    expect(verdict("48-exemplar-misplaced.om.txt")).toEqual({
      accepted: false,
      parseError: { line: 3, message: "metric name temp does not support exemplars" },
      parse: [
        [3, "temp", "metric name temp does not support exemplars"],
        [8, "latency_seconds_count", "metric name latency_seconds_count does not support exemplars"],
      ],
    });
  });

  it('"untyped" is not an OpenMetrics type', () => {
    expect(verdict("51-untyped.om.txt")).toEqual(refused(2, "a", 'invalid metric type "untyped"'));
  });

  it("tokens are separated by exactly one space: no tabs, no blanks inside braces, none leading or trailing", () => {
    expect(verdict("52-spacing.om.txt").parse).toEqual([
      [3, "a", 'expected value after metric, got "INVALID"'],
      [4, "a", 'expected value after metric, got "INVALID"'],
      [5, "", '"INVALID" " " is not a valid start token'],
      [6, "a", 'expected equal, got "INVALID"'],
      [7, "a", 'expected timestamp or # symbol, got "INVALID"'],
      [8, "", '"INVALID" " " is not a valid start token'],
    ]);
    expect(problems("52-spacing.om.txt", "openmetrics")).toEqual([]);
  });

  it("every line the parser refuses is listed, the first being the refusal", () => {
    expect(verdict("53-parse-errors.om.txt")).toEqual({
      accepted: false,
      parseError: { line: 3, message: '"INVALID" "A" is not a valid start token' },
      parse: [
        [3, "", '"INVALID" "A" is not a valid start token'],
        [5, "a", 'strconv.ParseFloat: parsing "one": invalid syntax'],
        [6, "b", 'invalid metric type "histogrammm"'],
      ],
    });
  });

  it("NUL in a sample's label value or HELP text is accepted, in an exemplar's label value refused", () => {
    expect(verdict("61-nul-in-label-value.om.txt")).toEqual({ accepted: true, parse: [] });
    expect(lintExposition(fixture("61-nul-in-label-value.om.txt")).problems).toEqual([]);
    expect(verdict("62-parse-nul-in-exemplar.om.txt")).toEqual(refused(3, "requests_total", 'expected label value, got "INVALID"'));
  });

  it("escapes other than the three of label values are read as written, not refused", () => {
    expect(lintExposition(fixture("63-escapes-kept.om.txt"))).toMatchObject({ accepted: true, problems: [] });
  });

  it("# HELP needs a space and text after the name", () => {
    expect(verdict("64-parse-help-without-text.om.txt")).toEqual(refused(1, "queue_length", "expected text in HELP"));
  });

  it("no trailing comma in a label set", () => {
    expect(verdict("65-parse-trailing-comma.om.txt")).toEqual(refused(4, "queue_length", 'expected label name, got "BCLOSE"'));
  });

  it("timestamps, of samples and of exemplars, are neither NaN nor ±Inf", () => {
    expect(verdict("66-parse-nan-timestamp.om.txt")).toEqual(refused(4, "queue_length", "invalid timestamp"));
    expect(verdict("67-parse-inf-exemplar-timestamp.om.txt")).toEqual(refused(4, "rpc_seconds_bucket", "invalid exemplar timestamp"));
  });

  it("a refused text gets no promlint problems, but our other checks of what was read", () => {
    const r = lintExposition(fixture("54-split-and-late.om.txt"));
    expect(r.parseError).toEqual({ line: 8, message: 'unit not a suffix of metric "b"' });
    expect(r.counts).toEqual({ parse: 1, promlint: 0, structure: 2, openmetrics: 0 });
  });
});

describe("OpenMetrics rules Prometheus does not enforce", () => {
  it("counter samples end in _total or _created", () => {
    expect(problems("44-counter-without-total.om.txt", "openmetrics")).toEqual([
      [5, "requests", 'counter sample "requests" must end in "_total" (or "_created"): write "requests_total"'],
      [8, "jobs_total", 'counter sample "jobs_total" must end in "_total" (or "_created"): write "jobs_total_total"'],
    ]);
  });

  it("exemplars only on counter _total and histogram _bucket samples", () => {
    expect(verdict("68-exemplar-on-gauge.om.txt")).toEqual({ accepted: true, parse: [] });
    expect(problems("68-exemplar-on-gauge.om.txt", "openmetrics")).toEqual([
      [3, "queue_bucket", "exemplars are only allowed on counter _total and histogram _bucket samples"],
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

  it("label names are unique in a label set; HELP, TYPE and UNIT come once per family", () => {
    expect(verdict("69-repeated-label-and-metadata.om.txt")).toEqual({ accepted: true, parse: [] });
    expect(problems("69-repeated-label-and-metadata.om.txt", "openmetrics")).toEqual([
      [
        3,
        "queue_length",
        'second TYPE line for metric name "queue_length"; OpenMetrics allows one HELP, TYPE and UNIT line per family (Prometheus does not check)',
      ],
      [4, "queue_length", 'label name "queue" appears twice in the label set; label names are unique (Prometheus 2.42 does not check)'],
    ]);
    expect(problems("53-parse-errors.om.txt", "openmetrics")).toEqual([
      [
        8,
        "a",
        'second HELP line for metric name "a"; OpenMetrics allows one HELP, TYPE and UNIT line per family (Prometheus does not check)',
      ],
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
  it("refuses binary junk, NUL characters and all", () => {
    const junk = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const r = lintExposition(junk);
    expect(r.refused).toMatch(/control characters/);
    expect(r.accepted).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.families).toBe(0);
  });

  it("a few NULs are no refusal: the format's parser says where they are allowed", () => {
    expect(lintExposition('# HELP x X.\n# TYPE x gauge\nx{a="\u0000"} 1\n')).toMatchObject({ accepted: true, problems: [] });
    expect(lintExposition("\u0000".repeat(15))).toMatchObject({ accepted: false, parseError: { line: 1 } });
    expect(lintExposition("\u0000".repeat(16)).refused).toMatch(/16 of 16 characters are control characters/);
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
    expect(lintExposition(`x ${"9".repeat(1024 * 1024)}\n# EOF\n`, "openmetrics").problems[0]?.message).toMatch(/^strconv.ParseFloat: parsing "9{200}"…: value out of range$/);
  });

  it("lists at most 1000 problems of a rule but promlint, and counts every one found", () => {
    const r = lintExposition("\n".repeat(2500) + "# EOF\n", "openmetrics");
    expect(r.problems.length).toBe(1000);
    expect(r.problems.every((p) => p.rule === "parse" && p.line !== null)).toBe(true);
    expect(r.counts).toEqual({ parse: 2500, promlint: 0, structure: 0, openmetrics: 0 });
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
