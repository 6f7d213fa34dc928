// The OpenCensus metrics quickstart's measures, tags and views (Go and Python), as the
// playground's presets (docs/semantics.md, "The REPL").
// Rule: names, descriptions, units and bounds are exactly the seed's, so exposition matches
// what the Go quickstart with the OpenCensus Prometheus exporter writes.

import {
  count,
  distribution,
  measureFloat64,
  measureInt64,
  tagKey,
  type Measure,
  type TagKey,
  type ViewDefinition,
} from "../engine";

export const keyMethod = tagKey("method");
export const keyStatus = tagKey("status");
export const keyError = tagKey("error");

export const LATENCY_BOUNDS = [0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000];
export const LINE_LENGTH_BOUNDS = [0, 5, 10, 15, 20, 40, 60, 80, 100, 200, 400, 600, 800, 1000];

export interface Preset {
  id: "go" | "python";
  label: string;
  namespace: string;
  /** What one REPL loop records: its latency (ms) and the line's length (bytes). */
  latency: Measure;
  lineLength: Measure;
  views: ViewDefinition[];
}

const LATENCY_DESCRIPTION = "The latency in milliseconds per REPL loop";
const LINE_LENGTH_DESCRIPTION = "The distribution of line lengths";

function presetViews(
  names: { latency: string; linesIn: string; lineLengths: string },
  latency: Measure,
  lineLength: Measure,
  latencyKeys: TagKey[],
  otherKeys: TagKey[],
): ViewDefinition[] {
  return [
    {
      name: names.latency,
      measure: latency,
      description: "The distribution of the latencies",
      tagKeys: latencyKeys,
      aggregation: distribution(LATENCY_BOUNDS),
    },
    {
      name: names.linesIn,
      measure: lineLength,
      description: "The number of lines from standard input",
      tagKeys: otherKeys,
      aggregation: count(),
    },
    {
      name: names.lineLengths,
      description: "Groups the lengths of keys in buckets",
      measure: lineLength,
      tagKeys: otherKeys,
      aggregation: distribution(LINE_LENGTH_BOUNDS),
    },
  ];
}

const goLatency = measureFloat64("repl/latency", { description: LATENCY_DESCRIPTION, unit: "ms" });
const goLineLength = measureInt64("repl/line_lengths", { description: LINE_LENGTH_DESCRIPTION, unit: "By" });

/** The Go quickstart: latency by method; line count and line lengths without tags. */
export const goQuickstart: Preset = {
  id: "go",
  label: "Go quickstart",
  namespace: "ocmetricstutorial",
  latency: goLatency,
  lineLength: goLineLength,
  views: presetViews(
    { latency: "demo/latency", linesIn: "demo/lines_in", lineLengths: "demo/line_lengths" },
    goLatency,
    goLineLength,
    [keyMethod],
    [],
  ),
};

const pyLatency = measureFloat64("repl_latency", { description: LATENCY_DESCRIPTION, unit: "ms" });
const pyLineLength = measureInt64("repl_line_lengths", { description: LINE_LENGTH_DESCRIPTION, unit: "By" });
const allKeys = [keyMethod, keyStatus, keyError];

/** The Python quickstart: every view broken down by method, status and error. */
export const pythonQuickstart: Preset = {
  id: "python",
  label: "Python quickstart",
  namespace: "oc_python",
  latency: pyLatency,
  lineLength: pyLineLength,
  views: presetViews(
    { latency: "demo_latency", linesIn: "demo_lines_in", lineLengths: "demo_line_lengths" },
    pyLatency,
    pyLineLength,
    allKeys,
    allKeys,
  ),
};
