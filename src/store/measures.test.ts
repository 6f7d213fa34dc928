// Unit tests for the measures slice: the preset's measures and the person's, creating (every
// field's refusal), deleting (refused naming the views, the preset's, a :gen's), the lookup a
// view designer uses, persistence round trip and invalid stored entries.
import { describe, expect, it } from "vitest";
import { count } from "../engine";
import { loadMeasures, saveMeasures, type StoredMeasure } from "./measures";
import { createPlaygroundStore } from "./playground";
import { quietDeps } from "./testing";

function harness(measures: StoredMeasure[] = []) {
  const saved: StoredMeasure[][] = [];
  const tasks: (() => void)[] = [];
  const store = createPlaygroundStore({
    now: () => 0,
    wallClock: () => 1_700_000_000_000,
    ...quietDeps(tasks),
    measures,
    persistMeasures: (m) => saved.push(m),
  });
  return { store, s: () => store.getState(), saved, tasks };
}

const draft = (name: string, more: Partial<{ description: string; unit: string; type: string }> = {}) => ({
  name,
  description: "",
  unit: "ms",
  type: "float64",
  ...more,
});

describe("the list", () => {
  it("lists the preset's measures, marked, then the person's; a preset switch keeps the person's", () => {
    const h = harness([{ name: "shop/price", description: "a price", unit: "1", type: "float64" }]);
    expect(h.s().measures).toEqual([
      { name: "repl/latency", description: "The latency in milliseconds per REPL loop", unit: "ms", type: "float64", preset: true },
      { name: "repl/line_lengths", description: "The distribution of line lengths", unit: "By", type: "int64", preset: true },
      { name: "shop/price", description: "a price", unit: "1", type: "float64", preset: false },
    ]);
    h.s().setPreset("python");
    expect(h.s().measures.map((m) => [m.name, m.preset])).toEqual([
      ["repl_latency", true],
      ["repl_line_lengths", true],
      ["shop/price", false],
    ]);
  });

  it("looks a measure up by name: the engine's object, to record or define a view with", () => {
    const h = harness();
    expect(h.s().measureNamed("repl/latency")).toMatchObject({ name: "repl/latency", type: "float64", unit: "ms" });
    expect(h.s().measureNamed("nope")).toBeUndefined();
    h.s().createMeasure(draft("shop/items", { type: "int64", unit: "1" }));
    const m = h.s().measureNamed("shop/items")!;
    expect(m.m(3).value).toBe(3);
    expect(() => m.m(1.5)).toThrow(/must be a safe integer/);
  });
});

describe("creating", () => {
  it("creates a measure, persists the person's, and the REPL can record into it", () => {
    const h = harness();
    const r = h.s().createMeasure(draft("shop/checkout", { description: "Checkout time" }));
    expect(r).toEqual({ ok: true, measure: { name: "shop/checkout", description: "Checkout time", unit: "ms", type: "float64", preset: false } });
    expect(h.saved.at(-1)).toEqual([{ name: "shop/checkout", description: "Checkout time", unit: "ms", type: "float64" }]);
    h.s().submit(":record shop/checkout 12.5 step=pay");
    expect(h.s().transcript.entries.at(-1)).toMatchObject({ kind: "info", text: 'recorded shop/checkout 12.5 {step="pay"}' });
  });

  it("refuses each field's mistakes at that field", () => {
    const h = harness();
    const problems = (d: ReturnType<typeof draft>) => {
      const r = h.s().createMeasure(d);
      if (r.ok) throw new Error("created");
      return r.problems;
    };
    expect(problems(draft(""))).toEqual({ name: 'measure name "" is empty; it must be 1–255 printable ASCII characters (0x20–0x7E)' });
    expect(problems(draft("x".repeat(256))).name).toMatch(/is 256 characters long; it must be 1–255 printable ASCII/);
    expect(problems(draft("latência")).name).toMatch(/has a non-printable character at index 3 \(0xea\)/);
    expect(problems(draft("repl/latency"))).toEqual({ name: 'a measure named "repl/latency" already exists' });
    expect(problems(draft("repl_latency"))).toEqual({ name: '"repl_latency" is a measure of the Python quickstart preset; choose another name' });
    expect(problems(draft("m", { unit: "µs" }))).toEqual({
      unit: 'the unit has "µ" (0xb5) at position 1, which is not printable ASCII; use e.g. ms, s, By or 1',
    });
    expect(problems(draft("m", { unit: "x".repeat(256) }))).toEqual({ unit: "the unit is 256 characters long; at most 255" });
    expect(problems(draft("m", { description: "two\nlines" }))).toEqual({
      description: "the description has a control character (0x0a) at position 4; use plain text on one line",
    });
    expect(problems(draft("m", { description: "d".repeat(1001) }))).toEqual({ description: "the description is 1001 characters long; at most 1000" });
    expect(problems(draft("m", { type: "float32" }))).toEqual({ type: 'the type must be float64 or int64; got "float32"' });
    // Several at once, each at its field.
    expect(Object.keys(problems(draft("", { unit: "µ", type: "x" })))).toEqual(["name", "unit", "type"]);
    expect(h.s().measures).toHaveLength(2);
    expect(h.saved).toEqual([]);
  });

  it("refuses a name the person already has", () => {
    const h = harness();
    expect(h.s().createMeasure(draft("a")).ok).toBe(true);
    expect(h.s().createMeasure(draft("a", { type: "int64" }))).toEqual({ ok: false, problems: { name: 'a measure named "a" already exists' } });
  });

  it("refuses to bring back a deleted name with another type or unit: the engine keeps one meaning per name", () => {
    const h = harness();
    h.s().createMeasure(draft("a"));
    h.s().submit(":record a 1");
    expect(h.s().deleteMeasure("a")).toEqual({ ok: true });
    expect(h.s().createMeasure(draft("a", { type: "int64" }))).toEqual({
      ok: false,
      problems: {
        name: '"a" was a float64 measure in "ms" earlier on this page, and the engine keeps one meaning per name until the page reloads: create it as float64 in "ms", or choose another name',
      },
    });
    expect(h.s().createMeasure(draft("a", { description: "same type and unit" })).ok).toBe(true);
    h.s().submit(":record a 2");
    expect(h.s().transcript.entries.at(-1)).toMatchObject({ text: "recorded a 2" });
  });
});

describe("deleting", () => {
  it("removes a measure of the person's that nothing uses, and persists that", () => {
    const h = harness([{ name: "a", description: "", unit: "", type: "float64" }]);
    expect(h.s().deleteMeasure("a")).toEqual({ ok: true });
    expect(h.s().measures.map((m) => m.name)).toEqual(["repl/latency", "repl/line_lengths"]);
    expect(h.saved.at(-1)).toEqual([]);
    expect(h.s().deleteMeasure("a")).toEqual({ ok: false, reason: 'there is no measure named "a"' });
  });

  it("refuses a measure a registered view uses, naming the views", () => {
    const h = harness([{ name: "shop/items", description: "", unit: "1", type: "int64" }]);
    const measure = h.s().measureNamed("shop/items")!;
    h.s().stats.registerView(
      { name: "shop/items_count", measure, aggregation: count(), tagKeys: [] },
      { name: "shop/items_again", measure, aggregation: count(), tagKeys: [] },
    );
    expect(h.s().deleteMeasure("shop/items")).toEqual({
      ok: false,
      reason: 'cannot delete "shop/items": views shop/items_count and shop/items_again use it',
    });
    expect(h.s().deleteMeasure("repl/latency")).toEqual({
      ok: false,
      reason: `cannot delete "repl/latency": view demo/latency uses it (the preset's views)`,
    });
    expect(h.s().deleteMeasure("repl/line_lengths")).toEqual({
      ok: false,
      reason: `cannot delete "repl/line_lengths": views demo/lines_in and demo/line_lengths use it (the preset's views)`,
    });
    expect(h.s().measures).toHaveLength(3);
    expect(h.saved).toEqual([]);
  });

  it("refuses a measure a :gen is recording into or waiting to", () => {
    const h = harness([
      { name: "a", description: "", unit: "", type: "float64" },
      { name: "b", description: "", unit: "", type: "float64" },
    ]);
    h.s().submit(":gen a 10 uniform(0,1)\n:gen b 10 uniform(0,1)");
    const refusal = (name: string) => ({ ok: false, reason: `cannot delete "${name}": a :gen is recording into it; :stop it first` });
    expect(h.s().deleteMeasure("a")).toEqual(refusal("a"));
    expect(h.s().deleteMeasure("b")).toEqual(refusal("b"));
    h.s().submit(":stop");
    expect(h.s().deleteMeasure("b")).toEqual({ ok: true });
  });
});

describe("kept across visits", () => {
  const memory = () => {
    const kept = new Map<string, string>();
    return { kept, store: { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) } };
  };

  it("round-trips the person's measures through storage", () => {
    const { store } = memory();
    const first = harness();
    first.s().createMeasure(draft("shop/a", { description: "A", unit: "By", type: "int64" }));
    first.s().createMeasure(draft("shop/b", { unit: "" }));
    saveMeasures(first.saved.at(-1)!, store);
    const loaded = loadMeasures(store);
    expect(loaded).toEqual({
      value: [
        { name: "shop/a", description: "A", unit: "By", type: "int64" },
        { name: "shop/b", description: "", unit: "", type: "float64" },
      ],
      reset: [],
    });
    const second = harness(loaded.value);
    expect(second.s().measures.filter((m) => !m.preset)).toEqual(first.s().measures.filter((m) => !m.preset));
  });

  it("drops invalid, repeated and preset-named entries, naming each once", () => {
    const { kept, store } = memory();
    kept.set(
      "metrics-playground:measures:v1",
      JSON.stringify([
        { name: "ok", description: "", unit: "ms", type: "float64" },
        { name: "", description: "", unit: "ms", type: "float64" },
        { name: "bad unit", description: "", unit: "µs", type: "float64" },
        { name: "bad type", description: "", unit: "", type: "float32" },
        { name: "ok", description: "again", unit: "ms", type: "float64" },
        { name: "repl/latency", description: "", unit: "ms", type: "float64" },
        { description: "no name" },
        7,
      ]),
    );
    expect(loadMeasures(store)).toEqual({
      value: [{ name: "ok", description: "", unit: "ms", type: "float64" }],
      reset: [
        'saved measure "" (not a valid measure, removed)',
        'saved measure "bad unit" (not a valid measure, removed)',
        'saved measure "bad type" (not a valid measure, removed)',
        'saved measure "ok" (saved twice, the second removed)',
        `saved measure "repl/latency" (a preset's measure name, removed)`,
        "saved measure #7 (not a valid measure, removed)",
        "saved measure #8 (not a valid measure, removed)",
      ],
    });
    kept.set("metrics-playground:measures:v1", "{not json");
    expect(loadMeasures(store)).toEqual({ value: [], reset: ["all saved measures (unreadable)"] });
    kept.set("metrics-playground:measures:v1", '{"name":"x"}');
    expect(loadMeasures(store)).toEqual({ value: [], reset: ["all saved measures (unreadable)"] });
    expect(loadMeasures(memory().store)).toEqual({ value: [], reset: [] });
    expect(loadMeasures(null)).toEqual({ value: [], reset: [] });
  });

  it("says the dropped entries once, with the settings' notice", () => {
    const store = createPlaygroundStore({ settingsReset: ['saved measure "" (not a valid measure, removed)'], measures: [], persistMeasures: () => {}, persist: () => {}, every: () => () => {}, frame: () => {} });
    expect(store.getState().settingsReset).toEqual(['saved measure "" (not a valid measure, removed)']);
    store.getState().dismissSettingsReset();
    expect(store.getState().settingsReset).toBeNull();
  });
});
