// The measurement log: a bounded ring (wraparound, capacity, dropped count), tag sets interned by
// content and freed when no measurement refers to them, times from a coarse or exact clock,
// values handed back per view and row, emptied by reset.
import { describe, expect, it } from "vitest";
import { count, distribution } from "./aggregation";
import { measureFloat64, measureInt64 } from "./measure";
import { createStats } from "./stats";
import { TagMap, tagKey } from "./tags";

const lat = measureFloat64("log/lat", { unit: "ms" });
const len = measureInt64("log/len", { unit: "By" });
const method = tagKey("method");

function engine(capacity: number, resolutionMs = 0) {
  let t = 1_000;
  const timers: (() => void)[] = [];
  const stats = createStats({
    now: () => t,
    every: (fn) => (timers.push(fn), () => void timers.splice(timers.indexOf(fn), 1)),
    log: { capacity, resolutionMs },
  });
  return { stats, log: stats.log!, advance: (ms: number) => (t += ms), tick: () => timers.forEach((f) => f()), timers };
}

describe("measurement log", () => {
  it("is off unless asked for", () => {
    expect(createStats().log).toBeNull();
  });

  it("keeps every measurement, with or without a view, oldest first, up to its capacity", () => {
    const { stats, log, advance } = engine(4);
    for (let i = 1; i <= 3; i++) {
      stats.record({ method: "a" }, lat.m(i));
      advance(1);
    }
    expect(log.size).toBe(3);
    expect(log.dropped).toBe(0);
    expect([log.since, log.until]).toEqual([1_000, 1_002]);
    const view = stats.registerView({ measure: lat, aggregation: count() })[0]!;
    expect([...log.valuesOf(view)]).toEqual([1, 2, 3]);

    for (let i = 4; i <= 6; i++) {
      stats.record({ method: "a" }, lat.m(i));
      advance(1);
    }
    // Capacity 4: 1 and 2 are gone, the ring wrapped around.
    expect([log.size, log.dropped]).toEqual([4, 2]);
    expect([...log.valuesOf(view)]).toEqual([3, 4, 5, 6]);
    expect([log.since, log.until]).toEqual([1_002, 1_005]);
  });

  it("hands back one row's values, a missing tag being the empty value", () => {
    const { stats, log } = engine(100);
    const view = stats.registerView({ measure: lat, aggregation: count(), tagKeys: [method] })[0]!;
    stats.record({ method: "a" }, lat.m(1));
    stats.record(TagMap.empty(), lat.m(2));
    stats.record({ method: "a", other: "x" }, lat.m(3));
    stats.record({ method: "" }, lat.m(4));
    stats.record({ method: "b" }, len.m(5)); // another measure
    expect([...log.valuesOf(view, ["a"])]).toEqual([1, 3]);
    expect([...log.valuesOf(view, [""])]).toEqual([2, 4]);
    expect([...log.valuesOf(view)]).toEqual([1, 2, 3, 4]);
  });

  it("walks one measure's logged measurements, oldest first, with their tags and times", () => {
    const { stats, log, advance } = engine(10);
    stats.record({ method: "a" }, lat.m(1));
    advance(3);
    stats.record({ method: "b" }, len.m(2));
    stats.record({ method: "c" }, lat.m(3));
    const seen: [number, string | undefined, number][] = [];
    log.forEachOf("log/lat", (v, tags, t) => seen.push([v, tags.get(method), t]));
    expect(seen).toEqual([
      [1, "a", 1_000],
      [3, "c", 1_003],
    ]);
    log.forEachOf("nothing", () => seen.push([0, "", 0]));
    expect(seen).toHaveLength(2);
  });

  it("interns tag sets by content and frees a set no measurement refers to", () => {
    const { stats, log } = engine(3);
    stats.record(TagMap.empty().insert(method, "a").insert(tagKey("z"), "1"), lat.m(1));
    stats.record({ z: "1", method: "a" }, lat.m(2)); // same content, other order, other object
    expect(log.tagSets).toBe(1);
    stats.record({ method: "b" }, lat.m(3));
    expect(log.tagSets).toBe(2);
    for (let i = 0; i < 3; i++) stats.record({ method: `c${i}` }, lat.m(i)); // pushes every older one out
    expect(log.tagSets).toBe(3);
    // A reused TagMap whose set was freed (and its id perhaps reused) gets its own set again.
    const a = TagMap.empty().insert(method, "a");
    stats.record(a, lat.m(7));
    stats.record(a, lat.m(8));
    const view = stats.registerView({ measure: lat, aggregation: count(), tagKeys: [method] })[0]!;
    expect([...log.valuesOf(view, ["a"])]).toEqual([7, 8]);
    expect([...log.valuesOf(view, ["c2"])]).toEqual([2]);
  });

  it("never logs a reused TagMap under an id a sweep gave to another set", () => {
    const { stats, log } = engine(2);
    const a = TagMap.empty().insert(method, "a");
    stats.record(a, lat.m(1)); // a remembers its set id
    stats.record({ method: "b" }, lat.m(2));
    stats.record({ method: "c" }, lat.m(3)); // pushes a's only measurement out
    expect(log.tagSets).toBe(2); // reading the count sweeps: a's id is free
    stats.record({ method: "d" }, lat.m(4)); // d is given a's old id
    stats.record(a, lat.m(5)); // a must be interned again, not logged under d's id
    const view = stats.registerView({ measure: lat, aggregation: count(), tagKeys: [method] })[0]!;
    expect([...log.valuesOf(view, ["a"])]).toEqual([5]);
    expect([...log.valuesOf(view, ["d"])]).toEqual([4]);
  });

  it("takes times from a coarse clock, or from the clock itself with resolutionMs 0", () => {
    const coarse = engine(10, 10);
    expect(coarse.timers).toHaveLength(1);
    coarse.advance(7);
    coarse.stats.record(undefined, lat.m(1)); // the clock was last read at 1,000
    coarse.tick();
    coarse.stats.record(undefined, lat.m(2));
    expect([coarse.log.since, coarse.log.until]).toEqual([1_000, 1_007]);
    coarse.stats.close();
    expect(coarse.timers).toHaveLength(0);

    const exact = engine(10, 0);
    exact.advance(7);
    exact.stats.record(undefined, lat.m(1));
    expect(exact.log.since).toBe(1_007);
  });

  it("is emptied by reset", () => {
    const { stats, log } = engine(10);
    stats.record({ method: "a" }, lat.m(1));
    stats.reset();
    expect([log.size, log.dropped, log.tagSets, log.since]).toEqual([0, 0, 0, null]);
  });

  it("refuses a capacity that is not a whole number from 1", () => {
    for (const capacity of [0, -1, 1.5, NaN])
      expect(() => createStats({ log: { capacity } })).toThrow(expect.objectContaining({ code: "LOG" }));
  });

  it("costs 14 bytes a measurement, plus its time runs and tag sets", () => {
    const { stats, log, advance } = engine(1000);
    expect(log.bytes).toBe(14_000 + 16); // the clock's current run
    stats.record(undefined, lat.m(1));
    stats.record(undefined, lat.m(2)); // same time: one run
    advance(1);
    stats.record(undefined, lat.m(3)); // a second run
    expect(log.bytes).toBe(14_000 + 2 * 16 + ("".length * 2 + 64));
  });

  it("keeps each measurement's time through wraparound and many runs", () => {
    const { stats, log, advance } = engine(5);
    for (let i = 0; i < 40; i++) {
      stats.record(undefined, lat.m(i));
      if (i % 3 === 0) advance(10);
    }
    const times: number[] = [];
    const values: number[] = [];
    log.forEachOf("log/lat", (v, _t, time) => {
      values.push(v);
      times.push(time);
    });
    expect(values).toEqual([35, 36, 37, 38, 39]);
    // i advanced the clock after i = 0, 3, 6, …: value i was logged at 1,000 + 10·⌈i / 3⌉.
    expect(times).toEqual(values.map((i) => 1_000 + 10 * Math.ceil(i / 3)));
    expect([log.since, log.until]).toEqual([times[0], times[4]]);
  });
});

describe("filling a view from the log", () => {
  it("gives a view registered later what live recording would have given, and says from what", () => {
    const { stats, advance } = engine(100);
    const live = createStats();
    const def = { name: "v", measure: lat, aggregation: distribution([1, 10, 100]), tagKeys: [method] };
    live.registerView(def);
    for (const [m, v] of [["a", 0.5], ["b", 30], ["a", 7.25], ["", 1000]] as const) {
      stats.record({ method: m }, lat.m(v));
      live.record({ method: m }, lat.m(v));
      advance(5);
    }
    stats.registerView(def);
    const filled = stats.viewData("v")!;
    expect(filled.rows).toEqual(live.viewData("v")!.rows);
    expect(filled.fromLog).toEqual({ measurements: 4, since: 1_000 });
    expect(filled.start).toBe(1_000);
  });

  it("can be turned off", () => {
    const stats = createStats({ log: { fill: false } });
    stats.record(undefined, lat.m(1));
    stats.registerView({ measure: lat, aggregation: count() });
    expect(stats.snapshot()[0]!.rows).toEqual([]);
  });
});
