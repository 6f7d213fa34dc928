// The candidate view as the designer's form holds it (text as typed), and what it means: a design
// the store can check and apply, and a message for every field that is wrong.
// Rules: every field is read on every change, so each shows its problem as soon as it has one;
// bounds come from the free list or from the chosen generator (bounds.ts); a draft whose bounds
// cannot be read is still checked for everything else (with stand-in bounds), so a name clash is
// said even while the bounds are being typed; the store's checks (the engine's rules and the
// other views) are merged in, the bounds' own message first.
// Pure: no store instance, no DOM (unit-tested in Node).

import type { AggregationType } from "../../engine";
import type { DesignProblems, StoredDesign } from "../../store/designs";
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
}

export type DraftField = keyof DesignProblems | `param-${GeneratorParam}`;
export type DraftProblems = Partial<Record<DraftField, string>>;

/** The order fields are in on the form: the first refused one takes focus. */
export const FIELD_ORDER: readonly DraftField[] = [
  "name",
  "description",
  "measure",
  "aggregation",
  "tagKeys",
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
  const { bounds, problems } = isDistribution ? draftBounds(draft) : { bounds: [], problems: {} };
  return {
    design: {
      name: draft.name,
      description: draft.description,
      measure: draft.measure,
      aggregation: draft.aggregation,
      bounds: bounds ?? [],
      tagKeys: [...draft.tagKeys],
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
