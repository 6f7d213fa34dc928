// Unit tests for the candidate's form state: the bounds each mode gives, generator problems at
// their parameter's field, a name clash said even while the bounds cannot be read, and the first
// refused field in form order.
import { describe, expect, it } from "vitest";
import { designProblems, type StoredDesign } from "../../store/designs";
import { DEFAULT_PARAMS, type Draft, draftOf, draftProblems, exponentialText, firstProblem, readDraft, readRowLimit } from "./draft";

const base: Draft = {
  name: "v",
  description: "",
  measure: "repl/latency",
  aggregation: "distribution",
  tagKeys: [],
  boundsMode: "list",
  boundsText: "1, 2, 3",
  params: structuredClone(DEFAULT_PARAMS),
  exponential: exponentialText(),
  rowLimit: "2,000",
};

describe("reading a draft", () => {
  it("takes bounds from the free list or the chosen generator; other aggregations have none", () => {
    expect(readDraft(base)).toMatchObject({ bounds: [1, 2, 3], problems: {}, design: { bounds: [1, 2, 3] } });
    expect(readDraft({ ...base, boundsMode: "exponential" }).bounds).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(readDraft({ ...base, boundsMode: "linear" }).bounds).toHaveLength(10);
    expect(readDraft({ ...base, aggregation: "sum", boundsText: "nonsense" })).toMatchObject({ bounds: [], problems: {}, design: { aggregation: "sum", bounds: [] } });
  });

  it("puts a generator's problems at its parameters' fields", () => {
    const draft = { ...base, boundsMode: "exponential" as const, params: { ...base.params, exponential: { start: "0", factor: "2", count: "10" } } };
    expect(readDraft(draft)).toMatchObject({ bounds: null, problems: { "param-start": "exponentialBuckets: start must be > 0, got 0" } });
    expect(firstProblem({ "param-count": "x", "param-start": "y" })).toBe("param-start");
  });

  it("checks everything else with stand-in bounds while the typed ones cannot be read", () => {
    const seen: StoredDesign[] = [];
    const result = draftProblems({ ...base, boundsText: "3, 1" }, (d) => (seen.push(d), { name: "taken", bounds: "never shown" }));
    expect(seen[0]!.bounds).toEqual([0]);
    expect(result.problems).toEqual({ name: "taken", bounds: "distribution bounds must be strictly increasing, but bound 1 (1) is below bound 0 (3)" });
    expect(firstProblem(result.problems)).toBe("name");
  });

  it("shows a design as a draft with its bounds in the free list", () => {
    const d: StoredDesign = { name: "x", description: "d", measure: "m", aggregation: "distribution", bounds: [0.005, 1e-7, 5], tagKeys: ["k"] };
    expect(draftOf(d)).toMatchObject({ name: "x", boundsMode: "list", boundsText: "0.005, 1e-7, 5", tagKeys: ["k"] });
  });
});

describe("an exponential histogram draft", () => {
  const exp: Draft = { ...base, aggregation: "exponentialHistogram", exponential: exponentialText() };

  it("starts from the engine's defaults, the zero threshold written 2^-128", () => {
    expect(exp.exponential).toEqual({ maxBuckets: "160", maxScale: "20", zeroThreshold: "2^-128" });
    expect(readDraft(exp)).toMatchObject({ problems: {}, design: { aggregation: "exponentialHistogram", bounds: [], exponential: { maxBuckets: 160, maxScale: 20, zeroThreshold: 2 ** -128 } } });
  });

  it("says text that is no number at its field, and checks the rest with the default", () => {
    const read = readDraft({ ...exp, exponential: { maxBuckets: "many", maxScale: "", zeroThreshold: "0.001" } });
    expect(read.problems).toEqual({ maxBuckets: "Max buckets “many” is not a number (e.g. 160)", maxScale: "Max scale is empty: type a number (e.g. 20)" });
    expect(read.design.exponential).toEqual({ maxBuckets: 160, maxScale: 20, zeroThreshold: 0.001 });
    expect(firstProblem({ zeroThreshold: "z", maxScale: "s", bounds: "b" })).toBe("maxScale");
  });

  it("shows a stored design's options", () => {
    const d: StoredDesign = { name: "x", description: "", measure: "m", aggregation: "exponentialHistogram", bounds: [], exponential: { maxBuckets: 40, maxScale: 3, zeroThreshold: 0 }, tagKeys: [] };
    expect(draftOf(d).exponential).toEqual({ maxBuckets: "40", maxScale: "3", zeroThreshold: "0" });
  });
});

describe("the row limit", () => {
  it("reads 2,000 and 2000 alike, and shows a stored limit with its thousands comma", () => {
    expect(readRowLimit("2,000")).toEqual({ ok: true, value: 2000 });
    expect(readRowLimit(" 150 ")).toEqual({ ok: true, value: 150 });
    expect(readDraft(base).design.rowLimit).toBe(2000);
    const d: StoredDesign = { name: "x", description: "", measure: "m", aggregation: "count", bounds: [], tagKeys: [], rowLimit: 12000 };
    expect(draftOf(d).rowLimit).toBe("12,000");
    expect(draftOf({ ...d, rowLimit: undefined }).rowLimit).toBe("2,000");
  });

  it("says text that is no number at its field; a number the engine refuses is the engine's message", () => {
    expect(readDraft({ ...base, rowLimit: "lots" }).problems).toEqual({ rowLimit: "Row limit “lots” is not a number (e.g. 2,000)" });
    expect(readDraft({ ...base, rowLimit: "" }).problems).toEqual({ rowLimit: "Row limit is empty: type a whole number of rows (e.g. 2,000)" });
    const checked = draftProblems({ ...base, rowLimit: "1.5" }, designProblems);
    expect(checked.problems.rowLimit).toBe("row limit must be a whole number of at least 1 (the overflow row counts toward it), got 1.5");
    expect(draftProblems({ ...base, rowLimit: "0" }, designProblems).problems.rowLimit).toMatch(/got 0$/);
    expect(firstProblem({ rowLimit: "r", maxBuckets: "b" })).toBe("rowLimit");
  });
});
