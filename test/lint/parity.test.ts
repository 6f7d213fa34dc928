// Parity with the real `promtool check metrics` (Prometheus 2.42, Debian) on every 0.0.4
// fixture and on a list of parser edge cases.
// Rules checked: our "promlint" problems, as `${metric} ${message}` lines, are exactly
// promtool's (order aside, multiplicity counted); promtool refuses the text (exit 1, "error
// while linting: text format parsing error in line N: …") exactly when our one 0.0.4 parser
// (exposition/parse-text.ts) does: the result is then not accepted, its `parseError` and first
// "parse" problem are on line N with promtool's message, and we report no promlint problems
// (promtool reports only the error); parseExposition, a reader over the same parser, agrees.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExposition } from "../../src/engine/exposition";
import { lintExposition } from "../../src/engine/lint";

interface PromtoolVerdict {
  /** `text format parsing error in line N: …` without the "error while linting: " prefix. */
  error: string | null;
  lines: string[];
}

function promtool(text: string): PromtoolVerdict {
  const r = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8", timeout: 20_000 });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === "ENOENT") throw new Error("install promtool: sudo apt-get install prometheus");
    throw r.error;
  }
  const prefix = "error while linting: ";
  if (r.stderr.startsWith(prefix)) {
    expect(r.status, r.stderr).toBe(1);
    return { error: r.stderr.slice(prefix.length).replace(/\n$/, ""), lines: [] };
  }
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(r.status, r.stderr).toBe(lines.length > 0 ? 3 : 0);
  return { error: null, lines };
}

const sorted = (xs: string[]): string[] => [...xs].sort();

function expectParity(text: string): void {
  const verdict = promtool(text);
  const result = lintExposition(text, "prometheus");
  expect(result.refused).toBeUndefined();
  const parse = result.problems.filter((p) => p.rule === "parse");
  const promlint = result.problems.filter((p) => p.rule === "promlint").map((p) => `${p.metric} ${p.message}`);
  const read = parseExposition(text, "prometheus").problems;
  if (verdict.error !== null) {
    expect(result.accepted, `promtool: ${verdict.error}`).toBe(false);
    const { line, message } = result.parseError!;
    expect(`text format parsing error in line ${line}: ${message}`).toBe(verdict.error);
    expect(parse[0]).toMatchObject({ line, message });
    expect(read[0]).toEqual({ line, message });
  } else {
    expect(result.accepted, "promtool parsed this text").toBe(true);
    expect(result.parseError).toBeUndefined();
    expect(parse).toEqual([]);
    expect(read).toEqual([]);
  }
  expect(sorted(promlint)).toEqual(sorted(verdict.lines));
}

const dir = new URL("./fixtures/", import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".prom"))
  .sort();

describe("promtool parity on the 0.0.4 fixtures", () => {
  it("has 0.0.4 fixtures to compare", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtures)("%s", (name) => {
    expectParity(readFileSync(new URL(name, dir), "utf8"));
  });
});

/** Texts that probe expfmt's parser and promlint's corners. */
const EDGE_CASES: readonly string[] = [
  'x{__name__} 1\n',
  'x{a="1",a} 1\n',
  'x{a="1",a="\\q"} 1\n',
  '# TYPE x COUNTER\nx 1\n',
  '# TYPE x gau\\ge\nx 1\n',
  '# TYPE x counter \nx 1\n',
  "#HELP x h\n#TYPE x gauge\nx 1\n",
  "# HELP x h\\\n",
  '# HELP x h\\"\nx 1\n',
  "# HELP x",
  "#",
  "   ",
  "",
  "\n\n",
  "x 1 +5\n",
  "x 1 -9223372036854775808\n",
  "x 1 9223372036854775808\n",
  "x 1 2 3\n",
  "x 1 2 \n",
  "x 1 \n",
  "x\n",
  "x-1 5\n",
  "x 1e400\nx 1e-400\n",
  "x InFiNiTy\nx{a=\"1\"} nan\nx{a=\"2\"} .5\nx{a=\"3\"} 5.\nx{a=\"4\"} +.5e+3\n",
  "x 0x1p3\n",
  "x +nan\n",
  'x{a="b"c="d"} 1\n',
  'x{a="b",} 1\n',
  "x{,} 1\n",
  'x{é="b"} 1\n',
  "xé 1\n",
  '# HELP x{a="b"} h\nx 1\n',
  "# HELP x_count h\n# TYPE x histogram\nx_count 1\n",
  "# TYPE x histogram\n# HELP x_count h\nx_count 1\n",
  '# TYPE x histogram\nx_bucket{le="1",le="2"} 1\n',
  '# TYPE x summary\nx{quantile="NaN"} 1\nx_bucket 1\n',
  '# TYPE x histogram\nx_bucket{le="1"} 1\nx{le="2"} 1\n',
  "# HELP x_total h\n# TYPE x_total summary\nx_total 1\n",
  "# HELP x h\n# TYPE x gauge_histogram\nx_bucket{le=\"1\"} 1\nx_total 1\n",
  "# HELP a:b_Counter_total h\n# TYPE a:b_Counter_total gauge\na:b_Counter_total 1\n",
  "# HELP x_Sec_MS h\n# TYPE x_Sec_MS gauge\nx_Sec_MS 1\n",
  "# HELP a_micrometers h\n# TYPE a_micrometers gauge\na_micrometers 1\n# HELP b_kibibytes h\n# TYPE b_kibibytes gauge\nb_kibibytes 1\n",
  "# HELP x_Milliseconds h\n# TYPE x_Milliseconds gauge\nx_Milliseconds 1\n",
  // Go float spellings, blanks in label sets, NUL bytes (accepted in label values, HELP and comments).
  "x{a=\"1\"} -INFINITY\nx{a=\"2\"} +nan\n",
  "x\t{\ta=\"1\"\t,\t}\t1\t2\n",
  '# HELP x with\u0000nul\n#\u0000\nx{a="\u0000\u0000"} 1\n',
  'x{a="1"\u0000} 1\n',
  "x\u0000 1\n",
  '# HELP x\u0000 h\nx 1\n',
  "x 1 2\u0000\n",
  '# HELP x h\\t\nx 1\n',
];

describe("promtool parity on parser edge cases", () => {
  it.each(EDGE_CASES.map((t) => [JSON.stringify(t).slice(0, 70), t]))("%s", (_label, text) => {
    expectParity(text);
  });
});
