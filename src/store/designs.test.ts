// Unit tests for the designs slice: creating (filled from the log at once), editing (= replacing),
// duplicating (a designed or a preset's view), deleting; every refusal at its field (the engine's
// messages); a preset switch and a reset keep the designs and drop their data; a design whose
// measure is missing is kept, not registered, and registered once the measure exists; the
// persistence round trip and invalid stored entries.
import { describe, expect, it } from "vitest";
import type { DistributionData } from "../engine";
import { loadDesigns, saveDesigns, type StoredDesign } from "./designs";
import type { StoredMeasure } from "./measures";
import { createPlaygroundStore } from "./playground";
import type { KeyValueStore } from "./settings";
import { quietDeps } from "./testing";

function harness(options: { designs?: StoredDesign[]; measures?: StoredMeasure[] } = {}) {
  const saved: StoredDesign[][] = [];
  const tasks: (() => void)[] = [];
  let t = 0;
  const store = createPlaygroundStore({
    now: () => t,
    wallClock: () => 1_700_000_000_000 + t,
    ...quietDeps(tasks),
    measures: options.measures ?? [],
    persistMeasures: () => {},
    designs: options.designs ?? [],
    persistDesigns: (d) => saved.push(d),
  });
  const s = () => store.getState();
  /** Runs `:gen` to the end. */
  const gen = (line: string) => {
    s().submit(line);
    while (tasks.length > 0) tasks.shift()!();
  };
  const views = () => s().stats.views().map((v) => v.name);
  const count = (view: string) =>
    (s().stats.viewData(view)?.rows ?? []).reduce((n, r) => n + (r.data.type === "distribution" ? r.data.count : r.data.type === "count" ? r.data.value : 0), 0);
  return { store, s, saved, gen, views, count, advance: (ms: number) => (t += ms) };
}

const design = (more: Partial<StoredDesign> = {}): StoredDesign => ({
  name: "designed/latency",
  description: "",
  measure: "repl/latency",
  aggregation: "distribution",
  bounds: [10, 100, 1000],
  tagKeys: [],
  ...more,
});

describe("applying", () => {
  it("creates a design: registered after the preset's views, filled from the log at once, kept", () => {
    const h = harness();
    h.gen(":gen repl/latency 1000 lognormal(120,0.8) seed=7");
    const result = h.s().applyDesign(design(), null);
    expect(result).toMatchObject({ ok: true, design: { name: "designed/latency", registered: true, problem: null } });
    expect(h.views()).toEqual(["demo/latency", "demo/lines_in", "demo/line_lengths", "designed/latency"]);
    const data = h.s().stats.viewData("designed/latency")!;
    expect(data.fromLog).toEqual({ measurements: 1000, since: 1_700_000_000_000 });
    expect(h.count("designed/latency")).toBe(1000);
    // The same buckets as the preset's view would have with these bounds: the log replayed exactly.
    const d = data.rows[0]!.data as DistributionData;
    expect(d.sum).toBe((h.s().stats.viewData("demo/latency")!.rows[0]!.data as DistributionData).sum);
    expect(h.s().designs).toEqual([{ ...design(), registered: true, problem: null }]);
    expect(h.saved.at(-1)).toEqual([design()]);
  });

  it("edits by replacing: the old view goes, the new one is registered and filled, in the same place", () => {
    const h = harness();
    h.gen(":gen repl/latency 500 uniform(0,100) seed=1");
    h.s().applyDesign(design(), null);
    h.s().applyDesign(design({ name: "other", aggregation: "count", bounds: [] }), null);
    const result = h.s().applyDesign(design({ name: "renamed", bounds: [25, 50], tagKeys: ["method"] }), "designed/latency");
    expect(result.ok).toBe(true);
    expect(h.views()).toEqual(["demo/latency", "demo/lines_in", "demo/line_lengths", "other", "renamed"]);
    expect(h.s().designs.map((d) => d.name)).toEqual(["renamed", "other"]);
    expect(h.count("renamed")).toBe(500);
    expect(h.s().stats.viewData("renamed")!.view.tagKeys.map((k) => k.name)).toEqual(["method"]);
    expect(h.saved.at(-1)!.map((d) => d.name)).toEqual(["renamed", "other"]);
    // Keeping the name while editing is no clash with itself.
    expect(h.s().applyDesign(design({ name: "renamed", bounds: [1, 2, 3] }), "renamed").ok).toBe(true);
    expect(h.s().stats.viewData("renamed")!.view.aggregation).toEqual({ type: "distribution", bounds: [1, 2, 3] });
  });

  it("refuses at the field, with the engine's messages, and changes nothing", () => {
    const h = harness();
    h.s().applyDesign(design(), null);
    const before = h.views();
    const refused = (d: StoredDesign, replacing: string | null = null) => {
      const r = h.s().applyDesign(d, replacing);
      expect(h.views()).toEqual(before);
      return r.ok ? {} : r.problems;
    };
    expect(refused(design({ name: "" }))).toEqual({ name: `view name "" is empty; it must be 1–255 printable ASCII characters (0x20–0x7E)` });
    expect(refused(design({ name: "latência" }))).toEqual({
      name: `view name "latência" has a non-printable character at index 3 (0xea); it must be 1–255 printable ASCII characters (0x20–0x7E)`,
    });
    expect(refused(design({ name: "demo/latency" }))).toEqual({
      name: `a different view named "demo/latency" is already registered: it is distribution(0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000) of repl/latency (ms) by method, not distribution(10, 100, 1000) of repl/latency (ms)`,
    });
    // The same definition as a registered view is no conflict to the engine; it is to the designer.
    expect(
      refused(design({ name: "demo/lines_in", description: "The number of lines from standard input", measure: "repl/line_lengths", aggregation: "count", bounds: [] })),
    ).toEqual({ name: `a view named "demo/lines_in" is already registered; choose another name` });
    expect(refused(design({ name: "demo_latency", aggregation: "count", bounds: [] }))).toEqual({
      name: `views "demo/latency" and "demo_latency" would both be exposed as metric "demo_latency"; rename one`,
    });
    expect(refused(design({ bounds: [] }), null)).toEqual({
      name: `another of your views is named "designed/latency"; choose another name`,
      bounds: "distribution needs at least one bucket bound",
    });
    expect(refused(design({ name: "x", bounds: [5, 1] }))).toEqual({ bounds: "distribution bounds must be strictly increasing, but bound 1 (1) is below bound 0 (5)" });
    expect(refused(design({ name: "x", bounds: Array.from({ length: 1001 }, (_, i) => i) }))).toEqual({ bounds: "1,001 bounds: at most 1,000" });
    expect(refused(design({ name: "x", measure: "nope" }))).toEqual({
      measure: `there is no measure named "nope"; choose one of the list, or create it in the Measures panel`,
    });
    expect(refused(design({ name: "x", measure: "" }))).toEqual({ measure: "choose the measure the view aggregates" });
    expect(refused(design({ name: "x", tagKeys: ["clé"] }))).toEqual({
      tagKeys: `tag key "clé" has a non-printable character at index 2 (0xe9); it must be 1–255 printable ASCII characters (0x20–0x7E)`,
    });
    expect(refused(design({ name: "x", tagKeys: ["a-b", "a_b"] }))).toEqual({
      tagKeys: `view "x": tag keys "a-b" and "a_b" would both be exposed as label "a_b"`,
    });
    expect(refused(design({ name: "x", tagKeys: ["le"] }))).toEqual({
      tagKeys: `view "x": a distribution cannot have a tag key exposed as "le", which histograms reserve for bucket bounds`,
    });
    expect(refused(design({ name: "x", description: "two\nlines" }))).toEqual({
      description: "the description has a control character (0x0a) at position 4; use plain text on one line",
    });
    expect(h.s().checkDesign(design({ name: "fine" }), null)).toEqual({});
  });
});

describe("duplicating and deleting", () => {
  it("duplicates a preset's view or a design into a draft under a free name, applying nothing", () => {
    const h = harness();
    expect(h.s().duplicateDraft("demo/latency")).toEqual({
      name: "demo/latency copy",
      description: "The distribution of the latencies",
      measure: "repl/latency",
      aggregation: "distribution",
      bounds: [0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000],
      tagKeys: ["method"],
    });
    expect(h.views()).toHaveLength(3);
    h.s().applyDesign(h.s().duplicateDraft("demo/latency")!, null);
    expect(h.s().duplicateDraft("demo/latency")!.name).toBe("demo/latency copy 2");
    expect(h.s().duplicateDraft("demo/latency copy")).toMatchObject({ name: "demo/latency copy copy", tagKeys: ["method"] });
    expect(h.s().duplicateDraft("nope")).toBeNull();
  });

  it("deletes a design and its view; a preset's view is not a design", () => {
    const h = harness();
    h.s().applyDesign(design(), null);
    expect(h.s().deleteDesign("demo/latency")).toBe(false);
    expect(h.s().deleteDesign("designed/latency")).toBe(true);
    expect(h.views()).toEqual(["demo/latency", "demo/lines_in", "demo/line_lengths"]);
    expect(h.s().designs).toEqual([]);
    expect(h.saved.at(-1)).toEqual([]);
  });
});

describe("kept through a preset switch, a reset and a missing measure", () => {
  it("a reset drops the data and keeps the designs registered", () => {
    const h = harness();
    h.s().applyDesign(design(), null);
    h.gen(":gen repl/latency 100 uniform(0,1) seed=1");
    expect(h.count("designed/latency")).toBe(100);
    h.s().resetData();
    expect(h.views()).toContain("designed/latency");
    expect(h.count("designed/latency")).toBe(0);
    expect(h.s().stats.log!.size).toBe(0);
  });

  it("a preset switch keeps designs, registered after the new preset's views when their measure exists, and drops data", () => {
    const h = harness({ measures: [{ name: "shop/price", description: "", unit: "1", type: "float64" }] });
    h.s().applyDesign(design(), null);
    h.s().applyDesign(design({ name: "prices", measure: "shop/price", aggregation: "sum", bounds: [] }), null);
    h.gen(":gen shop/price 10 uniform(1,2) seed=1");
    expect(h.s().stats.viewData("prices")!.rows).toHaveLength(1);
    h.s().setPreset("python");
    expect(h.views()).toEqual(["demo_latency", "demo_lines_in", "demo_line_lengths", "prices"]);
    expect(h.s().stats.viewData("prices")!.rows).toEqual([]); // data dropped, not refilled from the log
    expect(h.s().designs.map((d) => [d.name, d.registered, d.problem])).toEqual([
      ["designed/latency", false, `its measure "repl/latency" is the Go quickstart preset's, which is not in use: switch to it to register this view`],
      ["prices", true, null],
    ]);
    h.s().setPreset("go");
    expect(h.views()).toEqual(["demo/latency", "demo/lines_in", "demo/line_lengths", "designed/latency", "prices"]);
    expect(h.count("demo/latency")).toBe(0);
    expect(h.s().designs.every((d) => d.registered)).toBe(true);
  });

  it("a stored design a preset's view clashes with is kept, not registered, saying why", () => {
    const h = harness({ designs: [design({ name: "demo_latency", measure: "repl/line_lengths", aggregation: "count", bounds: [] })] });
    expect(h.s().designs[0]).toMatchObject({
      registered: false,
      problem: `views "demo/latency" and "demo_latency" would both be exposed as metric "demo_latency"; rename one`,
    });
    expect(h.views()).toEqual(["demo/latency", "demo/lines_in", "demo/line_lengths"]);
    // Renaming it (an edit of a design that is not registered) registers it.
    expect(h.s().applyDesign(design({ name: "lines", measure: "repl/line_lengths", aggregation: "count", bounds: [] }), "demo_latency").ok).toBe(true);
    expect(h.s().designs).toMatchObject([{ name: "lines", registered: true }]);
  });

  it("a stored design whose measure is missing is kept, listed with the reason, and registered when the measure is created", () => {
    const h = harness({ designs: [design({ name: "checkout", measure: "shop/checkout" }), design()] });
    expect(h.s().designs.map((d) => [d.name, d.registered, d.problem])).toEqual([
      ["checkout", false, `there is no measure named "shop/checkout": create it in the Measures panel to register this view`],
      ["designed/latency", true, null],
    ]);
    expect(h.views()).toEqual(["demo/latency", "demo/lines_in", "demo/line_lengths", "designed/latency"]);
    expect(h.s().createMeasure({ name: "shop/checkout", description: "", unit: "ms", type: "float64" }).ok).toBe(true);
    expect(h.s().designs[0]).toMatchObject({ name: "checkout", registered: true, problem: null });
    expect(h.views()).toContain("checkout");
    // Its definition was never lost nor rewritten.
    expect(h.saved).toEqual([]);
  });
});

describe("persistence", () => {
  const memory = (): KeyValueStore & { items: Map<string, string> } => {
    const items = new Map<string, string>();
    return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
  };

  it("round-trips designs", () => {
    const store = memory();
    const designs = [design(), design({ name: "n", aggregation: "lastValue", bounds: [], tagKeys: ["method", "status"], description: "d" })];
    saveDesigns(designs, store);
    expect(loadDesigns(store)).toEqual({ value: designs, reset: [] });
    expect(loadDesigns(memory())).toEqual({ value: [], reset: [] });
  });

  it("drops invalid and repeated entries, naming each once; keeps one whose measure is missing", () => {
    const store = memory();
    store.setItem(
      "metrics-playground:views:v1",
      JSON.stringify([
        design({ name: "kept", measure: "not/yet" }),
        design({ name: "unsorted", bounds: [3, 1] }),
        { ...design({ name: "nan" }), bounds: [1, null] },
        design({ name: "bad-key", tagKeys: ["le"] }),
        design({ name: "count with bounds", aggregation: "count" }),
        { ...design({ name: "what" }), aggregation: "median" },
        "nonsense",
        design({ name: "kept", aggregation: "count", bounds: [] }),
        design({ name: "" }),
      ]),
    );
    expect(loadDesigns(store)).toEqual({
      value: [design({ name: "kept", measure: "not/yet" })],
      reset: [
        `saved view "unsorted" (not a valid view, removed)`,
        `saved view "nan" (not a valid view, removed)`,
        `saved view "bad-key" (not a valid view, removed)`,
        `saved view "count with bounds" (not a valid view, removed)`,
        `saved view "what" (not a valid view, removed)`,
        `saved view #7 (not a valid view, removed)`,
        `saved view "kept" (saved twice, the second removed)`,
        `saved view "" (not a valid view, removed)`,
      ],
    });
    store.setItem("metrics-playground:views:v1", "{not json");
    expect(loadDesigns(store)).toEqual({ value: [], reset: ["all saved views (unreadable)"] });
    store.setItem("metrics-playground:views:v1", JSON.stringify({ a: 1 }));
    expect(loadDesigns(store)).toEqual({ value: [], reset: ["all saved views (unreadable)"] });
  });
});

describe("exponential histogram designs", () => {
  const native = (more: Partial<StoredDesign> = {}): StoredDesign =>
    design({ name: "native/latency", aggregation: "exponentialHistogram", bounds: [], exponential: { maxBuckets: 160, maxScale: 20, zeroThreshold: 2 ** -128 }, ...more });

  it("applies one: registered with its options, filled from the log in seconds", () => {
    const h = harness();
    h.gen(":gen repl/latency 1000 lognormal(120,0.8) seed=7");
    expect(h.s().applyDesign(native({ exponential: { maxBuckets: 40, maxScale: 8, zeroThreshold: 0 } }), null)).toMatchObject({ ok: true });
    const data = h.s().stats.viewData("native/latency")!;
    expect(data.view.aggregation).toEqual({ type: "exponentialHistogram", maxBuckets: 40, maxScale: 8, zeroThreshold: 0 });
    const row = data.rows[0]!.data;
    expect(row.type === "exponentialHistogram" && row.count).toBe(1000);
    expect(row.type === "exponentialHistogram" && row.positive.counts.length).toBeLessThanOrEqual(40);
    expect(row.type === "exponentialHistogram" && row.max).toBeLessThan(100); // seconds, not ms
    expect(h.s().duplicateDraft("native/latency")).toMatchObject({ exponential: { maxBuckets: 40, maxScale: 8, zeroThreshold: 0 } });
  });

  it("refuses bad options at their fields with the engine's messages", () => {
    const h = harness();
    const result = h.s().applyDesign(native({ exponential: { maxBuckets: 1, maxScale: 21, zeroThreshold: -1 } }), null);
    expect(result).toEqual({
      ok: false,
      problems: {
        maxBuckets: "exponentialHistogram maxBuckets must be a whole number of at least 2, got 1",
        maxScale: "exponentialHistogram maxScale must be a whole number from -10 to 20, got 21",
        zeroThreshold: "exponentialHistogram zeroThreshold must be a finite number >= 0, got -1",
      },
    });
    expect(h.views()).not.toContain("native/latency");
  });

  it("persists, and resets an invalid stored one with a notice", () => {
    const items = new Map<string, string>();
    const store: KeyValueStore = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
    saveDesigns([native()], store);
    expect(loadDesigns(store)).toEqual({ value: [native()], reset: [] });
    items.set(
      "metrics-playground:views:v1",
      JSON.stringify([native({ name: "bad", exponential: { maxBuckets: 2.5, maxScale: 0, zeroThreshold: 0 } }), { ...native({ name: "old" }), exponential: undefined }]),
    );
    expect(loadDesigns(store)).toEqual({ value: [design({ name: "old", aggregation: "exponentialHistogram", bounds: [] })], reset: [`saved view "bad" (not a valid view, removed)`] });
  });
});

describe("row limits (OpenTelemetry's cardinality limit)", () => {
  it("applies one: registered with it, filled from the log with the overflow row; duplicated with it", () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.gen(`:gen repl/latency 2 uniform(1,2) method=m${i}`);
    expect(h.s().applyDesign(design({ name: "limited", aggregation: "count", bounds: [], tagKeys: ["method"], rowLimit: 3 }), null)).toMatchObject({ ok: true });
    const data = h.s().stats.viewData("limited")!;
    expect(data.view.rowLimit).toBe(3);
    expect(data.rows.map((r) => (r.overflow ? "overflow" : r.tags[0]))).toEqual(["m0", "m1", "overflow"]);
    expect(data.overflow).toEqual({ combinations: 3, measurements: 6 });
    expect(h.s().duplicateDraft("limited")).toMatchObject({ rowLimit: 3 });
    expect(h.saved.at(-1)).toEqual([design({ name: "limited", aggregation: "count", bounds: [], tagKeys: ["method"], rowLimit: 3 })]);
  });

  it("refuses a bad limit at its field with the engine's message", () => {
    const h = harness();
    for (const [limit, got] of [[0, "0"], [-1, "-1"], [1.5, "1.5"]] as const)
      expect(h.s().applyDesign(design({ rowLimit: limit }), null)).toEqual({
        ok: false,
        problems: { rowLimit: `row limit must be a whole number of at least 1 (the overflow row counts toward it), got ${got}` },
      });
    expect(h.views()).not.toContain("designed/latency");
  });

  it("persists a limit, leaves the default unwritten, and removes a stored invalid one", () => {
    const items = new Map<string, string>();
    const store: KeyValueStore = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
    const h = harness();
    h.s().applyDesign(design({ rowLimit: 2_000 }), null);
    expect(h.saved.at(-1)).toEqual([design()]);
    saveDesigns([design({ rowLimit: 50 })], store);
    expect(loadDesigns(store)).toEqual({ value: [design({ rowLimit: 50 })], reset: [] });
    items.set("metrics-playground:views:v1", JSON.stringify([design({ name: "zero", rowLimit: 0 }), { ...design({ name: "text" }), rowLimit: "9" }]));
    expect(loadDesigns(store)).toEqual({
      value: [],
      reset: [`saved view "zero" (not a valid view, removed)`, `saved view "text" (not a valid view, removed)`],
    });
  });
});
