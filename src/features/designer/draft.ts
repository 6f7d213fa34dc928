// The candidate view as the designer's form holds it (text as typed), and what it means: a design
// the store can check and apply, and a message for every field that is wrong.
// Rules: every field is read on every change, so each shows its problem as soon as it has one;
// bounds come from the free list or from the chosen generator (bounds.ts); a draft whose bounds
// cannot be read is still checked for everything else (with stand-in bounds), so a name clash is
// said even while the bounds are being typed; the store's checks (the engine's rules and the
// other views) are merged in, the bounds' own message first. An exponential histogram's three
// options are typed text too: text that is no number is said at its field here, a number the
// engine refuses is said there with the engine's message (the store's check). So is the row
// limit (OpenTelemetry's cardinality limit): "2,000" and "2000" both read as 2000.
// Pure: no store instance, no DOM (unit-tested in Node).

import { type AggregationType, DEFAULT_ROW_LIMIT } from "../../engine";
import { EXPONENTIAL_DEFAULTS, type DesignProblems, type ExponentialDesign, type StoredDesign } from "../../store/designs";
import { formatBounds, type GeneratorKind, type GeneratorParam, generateBounds, parseBounds } from "./bounds";

export type BoundsMode = "list" | GeneratorKind;

export interface Draft {
  name: string;
  description: string;
  measure: string;
  aggregation: AggregationType;
  /** Chosen tag keys, in the order rows are keyed by. */
  tagKeys: string[];
  boundsMode: BoundsMode;
  /** The free list, as typed. */
  boundsText: string;
  /** Each generator's parameters, as typed. */
  params: Record<GeneratorKind, Record<string, string>>;
  /** An exponential histogram's options, as typed. */
  exponential: Record<keyof ExponentialDesign, string>;
  /** The row limit, as typed. */
  rowLimit: string;
}

export type ExponentialField = keyof ExponentialDesign;

export type DraftField = keyof DesignProblems | `param-${GeneratorParam}`;
export type DraftProblems = Partial<Record<DraftField, string>>;

/** The order fields are in on the form: the first refused one takes focus. */
export const FIELD_ORDER: readonly DraftField[] = [
  "name",
  "description",
  "measure",
  "aggregation",
  "tagKeys",
  "rowLimit",
  "maxBuckets",
  "maxScale",
  "zeroThreshold",
  "bounds",
  "param-start",
  "param-min",
  "param-width",
  "param-factor",
  "param-max",
  "param-count",
];

export const DEFAULT_PARAMS: Draft["params"] = {
  linear: { start: "0", width: "25", count: "10" },
  exponential: { start: "1", factor: "2", count: "10" },
  range: { min: "1", max: "1000", count: "10" },
};

/** The zero threshold as typed: client_golang's default reads 2^-128, not 2.938735877055719e-39. */
export function formatThreshold(t: number): string {
  if (t > 0) {
    const exponent = Math.log2(t);
    if (Number.isInteger(exponent) && 2 ** exponent === t && Math.abs(exponent) >= 16) return `2^${exponent}`;
  }
  return String(t);
}

/** An exponential histogram's options as the form shows them. */
export function exponentialText(o: ExponentialDesign = EXPONENTIAL_DEFAULTS): Draft["exponential"] {
  return { maxBuckets: String(o.maxBuckets), maxScale: String(o.maxScale), zeroThreshold: formatThreshold(o.zeroThreshold) };
}

const FIELD_NAMES: Record<ExponentialField, string> = { maxBuckets: "Max buckets", maxScale: "Max scale", zeroThreshold: "Zero threshold" };

/**
 * A typed option as a number: a decimal or e-notation number, or for the zero threshold a power
 * of two written 2^n; otherwise the reason. Whether the number is usable is the engine's to say.
 */
export function readOption(field: ExponentialField, text: string): { ok: true; value: number } | { ok: false; problem: string } {
  const t = text.trim();
  const power = field === "zeroThreshold" ? /^2\s*\^\s*(-?\d{1,4})$/.exec(t) : null;
  const value = power ? 2 ** Number(power[1]) : t === "" ? NaN : Number(t);
  if (!Number.isNaN(value)) return { ok: true, value };
  const example = field === "zeroThreshold" ? "e.g. 0, 0.001 or 2^-128" : field === "maxScale" ? "e.g. 20" : "e.g. 160";
  return { ok: false, problem: t === "" ? `${FIELD_NAMES[field]} is empty: type a number (${example})` : `${FIELD_NAMES[field]} “${t}” is not a number (${example})` };
}

/** The row limit as the form shows it: 2,000. */
export const rowLimitText = (limit: number = DEFAULT_ROW_LIMIT): string => limit.toLocaleString("en-US");

/**
 * A typed row limit as a number (digits, with or without thousands commas); otherwise the
 * reason. Whether it is a usable limit is the engine's to say (rowLimitProblem).
 */
export function readRowLimit(text: string): { ok: true; value: number } | { ok: false; problem: string } {
  const t = text.trim();
  const value = t === "" ? NaN : Number(/^\d{1,3}(,\d{3})+$/.test(t) ? t.replaceAll(",", "") : t);
  if (!Number.isNaN(value)) return { ok: true, value };
  return { ok: false, problem: t === "" ? "Row limit is empty: type a whole number of rows (e.g. 2,000)" : `Row limit “${t}” is not a number (e.g. 2,000)` };
}

/** A draft showing a design (everything as typed text; bounds as a free list). */
export function draftOf(d: StoredDesign): Draft {
  return {
    name: d.name,
    description: d.description,
    measure: d.measure,
    aggregation: d.aggregation,
    tagKeys: [...d.tagKeys],
    boundsMode: "list",
    boundsText: d.aggregation === "distribution" ? formatBounds(d.bounds) : "",
    params: structuredClone(DEFAULT_PARAMS),
    exponential: exponentialText(d.exponential),
    rowLimit: rowLimitText(d.rowLimit),
  };
}

/** The bounds a draft gives, or the messages of the fields that stop it. */
export function draftBounds(draft: Draft): { bounds: number[] | null; problems: DraftProblems } {
  if (draft.boundsMode === "list") {
    const parsed = parseBounds(draft.boundsText);
    return parsed.ok ? { bounds: parsed.value, problems: {} } : { bounds: null, problems: { bounds: parsed.problem } };
  }
  const generated = generateBounds(draft.boundsMode, draft.params[draft.boundsMode]);
  if (generated.ok) return { bounds: generated.bounds, problems: {} };
  const problems: DraftProblems = {};
  for (const [field, message] of Object.entries(generated.problems))
    problems[field === "bounds" ? "bounds" : (`param-${field}` as DraftField)] = message;
  return { bounds: null, problems };
}

/** The design a draft describes (bounds [] when they cannot be read), the bounds, and its own problems. */
export function readDraft(draft: Draft): { design: StoredDesign; bounds: number[] | null; problems: DraftProblems } {
  const isDistribution = draft.aggregation === "distribution";
  const { bounds, problems } = isDistribution ? draftBounds(draft) : { bounds: [], problems: {} as DraftProblems };
  let exponential: ExponentialDesign | undefined;
  if (draft.aggregation === "exponentialHistogram") {
    // Text that is no number stands in as the default, so everything else is still checked.
    exponential = { ...EXPONENTIAL_DEFAULTS };
    for (const field of Object.keys(FIELD_NAMES) as ExponentialField[]) {
      const read = readOption(field, draft.exponential[field]);
      if (read.ok) exponential[field] = read.value;
      else problems[field] = read.problem;
    }
  }
  const limit = readRowLimit(draft.rowLimit);
  if (!limit.ok) problems.rowLimit = limit.problem;
  return {
    design: {
      name: draft.name,
      description: draft.description,
      measure: draft.measure,
      aggregation: draft.aggregation,
      bounds: bounds ?? [],
      ...(exponential ? { exponential } : {}),
      tagKeys: [...draft.tagKeys],
      // Text that is no number stands in as the default, so everything else is still checked.
      rowLimit: limit.ok ? limit.value : DEFAULT_ROW_LIMIT,
    },
    bounds,
    problems,
  };
}

/**
 * Every problem of a draft: its own (bounds as typed) and the store's (`check`: the engine's
 * rules and the other views), run with stand-in bounds when the typed ones cannot be read.
 */
export function draftProblems(
  draft: Draft,
  check: (design: StoredDesign) => DesignProblems,
): { design: StoredDesign; bounds: number[] | null; problems: DraftProblems } {
  const read = readDraft(draft);
  const checked = check(read.bounds === null ? { ...read.design, bounds: [0] } : read.design);
  return { ...read, problems: { ...checked, ...read.problems } };
}

/** The first field, in form order, that has a problem. */
export function firstProblem(problems: DraftProblems): DraftField | undefined {
  return FIELD_ORDER.find((f) => problems[f] !== undefined);
}
