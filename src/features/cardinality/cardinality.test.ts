// The Cardinality panel's figures: series and bytes read off the view's own text in the chosen
// format, the tag key with the most distinct values (the overflow row not counted), the engine's
// overflow figures; a native histogram has its rows as series and no text bytes.
import { describe, expect, it } from "vitest";
import { count, createStats, distribution, exponentialHistogram, measureFloat64, tagKey } from "../../engine";
import { toText } from "../../engine/exposition";
import { cardinalityOf } from "./cardinality";

const m = measureFloat64("c/latency", { description: "latency", unit: "ms" });
const prometheus = { format: "prometheus", naming: "opencensus", namespace: "" } as const;

function engine() {
  const stats = createStats({ now: () => 1_000 });
  stats.registerView(
    { name: "errors", measure: m, aggregation: count(), tagKeys: [tagKey("method"), tagKey("error")], rowLimit: 4 },
    { name: "latency", measure: m, aggregation: distribution([1, 10]), tagKeys: [tagKey("method")] },
    { name: "native", measure: m, aggregation: exponentialHistogram(), tagKeys: [tagKey("method")] },
  );
  for (let i = 0; i < 6; i++) stats.record({ method: i % 2 === 0 ? "GET" : "PUT", error: `e${i}` }, m.m(i));
  return stats;
}

describe("cardinalityOf", () => {
  it("counts rows, sample lines and bytes of the view's own text, and its overflow", () => {
    const errors = engine().viewData("errors")!;
    const c = cardinalityOf(errors, prometheus);
    const text = toText([errors], prometheus);
    expect(c).toEqual({
      name: "errors",
      rows: 4,
      series: 4,
      bytes: text.length,
      topKey: { name: "error", values: 3 },
      rowLimit: 4,
      combinations: 6,
      overflow: { combinations: 3, measurements: 3 },
    });
    expect(text).toContain('errors{otel_metric_overflow="true"} 3\n');
  });

  it("a distribution's series are rows × (bounds + 3) in 0.0.4; OpenMetrics adds a _created per row", () => {
    const latency = engine().viewData("latency")!;
    expect(cardinalityOf(latency, prometheus)).toMatchObject({ rows: 2, series: 2 * (2 + 3), topKey: { name: "method", values: 2 }, overflow: null });
    const om = cardinalityOf(latency, { ...prometheus, format: "openmetrics" });
    expect(om.series).toBe(2 * (2 + 3 + 1));
    expect(om.bytes).toBe(toText([latency], { ...prometheus, format: "openmetrics" }).length);
  });

  it("a native histogram: one series per row, no text bytes", () => {
    expect(cardinalityOf(engine().viewData("native")!, prometheus)).toMatchObject({ rows: 2, series: 2, bytes: null });
  });
});
