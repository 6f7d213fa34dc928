// The exposition formats as the export panel names, lists and saves them: the two text formats,
// and Prometheus's protobuf exposition (the panel's own choice, not a text format: the Lint
// view's "Read as" select does not list it).
// Rule: one name per format wherever the panel shows it (the Format select, the Lint view's
// "Read as" select, a lint summary), one file name per format for Download.
import { CONTENT_TYPES, type ExpositionFormat } from "../../engine/exposition";

export const FORMATS: Record<ExpositionFormat, { label: string; file: string; type: string }> = {
  prometheus: { label: "Prometheus text 0.0.4", file: "metrics.prom", type: CONTENT_TYPES.prometheus },
  openmetrics: { label: "OpenMetrics 1.0", file: "metrics.om.txt", type: CONTENT_TYPES.openmetrics },
};

/** The protobuf exposition: its content type is the wire layer's PROTOBUF_CONTENT_TYPE, written out here so the first load need not import src/wire. */
export const PROTOBUF = {
  label: "Protobuf",
  file: "metrics.pb",
  type: "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited",
} as const;

/** An <option> per text format, valued by its name. */
export function FormatOptions() {
  return (Object.keys(FORMATS) as ExpositionFormat[]).map((f) => (
    <option key={f} value={f}>
      {FORMATS[f].label}
    </option>
  ));
}
