// Our exposition against what Prometheus's Go client (client_golang 1.14, expfmt 0.39) writes
// for the same data: test/reference/client_golang/*.out.txt (see test/reference/README.md).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createStats, lastValue, measureFloat64, sum, TagMap, tagKey, type ViewData } from "../src/engine";
import { toOpenMetricsText, toPrometheusText } from "../src/engine/exposition";
import { goSession } from "./scenario";

const reference = (name: string) =>
  readFileSync(new URL(`./reference/client_golang/${name}`, import.meta.url), "utf8");

interface RefFamily {
  name: string;
  help: string;
  labelNames: string[];
  series: { labels: string[]; values: number[] }[];
}
const refFamily = (name: string): RefFamily =>
  (JSON.parse(reference(name)) as { families: RefFamily[] }).families[0]!;

describe("byte for byte equal to client_golang's 0.0.4 output", () => {
  it("the Go quickstart scenario", () => {
    expect(toPrometheusText(goSession().snapshot(), { namespace: "ocmetricstutorial" })).toBe(
      reference("seed-go-quickstart.out.txt"),
    );
  });

  it("float formatting (a gauge set to each value)", () => {
    const fam = refFamily("floats.json");
    const stats = createStats();
    const m = measureFloat64("value", { unit: "1" });
    const key = tagKey(fam.labelNames[0]!);
    stats.registerView({ name: fam.name, description: fam.help, measure: m, aggregation: lastValue(), tagKeys: [key] });
    for (const s of fam.series) stats.record(TagMap.empty().insert(key, s.labels[0]!), m.m(s.values[0]!));
    expect(toPrometheusText(stats.snapshot())).toBe(reference("floats.out.txt"));
  });

  // Label values with a newline or non-ASCII text cannot be tag values, so this data is built
  // by hand: it tests the writer's escaping alone.
  function escapingData(): ViewData[] {
    const fam = refFamily("escaping.json");
    const m = measureFloat64("escaping", { unit: "1" });
    const stats = createStats();
    const [view] = stats.registerView({
      name: fam.name,
      description: fam.help,
      measure: m,
      aggregation: sum(),
      tagKeys: [tagKey(fam.labelNames[0]!)],
    });
    const rows = fam.series.map((s) => ({ tags: s.labels, data: { type: "sum" as const, value: s.values[0]! } }));
    return [{ view: view!, start: 0, end: 0, rows, combinations: rows.length, overflow: null }];
  }

  it("escaping of HELP and label values", () => {
    expect(toPrometheusText(escapingData())).toBe(reference("escaping.out.txt"));
  });

  it("OpenMetrics escaping: HELP and label values equal expfmt's", () => {
    const ours = toOpenMetricsText(escapingData()).split("\n");
    const theirs = reference("escaping.om.out.txt").split("\n");
    expect(ours[0]).toBe(theirs[0]); // # HELP, with \" escaped
    const labelsOf = (lines: string[]) => lines.filter((l) => !l.startsWith("#")).map((l) => l.match(/\{[^}]*\}/)?.[0]);
    expect(labelsOf(ours.filter((l) => l.includes("_total")))).toEqual(labelsOf(theirs.filter((l) => l.includes("{"))));
  });
});

describe("OpenMetrics: client_golang's output but for our documented differences", () => {
  it("the Go quickstart scenario, without _created", () => {
    const ours = toOpenMetricsText(goSession().snapshot(), { namespace: "ocmetricstutorial", created: false });
    // expfmt writes a counter whose name lacks _total as `unknown` with float values; we keep it
    // a counter whose sample gets _total, and write integer counts without `.0`.
    const expected = reference("seed-go-quickstart.om.out.txt")
      .replace("# TYPE ocmetricstutorial_demo_lines_in unknown", "# TYPE ocmetricstutorial_demo_lines_in counter")
      .replace("ocmetricstutorial_demo_lines_in 6.0", "ocmetricstutorial_demo_lines_in_total 6");
    expect(ours).toBe(expected);
  });
});
