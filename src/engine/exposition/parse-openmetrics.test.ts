// OpenMetrics as Prometheus 2.42's OpenMetricsParser reads it: what it accepts, what it refuses
// and with which message. Every expectation was traced through openmetricsparse.go and the
// generated lexer (openmetricslex.l.go) at v2.42.0.
import { describe, expect, it } from "vitest";
import type { ExpositionSink, MetaEntry, ParseError, SampleEntry } from "./entries";
import { readOpenMetrics } from "./parse-openmetrics";

function read(text: string): { samples: SampleEntry[]; meta: MetaEntry[]; errors: ParseError[] } {
  const out = { samples: [] as SampleEntry[], meta: [] as MetaEntry[], errors: [] as ParseError[] };
  const sink: ExpositionSink = {
    metadata: (m) => out.meta.push(m),
    sample: (s) => out.samples.push(s),
    error: (e) => out.errors.push(e),
  };
  readOpenMetrics(text, sink);
  return out;
}

const firstError = (text: string): string | null => read(text).errors[0]?.message ?? null;

describe("accepted", () => {
  it.each([
    "# EOF",
    "# EOF\n",
    "jobs_total{} 3\n# EOF\n",
    'jobs_total 3 # {} 1\n# EOF\n',
    'jobs_total 3 1700000000 # {span="x"} 1 1700000000.25\n# EOF\n',
    "# HELP jobs  two spaces keep the second in the text\n# EOF\n",
    "# HELP jobs \n# UNIT jobs \n# EOF\n",
    "# UNIT wait_seconds seconds\n# EOF\n",
    "wait:rate5m 1 -1.5e3\n# EOF\n",
    // A NUL after `# EOF\n` is skipped by the lexer, like one at the start of the line after a HELP.
    "# EOF\n\u0000",
    "# HELP jobs Done.\n\u0000jobs 1\n# EOF\n",
  ])("%j", (text) => {
    expect(read(text).errors).toEqual([]);
  });

  it("reads values, timestamps, exemplars and escapes as the parser hands them on", () => {
    const r = read('# HELP q A \\q \\"b\\" \\\\.\nq_bucket{le="1",p="a\\tb\\\\"} 2 17.5 # {id="\\"x\\""} 0.5 18\n# EOF\n');
    expect(r.meta).toEqual([{ line: 1, kind: "HELP", name: "q", text: 'A \\q "b" \\.' }]);
    expect(r.samples).toEqual([
      {
        line: 2,
        name: "q_bucket",
        labels: [
          { name: "le", value: "1" },
          { name: "p", value: "a\\tb\\" },
        ],
        value: 2,
        timestamp: 17.5,
        exemplar: { labels: [{ name: "id", value: '"x"' }], value: 0.5, timestamp: 18 },
      },
    ]);
  });

  it("keeps the NULs the lexer skips inside label values and HELP text", () => {
    const r = read('# HELP n a\u0000b\nn{v="\u0000"} 1\n# EOF\n');
    expect(r.errors).toEqual([]);
    expect(r.meta[0]!.text).toBe("a\u0000b");
    expect(r.samples[0]!.labels).toEqual([{ name: "v", value: "\u0000" }]);
  });

  it("lets label names and metadata repeat (the linter reports that)", () => {
    expect(read('# TYPE g gauge\n# TYPE g gauge\ng{a="1",a="2"} 1\n# EOF\n').errors).toEqual([]);
  });
});

describe("refused, with Prometheus's message", () => {
  it.each([
    ["", "data does not end with # EOF"],
    ["jobs 1\n", "data does not end with # EOF"],
    ["jobs 1", "data does not end with # EOF"],
    ["jobs_total 1 # {a=\"b\"} 2", "data does not end with # EOF"],
    ["jobs 1\n\n# EOF\n", '"INVALID" "\\n" is not a valid start token'],
    ["\tjobs 1\n# EOF\n", '"INVALID" "\\t" is not a valid start token'],
    ["#EOF\n", '"INVALID" "E" is not a valid start token'],
    ["# free text\n# EOF\n", '"INVALID" "f" is not a valid start token'],
    ["# HEL", '"INVALID" " " is not a valid start token'],
    ["ébits 1\n# EOF\n", '"INVALID" "Ã" is not a valid start token'],
    ["\u0000jobs 1\n# EOF\n", '"INVALID" "\\x00" is not a valid start token'],
    ["# EOF \n", "unexpected data after # EOF"],
    ["# EOF\n# EOF\n", "unexpected data after # EOF"],
    ["# TYPE jobs untyped\n# EOF\n", 'invalid metric type "untyped"'],
    ["# TYPE jobs Gauge\n# EOF\n", 'invalid metric type "Gauge"'],
    ["# TYPE jobs gauge\r\n# EOF\n", 'invalid metric type "gauge\\r"'],
    ["# TYPE 1jobs gauge\n# EOF\n", 'expected metric name after TYPE, got "INVALID"'],
    ["# HELP jobs\n# EOF\n", "expected text in HELP"],
    ["# UNIT jobs\n# EOF\n", "expected text in UNIT"],
    ["# HELP jobs\u0000 x\n# EOF\n", "expected text in HELP"],
    ["# UNIT seconds seconds\n# EOF\n", 'unit not a suffix of metric "seconds"'],
    ["# UNIT wait_ms seconds\n# EOF\n", 'unit not a suffix of metric "wait_ms"'],
    ["# UNIT waitseconds seconds\n# EOF\n", 'unit not a suffix of metric "waitseconds"'],
    ["# HELP jobs \udcff\n# EOF\n", "help text is not a valid utf8 string"],
    ["jobs  1\n# EOF\n", 'expected value after metric, got "INVALID"'],
    ["jobs\n# EOF\n", 'expected value after metric, got "INVALID"'],
    ["jobs 1 \n# EOF\n", 'expected timestamp or # symbol, got "INVALID"'],
    ["jobs 1  2\n# EOF\n", 'expected timestamp or # symbol, got "INVALID"'],
    ["jobs 1 2 3\n# EOF\n", 'expected next entry after timestamp, got "TIMESTAMP"'],
    ["jobs 1 2", 'expected next entry after timestamp, got "EOF"'],
    ["jobs 1\r\n# EOF\n", 'strconv.ParseFloat: parsing "1\\r": invalid syntax'],
    ["jobs 1 +Inf\n# EOF\n", "invalid timestamp"],
    ["jobs 1 nan\n# EOF\n", "invalid timestamp"],
    ["jobs 1 1p3\n# EOF\n", "unsupported character in float"],
    ["jobs{ a=\"1\"} 1\n# EOF\n", 'expected label name or left brace, got "INVALID"'],
    ["jobs{a=\"1\" } 1\n# EOF\n", 'expected comma or left brace, got "INVALID"'],
    ["jobs{a=\"1\",} 1\n# EOF\n", 'expected label name, got "BCLOSE"'],
    ["jobs{,a=\"1\"} 1\n# EOF\n", 'expected label name or left brace, got "COMMA"'],
    ["jobs{a = \"1\"} 1\n# EOF\n", 'expected equal, got "INVALID"'],
    ["jobs{a=\"1\"b=\"2\"} 1\n# EOF\n", 'expected comma, got "LNAME"'],
    ["jobs{a=1} 1\n# EOF\n", 'expected label value, got "INVALID"'],
    ["jobs{a=\"x\\\ny\"} 1\n# EOF\n", 'expected label value, got "INVALID"'],
    ["jobs{a=\"\udcff\"} 1\n# EOF\n", "invalid UTF-8 label value"],
    ["jobs{a:b=\"1\"} 1\n# EOF\n", 'expected equal, got "INVALID"'],
    ["jobs 1 # {a=\"b\"} 2\n# EOF\n", "metric name jobs does not support exemplars"],
    ["jobs_count 1 # {a=\"b\"} 2\n# EOF\n", "metric name jobs_count does not support exemplars"],
    ["jobs_total 1 #{a=\"b\"} 2\n# EOF\n", 'strconv.ParseFloat: parsing "#{a=\\"b\\"}": invalid syntax'],
    ["jobs_total 1 # a\n# EOF\n", 'expected timestamp or # symbol, got "INVALID"'],
    ["jobs_total 1 #\n# EOF\n", 'strconv.ParseFloat: parsing "#": invalid syntax'],
    ["jobs_total 1 # {a=\"b\"}2\n# EOF\n", 'expected value after exemplar labels, got "INVALID"'],
    ["jobs_total 1 # {a= \"b\"} 2\n# EOF\n", 'expected label value, got "VALUE"'],
    ["jobs_total 1 # { a=\"b\"} 2\n# EOF\n", 'expected label name or left brace, got "INVALID"'],
    ["jobs_total 1 # {a=\"b\"} 2 3 4\n# EOF\n", 'expected next entry after exemplar timestamp, got "TIMESTAMP"'],
    ["jobs_total 1 # {a=\"b\"} 2 -Infinity\n# EOF\n", "invalid exemplar timestamp"],
    ["jobs_total 1 # {a=\"b\"} 2 # x\n# EOF\n", 'strconv.ParseFloat: parsing "#": invalid syntax'],
    ["jobs_total 1 # {a=\"b\u0000\"} 2\n# EOF\n", 'expected label value, got "INVALID"'],
    ["jobs{a=\u0000\"b\"} 2\n# EOF\n", 'expected label value, got "INVALID"'],
  ])("%j: %s", (text, message) => {
    expect(firstError(text)).toBe(message);
  });
});

describe("lines, and going on after a refusal", () => {
  it("reports each refused line with its 1-based line and metric, the first being Prometheus's error", () => {
    const r = read('# HELP a A.\na 1\n\na{x="1",} 2\n# TYPE b untyped\nb 3\n');
    expect(r.errors).toEqual([
      { line: 3, message: '"INVALID" "\\n" is not a valid start token', metric: "" },
      { line: 4, message: 'expected label name, got "BCLOSE"', metric: "a" },
      {
        line: 5,
        message: 'invalid metric type "untyped"',
        metric: "b",
        meta: { kind: "TYPE", family: "b", familyLine: 5 },
      },
      { line: 7, message: "data does not end with # EOF", metric: "" },
    ]);
    expect(r.samples.map((s) => s.line)).toEqual([2, 6]);
  });

  it("stops at what follows # EOF, on the line where it starts", () => {
    expect(read("a 1\n# EOF\n\nb 2\n").errors).toEqual([{ line: 3, message: "unexpected data after # EOF", metric: "" }]);
  });
});
