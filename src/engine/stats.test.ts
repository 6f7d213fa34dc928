import { describe, expect, it, vi } from "vitest";
import { count, distribution, type DistributionData, lastValue, sum } from "./aggregation";
import { MeasureError, StatsError, ViewError } from "./errors";
import { measureFloat64, measureInt64 } from "./measure";
import { createStats, type Exporter } from "./stats";
import { TagMap, tagKey } from "./tags";

const latency = measureFloat64("t/latency", { description: "latency", unit: "ms" });
const lengths = measureInt64("t/lengths", { description: "lengths", unit: "By" });
const method = tagKey("method");
const status = tagKey("status");

function manualClock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A scheduler the test drives by hand: tick() runs what `every` registered. */
function manualScheduler() {
  const jobs = new Set<{ fn: () => void; ms: number }>();
  return {
    every: (fn: () => void, ms: number) => {
      const job = { fn, ms };
      jobs.add(job);
      return () => void jobs.delete(job);
    },
    tick: () => [...jobs].forEach((j) => j.fn()),
    periods: () => [...jobs].map((j) => j.ms),
  };
}

describe("registerView", () => {
  it("fills name and description from the measure", () => {
    const stats = createStats();
    const [v] = stats.registerView({ measure: latency, aggregation: count() });
    expect(v).toMatchObject({ name: "t/latency", description: "latency", tagKeys: [] });
  });

  it("same name and same definition is a no-op", () => {
    const stats = createStats();
    const def = { name: "v", measure: latency, aggregation: distribution([1, 2]), tagKeys: [method] };
    stats.registerView(def);
    stats.record(TagMap.empty(), latency.m(1));
    stats.registerView({ ...def, aggregation: distribution([1, 2]) });
    expect(stats.views()).toHaveLength(1);
    expect(stats.viewData("v")!.rows).toHaveLength(1);
  });

  it("same name with a different definition is an error that describes both", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: distribution([1, 2]) });
    const attempt = () => stats.registerView({ name: "v", measure: latency, aggregation: distribution([1, 3]) });
    expect(attempt).toThrow(ViewError);
    expect(attempt).toThrow(
      'a different view named "v" is already registered: it is distribution(1, 2) of t/latency (ms), not distribution(1, 3) of t/latency (ms)',
    );
    expect(() => stats.registerView({ name: "v", measure: latency, aggregation: distribution([1, 2]), tagKeys: [method] })).toThrow(
      /already registered/,
    );
  });

  it("is all-or-nothing", () => {
    const stats = createStats();
    expect(() =>
      stats.registerView(
        { name: "good", measure: latency, aggregation: count() },
        { name: "bad", measure: latency, aggregation: { type: "distribution", bounds: [2, 1] } },
      ),
    ).toThrow('view "bad": distribution bounds must be strictly increasing, but bound 1 (1) is below bound 0 (2)');
    expect(stats.views()).toEqual([]);
  });

  it("refuses bad names, missing parts, duplicate and colliding tag keys", () => {
    const stats = createStats();
    expect(() => stats.registerView({ name: "bad\u00e9", measure: latency, aggregation: count() })).toThrow(
      /view name "badé" has a non-printable character at index 3/,
    );
    expect(() => stats.registerView({ name: "v", measure: latency, aggregation: { type: "median" } as never })).toThrow(
      'view "v" needs an aggregation: count(), sum(), lastValue(), distribution(bounds) or exponentialHistogram()',
    );
    expect(() => stats.registerView({ name: "v", measure: undefined as never, aggregation: count() })).toThrow('view "v" has no measure');
    expect(() => stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [method, method] })).toThrow(
      'view "v" lists tag key "method" twice',
    );
    expect(() =>
      stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [tagKey("a-b"), tagKey("a_b")] }),
    ).toThrow('view "v": tag keys "a-b" and "a_b" would both be exposed as label "a_b"');
    expect(() => stats.registerView({ name: "v", measure: latency, aggregation: distribution([1]), tagKeys: [tagKey("le")] })).toThrow(
      /cannot have a tag key exposed as "le"/,
    );
  });

  it("refuses two views that would be exposed under the same metric name", () => {
    const stats = createStats();
    stats.registerView({ name: "demo/latency", measure: latency, aggregation: distribution([1]) });
    expect(() => stats.registerView({ name: "demo_latency", measure: latency, aggregation: count() })).toThrow(
      'views "demo/latency" and "demo_latency" would both be exposed as metric "demo_latency"; rename one',
    );
    expect(() => stats.registerView({ name: "demo/latency_count", measure: latency, aggregation: lastValue() })).toThrow(
      /would both be exposed as metric "demo_latency_count"/,
    );
  });

  it("refuses a second measure of the same name with another type or unit", () => {
    const stats = createStats();
    stats.registerView({ name: "a", measure: latency, aggregation: count() });
    const impostor = measureFloat64("t/latency", { description: "other", unit: "s" });
    expect(() => stats.registerView({ name: "b", measure: impostor, aggregation: count() })).toThrow(MeasureError);
    expect(() => stats.registerView({ name: "b", measure: impostor, aggregation: count() })).toThrow(
      'measure "t/latency" is already known as float64 in "ms"; it cannot also be float64 in "s"',
    );
    expect(() => stats.record(TagMap.empty(), impostor.m(1))).toThrow(MeasureError);
  });

  it("treats a same-named measure of the same type and unit as the same measure", () => {
    const stats = createStats();
    stats.registerView({ name: "a", measure: latency, aggregation: count() });
    stats.record(TagMap.empty(), measureFloat64("t/latency", { description: "again", unit: "ms" }).m(5));
    expect(stats.viewData("a")!.rows[0]!.data).toEqual({ type: "count", value: 1 });
  });
});

describe("record", () => {
  it("keys rows by the view's tag values in key order; a missing tag is the empty value", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [status, method] });
    stats.record(TagMap.empty().insert(method, "repl").insert(status, "OK"), latency.m(1));
    stats.record(TagMap.empty().insert(status, "OK").insert(method, "repl"), latency.m(1));
    stats.record(TagMap.empty().insert(method, "repl"), latency.m(1));
    stats.record(TagMap.empty().insert(method, "repl").insert(status, ""), latency.m(1));
    stats.record(TagMap.empty().insert(tagKey("unrelated"), "x"), latency.m(1));
    const rows = stats.viewData("v")!.rows.map((r) => [r.tags, (r.data as { value: number }).value]);
    expect(rows).toEqual([
      [["OK", "repl"], 2],
      [["", "repl"], 2],
      [["", ""], 1],
    ]);
  });

  it("feeds every view of a measure, and several measures at once", () => {
    const stats = createStats();
    stats.registerView(
      { name: "n", measure: lengths, aggregation: count() },
      { name: "s", measure: lengths, aggregation: sum() },
      { name: "last", measure: latency, aggregation: lastValue() },
      { name: "d", measure: latency, aggregation: distribution([10]) },
    );
    stats.record(TagMap.empty(), lengths.m(3), latency.m(12.5));
    stats.record(undefined, lengths.m(4), latency.m(2));
    const by = Object.fromEntries(stats.snapshot().map((vd) => [vd.view.name, vd.rows[0]!.data]));
    expect(by.n).toEqual({ type: "count", value: 2 });
    expect(by.s).toEqual({ type: "sum", value: 7 });
    expect(by.last).toEqual({ type: "lastValue", value: 2 });
    expect((by.d as DistributionData).bucketCounts).toEqual([1, 1]);
  });

  it("records nothing for a measure without views", () => {
    const stats = createStats();
    const listener = vi.fn();
    stats.subscribe(listener);
    stats.record(TagMap.empty(), latency.m(1));
    expect(listener).not.toHaveBeenCalled();
    expect(stats.snapshot()).toEqual([]);
  });

  it("is all-or-nothing when one measurement conflicts", () => {
    const stats = createStats();
    stats.registerView({ name: "n", measure: lengths, aggregation: count() });
    stats.registerView({ name: "l", measure: latency, aggregation: count() });
    const impostor = measureInt64("t/latency", { unit: "ms" });
    expect(() => stats.record(TagMap.empty(), lengths.m(1), impostor.m(1))).toThrow(MeasureError);
    expect(stats.viewData("n")!.rows).toEqual([]);
  });

  it("refuses tags that are neither a TagMap nor a { key: value } object of strings", () => {
    const stats = createStats();
    stats.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [method] });
    for (const bad of ["method=a", 42, null, ["a"]])
      expect(() => stats.record(bad as never, latency.m(1))).toThrow(expect.objectContaining({ code: "TAG_MAP" }));
    expect(() => stats.record({ method: 7 } as never, latency.m(1))).toThrow(
      expect.objectContaining({ code: "TAG_VALUE", message: 'tag value for "method" must be a string, not number' }),
    );
    expect(() => stats.record({ method: "caf\u00e9" }, latency.m(1))).toThrow(
      expect.objectContaining({ code: "TAG_VALUE", message: expect.stringMatching(/tag value for "method" has a non-printable character at index 3/) }),
    );
    expect(() => stats.record({ "": "x" }, latency.m(1))).toThrow(expect.objectContaining({ code: "TAG_KEY" }));
    expect(stats.viewData("v")!.rows).toEqual([]); // nothing was recorded by a refused call
  });

  it("records a plain { key: value } object exactly as the same TagMap", () => {
    const a = createStats();
    const b = createStats();
    const def = { name: "v", measure: latency, aggregation: distribution([1, 10]), tagKeys: [method] };
    a.registerView(def);
    b.registerView(def);
    for (const v of [0.5, 3, 30, 3]) {
      a.record({ method: "GET", ignored: "x" }, latency.m(v));
      b.record(TagMap.empty().insert(method, "GET").insert(tagKey("ignored"), "x"), latency.m(v));
    }
    a.record({}, latency.m(2));
    b.record(undefined, latency.m(2));
    expect(a.viewData("v")!.rows).toEqual(b.viewData("v")!.rows);
    expect(a.viewData("v")!.rows.map((r) => r.tags)).toEqual([["GET"], [""]]);
  });

  it("keeps a TagMap's memo out of its public shape", () => {
    const tags = TagMap.empty().insert(method, "a");
    createStats().record(tags, latency.m(1));
    expect(Object.keys(tags)).toEqual([]);
    expect(JSON.stringify(tags)).toBe("{}");
  });

  it("keeps a reused TagMap on the right row after reset and re-registration", () => {
    const stats = createStats();
    const def = { name: "v", measure: latency, aggregation: count(), tagKeys: [method] };
    stats.registerView(def);
    const tags = TagMap.empty().insert(method, "a");
    stats.record(tags, latency.m(1));
    stats.reset();
    stats.record(tags, latency.m(1));
    expect(stats.viewData("v")!.rows.map((r) => r.data)).toEqual([{ type: "count", value: 1 }]);
    stats.unregisterView("v");
    stats.registerView(def);
    stats.record(tags, latency.m(1));
    expect(stats.viewData("v")!.rows.map((r) => r.data)).toEqual([{ type: "count", value: 1 }]);
  });

  it("a TagMap shared by two engines lands in each engine's own rows", () => {
    const a = createStats();
    const b = createStats();
    for (const s of [a, b]) s.registerView({ name: "v", measure: latency, aggregation: count(), tagKeys: [method] });
    const tags = TagMap.empty().insert(method, "x");
    for (let i = 0; i < 20; i++) (i % 3 ? a : b).record(tags, latency.m(1));
    expect((a.viewData("v")!.rows[0]!.data as { value: number }).value).toBe(13);
    expect((b.viewData("v")!.rows[0]!.data as { value: number }).value).toBe(7);
  });
});

describe("snapshot", () => {
  it("is a copy that later recording does not change, with start and end times", () => {
    const clock = manualClock(5_000);
    const stats = createStats({ now: clock.now });
    stats.registerView({ name: "d", measure: latency, aggregation: distribution([1]) });
    stats.record(TagMap.empty(), latency.m(0.5));
    clock.advance(250);
    const before = stats.snapshot();
    stats.record(TagMap.empty(), latency.m(0.5));
    const data = before[0]!.rows[0]!.data as DistributionData;
    expect(data.count).toBe(1);
    expect(data.bucketCounts).toEqual([1, 0]);
    expect(before[0]).toMatchObject({ start: 5_000, end: 5_250 });
  });

  it("unregister drops data; reset drops data, keeps views and restarts the clock", () => {
    const clock = manualClock();
    const stats = createStats({ now: clock.now });
    stats.registerView({ name: "a", measure: latency, aggregation: count() }, { name: "b", measure: latency, aggregation: sum() });
    stats.record(TagMap.empty(), latency.m(2));
    expect(stats.unregisterView("a")).toBe(true);
    expect(stats.unregisterView("a")).toBe(false);
    expect(stats.viewData("a")).toBeUndefined();
    clock.advance(10);
    stats.reset();
    expect(stats.snapshot()).toEqual([{ view: stats.views()[0], start: 1_010, end: 1_010, rows: [], combinations: 0, overflow: null }]);
  });
});

describe("subscribe and batch", () => {
  it("tells listeners about changes; batch tells them once", () => {
    const stats = createStats();
    stats.registerView({ name: "a", measure: latency, aggregation: count() });
    const listener = vi.fn();
    const off = stats.subscribe(listener);
    const v0 = stats.version;
    stats.record(TagMap.empty(), latency.m(1));
    expect(listener).toHaveBeenCalledTimes(1);
    stats.batch(() => {
      for (let i = 0; i < 100; i++) stats.record(TagMap.empty(), latency.m(i));
      stats.batch(() => stats.record(TagMap.empty(), latency.m(1)));
    });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(stats.version).toBe(v0 + 102);
    stats.batch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(2);
    off();
    stats.record(TagMap.empty(), latency.m(1));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("a throwing listener neither breaks recording nor other listeners", () => {
    const onError = vi.fn();
    const stats = createStats({ onError });
    stats.registerView({ name: "a", measure: latency, aggregation: count() });
    const good = vi.fn();
    stats.subscribe(() => {
      throw new Error("boom");
    });
    stats.subscribe(good);
    stats.record(TagMap.empty(), latency.m(1));
    expect(good).toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "boom" }), "listener");
    expect((stats.viewData("a")!.rows[0]!.data as { value: number }).value).toBe(1);
  });
});

describe("exporters", () => {
  it("receive cumulative data every reporting period", () => {
    const clock = manualClock();
    const sched = manualScheduler();
    const stats = createStats({ now: clock.now, every: sched.every });
    stats.registerView({ name: "a", measure: latency, aggregation: count() });
    const seen: number[] = [];
    const exporter: Exporter = {
      export: (data, at) => seen.push((data[0]!.rows[0]?.data as { value: number } | undefined)?.value ?? 0, at),
    };
    expect(sched.periods()).toEqual([]);
    const off = stats.registerExporter(exporter);
    expect(sched.periods()).toEqual([10_000]);
    stats.record(TagMap.empty(), latency.m(1));
    clock.advance(10_000);
    sched.tick();
    stats.record(TagMap.empty(), latency.m(1));
    clock.advance(10_000);
    sched.tick();
    expect(seen).toEqual([1, 11_000, 2, 21_000]);
    off();
    expect(sched.periods()).toEqual([]);
  });

  it("the period is settable, at least 1 s, and report() exports at once", () => {
    const sched = manualScheduler();
    const stats = createStats({ every: sched.every });
    const exporter = { export: vi.fn() };
    stats.registerExporter(exporter);
    stats.setReportingPeriod(1_000);
    expect(stats.reportingPeriod).toBe(1_000);
    expect(sched.periods()).toEqual([1_000]);
    expect(() => stats.setReportingPeriod(999)).toThrow("reporting period must be at least 1000 ms, got 999");
    expect(() => stats.setReportingPeriod(NaN)).toThrow(StatsError);
    stats.report();
    expect(exporter.export).toHaveBeenCalledTimes(1);
    stats.close();
    expect(sched.periods()).toEqual([]);
  });

  it("a failing exporter is reported and does not stop the others", () => {
    const onError = vi.fn();
    const sched = manualScheduler();
    const stats = createStats({ every: sched.every, onError });
    const good = { export: vi.fn() };
    stats.registerExporter({
      export: () => {
        throw new Error("down");
      },
    });
    stats.registerExporter(good);
    sched.tick();
    expect(good.export).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "down" }), "exporter");
  });
});
