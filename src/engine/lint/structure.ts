// Structural checks promtool does not make, for both formats (rule "structure").
// Rules:
// - a family's samples are contiguous: once another family's sample came between, the
//   family's next sample is reported (split or interleaved families);
// - HELP/TYPE/UNIT of a family come before its samples;
// - two samples with the same name and label set are a duplicate series (histogram buckets are
//   covered by the `le` rules instead);
// - label names starting with `__` are reserved for Prometheus itself;
// - counter values are neither negative nor NaN (`_created` aside);
// - per histogram series (OpenMetrics gaugehistogram too): every `le` is a float; `le` values
//   strictly increase (no duplicates); bucket counts never decrease as `le` grows; there is an
//   `le="+Inf"` bucket, equal to `_count` (`_gcount`); `_count` and `_sum` (`_gcount`,
//   `_gsum`) are present.

import { formatFloat } from "../exposition/float";
import { parseGoFloat } from "../exposition/gostrconv";
import { type Family, labelKey, type LateMeta, type Sample, type Series } from "./families";
import type { Problems } from "./problem";

export interface Structured {
  families: Map<string, Family>;
  samples: readonly Sample[];
  late: readonly LateMeta[];
}

const fmtLabels = (s: Series): string =>
  s.labels.length === 0 ? "" : `{${s.labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(",")}}`;

function contiguity(samples: readonly Sample[], out: Problems): void {
  const lastLine = new Map<Family, number>();
  let previous: Sample | null = null;
  const reported = new Set<Family>();
  for (const s of samples) {
    const before = lastLine.get(s.family);
    if (previous && previous.family !== s.family && before !== undefined && !reported.has(s.family)) {
      reported.add(s.family);
      out.add(
        "structure",
        s.line,
        s.family.name,
        `samples of family "${s.family.name}" are split: this one follows "${previous.family.name}" (line ${previous.line}) but the family's previous sample is at line ${before}; keep a family's samples together`,
      );
    }
    lastLine.set(s.family, s.line);
    previous = s;
  }
}

function duplicates(samples: readonly Sample[], out: Problems): void {
  const seen = new Map<string, number>();
  for (const s of samples) {
    const t = s.family.type;
    if ((t === "histogram" || t === "gaugehistogram") && s.name.endsWith("_bucket")) continue;
    const key = s.name + labelKey(s.labels);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, s.line);
    else out.add("structure", s.line, s.name, `duplicate series: same name and labels as line ${first}`);
  }
}

function sampleRules(samples: readonly Sample[], out: Problems): void {
  for (const s of samples) {
    for (const l of s.labels)
      if (l.name.startsWith("__"))
        out.add("structure", s.line, s.name, `label name "${l.name}" starts with "__", which is reserved for Prometheus' internal use`);
    if (s.family.type === "counter" && !s.name.endsWith("_created")) {
      if (s.value !== s.value) out.add("structure", s.line, s.name, "counter value is NaN; counters only count");
      else if (s.value < 0) out.add("structure", s.line, s.name, `counter value ${formatFloat(s.value)} is negative; counters never go below 0`);
    }
  }
}

interface HistogramSeries {
  series: Series;
  buckets: Sample[];
  count: Sample | null;
  sum: Sample | null;
}

function histogram(f: Family, out: Problems): void {
  const gauge = f.type === "gaugehistogram";
  const countSuffix = gauge ? "_gcount" : "_count";
  const sumSuffix = gauge ? "_gsum" : "_sum";
  const bySeries = new Map<Series, HistogramSeries>();
  for (const s of f.samples) {
    let h = bySeries.get(s.series);
    if (!h) bySeries.set(s.series, (h = { series: s.series, buckets: [], count: null, sum: null }));
    if (s.name === f.name + "_bucket") h.buckets.push(s);
    else if (s.name === f.name + countSuffix) h.count ??= s;
    else if (s.name === f.name + sumSuffix) h.sum ??= s;
  }
  const add = (line: number, message: string): void => out.add("structure", line, f.name, message);
  for (const h of bySeries.values()) {
    const where = `${f.name}${fmtLabels(h.series)}`;
    let prev: { le: number; text: string; count: number; line: number } | null = null;
    let inf: Sample | null = null;
    for (const b of h.buckets) {
      const text = b.labels.find((l) => l.name === "le")?.value;
      if (text === undefined) {
        add(b.line, `histogram bucket without an "le" label`);
        continue;
      }
      const le = parseGoFloat(text);
      if (le === null || le !== le) {
        add(b.line, `le="${text}" is not a number`);
        continue;
      }
      if (le === Infinity) inf ??= b;
      if (prev && le === prev.le) add(b.line, `duplicate bucket le="${text}" (also at line ${prev.line})`);
      else if (prev && le < prev.le)
        add(b.line, `le="${text}" comes after le="${prev.text}" (line ${prev.line}): buckets must be in increasing le order`);
      else if (prev && b.value < prev.count)
        add(
          b.line,
          `bucket le="${text}" counts ${formatFloat(b.value)}, less than the ${formatFloat(prev.count)} of le="${prev.text}" (line ${prev.line}): bucket counts are cumulative and never decrease`,
        );
      if (!prev || le > prev.le) prev = { le, text, count: b.value, line: b.line };
    }
    if (!inf) add(h.buckets.at(-1)?.line ?? h.series.line, `histogram ${where} has no le="+Inf" bucket`);
    if (!h.count) add(h.series.line, `histogram ${where} has no ${f.name}${countSuffix} sample`);
    if (!h.sum) add(h.series.line, `histogram ${where} has no ${f.name}${sumSuffix} sample`);
    if (inf && h.count && !(inf.value === h.count.value || (inf.value !== inf.value && h.count.value !== h.count.value)))
      add(
        h.count.line,
        `${f.name}${countSuffix} is ${formatFloat(h.count.value)} but the le="+Inf" bucket (line ${inf.line}) counts ${formatFloat(inf.value)}; they must be equal`,
      );
  }
}

export function structure(parsed: Structured, out: Problems): void {
  contiguity(parsed.samples, out);
  for (const m of parsed.late)
    out.add("structure", m.line, m.family.name, `${m.kind} for "${m.family.name}" comes after its samples; metadata goes first`);
  duplicates(parsed.samples, out);
  sampleRules(parsed.samples, out);
  for (const f of parsed.families.values()) if (f.type === "histogram" || f.type === "gaugehistogram") histogram(f, out);
}
