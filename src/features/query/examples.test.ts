import { describe, expect, it } from "vitest";
import { createStats } from "../../engine";
import { goQuickstart, type Preset, pythonQuickstart } from "../../repl/quickstart";
import { examplesFor } from "./examples";

const viewsOf = (preset: Preset) => {
  const stats = createStats();
  stats.registerView(...preset.views);
  return stats.views();
};

describe("example queries", () => {
  it("name the Go preset's metrics as the export panel does, and offer no error ratio without a status tag", () => {
    expect(examplesFor(viewsOf(goQuickstart), "opencensus", "ocmetricstutorial")).toEqual([
      { title: "Lines per second", query: "sum(rate(ocmetricstutorial_demo_lines_in[5m]))" },
      { title: "p99 latency over 5 m", query: "histogram_quantile(0.99, sum by (le) (rate(ocmetricstutorial_demo_latency_bucket[5m])))" },
      { title: "Bytes per second", query: "sum(rate(ocmetricstutorial_demo_line_lengths_sum[5m]))" },
    ]);
  });

  it("name the Python preset's in Prometheus naming, error ratio and bytes by status included", () => {
    expect(examplesFor(viewsOf(pythonQuickstart), "prometheus", "oc_python")).toEqual([
      { title: "Lines per second", query: "sum(rate(oc_python_demo_lines_in_total[5m]))" },
      {
        title: "Error ratio",
        query: 'sum(rate(oc_python_demo_latency_seconds_count{status="ERROR"}[5m])) / sum(rate(oc_python_demo_latency_seconds_count[5m]))',
      },
      { title: "p99 latency over 5 m", query: "histogram_quantile(0.99, sum by (le) (rate(oc_python_demo_latency_seconds_bucket[5m])))" },
      { title: "Bytes per second by status", query: "sum by (status) (rate(oc_python_demo_line_lengths_bytes_sum[5m]))" },
    ]);
  });
});
