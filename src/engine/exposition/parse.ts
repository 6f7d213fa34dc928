// parseExposition: exposition text read back into samples, metadata and refusals, by the
// format's one parser (parse-text.ts for 0.0.4 as promtool's expfmt TextParser reads it,
// parse-openmetrics.ts for OpenMetrics as Prometheus 2.42's OpenMetricsParser reads it).
// Rule: a thin reader, no grammar of its own: it accepts exactly what that parser accepts, and
// `problems` are the lines it refuses, the first being the error Prometheus reports.

import type { ExpositionSink, Label } from "./entries";
import type { ExpositionFormat } from "./format";
import { readOpenMetrics } from "./parse-openmetrics";
import { readText } from "./parse-text";

export type { ExpositionFormat } from "./format";

/** An exemplar as written after a sample: its labels, value and timestamp. */
export interface ParsedExemplar {
  labels: Record<string, string>;
  value: number;
  /** Seconds, as written. */
  timestamp?: number;
}

/** One sample line read back: name, labels, value, timestamp, exemplar, line. */
export interface ParsedSample {
  name: string;
  /** Label values by name (a name written twice keeps its last value, as Go's parsers do). */
  labels: Record<string, string>;
  /** Label names in the order written. */
  labelOrder: string[];
  value: number;
  /** As written: milliseconds in 0.0.4, seconds in OpenMetrics. */
  timestamp?: number;
  exemplar?: ParsedExemplar;
  /** 1-based line number. */
  line: number;
}

/** One `# HELP`, `# TYPE` or `# UNIT` line read back. */
export interface ParsedComment {
  kind: "HELP" | "TYPE" | "UNIT";
  /** The metric name as written. */
  metric: string;
  /** HELP unescaped, TYPE (lower-cased in 0.0.4) and UNIT as written. */
  text: string;
  line: number;
}

/** A line the format's parser refuses, with the parser's own message. */
export interface ParseProblem {
  line: number;
  /** The reference parser's message. */
  message: string;
}

/** What parseExposition read: samples, metadata lines, and every line it refuses. */
export interface ParsedExposition {
  samples: ParsedSample[];
  comments: ParsedComment[];
  /** Every line the format's parser refuses, in order; empty exactly when it accepts the text. */
  problems: ParseProblem[];
}

function record(labels: readonly Label[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const l of labels) out[l.name] = l.value;
  return out;
}

/**
 * Reads exposition text as Prometheus does — 0.0.4 as promtool's expfmt TextParser, OpenMetrics
 * as Prometheus 2.42's openmetricsparse.go — with the lint's own parsers (one grammar per
 * format). Refused lines are collected in `problems` with the reference's message, never thrown.
 */
export function parseExposition(text: string, format: ExpositionFormat): ParsedExposition {
  const out: ParsedExposition = { samples: [], comments: [], problems: [] };
  const sink: ExpositionSink = {
    metadata: (m) => out.comments.push({ kind: m.kind, metric: m.name, text: m.text, line: m.line }),
    sample: (s) => {
      const sample: ParsedSample = {
        name: s.name,
        labels: record(s.labels),
        labelOrder: s.labels.map((l) => l.name),
        value: s.value,
        line: s.line,
      };
      if (s.timestamp !== undefined) sample.timestamp = s.timestamp;
      const ex = s.exemplar;
      if (ex) sample.exemplar = { labels: record(ex.labels), value: ex.value, ...(ex.timestamp === undefined ? {} : { timestamp: ex.timestamp }) };
      out.samples.push(sample);
    },
    error: (e) => out.problems.push({ line: e.line, message: e.message }),
  };
  if (format === "openmetrics") readOpenMetrics(text, sink);
  else readText(text, sink);
  return out;
}
