// The designs slice: the views the person designs in the page (the view designer), registered in
// the engine beside the preset's, and kept across visits.
// Rules:
// - a design is a view definition by names: name, description, measure (by name), aggregation,
//   bounds (a distribution's: finite, strictly increasing, 1–MAX_BOUNDS of them), an exponential
//   histogram's options (maxBuckets, maxScale, zeroThreshold; absent in a stored design means
//   the engine's defaults), tag keys and a row limit (absent means the engine's default, 2,000:
//   OpenTelemetry's cardinality limit); the engine's rules decide what is valid (its messages
//   are shown at the field concerned: `exponentialHistogram()` is asked about one option at a
//   time, so each message lands at its own field);
// - a name is refused when a registered view has it (the engine's ViewError when the definitions
//   differ, ours when they are the same) or when another design has it, registered or not;
// - applying registers at once: a new design is added, an edited one replaces the old (the old
//   view is unregistered, the new one registered, and the engine fills it from the measurement
//   log); everything is checked before the engine is touched, so a refused apply changes nothing;
// - a design is registered whenever its measure is known (the preset's or the person's) and the
//   engine takes it; otherwise it is kept, listed as not registered with the reason, and
//   registered as soon as it can be (a preset switch, the measure created);
// - the preset's views come first: a preset switch registers them, then the designs; a reset or
//   a preset switch drops recorded data and keeps every design;
// - designs are written to localStorage on every change and read back with a schema (valibot)
//   holding the same rules: an invalid or repeated entry is dropped and named once (with the
//   stored settings); a design whose measure is missing is kept, not dropped.

import * as v from "valibot";
import {
  type AggregationType,
  boundsProblem,
  count,
  createStats,
  DEFAULT_ROW_LIMIT,
  distribution,
  exponentialHistogram,
  lastValue,
  type Measure,
  measureFloat64,
  rowLimitProblem,
  StatsError,
  sum,
  tagKey,
  type View,
  type ViewDefinition,
} from "../engine";
import { descriptionProblem, measureLookup } from "./measures";
import type { Slice } from "./playground";
import { PRESETS } from "./presets";
import { type KeyValueStore, type Loaded, readList, storage, write } from "./settings";

/** A view the person designed, as it is kept: names only, so it can outlive its measure. */
export interface StoredDesign {
  name: string;
  /** "" takes the measure's description, as the engine does. */
  description: string;
  /** The measure's name: the preset's or one of the person's. */
  measure: string;
  aggregation: AggregationType;
  /** A distribution's bucket bounds; [] for the other aggregations. */
  bounds: number[];
  /** An exponential histogram's options; absent for the other aggregations (and means the defaults). */
  exponential?: ExponentialDesign;
  tagKeys: string[];
  /** At most this many rows, the overflow row included; absent means DEFAULT_ROW_LIMIT. */
  rowLimit?: number;
}

/** An exponential histogram's options, all given (the engine's ExponentialHistogramOptions). */
export interface ExponentialDesign {
  maxBuckets: number;
  maxScale: number;
  zeroThreshold: number;
}

/** The engine's defaults: 160 buckets per sign, scale 20, zero threshold 2^-128 (client_golang's). */
export const EXPONENTIAL_DEFAULTS: Readonly<ExponentialDesign> = (() => {
  const { maxBuckets, maxScale, zeroThreshold } = exponentialHistogram();
  return Object.freeze({ maxBuckets, maxScale, zeroThreshold });
})();

/** A design as the page lists it: registered in the engine now, or why not. */
export interface DesignInfo extends StoredDesign {
  registered: boolean;
  /** Why it is not registered (null when it is). */
  problem: string | null;
}

export type DesignField =
  | "name"
  | "description"
  | "measure"
  | "aggregation"
  | "bounds"
  | "maxBuckets"
  | "maxScale"
  | "zeroThreshold"
  | "tagKeys"
  | "rowLimit";
export type DesignProblems = Partial<Record<DesignField, string>>;
export type ApplyDesignResult = { ok: true; design: DesignInfo } | { ok: false; problems: DesignProblems };

/** At most this many bounds in a designed distribution (as the bucket advisor takes). */
export const MAX_BOUNDS = 1000;
export const AGGREGATIONS: readonly AggregationType[] = ["count", "sum", "lastValue", "distribution", "exponentialHistogram"];

const DESIGNS_KEY = "metrics-playground:views:v1";

const plural = (n: number, one: string) => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** Why these bounds cannot be a designed distribution's, or null. */
export function designBoundsProblem(bounds: readonly number[]): string | null {
  if (bounds.length > MAX_BOUNDS) return `${plural(bounds.length, "bound")}: at most ${MAX_BOUNDS.toLocaleString("en-US")}`;
  return boundsProblem(bounds);
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The engine's aggregation for a design (throws the engine's error for bad bounds or options). */
function aggregationOf(d: Pick<StoredDesign, "aggregation" | "bounds" | "exponential">) {
  switch (d.aggregation) {
    case "count":
      return count();
    case "sum":
      return sum();
    case "lastValue":
      return lastValue();
    case "distribution":
      return distribution(d.bounds);
    case "exponentialHistogram":
      return exponentialHistogram(d.exponential ?? EXPONENTIAL_DEFAULTS);
  }
}

/** The engine's definition of a design, with its measure's object. */
export function definitionOf(d: StoredDesign, measure: Measure): ViewDefinition {
  return {
    name: d.name,
    description: d.description,
    measure,
    aggregation: aggregationOf(d),
    tagKeys: d.tagKeys.map((k) => tagKey(k)),
    rowLimit: d.rowLimit ?? DEFAULT_ROW_LIMIT,
  };
}

/** A stand-in measure, for checking what does not depend on the real one. */
const PLACEHOLDER: Measure = measureFloat64("placeholder");

/**
 * What is wrong with a design, field by field, on its own (the engine's rules: name, tag keys and
 * how they are exposed, bounds; and the description's one-line rule), not yet against other views.
 */
export function designProblems(d: StoredDesign): DesignProblems {
  const problems: DesignProblems = {};
  if (d.name === "") problems.name = `view name "" is empty; it must be 1–255 printable ASCII characters (0x20–0x7E)`;
  else {
    try {
      createStats().registerView({ name: d.name, measure: PLACEHOLDER, aggregation: count() });
    } catch (e) {
      problems.name = messageOf(e);
    }
  }
  const description = descriptionProblem(d.description);
  if (description) problems.description = description;
  if (!AGGREGATIONS.includes(d.aggregation))
    problems.aggregation = `the aggregation must be count, sum, lastValue, distribution or exponentialHistogram; got ${JSON.stringify(d.aggregation)}`;
  else if (d.aggregation === "distribution") {
    const bounds = designBoundsProblem(d.bounds);
    if (bounds) problems.bounds = bounds;
  } else if (d.aggregation === "exponentialHistogram") Object.assign(problems, exponentialProblems(d.exponential ?? EXPONENTIAL_DEFAULTS));
  // Tag keys: each by the engine's key rules, then how the engine would expose them together.
  try {
    const keys = d.tagKeys.map((k) => tagKey(k));
    if (!problems.aggregation && !problems.bounds && !problems.maxBuckets && !problems.maxScale && !problems.zeroThreshold)
      createStats().registerView({ name: problems.name ? "view" : d.name, measure: PLACEHOLDER, aggregation: aggregationOf(d), tagKeys: keys });
  } catch (e) {
    problems.tagKeys = messageOf(e);
  }
  const limit = rowLimitProblem(d.rowLimit ?? DEFAULT_ROW_LIMIT);
  if (limit) problems.rowLimit = limit;
  return problems;
}

const EXPONENTIAL_FIELDS = ["maxBuckets", "maxScale", "zeroThreshold"] as const;

/** The engine's message for each exponential option that it refuses: asked one option at a time. */
export function exponentialProblems(o: ExponentialDesign): DesignProblems {
  const problems: DesignProblems = {};
  for (const field of EXPONENTIAL_FIELDS) {
    try {
      exponentialHistogram({ [field]: o[field] });
    } catch (e) {
      problems[field] = messageOf(e);
    }
  }
  return problems;
}

const designSchema = v.pipe(
  v.object({
    name: v.string(),
    description: v.string(),
    measure: v.pipe(v.string(), v.minLength(1)),
    aggregation: v.picklist(["count", "sum", "lastValue", "distribution", "exponentialHistogram"]),
    bounds: v.array(v.pipe(v.number(), v.finite())),
    // The engine checks the values (designProblems): here only their types.
    exponential: v.optional(v.object({ maxBuckets: v.number(), maxScale: v.number(), zeroThreshold: v.number() })),
    tagKeys: v.array(v.string()),
    // The engine checks the value (designProblems): here only its type.
    rowLimit: v.optional(v.number()),
  }),
  v.check(
    (d) =>
      Object.keys(designProblems(d)).length === 0 &&
      (d.aggregation === "distribution" || d.bounds.length === 0) &&
      (d.aggregation === "exponentialHistogram" || d.exponential === undefined),
  ),
);

/**
 * The person's designs as stored: every valid entry, in order; an invalid entry or a repeated
 * name is dropped and named in `reset`. A design whose measure does not exist is kept.
 */
export function loadDesigns(store: KeyValueStore | null = storage()): Loaded<StoredDesign[]> {
  return readList(DESIGNS_KEY, "view", designSchema, store);
}

export function saveDesigns(designs: readonly StoredDesign[], store: KeyValueStore | null = storage()): void {
  write(DESIGNS_KEY, designs, store);
}

const stored = (d: StoredDesign): StoredDesign => ({
  name: d.name,
  description: d.description,
  measure: d.measure,
  aggregation: d.aggregation,
  bounds: d.aggregation === "distribution" ? [...d.bounds] : [],
  ...(d.aggregation === "exponentialHistogram" ? { exponential: { ...(d.exponential ?? EXPONENTIAL_DEFAULTS) } } : {}),
  tagKeys: [...d.tagKeys],
  // The default is not written: a design stored before the row limit existed reads the same.
  ...(d.rowLimit !== undefined && d.rowLimit !== DEFAULT_ROW_LIMIT ? { rowLimit: d.rowLimit } : {}),
});

export interface DesignsSlice {
  /** The person's designs, in the order they were made, each registered or saying why not. */
  designs: readonly DesignInfo[];
  /** What Apply would refuse, field by field, without applying (`replacing`: the edited design's name). */
  checkDesign(design: StoredDesign, replacing: string | null): DesignProblems;
  /** Creates (`replacing` null) or replaces a design and registers it; refused per field otherwise. */
  applyDesign(design: StoredDesign, replacing: string | null): ApplyDesignResult;
  /** A copy of a view's definition (a design's, or any registered view's) under a free name, not yet applied. */
  duplicateDraft(name: string): StoredDesign | null;
  /** Deletes a design and unregisters its view (its data goes with it); false when there is none. */
  deleteDesign(name: string): boolean;
}

export interface DesignsOptions {
  /** The designs the store starts with. */
  initial: readonly StoredDesign[];
  persist: (designs: StoredDesign[]) => void;
}

/** The preset that owns a measure of this name, if any. */
const presetOwning = (measure: string) =>
  Object.values(PRESETS).find((p) => p.latency.name === measure || p.lineLength.name === measure);

export const designsSlice =
  (options: DesignsOptions): Slice<DesignsSlice> =>
  (ctx) =>
  (set, _get, api) => {
    let list: StoredDesign[] = options.initial.map(stored);
    /** Why each design is not registered (absent: it is). */
    let problems = new Map<string, string>();
    /** The designs this slice registered, by name, with the view the engine made. */
    const mine = new Map<string, View>();

    // The measures slice's lookup over the context (the store's state is not there yet while
    // the slices are being made, and the designs are registered then).
    const lookup = measureLookup(() => ctx);
    const measureOf = (name: string): Measure | undefined => lookup.named(name);
    const isRegistered = (name: string): boolean => {
      const view = mine.get(name);
      return view !== undefined && ctx.stats.views().includes(view);
    };
    const infos = (): DesignInfo[] =>
      list.map((d) => ({ ...stored(d), registered: !problems.has(d.name), problem: problems.get(d.name) ?? null }));

    /** Registers every design that can be, unregisters those whose measure went away; returns the list. */
    function sync(): DesignInfo[] {
      const next = new Map<string, string>();
      for (const d of list) {
        const measure = measureOf(d.measure);
        const registered = isRegistered(d.name);
        if (!measure) {
          if (registered) ctx.stats.unregisterView(d.name);
          mine.delete(d.name);
          const owner = presetOwning(d.measure);
          next.set(
            d.name,
            owner
              ? `its measure ${JSON.stringify(d.measure)} is the ${owner.label} preset's, which is not in use: switch to it to register this view`
              : `there is no measure named ${JSON.stringify(d.measure)}: create it in the Measures panel to register this view`,
          );
          continue;
        }
        if (registered && mine.get(d.name)!.measure === measure) continue;
        if (registered) ctx.stats.unregisterView(d.name);
        try {
          const [view] = ctx.stats.registerView(definitionOf(d, measure));
          mine.set(d.name, view!);
        } catch (e) {
          mine.delete(d.name);
          next.set(d.name, messageOf(e));
        }
      }
      problems = next;
      return infos();
    }

    function check(design: StoredDesign, replacing: string | null): DesignProblems {
      const found = designProblems(design);
      const measure = measureOf(design.measure);
      if (!measure)
        found.measure =
          design.measure === ""
            ? "choose the measure the view aggregates"
            : `there is no measure named ${JSON.stringify(design.measure)}; choose one of the list, or create it in the Measures panel`;
      if (found.name) return found;
      const other = list.find((d) => d.name === design.name && d.name !== replacing);
      if (other) {
        found.name = `another of your views is named ${JSON.stringify(design.name)}; choose another name`;
        return found;
      }
      if (!measure || found.bounds || found.maxBuckets || found.maxScale || found.zeroThreshold || found.tagKeys || found.aggregation || found.rowLimit)
        return found;
      // Against every other registered view, as the engine checks a registration (a scratch
      // engine: nothing is touched until everything passes).
      const others = ctx.stats.views().filter((view) => !(replacing !== null && view.name === replacing && mine.get(replacing) === view));
      try {
        const scratch = createStats();
        scratch.registerView(...others);
        scratch.registerView(definitionOf(design, measure));
        if (others.some((view) => view.name === design.name))
          found.name = `a view named ${JSON.stringify(design.name)} is already registered; choose another name`;
      } catch (e) {
        const code = e instanceof StatsError ? e.code : null;
        if (code === "MEASURE_CONFLICT") found.measure = messageOf(e);
        else found.name = messageOf(e);
      }
      return found;
    }

    function update(next: StoredDesign[]): DesignInfo[] {
      list = next;
      options.persist(list.map(stored));
      return sync();
    }

    // A preset switch or a reset: the preset's views are registered by now; the designs follow.
    ctx.onDataDropped(() => ({ designs: sync() }));
    // A measure created or deleted may let a design register (or, never, take one away).
    ctx.onDispose(
      api.subscribe((state, previous) => {
        if (state.measures === previous.measures) return;
        const before = infos();
        const after = sync();
        if (after.some((d, i) => d.registered !== before[i]?.registered || d.problem !== before[i]?.problem)) set({ designs: after });
      }),
    );

    const initial = sync();
    return {
      designs: initial,
      checkDesign: check,

      applyDesign(design, replacing) {
        const d = stored(design);
        const found = check(d, replacing);
        if (Object.keys(found).length > 0) return { ok: false, problems: found };
        const at = replacing === null ? -1 : list.findIndex((x) => x.name === replacing);
        if (at >= 0 && isRegistered(list[at]!.name)) {
          ctx.stats.unregisterView(list[at]!.name);
          mine.delete(list[at]!.name);
        }
        const next = at >= 0 ? list.map((x, i) => (i === at ? d : x)) : [...list, d];
        const designs = update(next);
        set({ designs });
        return { ok: true, design: designs.find((x) => x.name === d.name)! };
      },

      duplicateDraft(name) {
        const source: StoredDesign | undefined =
          list.find((d) => d.name === name) ??
          ctx.stats
            .views()
            .filter((view) => view.name === name)
            .map((view) => ({
              name: view.name,
              description: view.description,
              measure: view.measure.name,
              aggregation: view.aggregation.type,
              bounds: view.aggregation.type === "distribution" ? [...view.aggregation.bounds] : [],
              ...(view.aggregation.type === "exponentialHistogram"
                ? {
                    exponential: {
                      maxBuckets: view.aggregation.maxBuckets,
                      maxScale: view.aggregation.maxScale,
                      zeroThreshold: view.aggregation.zeroThreshold,
                    },
                  }
                : {}),
              tagKeys: view.tagKeys.map((k) => k.name),
              rowLimit: view.rowLimit,
            }))[0];
        if (!source) return null;
        const taken = new Set([...list.map((d) => d.name), ...ctx.stats.views().map((view) => view.name)]);
        let copy = `${name} copy`;
        for (let i = 2; taken.has(copy); i++) copy = `${name} copy ${i}`;
        return { ...stored(source), name: copy };
      },

      deleteDesign(name) {
        const at = list.findIndex((d) => d.name === name);
        if (at < 0) return false;
        if (isRegistered(name)) ctx.stats.unregisterView(name);
        mine.delete(name);
        set({ designs: update(list.filter((_, i) => i !== at)) });
        return true;
      },
    };
  };
