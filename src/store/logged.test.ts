// Unit tests for what the designer computes before Apply: a measure's logged values and tag sets,
// the rows and series a candidate would have (counted on those sets), and the preview's exposition
// text, which must be byte for byte what the engine writes once the view is registered and filled
// from the log — in both formats and both namings, with a namespace.
import { describe, expect, it } from "vitest";
import { createStats, distribution, lastValue, measureFloat64, measureInt64, tagKey, TagMap, type View, count } from "../engine";
import { toText } from "../engine/exposition";
import { gatherLogged, rowsOf, seriesCount } from "./logged";
import { type PreviewView, previewView } from "./preview";

function engine() {
  let t = 1_700_000_000_000;
  const stats = createStats({ now: () => t, every: () => () => {}, log: { capacity: 1000, resolutionMs: 0 } });
  const latency = measureFloat64("lat", { description: "Latency", unit: "ms" });
  const size = measureInt64("size", { unit: "By" });
  return { stats, latency, size, tick: (ms: number) => (t += ms) };
}

describe("gathering a measure's logged measurements", () => {
  it("takes its values in log order with each one's tag set, sets numbered by first appearance", () => {
    const { stats, latency, size, tick } = engine();
    stats.record({ method: "a" }, latency.m(1));
    tick(5);
    stats.record({ method: "b", status: "OK" }, latency.m(2), size.m(10));
    stats.record(TagMap.of({ method: "a" }), latency.m(3)); // another TagMap, the same content: one set
    stats.record(undefined, latency.m(4));
    const logged = gatherLogged(stats.log, "lat");
    expect([...logged.values]).toEqual([1, 2, 3, 4]);
    expect([...logged.setOf]).toEqual([0, 1, 0, 2]);
    expect(logged.sets.map((s) => s.entries().map(([k, v]) => `${k.name}=${v}`))).toEqual([["method=a"], ["method=b", "status=OK"], []]);
    expect(logged.keys).toEqual(["method", "status"]);
    expect(logged.since).toBe(1_700_000_000_000);
    expect(gatherLogged(stats.log, "nothing")).toMatchObject({ values: new Float64Array(0), sets: [], keys: [] });
    expect(gatherLogged(null, "lat").values).toHaveLength(0);
  });
});

describe("rows and series", () => {
  it("counts the distinct combinations of the chosen keys, a missing key being the empty value", () => {
    const { stats, latency } = engine();
    stats.record({ method: "a", status: "OK" }, latency.m(1));
    stats.record({ method: "a", status: "ERROR" }, latency.m(1));
    stats.record({ method: "b", status: "OK" }, latency.m(1));
    stats.record({ status: "OK" }, latency.m(1));
    stats.record({ method: "", status: "OK" }, latency.m(1)); // the same row as a missing method
    const logged = gatherLogged(stats.log, "lat");
    expect(rowsOf(logged, []).rows).toEqual([[]]);
    expect(rowsOf(logged, ["method"])).toEqual({ rowOfSet: new Uint32Array([0, 0, 1, 2, 2]), rows: [["a"], ["b"], [""]] });
    expect(rowsOf(logged, ["status", "method"]).rows).toEqual([["OK", "a"], ["ERROR", "a"], ["OK", "b"], ["OK", ""]]);
    expect(rowsOf(logged, ["nope"]).rows).toEqual([[""]]);
    expect(rowsOf({ sets: [] }, ["method"]).rows).toEqual([]);
  });

  it("a distribution exposes rows × (buckets + 2) series, the others one per row", () => {
    expect(seriesCount("distribution", [1, 2, 3], 4)).toBe(4 * (4 + 2));
    expect(seriesCount("distribution", [1], 0)).toBe(0);
    expect(seriesCount("count", [], 7)).toBe(7);
    expect(seriesCount("lastValue", [], 1)).toBe(1);
  });
});

describe("the preview's exposition", () => {
  /** Records a mix of tagged values, then registers `view` in the same engine (filled from the log). */
  function recorded() {
    const e = engine();
    const { stats, latency, tick } = e;
    const methods = ["GET", "POST", 'we"ird\\one', ""];
    for (let i = 0; i < 300; i++) {
      stats.record({ method: methods[i % 4]!, status: i % 7 === 0 ? "ERROR" : "OK", host: `h${i % 3}` }, latency.m(((i * 37) % 101) * 1.5));
      if (i % 50 === 0) tick(1000);
    }
    return e;
  }

  const cases: { what: string; view: (m: ReturnType<typeof engine>) => Parameters<ReturnType<typeof createStats>["registerView"]>[0] }[] = [
    { what: "a distribution by two keys", view: (m) => ({ name: "d/lat", measure: m.latency, aggregation: distribution([10, 50, 100]), tagKeys: [tagKey("status"), tagKey("method")] }) },
    { what: "a count without keys", view: (m) => ({ name: "n", description: "How many", measure: m.latency, aggregation: count() }) },
    { what: "a last value by host", view: (m) => ({ name: "last", measure: m.latency, aggregation: lastValue(), tagKeys: [tagKey("host")] }) },
  ];

  for (const { what, view } of cases)
    for (const exposition of [
      { format: "prometheus", naming: "opencensus", namespace: "ns" },
      { format: "prometheus", naming: "prometheus", namespace: "" },
      { format: "openmetrics", naming: "prometheus", namespace: "app" },
    ] as const)
      it(`is what the engine writes once it is registered: ${what}, ${exposition.format}, ${exposition.naming}`, () => {
        const e = recorded();
        const def = view(e);
        const logged = gatherLogged(e.stats.log, "lat");
        const keys = (def.tagKeys ?? []).map((k) => k.name);
        const rows = rowsOf(logged, keys);
        const agg = def.aggregation;
        const candidate: PreviewView = {
          name: def.name!,
          description: def.description ?? "",
          measure: { name: "lat", description: "Latency", unit: "ms", type: "float64" },
          aggregation: agg.type,
          bounds: agg.type === "distribution" ? agg.bounds : [],
          tagKeys: keys,
          rowOfSet: rows.rowOfSet,
          rows: rows.rows,
        };
        const result = previewView({ dataId: 1, since: logged.since, exposition, views: [candidate] }, logged);
        // Now the real thing: registered in the engine that logged the values, filled from its log.
        const [registered] = e.stats.registerView(def) as [View];
        const text = toText([e.stats.viewData(registered.name)!], exposition);
        const samples = text.split("\n").filter((l) => l !== "" && !l.startsWith("#")).length;
        expect(result.views[0]).toEqual({
          name: def.name,
          bytes: new TextEncoder().encode(text).length,
          samples,
          bucketCounts: agg.type === "distribution" ? expect.any(Array) : null,
          error: null,
        });
        if (exposition.format === "prometheus") expect(samples).toBe(seriesCount(agg.type, agg.type === "distribution" ? agg.bounds : [], rows.rows.length));
        if (agg.type === "distribution") expect(result.views[0]!.bucketCounts!.reduce((a, b) => a + b, 0)).toBe(300);
      });

  it("says why a view cannot be written rather than failing", () => {
    const logged = gatherLogged(null, "lat");
    const result = previewView(
      {
        dataId: 1,
        since: null,
        exposition: { format: "prometheus", naming: "opencensus", namespace: "" },
        views: [{ name: "x", description: "", measure: { name: "lat", description: "", unit: "ms", type: "float64" }, aggregation: "distribution", bounds: [2, 1], tagKeys: [], rowOfSet: new Uint32Array(0), rows: [] }],
      },
      logged,
    );
    expect(result.views[0]).toMatchObject({ bytes: 0, error: "distribution bounds must be strictly increasing, but bound 1 (1) is below bound 0 (2)" });
  });
});
