// OpenMetrics 1.0 rules about names, units and exemplars (rule "openmetrics"); the syntax
// rules (# EOF, blank lines, single spaces, `unknown` not `untyped`) live in omtext.ts.
// Rules:
// - a counter's samples end in `_total` (or `_created`); other types' samples end in a suffix
//   their type allows (histogram `_bucket`/`_count`/`_sum`/`_created`, info `_info`, …);
// - `# UNIT x u` only where the family name ends in `_u`;
// - exemplars only on counter `_total` and (gauge)histogram `_bucket` samples; an exemplar's
//   label names and values together are at most 128 UTF-8 code points; a histogram
//   exemplar's value lies in its bucket: above the previous bucket's `le` and at most its own.

import { type Family, OM_SUFFIXES, omSuffix, type Sample } from "./families";
import { formatFloat } from "../exposition/float";
import { parseGoFloat } from "./gostrconv";
import type { Problems } from "./problem";

export const MAX_EXEMPLAR_LABEL_CODE_POINTS = 128;

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

function leOf(s: Sample): number | null {
  const text = s.labels.find((l) => l.name === "le")?.value;
  return text === undefined ? null : parseGoFloat(text);
}

function suffixes(f: Family, out: Problems): void {
  const type = f.type ?? "unknown";
  const allowed = OM_SUFFIXES[type] ?? [""];
  for (const s of f.samples) {
    if (omSuffix(f, s.name) !== null) continue;
    const list = allowed.map((x) => `"${f.name}${x}"`).join(", ");
    const message =
      type === "counter"
        ? `counter sample "${s.name}" must end in "_total" (or "_created"): write "${f.name}_total"`
        : `a ${type} sample of family "${f.name}" is named ${list.includes(",") ? "one of " : ""}${list}, not "${s.name}"`;
    out.add("openmetrics", s.line, s.name, message);
  }
}

function exemplars(f: Family, out: Problems): void {
  const histogram = f.type === "histogram" || f.type === "gaugehistogram";
  const previousLe = new Map<unknown, number>();
  for (const s of f.samples) {
    const bucket = histogram && s.name === f.name + "_bucket";
    const le = bucket ? leOf(s) : null;
    const lower = bucket ? (previousLe.get(s.series) ?? -Infinity) : -Infinity;
    if (bucket && le !== null) previousLe.set(s.series, le);
    const ex = s.exemplar;
    if (!ex) continue;
    const add = (message: string): void => out.add("openmetrics", s.line, s.name, message);
    if (!(bucket || (f.type === "counter" && s.name === f.name + "_total")))
      add("exemplars are only allowed on counter _total and histogram _bucket samples");
    let length = 0;
    for (const l of ex.labels) length += codePoints(l.name) + codePoints(l.value);
    if (length > MAX_EXEMPLAR_LABEL_CODE_POINTS)
      add(`exemplar labels are ${length} UTF-8 code points long; at most ${MAX_EXEMPLAR_LABEL_CODE_POINTS} are allowed`);
    if (bucket && le !== null && !(ex.value > lower && ex.value <= le))
      add(`exemplar value ${formatFloat(ex.value)} is outside its bucket (${formatFloat(lower)}, ${formatFloat(le)}]`);
  }
}

export function openMetricsRules(families: Iterable<Family>, out: Problems): void {
  for (const f of families) {
    suffixes(f, out);
    if (f.unit !== null && f.unitLine !== null && f.unit !== "" && !f.name.endsWith("_" + f.unit))
      out.add("openmetrics", f.unitLine, f.name, `# UNIT "${f.unit}" needs the family name to end in "_${f.unit}"`);
    exemplars(f, out);
  }
}
