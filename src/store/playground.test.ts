import { describe, expect, it } from "vitest";
import { seededRandom } from "../repl/simulator";
import { MAX_LINES_PER_TICK, createPlaygroundStore, TRANSCRIPT_LIMIT } from "./playground";
import {
  DEFAULT_PUSH_SETTINGS,
  DEFAULT_SETTINGS,
  loadPushSettings,
  loadSettings,
  savePushSettings,
  type Settings,
} from "./settings";

function harness(settings: Partial<Settings> = {}) {
  let t = 0;
  const jobs = new Map<number, { fn: () => void; ms: number }>();
  let nextJob = 0;
  const frames: (() => void)[] = [];
  const saved: Settings[] = [];
  const store = createPlaygroundStore({
    now: () => t,
    wallClock: () => 1_700_000_000_000 + t,
    random: seededRandom(42),
    frame: (cb) => frames.push(cb),
    settings: { ...DEFAULT_SETTINGS, ...settings },
    persist: (s) => saved.push(s),
    every: (fn, ms) => {
      const id = nextJob++;
      jobs.set(id, { fn, ms });
      return () => jobs.delete(id);
    },
  });
  const s = () => store.getState();
  const linesIn = () =>
    s()
      .stats.snapshot()
      .filter((v) => v.view.aggregation.type === "count")
      .flatMap((v) => v.rows)
      .reduce((a, r) => a + (r.data as { value: number }).value, 0);
  /** Runs every timer whose period is `ms`. */
  const fire = (ms: number) => [...jobs.values()].filter((j) => j.ms === ms).forEach((j) => j.fn());
  return {
    store,
    s,
    linesIn,
    saved,
    advance: (ms: number) => (t += ms),
    fire,
    /** A second passes and the history is sampled. */
    nextSample: () => {
      t += 1000;
      fire(1000);
    },
    timers: () => [...jobs.values()].map((j) => j.ms),
    flushFrames: () => frames.splice(0).forEach((f) => f()),
    frames,
  };
}

describe("REPL through the store", () => {
  it("records typed lines and shows them in the transcript", () => {
    const h = harness();
    h.s().submit("hello");
    h.s().submit("world\nagain");
    expect(h.linesIn()).toBe(3);
    expect(h.s().transcript.entries.map((e) => e.text)).toEqual(["hello", "HELLO", "world", "WORLD", "again", "AGAIN"]);
    expect(new Set(h.s().transcript.entries.map((e) => e.id)).size).toBe(6);
  });

  it("keeps a bounded transcript window and counts the lines it dropped, while recording everything", () => {
    const h = harness();
    h.s().submit(Array.from({ length: 3000 }, (_, i) => `line ${i}`).join("\n"));
    expect(h.linesIn()).toBe(3000);
    expect(h.s().transcript.entries).toHaveLength(TRANSCRIPT_LIMIT);
    // 6,000 entries (a line and its output each), 1,000 kept: 500 lines shown, 2,500 not.
    expect(h.s().transcript.droppedLines).toBe(2500);
    expect(h.s().transcript.entries.at(-1)!.text).toBe("LINE 2999");
    h.s().submit(":clear");
    expect(h.s().transcript).toEqual({ entries: [], droppedLines: 0 });
    expect(h.linesIn()).toBe(3000);
  });

  it("cuts the window where a line starts, so no output is shown without its line", () => {
    const h = harness();
    h.s().submit(Array.from({ length: TRANSCRIPT_LIMIT / 2 - 1 }, (_, i) => `l${i}`).join("\n"));
    h.s().submit(":help"); // one input and several notices push the window past its limit mid-line
    h.s().submit("x\ny");
    const { entries, droppedLines } = h.s().transcript;
    expect(entries[0]!.kind).toBe("input");
    expect(entries.length).toBeLessThanOrEqual(TRANSCRIPT_LIMIT);
    const shownLines = entries.filter((e) => e.kind === "input").length;
    expect(shownLines + droppedLines).toBe(TRANSCRIPT_LIMIT / 2 - 1 + 1 + 2);
  });

  it("coalesces data changes into one version bump per frame", () => {
    const h = harness();
    for (let i = 0; i < 50; i++) h.s().submit(`x${i}`);
    expect(h.frames).toHaveLength(1);
    expect(h.s().dataVersion).toBe(0);
    h.flushFrames();
    expect(h.s().dataVersion).toBe(h.s().stats.version);
    h.s().submit("more");
    expect(h.frames).toHaveLength(1);
  });
});

describe("presets, reset, settings", () => {
  it("switching preset replaces the views, drops data and takes the preset's namespace", () => {
    const h = harness();
    h.s().submit("a");
    h.s().setPreset("python");
    expect(h.s().stats.views().map((v) => v.name)).toEqual(["demo_latency", "demo_lines_in", "demo_line_lengths"]);
    expect(h.linesIn()).toBe(0);
    expect(h.s().namespace).toBe("oc_python");
    expect(h.saved.at(-1)).toMatchObject({ presetId: "python", namespace: "oc_python" });
  });

  it("a preset switch while the simulator runs restarts its count with the views", () => {
    const h = harness({ rate: 1000 });
    h.s().startSimulator();
    h.advance(1000);
    h.fire(50);
    expect(h.s().simulator.generated).toBe(1000);
    h.s().setPreset("python");
    expect(h.s().simulator.generated).toBe(0);
    h.advance(500);
    h.fire(50);
    expect(h.s().simulator.generated).toBe(500);
    expect(h.linesIn()).toBe(500);
  });

  it("reset drops data and keeps views", () => {
    const h = harness();
    h.s().submit("a\nb");
    h.s().resetData();
    expect(h.linesIn()).toBe(0);
    expect(h.s().stats.views()).toHaveLength(3);
  });

  it("an invalid namespace is explained and the last valid one stays in use", () => {
    const h = harness();
    h.s().setNamespaceInput("my app");
    expect(h.s().namespaceError).toMatch(/namespace "my app" is not usable/);
    expect(h.s().namespace).toBe("ocmetricstutorial");
    h.s().setNamespaceInput("myapp");
    expect(h.s()).toMatchObject({ namespace: "myapp", namespaceError: null });
    h.s().setNamespaceInput("");
    expect(h.s().namespace).toBe("");
  });

  it("writes the settings when one of them changes, and only then", () => {
    const h = harness({ rate: 1000 });
    h.s().setFormat("openmetrics");
    expect(h.saved).toEqual([{ ...DEFAULT_SETTINGS, rate: 1000, format: "openmetrics" }]);
    h.s().setNamespaceInput("my app"); // not usable: nothing changes, nothing is written
    h.s().submit("a");
    h.s().startSimulator();
    h.advance(1000);
    h.fire(50);
    h.flushFrames();
    expect(h.saved).toHaveLength(1);
    h.s().setRate(2000);
    expect(h.saved.at(-1)).toEqual({ ...DEFAULT_SETTINGS, rate: 2000, format: "openmetrics" });
  });

  it("stored settings that are unreadable or out of range fall back to defaults, and say which", () => {
    const stored = (text: string) => ({ getItem: () => text, setItem: () => {} });
    const bad = stored('{"presetId":"rust","rate":1e9,"errorRatio":3,"namespace":"9x","format":"openmetrics","model":{"kind":"uniform","min":5,"max":1}}');
    expect(loadSettings(bad)).toEqual({
      value: { ...DEFAULT_SETTINGS, format: "openmetrics" },
      reset: ["preset", "namespace", "lines per second", "errors", "latency model"],
    });
    // 1e999 parses as Infinity; a negative rate; a median far past the field's 600,000 ms.
    expect(loadSettings(stored('{"rate":1e999}'))).toEqual({ value: DEFAULT_SETTINGS, reset: ["lines per second"] });
    expect(loadSettings(stored('{"rate":-5}'))).toEqual({ value: DEFAULT_SETTINGS, reset: ["lines per second"] });
    expect(loadSettings(stored('{"model":{"kind":"lognormal","median":1e300,"spread":1}}'))).toEqual({
      value: DEFAULT_SETTINGS,
      reset: ["latency model"],
    });
    expect(loadSettings(stored('{"model":{"kind":"lognormal","median":600000,"spread":5}}')).value.model).toEqual({
      kind: "lognormal",
      median: 600000,
      spread: 5,
    });
    expect(loadSettings(stored("not json"))).toEqual({ value: DEFAULT_SETTINGS, reset: ["all settings (unreadable)"] });
    expect(loadSettings(stored("null")).value).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(stored("{}"))).toEqual({ value: DEFAULT_SETTINGS, reset: [] });
    expect(loadSettings({ getItem: () => null, setItem: () => {} })).toEqual({ value: DEFAULT_SETTINGS, reset: [] });
  });

  it("push settings persist with the same care", () => {
    const kept = new Map<string, string>();
    const store = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    savePushSettings({ job: "shop", instance: "a/b", periodMs: 15_000, format: "protobuf" }, store);
    expect(loadPushSettings(store)).toEqual({ value: { job: "shop", instance: "a/b", periodMs: 15_000, format: "protobuf" }, reset: [] });
    kept.set("metrics-playground:push:v1", '{"job":"  ","instance":7,"periodMs":500,"format":"json"}');
    expect(loadPushSettings(store)).toEqual({
      value: DEFAULT_PUSH_SETTINGS,
      reset: ["push job", "push instance", "reporting period", "push format"],
    });
    // Settings kept before the push format existed read back as "auto".
    kept.set("metrics-playground:push:v1", '{"job":"shop","instance":"i","periodMs":15000}');
    expect(loadPushSettings(store)).toEqual({ value: { job: "shop", instance: "i", periodMs: 15_000, format: "auto" }, reset: [] });
  });
});

describe("simulator", () => {
  it("records exactly rate × time lines, in ticks, and stops when told", () => {
    const h = harness({ rate: 1000 });
    h.s().startSimulator();
    for (let i = 0; i < 40; i++) {
      h.advance(50);
      h.fire(50);
    }
    expect(h.s().simulator.generated).toBe(2000);
    expect(h.linesIn()).toBe(2000);
    h.s().stopSimulator();
    expect(h.timers()).not.toContain(50);
    h.advance(1000);
    h.fire(50);
    expect(h.linesIn()).toBe(2000);
  });

  it("caps each tick so the page never stalls, and catches up later", () => {
    const h = harness({ rate: 100_000 });
    h.s().startSimulator();
    h.advance(500); // a stalled tab: 50,000 lines due at once
    h.fire(50);
    expect(h.linesIn()).toBe(MAX_LINES_PER_TICK);
    h.fire(50);
    h.fire(50);
    expect(h.linesIn()).toBe(50_000);
  });

  it("stops a tick at its time budget and records the rest at the next ticks", () => {
    let t = 0;
    let clockReads = 0;
    const jobs: (() => void)[] = [];
    const store = createPlaygroundStore({
      // Every read of the clock moves it 1 ms: a tick's budget runs out after a few reads.
      now: () => (clockReads++, t++),
      wallClock: () => 1_700_000_000_000,
      random: seededRandom(1),
      frame: () => {},
      settings: { ...DEFAULT_SETTINGS, rate: 100_000 },
      persist: () => {},
      every: (fn, ms) => (ms === 50 && jobs.push(fn), () => {}),
    });
    store.getState().startSimulator();
    t += 100; // 10,000 lines due
    jobs.forEach((j) => j());
    const first = store.getState().simulator.generated;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(10_000);
    expect(first % 256).toBe(0);
    for (let i = 0; i < 100 && store.getState().simulator.generated < 10_000; i++) jobs.forEach((j) => j());
    // Every line due is recorded in the end (the clock moved on meanwhile, so a few more are due).
    expect(store.getState().simulator.generated).toBeGreaterThanOrEqual(10_000);
    expect(clockReads).toBeGreaterThan(0);
  });

  it("changing the rate keeps the count exact", () => {
    const h = harness({ rate: 100 });
    h.s().startSimulator();
    h.advance(1000);
    h.s().setRate(1000);
    h.advance(1000);
    h.fire(50);
    expect(h.linesIn()).toBe(1100);
  });

  it("records errors at about the error ratio, with ERROR rows", () => {
    const h = harness({ rate: 10_000, errorRatio: 0.25, presetId: "python" });
    h.s().startSimulator();
    h.advance(1000);
    h.fire(50);
    const rows = h.s().stats.viewData("demo_lines_in")!.rows;
    const errors = rows.filter((r) => r.tags[1] === "ERROR").reduce((a, r) => a + (r.data as { value: number }).value, 0);
    expect(errors / 10_000).toBeGreaterThan(0.23);
    expect(errors / 10_000).toBeLessThan(0.27);
  });

  it("refuses to start with an invalid model and says why", () => {
    const h = harness();
    h.s().setModel({ kind: "uniform", min: 10, max: 1 });
    expect(h.s().simulatorError).toMatch(/max must be greater than min/);
    expect(h.s().simulator.model).toEqual({ kind: "seed" });
  });
});

it("history keeps a row whose only tag value is empty apart from all rows", async () => {
  const { rates, rowKey } = await import("./history");
  const h = harness({ presetId: "python" });
  h.s().submit("a\n:fail x");
  h.nextSample();
  h.s().submit("b");
  h.nextSample();
  const samples = h.s().history.get("demo_lines_in")!;
  // rate(x[10s]) at the second sample, as functions.go extrapolatedRate computes it. All rows,
  // 2 → 3 over 1 s: the counter's zero is 2 s back, past 1.1 intervals, so the start extends by
  // half an interval: 1 × 1.5 / 10. The OK row, 1 → 2: its zero is 1 s back, within 1.1
  // intervals, so the start extends to it: 1 × 2 / 10.
  expect(rates(samples, "")).toEqual([{ t: 1_700_000_002_000, v: 0.15 }]);
  expect(rates(samples, rowKey(["repl", "OK", ""]))).toEqual([{ t: 1_700_000_002_000, v: 0.2 }]);
  expect(rates(samples, rowKey(["repl", "ERROR", "x"]))).toEqual([{ t: 1_700_000_002_000, v: 0 }]);
  expect(rowKey([""])).not.toBe("");
});

it("samples history every second", () => {
  const h = harness();
  h.s().submit("a");
  h.nextSample();
  h.s().submit("b");
  h.nextSample();
  const samples = h.s().history.get("demo/lines_in")!;
  expect(samples.map((x) => x.all)).toEqual([1, 2]);
});
