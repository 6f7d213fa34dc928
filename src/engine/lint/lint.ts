// lintExposition: everything we know to check in a Prometheus 0.0.4 or OpenMetrics text.
// Rules: refuse (with a reason, no problems, and the format as given or else "prometheus")
// what guard.ts refuses; otherwise detect the format unless given, read the text with its
// format's one parser (read.ts): every line it refuses is a "parse" problem (1-based lines),
// and the first one is the refusal Prometheus gives (`parseError`, `accepted: false`); then,
// only if it was accepted, promtool's checks ("promlint"), and always our structural checks
// ("structure") and, for OpenMetrics, its own rules ("openmetrics"), on what was read. Linear
// in the text's length; never throws on any input. `families` counts families that have
// samples; `samples` counts sample lines read.

import type { ExpositionFormat } from "../exposition/format";
import { detectFormat } from "./detect";
import type { Family } from "./families";
import { refusal } from "./guard";
import { openMetricsRules } from "./openmetrics";
import { type LintResult, noProblems, Problems } from "./problem";
import { promlint } from "./promlint";
import { readForLint } from "./read";
import { structure } from "./structure";

export { detectFormat } from "./detect";
export type { LintProblem, LintResult, LintRule } from "./problem";

/**
 * Everything we know to check in an exposition text: read as `format` (detected when not given)
 * by the format's parser, with Prometheus's verdict (`accepted`, `parseError`), promtool's
 * checks, our structural checks and OpenMetrics' own rules. Binary junk or more than 10 MiB is
 * not linted (`refused` says why). Never throws; linear in the text's length.
 */
export function lintExposition(text: string, format?: ExpositionFormat): LintResult {
  const refused = refusal(text);
  if (refused !== null) {
    const none = { problems: [], counts: noProblems(), total: 0, families: 0, samples: 0 };
    return { format: format ?? "prometheus", ...none, accepted: false, refused };
  }
  const fmt = format ?? detectFormat(text);
  const out = new Problems();
  const parsed = readForLint(text, fmt, out);
  const sampled: Family[] = [];
  for (const f of parsed.families.values()) if (f.samples.length > 0) sampled.push(f);
  const { parseError } = parsed;
  if (parseError === null) promlint(sampled, fmt, out);
  structure(parsed, out);
  if (fmt === "openmetrics") openMetricsRules(parsed.families.values(), parsed.samples, out);
  const verdict = parseError === null ? { accepted: true } : { accepted: false, parseError };
  return { format: fmt, ...out.finish(), families: sampled.length, samples: parsed.samples.length, ...verdict };
}
