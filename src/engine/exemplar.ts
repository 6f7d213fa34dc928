// Exemplars: a measurement's pointer to where it came from (a REPL line, a trace), kept with the
// value in the bucket (or counter) it was folded into, and exposed by the OpenMetrics writer.
// Rules (OpenMetrics spec, "Exemplars"; client_golang value.go newExemplar, histogram.go
// updateExemplar):
// - the label names are valid Prometheus label names, not `__`-prefixed (client_golang
//   checkLabelName); the values are well-formed Unicode (no lone surrogate: it has no UTF-8);
// - names and values together are at most EXEMPLAR_MAX_CODE_POINTS (128) code points, counted as
//   client_golang counts runes (utf8.RuneCountInString): "é" is 1, an emoji 1; 129 is refused
//   with StatsError("EXEMPLAR") naming the rule, and nothing is recorded;
// - a label value is a string or a finite number; a number is kept as given and written as
//   JavaScript's String(n) (a line id `12` is written "12"), so a caller whose id is a number
//   does not format it on every record: formatting cost a quarter of a record (bench 4a);
// - the engine keeps the labels object it is given, not a copy: pass a new object per call (an
//   object literal) and never change it afterwards. Copying, like Object.freeze, cost more than
//   the 20% the page may pay for exemplars (bench 4a); the types are readonly;
// - an exemplar holds those labels, the measurement's value in the measure's unit and the
//   engine's clock in ms (with a measurement log, the time the log records for the measurement:
//   its coarse clock); writers sort the labels by name;
// - a distribution row keeps the LATEST exemplar per bucket (updateExemplar stores into the
//   bucket the value falls in, replacing what was there); a count or sum row keeps the latest.
//   It is stored by the fold itself (recording.ts foldWithExemplar), where the row and the
//   bucket are already found;
// - a caller whose exemplars differ by one number only (the page: a line's line_id, under the
//   same trace_id) makes an ExemplarTemplate once (stats.exemplarTemplate: checked then, with the
//   longest id, so an id never needs a check beyond being a safe non-negative integer) and
//   records with its id (stats.recordWithExemplarId). Such an exemplar is kept as numbers in the
//   row (template, id, value, time: no object per record, which cost more than the 20% the page
//   may pay, bench 4a) and becomes the same Exemplar, labels `{ ...template labels, [idName]:
//   id }`, in a snapshot. Whichever of a bucket's exemplars came last is the one kept.

import { StatsError } from "./errors";

/** client_golang's ExemplarMaxRunes: the OpenMetrics limit on an exemplar's label set. */
export const EXEMPLAR_MAX_CODE_POINTS = 128;

/** What a caller attaches to measurements: `{ line_id: 12, trace_id: "abc" }`. */
export type ExemplarLabels = Readonly<Record<string, string | number>>;

/** One exemplar as a row keeps it. Immutable: snapshots share it. */
export interface Exemplar {
  /** The labels as given; in no particular order (sortedLabels gives them as written). */
  readonly labels: ExemplarLabels;
  /** The measurement's value in the measure's unit (the writers convert, as for the bounds). */
  readonly value: number;
  /** The engine's clock when it was recorded, ms since the epoch. */
  readonly timestamp: number;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Code points of `s`, or -1 when it holds a lone surrogate (not encodable as UTF-8). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return -1;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return -1;
    n++;
  }
  return n;
}

/** Label names already checked: a page uses the same two names on every line. */
const knownNames = new Set<string>();

/**
 * Labels shared by many exemplars, and the name of the one label that varies: a number given
 * per record (stats.exemplarTemplate, stats.recordWithExemplarId).
 */
export interface ExemplarTemplate {
  readonly labels: ExemplarLabels;
  readonly idName: string;
}

/** The longest id a template must leave room for: the largest safe integer, 16 digits. */
export const LONGEST_EXEMPLAR_ID = Number.MAX_SAFE_INTEGER;

/** Why `labels` with `idName` cannot be a template, or null. */
export function templateProblem(labels: ExemplarLabels, idName: string): string | null {
  if (typeof labels === "object" && labels !== null && Object.prototype.hasOwnProperty.call(labels, idName))
    return `exemplar template labels must not hold ${idName}: it is the label given with each record`;
  return exemplarProblem({ ...labels, [idName]: LONGEST_EXEMPLAR_ID });
}

/** Whether `id` can be a template's id: a safe integer ≥ 0 (at most 16 digits, as checked). */
export function isExemplarId(id: unknown): id is number {
  return typeof id === "number" && id >= 0 && id <= LONGEST_EXEMPLAR_ID && Math.floor(id) === id;
}

/** The exemplar a template, an id, a value and a time stand for. */
export function exemplarOfId(template: ExemplarTemplate, id: number, value: number, timestamp: number): Exemplar {
  return { labels: { ...template.labels, [template.idName]: id }, value, timestamp };
}

/** Code points of a number label's text, String(n): ASCII, so its length. */
function numberCodePoints(n: number): number {
  if (n >= 0 && n < 1e15 && n === Math.floor(n)) {
    let digits = 1;
    for (let power = 10; n >= power; power *= 10) digits++; // powers of 10 below 1e15 are exact
    return digits;
  }
  return String(n).length;
}

/** Why `labels` cannot be an exemplar's label set, or null. */
export function exemplarProblem(labels: ExemplarLabels): string | null {
  if (typeof labels !== "object" || labels === null) return `exemplar labels must be an object { name: value }, not ${labels === null ? "null" : typeof labels}`;
  let total = 0;
  for (const name in labels) {
    const value = labels[name];
    if (!knownNames.has(name)) {
      if (!LABEL_NAME.test(name) || name.startsWith("__"))
        return `exemplar label name ${JSON.stringify(name)} is invalid: a label name is [a-zA-Z_][a-zA-Z0-9_]* and does not start with "__"`;
      if (knownNames.size < 1000) knownNames.add(name);
    }
    let n: number;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return `exemplar label ${name} must be a finite number or a string, not ${String(value)}`;
      n = numberCodePoints(value);
    } else if (typeof value === "string") {
      n = codePoints(value);
      if (n < 0) return `exemplar label ${name}'s value is not valid Unicode (a lone surrogate has no UTF-8)`;
    } else return `exemplar label ${name} must be a string or a number, not ${typeof value}`;
    total += name.length + n; // names are ASCII: length is their code points
  }
  if (total > EXEMPLAR_MAX_CODE_POINTS)
    return `exemplar labels are ${total} characters long (names and values together); the OpenMetrics limit is ${EXEMPLAR_MAX_CODE_POINTS} UTF-8 characters, nothing recorded`;
  return null;
}

/** The label name checked last: a page passes the same one or two names on every line. */
let lastName = "";

/**
 * True when `labels` is certainly an exemplar's label set, checked the cheap way (the record
 * path pays for it on every line): names seen before, numbers whole and under 1e15, strings
 * with no surrogate (so UTF-16 length = code points) and a total within the limit. False
 * sends the caller to exemplarProblem, which decides exactly and says why.
 */
function plainlyValid(labels: ExemplarLabels): boolean {
  if (typeof labels !== "object" || labels === null) return false;
  let total = 0;
  for (const name in labels) {
    const value = labels[name];
    if (name !== lastName) {
      if (!knownNames.has(name)) return false;
      lastName = name;
    }
    if (typeof value === "number") {
      if (!(value >= 0 && value < 1e15 && value === Math.floor(value))) return false;
      total += name.length + numberCodePoints(value);
    } else if (typeof value === "string") {
      for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 0xd800) return false;
      total += name.length + value.length;
    } else return false;
  }
  return total <= EXEMPLAR_MAX_CODE_POINTS;
}

/** Throws StatsError "EXEMPLAR" naming the rule when `labels` cannot be an exemplar's. */
export function checkExemplarLabels(labels: ExemplarLabels): void {
  if (plainlyValid(labels)) return;
  const problem = exemplarProblem(labels);
  if (problem !== null) throw new StatsError("EXEMPLAR", problem);
}

/** The labels as `[name, value]` pairs sorted by name: the order the writer emits. */
export function sortedLabels(labels: ExemplarLabels): [string, string][] {
  return Object.entries(labels)
    .map(([name, value]): [string, string] => [name, String(value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
