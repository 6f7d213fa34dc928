// lintExposition: everything we know to check in a Prometheus 0.0.4 or OpenMetrics text.
// Rules: refuse (with a reason, no problems, and the format as given or else "prometheus")
// what guard.ts refuses; otherwise detect the format unless given, parse the text
// as its format's parser would ("parse" problems, 1-based lines), then, only if it parsed,
// promtool's checks ("promlint"), and always our structural checks ("structure") and, for
// OpenMetrics, its own rules ("openmetrics"). Linear in the text's length; never throws on
// any input. `families` counts families that have samples; `samples` counts sample lines.

import { detectFormat } from "./detect";
import { parseText } from "./expfmt";
import type { Family } from "./families";
import { refusal } from "./guard";
import { openMetricsRules } from "./openmetrics";
import { parseOpenMetrics } from "./omtext";
import { type LintResult, noProblems, Problems } from "./problem";
import { promlint } from "./promlint";
import { structure } from "./structure";

export { detectFormat } from "./detect";
export type { LintProblem, LintResult, LintRule } from "./problem";

export function lintExposition(text: string, format?: "prometheus" | "openmetrics"): LintResult {
  const refused = refusal(text);
  if (refused !== null)
    return { format: format ?? "prometheus", problems: [], counts: noProblems(), total: 0, families: 0, samples: 0, refused };
  const fmt = format ?? detectFormat(text);
  const out = new Problems();
  const om = fmt === "openmetrics" ? parseOpenMetrics(text, out) : null;
  const parsed = om ?? parseText(text, out);
  const sampled: Family[] = [];
  for (const f of parsed.families.values()) if (f.samples.length > 0) sampled.push(f);
  if (out.count("parse") === 0) promlint(sampled, fmt, out);
  structure(parsed, out);
  if (om) openMetricsRules(om.families.values(), out);
  return { format: fmt, ...out.finish(), families: sampled.length, samples: parsed.samples.length };
}
