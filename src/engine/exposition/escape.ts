// Escaping of label values and HELP text in the exposition formats.
// Rules (prometheus/common expfmt; OpenMetrics 1.0):
// - label values, both formats: `\` → `\\`, `"` → `\"`, newline → `\n`;
// - HELP in 0.0.4: only `\` → `\\` and newline → `\n` (a `"` stays as is);
// - HELP in OpenMetrics: `\`, `"` and newline, like label values.

const LABEL_VALUE_SPECIAL = /[\\"\n]/;
const HELP_004_SPECIAL = /[\\\n]/;

export function escapeLabelValue(s: string): string {
  if (!LABEL_VALUE_SPECIAL.test(s)) return s;
  return s.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : "\\" + c));
}

export function escapeHelp(s: string): string {
  if (!HELP_004_SPECIAL.test(s)) return s;
  return s.replace(/[\\\n]/g, (c) => (c === "\n" ? "\\n" : "\\\\"));
}

export const escapeOpenMetricsHelp = escapeLabelValue;
