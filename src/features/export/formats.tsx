// The two exposition formats as the export panel names, lists and saves them.
// Rule: one name per format wherever the panel shows it (the Format select, the Lint view's
// "Read as" select, a lint summary), one file name per format for Download.
import { CONTENT_TYPES, type ExpositionFormat } from "../../engine/exposition";

export const FORMATS: Record<ExpositionFormat, { label: string; file: string; type: string }> = {
  prometheus: { label: "Prometheus text 0.0.4", file: "metrics.prom", type: CONTENT_TYPES.prometheus },
  openmetrics: { label: "OpenMetrics 1.0", file: "metrics.om.txt", type: CONTENT_TYPES.openmetrics },
};

/** An <option> per format, valued by its name. */
export function FormatOptions() {
  return (Object.keys(FORMATS) as ExpositionFormat[]).map((f) => (
    <option key={f} value={f}>
      {FORMATS[f].label}
    </option>
  ));
}
