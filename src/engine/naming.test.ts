import { describe, expect, it } from "vitest";
import { count, distribution, lastValue, sum, type Aggregation } from "./aggregation";
import { measureFloat64, measureInt64 } from "./measure";
import { defineView } from "./view";
import { exposedName, namespaceProblem, sanitizeName } from "./naming";

describe("sanitizeName (OpenCensus Prometheus exporter rules)", () => {
  it.each([
    ["demo/latency", "demo_latency"],
    ["ocmetricstutorial_demo/latency", "ocmetricstutorial_demo_latency"],
    ["a.b-c:d e", "a_b_c_d_e"],
    ["9lives", "key_9lives"],
    ["_hidden", "key_hidden"],
    ["__reserved", "key__reserved"],
    ["/x", "key_x"],
    ["", ""],
  ])("%j → %j", (input, out) => {
    expect(sanitizeName(input)).toBe(out);
  });
});

describe("namespace", () => {
  it("is empty or a letter then letters, digits, _", () => {
    expect(namespaceProblem("")).toBeNull();
    expect(namespaceProblem("ocmetricstutorial")).toBeNull();
    expect(namespaceProblem("oc_python2")).toBeNull();
    expect(namespaceProblem("2fast")).toMatch(/namespace "2fast" is not usable/);
    expect(namespaceProblem("has space")).toMatch(/use a letter followed by letters, digits or "_"/);
    expect(namespaceProblem("_x")).not.toBeNull();
    expect(namespaceProblem("a:b")).not.toBeNull();
  });
});

describe("exposedName", () => {
  const ms = measureFloat64("lat", { unit: "ms" });
  const bytes = measureInt64("len", { unit: "By" });
  const dimensionless = measureFloat64("ratio", { unit: "1" });
  const view = (name: string, measure = ms, aggregation: Aggregation = count()) =>
    defineView({ name, measure, aggregation });

  it("opencensus naming keeps the Go exporter's names", () => {
    expect(exposedName(view("demo/lines_in", bytes), "ns", "opencensus", "prometheus")).toMatchObject({
      family: "ns_demo_lines_in",
      sample: "ns_demo_lines_in",
      type: "counter",
      unit: "",
    });
    expect(exposedName(view("demo/latency", ms, distribution([1])), "ns", "opencensus", "prometheus")).toMatchObject({
      family: "ns_demo_latency",
      type: "histogram",
    });
    expect(exposedName(view("g", ms, lastValue()), "", "opencensus", "prometheus").type).toBe("gauge");
  });

  it("OpenMetrics counters: family without _total, samples with it, in both namings", () => {
    for (const naming of ["opencensus", "prometheus"] as const)
      expect(exposedName(view("demo/lines_in", bytes), "ns", naming, "openmetrics")).toMatchObject({
        family: "ns_demo_lines_in",
        sample: "ns_demo_lines_in_total",
      });
    expect(exposedName(view("reqs_total", bytes), "", "opencensus", "openmetrics")).toMatchObject({
      family: "reqs",
      sample: "reqs_total",
    });
  });

  it("prometheus naming: base units, scaled, and _total on counters", () => {
    const lat = exposedName(view("demo/latency", ms, distribution([25])), "ns", "prometheus", "prometheus");
    expect(lat).toMatchObject({ family: "ns_demo_latency_seconds", unit: "seconds" });
    expect(lat.toBase(25)).toBe(0.025);
    expect(exposedName(view("demo/line_lengths", bytes, distribution([5])), "ns", "prometheus", "prometheus")).toMatchObject({
      family: "ns_demo_line_lengths_bytes",
      unit: "bytes",
    });
    // a count has no unit of its own
    expect(exposedName(view("demo/lines_in", bytes), "ns", "prometheus", "prometheus")).toMatchObject({
      family: "ns_demo_lines_in_total",
      sample: "ns_demo_lines_in_total",
      unit: "",
    });
    const total = exposedName(view("busy", ms, sum()), "", "prometheus", "prometheus");
    expect(total).toMatchObject({ family: "busy_seconds_total", sample: "busy_seconds_total" });
    expect(total.toBase(1500)).toBe(1.5);
    expect(exposedName(view("busy", ms, sum()), "", "prometheus", "openmetrics")).toMatchObject({
      family: "busy_seconds",
      sample: "busy_seconds_total",
      unit: "seconds",
    });
    // suffixes already present are not doubled; unknown units add none
    expect(exposedName(view("wait_seconds", ms, lastValue()), "", "prometheus", "prometheus").family).toBe("wait_seconds");
    expect(exposedName(view("done_total", bytes), "", "prometheus", "prometheus").family).toBe("done_total");
    expect(exposedName(view("r", dimensionless, lastValue()), "", "prometheus", "prometheus")).toMatchObject({
      family: "r",
      unit: "",
    });
  });
});
