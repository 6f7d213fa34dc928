// OpenMetrics 1.0 rules that Prometheus 2.42's parser does not enforce (rule "openmetrics");
// what it refuses (no `# EOF`, blank lines, blanks and tabs, `untyped`, a UNIT that is not the
// name's suffix, exemplars on names not ending `_total`/`_bucket`, …) is a refusal of the text,
// found by exposition/parse-openmetrics.ts.
// Rules:
// - a counter's samples end in `_total` (or `_created`); other types' samples end in a suffix
//   their type allows (histogram `_bucket`/`_count`/`_sum`/`_created`, info `_info`, …);
// - a label name appears at most once in a label set (a sample's or an exemplar's);
// - exemplars only on counter `_total` and (gauge)histogram `_bucket` samples; an exemplar's
//   label names and values together are at most 128 UTF-8 code points; a histogram
//   exemplar's value lies in its bucket: above the previous bucket's `le` and at most its own.
// (A second HELP, TYPE or UNIT line for a family is reported by read.ts.)

import { formatFloat } from "../exposition/float";
import { parseGoFloat } from "../exposition/gostrconv";
import { type Family, type Label, omSuffix, omSuffixes, type Sample } from "./families";
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
  const allowed = omSuffixes(type);
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

/** The first label name that appears twice in `labels`, or null. */
function repeated(labels: readonly Label[]): string | null {
  if (labels.length < 2) return null;
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l.name)) return l.name;
    seen.add(l.name);
  }
  return null;
}

function uniqueLabelNames(samples: readonly Sample[], out: Problems): void {
  const check = (s: Sample, labels: readonly Label[], set: string): void => {
    const name = repeated(labels);
    if (name !== null)
      out.add("openmetrics", s.line, s.name, `label name "${name}" appears twice in the ${set}; label names are unique (Prometheus 2.42 does not check)`);
  };
  for (const s of samples) {
    check(s, s.labels, "label set");
    if (s.exemplar) check(s, s.exemplar.labels, "exemplar's label set");
  }
}

export function openMetricsRules(families: Iterable<Family>, samples: readonly Sample[], out: Problems): void {
  for (const f of families) {
    suffixes(f, out);
    exemplars(f, out);
  }
  uniqueLabelNames(samples, out);
}
