// The measures slice: the measures the page knows — the preset's (its REPL records into them)
// and the ones the person creates — and keeping the person's across visits.
// Rules:
// - a measure has the engine's name rules (1–255 printable ASCII), a description (plain text on
//   one line, at most MAX_DESCRIPTION_LENGTH characters), a unit (printable ASCII, at most 255
//   characters, "" for none) and a type, float64 or int64;
// - creating refuses, at the field concerned: a name the engine refuses, a name a measure already
//   has (the preset's included), the name of any preset's measure (switching preset would make
//   two measures of one name), and a name this page's engine already knows with another type or
//   unit (the engine keeps one meaning per name until the page reloads);
// - the preset's measures cannot be deleted; a measure a registered view uses cannot be deleted
//   (the message names the views), nor one a `:gen` is recording into or waiting to; the rest
//   is removed — no view uses it, so no recorded data goes with it;
// - the person's measures are written to localStorage on every change and read back with a
//   schema (valibot) holding the same rules: an invalid or repeated entry is dropped and named
//   once (`settingsReset`, with the stored settings); recorded data is never kept;
// - switching preset changes the preset's measures and keeps the person's.

import * as v from "valibot";
import { type Measure, type MeasureType, measureFloat64, measureInt64 } from "../engine";
import type { MeasureLookup } from "../repl/line";
import type { Preset } from "../repl/quickstart";
import type { Slice, StoreContext } from "./playground";
import { PRESETS } from "./presets";
import { type KeyValueStore, type Loaded, readList, storage, write } from "./settings";

/** A measure the person created, as it is kept. */
export interface StoredMeasure {
  name: string;
  description: string;
  unit: string;
  type: MeasureType;
}

/** A measure as the page lists it: what a view designer picks from. */
export interface MeasureInfo extends StoredMeasure {
  /** True for the preset's measures (read-only: the REPL records into them). */
  preset: boolean;
}

/** What the Create form hands in, as typed (`type` is checked too). */
export interface MeasureDraft {
  name: string;
  description: string;
  unit: string;
  type: string;
}

export type MeasureField = keyof MeasureDraft;
export type CreateMeasureResult =
  | { ok: true; measure: MeasureInfo }
  | { ok: false; problems: Partial<Record<MeasureField, string>> };
export type DeleteMeasureResult = { ok: true } | { ok: false; reason: string };

export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_UNIT_LENGTH = 255;
/** The units the form offers; any printable ASCII unit may be typed instead. */
export const UNIT_SUGGESTIONS: readonly { unit: string; label: string }[] = [
  { unit: "ms", label: "milliseconds" },
  { unit: "s", label: "seconds" },
  { unit: "By", label: "bytes" },
  { unit: "1", label: "dimensionless (a count or a ratio)" },
];

const MEASURES_KEY = "metrics-playground:measures:v1";

const hex = (c: string) => "0x" + (c.codePointAt(0) ?? 0).toString(16).padStart(2, "0");

/** The engine's verdict on a name (its own message), or null. */
export function nameProblem(name: string): string | null {
  try {
    measureFloat64(name);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export function unitProblem(unit: string): string | null {
  if (unit.length > MAX_UNIT_LENGTH) return `the unit is ${unit.length} characters long; at most ${MAX_UNIT_LENGTH}`;
  for (let i = 0; i < unit.length; i++) {
    const c = unit.charCodeAt(i);
    if (c < 0x20 || c > 0x7e)
      return `the unit has ${JSON.stringify(String.fromCodePoint(unit.codePointAt(i)!))} (${hex(unit.slice(i))}) at position ${i + 1}, which is not printable ASCII; use e.g. ms, s, By or 1`;
  }
  return null;
}

export function descriptionProblem(description: string): string | null {
  if (description.length > MAX_DESCRIPTION_LENGTH)
    return `the description is ${description.length} characters long; at most ${MAX_DESCRIPTION_LENGTH}`;
  for (let i = 0; i < description.length; i++) {
    const c = description.charCodeAt(i);
    if (c < 0x20 || c === 0x7f)
      return `the description has a control character (${hex(description[i]!)}) at position ${i + 1}; use plain text on one line`;
  }
  return null;
}

const isType = (t: string): t is MeasureType => t === "float64" || t === "int64";

function makeMeasure(m: StoredMeasure): Measure {
  const options = { description: m.description, unit: m.unit };
  return m.type === "int64" ? measureInt64(m.name, options) : measureFloat64(m.name, options);
}

/** The preset that has a measure of this name, if any. */
function presetOwning(name: string): Preset | undefined {
  return Object.values(PRESETS).find((p) => p.latency.name === name || p.lineLength.name === name);
}

const presetMeasures = (p: Preset): Measure[] => [p.latency, p.lineLength];

const info = (m: Measure, preset: boolean): MeasureInfo => ({
  name: m.name,
  description: m.description,
  unit: m.unit,
  type: m.type,
  preset,
});

const stored = (m: Measure): StoredMeasure => ({ name: m.name, description: m.description, unit: m.unit, type: m.type });

/**
 * The lookup the REPL session uses (`:record`, `:gen`): the preset's measures, then the person's,
 * as they are when a line is read (`context` is read then: the store's context is still being
 * built when the session is made).
 */
export function measureLookup(context: () => Pick<StoreContext, "preset" | "userMeasures">): MeasureLookup {
  const all = () => [...presetMeasures(context().preset), ...context().userMeasures];
  return {
    named: (name) => all().find((m) => m.name === name),
    names: () => all().map((m) => m.name),
  };
}

const storedSchema = v.object({
  name: v.pipe(v.string(), v.check((n) => nameProblem(n) === null)),
  description: v.pipe(v.string(), v.check((d) => descriptionProblem(d) === null)),
  unit: v.pipe(v.string(), v.check((u) => unitProblem(u) === null)),
  type: v.picklist(["float64", "int64"]),
});

/**
 * The person's measures as stored: every valid entry, in order; an invalid entry, a repeated
 * name or a preset's measure name is dropped and named in `reset`.
 */
export function loadMeasures(store: KeyValueStore | null = storage()): Loaded<StoredMeasure[]> {
  return readList(MEASURES_KEY, "measure", storedSchema, store, (m) => (presetOwning(m.name) ? "a preset's measure name" : null));
}

export function saveMeasures(measures: readonly StoredMeasure[], store: KeyValueStore | null = storage()): void {
  write(MEASURES_KEY, measures, store);
}

export interface MeasuresSlice {
  /** The preset's measures, then the person's, in the order they were created. */
  measures: readonly MeasureInfo[];
  /** The measure of that name (the engine's object, to record or define a view with), or undefined. */
  measureNamed(name: string): Measure | undefined;
  /** Creates a measure of the person's; refused with a message per field otherwise. */
  createMeasure(draft: MeasureDraft): CreateMeasureResult;
  /** Deletes a measure of the person's; refused, saying why, when it is in use or the preset's. */
  deleteMeasure(name: string): DeleteMeasureResult;
}

/** "a", "a and b", "a, b and c" */
const listed = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)!}`;

export const measuresSlice: Slice<MeasuresSlice> = (ctx) => (set, get) => {
  /** Every measure object this engine's page handed out, by name: the engine remembers each name's type and unit. */
  const known = new Map<string, Measure>();
  ctx.userMeasures = ctx.initialMeasures.map(makeMeasure);
  for (const m of ctx.userMeasures) known.set(m.name, m);
  const lookup = measureLookup(() => ctx);

  const list = (): MeasureInfo[] => [
    ...presetMeasures(ctx.preset).map((m) => info(m, true)),
    ...ctx.userMeasures.map((m) => info(m, false)),
  ];
  function update(next: Measure[]): void {
    ctx.userMeasures = next;
    ctx.persistMeasures(next.map(stored));
    set({ measures: list() });
  }
  // A preset switch brings the new preset's measures; the person's stay.
  ctx.onDataDropped(() => ({ measures: list() }));

  return {
    measures: list(),
    measureNamed: (name) => lookup.named(name),

    createMeasure(draft) {
      const problems: Partial<Record<MeasureField, string>> = {};
      const { name, description, unit, type } = draft;
      const owner = presetOwning(name);
      const earlier = known.get(name);
      problems.name =
        nameProblem(name) ??
        (lookup.named(name) ? `a measure named ${JSON.stringify(name)} already exists` : null) ??
        (owner ? `${JSON.stringify(name)} is a measure of the ${owner.label} preset; choose another name` : null) ??
        (earlier && isType(type) && (earlier.type !== type || earlier.unit !== unit)
          ? `${JSON.stringify(name)} was a ${earlier.type} measure in ${JSON.stringify(earlier.unit)} earlier on this page, and the engine keeps one meaning per name until the page reloads: create it as ${earlier.type} in ${JSON.stringify(earlier.unit)}, or choose another name`
          : null) ??
        undefined;
      problems.description = descriptionProblem(description) ?? undefined;
      problems.unit = unitProblem(unit) ?? undefined;
      problems.type = isType(type) ? undefined : `the type must be float64 or int64; got ${JSON.stringify(type)}`;
      for (const k of Object.keys(problems) as MeasureField[]) if (problems[k] === undefined) delete problems[k];
      if (Object.keys(problems).length > 0 || !isType(type)) return { ok: false, problems };
      const measure = makeMeasure({ name, description, unit, type });
      known.set(name, measure);
      update([...ctx.userMeasures, measure]);
      return { ok: true, measure: info(measure, false) };
    },

    deleteMeasure(name) {
      const measure = lookup.named(name);
      if (!measure) return { ok: false, reason: `there is no measure named ${JSON.stringify(name)}` };
      const views = ctx.stats
        .views()
        .filter((view) => view.measure.name === name)
        .map((view) => view.name);
      const isPreset = !ctx.userMeasures.includes(measure);
      if (views.length > 0)
        return {
          ok: false,
          reason: `cannot delete ${JSON.stringify(name)}: view${views.length === 1 ? "" : "s"} ${listed(views)} use${views.length === 1 ? "s" : ""} it${isPreset ? " (the preset's views)" : ""}`,
        };
      if (isPreset) return { ok: false, reason: `cannot delete ${JSON.stringify(name)}: it is the preset's, and every REPL loop records it` };
      const { running, queued } = get().generation;
      if (running?.measure === name || queued.includes(name))
        return { ok: false, reason: `cannot delete ${JSON.stringify(name)}: a :gen is recording into it; :stop it first` };
      update(ctx.userMeasures.filter((m) => m !== measure));
      return { ok: true };
    },
  };
};
