import { describe, expect, it } from "vitest";
import { createStats, type DistributionData, measureInt64, type Stats } from "../engine";
import { goQuickstart, LATENCY_BOUNDS, pythonQuickstart, type Preset } from "./quickstart";
import { createReplSession } from "./session";

function setup(preset: Preset = goQuickstart) {
  let t = 1000;
  const stats: Stats = createStats();
  stats.registerView(...preset.views);
  const known = [preset.latency, preset.lineLength];
  const session = createReplSession({
    stats,
    preset: () => preset,
    now: () => t,
    measures: { named: (name) => known.find((m) => m.name === name), names: () => known.map((m) => m.name) },
  });
  return { stats, session, advance: (ms: number) => (t += ms) };
}

const data = (stats: Stats, view: string) => stats.viewData(view)!.rows.map((r) => ({ tags: r.tags, data: r.data }));

describe("REPL session", () => {
  it("prints the upper-cased line and records latency from prompt-ready to output, and UTF-8 length", () => {
    const { stats, session, advance } = setup();
    advance(5_000); // the page is open, the person reads it: not REPL latency
    session.engage(); // the first keystroke
    advance(120); // the person types for 120 ms
    session.engage(); // later keystrokes do not restart the loop
    const r = session.submit("héllo");
    expect(r.entries).toEqual([
      { kind: "input", text: "héllo" },
      { kind: "output", text: "HÉLLO", latencyMs: 120 },
    ]);
    const lat = data(stats, "demo/latency")[0]!;
    expect(lat.tags).toEqual(["repl"]);
    expect((lat.data as DistributionData).sum).toBe(120);
    const len = data(stats, "demo/line_lengths")[0]!.data as DistributionData;
    expect(len.sum).toBe(6);
    expect(len.bucketCounts.slice(0, 3)).toEqual([0, 0, 1]); // 6 bytes: le="10", not le="5"
  });

  it("a line submitted before the prompt was ever engaged starts its loop as it is submitted", () => {
    const { stats, session, advance } = setup();
    advance(3_000);
    const r = session.submit("x\n:sleep 40");
    expect(r.entries.filter((e) => e.kind === "output").map((e) => e.kind === "output" && e.latencyMs)).toEqual([0, 40]);
    expect((data(stats, "demo/latency")[0]!.data as DistributionData).max).toBe(40);
  });

  it("a pasted block is one loop per line, each timed from the previous output", () => {
    const { stats, session, advance } = setup();
    session.engage();
    advance(50);
    const r = session.submit("a\nbb\n\nccc\n");
    expect(r.recorded).toBe(4);
    expect(r.entries.filter((e) => e.kind === "output").map((e) => e.kind === "output" && e.latencyMs)).toEqual([50, 0, 0, 0]);
    expect(data(stats, "demo/lines_in")[0]!.data).toEqual({ type: "count", value: 4 });
    expect((data(stats, "demo/line_lengths")[0]!.data as DistributionData).bucketCounts[0]).toBe(1); // the empty line: le="0"
  });

  it("listeners hear of a block once", () => {
    const { stats, session } = setup();
    let calls = 0;
    stats.subscribe(() => calls++);
    session.submit("1\n2\n3");
    expect(calls).toBe(1);
  });

  it(":sleep adds to this loop's latency", () => {
    const { stats, session, advance } = setup();
    session.engage();
    advance(10);
    session.submit(":sleep 300");
    const lat = data(stats, "demo/latency")[0]!.data as DistributionData;
    expect(lat.sum).toBe(310);
    expect(lat.bucketCounts[LATENCY_BOUNDS.indexOf(400)]).toBe(1);
  });

  it(":fail records status=ERROR and the message (Python preset keys all three)", () => {
    const { stats, session } = setup(pythonQuickstart);
    session.submit("fine\n:fail boom");
    expect(data(stats, "demo_lines_in").map((r) => [r.tags, (r.data as { value: number }).value])).toEqual([
      [["repl", "OK", ""], 1],
      [["repl", "ERROR", "boom"], 1],
    ]);
  });

  it("refused lines, :help and :clear record nothing; :clear empties what came before", () => {
    const { stats, session } = setup();
    const r = session.submit(":fail café\n:nope\n:help");
    expect(r.recorded).toBe(0);
    expect(stats.viewData("demo/lines_in")!.rows).toEqual([]);
    expect(r.entries.filter((e) => e.kind === "notice").length).toBeGreaterThan(3);
    const c = session.submit("one\n:clear\ntwo");
    expect(c.clear).toBe(true);
    expect(c.entries.map((e) => e.text)).toEqual(["two", "TWO"]);
    expect(data(stats, "demo/lines_in")[0]!.data).toEqual({ type: "count", value: 2 });
  });

  it("synthetic lines record exactly as typed ones", () => {
    const { stats, session } = setup(pythonQuickstart);
    session.recordSynthetic("naïve", 42);
    session.recordSynthetic("x", 7, "timeout");
    const rows = data(stats, "demo_line_lengths");
    expect(rows.map((r) => [r.tags, (r.data as DistributionData).sum])).toEqual([
      [["repl", "OK", ""], 6],
      [["repl", "ERROR", "timeout"], 1],
    ]);
  });

  it(":record records only its measurement, under its tags: no loop, no line length", () => {
    const { stats, session, advance } = setup();
    session.engage();
    advance(40);
    const r = session.submit(':record repl/latency 12.5 method="a b"');
    expect(r.recorded).toBe(0);
    expect(r.entries).toEqual([
      { kind: "input", text: ':record repl/latency 12.5 method="a b"' },
      { kind: "info", text: 'recorded repl/latency 12.5 {method="a b"}' },
    ]);
    expect(data(stats, "demo/latency").map((row) => [row.tags, (row.data as DistributionData).sum])).toEqual([[["a b"], 12.5]]);
    expect(stats.viewData("demo/lines_in")!.rows).toEqual([]);
    // A refused :record records nothing and says why.
    const bad = session.submit(":record repl/line_lengths 2.5");
    expect(bad.entries[1]).toEqual({
      kind: "notice",
      text: 'not recorded: measure "repl/line_lengths" (int64) cannot record 2.5; its values must be a safe integer',
    });
    expect(stats.viewData("demo/line_lengths")!.rows).toEqual([]);
  });

  it("a :record the engine refuses is said, not thrown", () => {
    const stats: Stats = createStats();
    stats.registerView(...goQuickstart.views);
    // Another measure of the name the engine knows as float64 in ms.
    const impostor = measureInt64("repl/latency", { unit: "By" });
    const session = createReplSession({
      stats,
      preset: () => goQuickstart,
      now: () => 0,
      measures: { named: () => impostor, names: () => [impostor.name] },
    });
    const r = session.submit(":record repl/latency 3");
    expect(r.entries[1]).toEqual({
      kind: "notice",
      text: 'not recorded: measure "repl/latency" is already known as float64 in "ms"; it cannot also be int64 in "By"',
    });
  });

  it("hands :gen and :stop to the store in order, each with its entry; a later :clear takes the entries", () => {
    const { stats, session } = setup();
    const r = session.submit(":gen repl/latency 10 uniform(0,1) seed=3\nx\n:stop");
    expect(r.commands).toMatchObject([
      { kind: "gen", entry: 1, request: { n: 10, seed: 3 } },
      { kind: "stop", entry: 5 },
    ]);
    expect(r.entries.map((e) => e.kind)).toEqual(["input", "info", "input", "output", "input", "info"]);
    expect(stats.viewData("demo/latency")!.rows.map((row) => (row.data as DistributionData).count)).toEqual([1]); // only "x"
    const c = session.submit(":gen repl/latency 10 uniform(0,1)\n:clear\n:stop");
    expect(c.commands).toMatchObject([
      { kind: "gen", entry: -1 },
      { kind: "stop", entry: 1 },
    ]);
  });
});

describe("exemplars", () => {
  it("numbers the entries and gives each line's measurements line_id (and trace_id after :trace)", () => {
    const stats = createStats({ exemplars: true, now: () => 5_000 });
    stats.registerView(...goQuickstart.views);
    const session = createReplSession({ stats, preset: () => goQuickstart, now: () => 0 });
    let id = 40;
    const r = session.submit("ab\n:trace t-1\nabcdefghijklmnopq", () => id++);
    expect(r.entries.map((e) => (e as { id?: number }).id)).toEqual([40, 41, 42, 43, 44, 45]);
    const len = stats.viewData("demo/line_lengths")!.rows[0]!.data as DistributionData;
    // 2 bytes: le="5"; 17 bytes: le="20"
    expect(len.exemplars![1]).toEqual({ labels: { line_id: 40 }, value: 2, timestamp: 5_000 });
    expect(len.exemplars![4]!.labels).toEqual({ line_id: 44, trace_id: "t-1" });
    session.submit(":trace\nx", () => id++);
    const lat = stats.viewData("demo/latency")!.rows[0]!.data as DistributionData;
    expect(lat.exemplars![0]!.labels).toEqual({ line_id: 48 });
  });

  it("records no exemplar without entry ids (the simulator, tests)", () => {
    const stats = createStats({ exemplars: true });
    stats.registerView(...goQuickstart.views);
    createReplSession({ stats, preset: () => goQuickstart, now: () => 0 }).submit("ab");
    expect((stats.viewData("demo/latency")!.rows[0]!.data as DistributionData).exemplars).toBeUndefined();
  });
});
