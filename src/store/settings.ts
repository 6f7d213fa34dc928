// The person's settings, kept across visits in localStorage, and the settings slice of the
// playground store. Recorded data is not persisted.
// Rules:
// - the store's settings (preset, format, naming, the namespace in use, the simulator's rate,
//   error ratio and model, the scrape interval) are written whenever one of them changes; the store only ever holds
//   valid values (an invalid namespace or model is refused, see exposition.ts and
//   simulator.ts), so only valid values are written;
// - what is read back is parsed field by field with a schema (valibot) whose limits are the
//   fields' own (LIMITS in repl/simulator.ts, the namespace rule, the push period's range), so
//   storage can never hand the page a value its fields would refuse (`{"rate":1e999}`, a
//   median of 1e300);
// - a field that is present but invalid falls back to its default and is named in `reset`, so
//   the page can say once which settings it reset; a missing field just takes its default;
// - unreadable storage (not JSON, disabled, over quota) never breaks the page;
// - stored settings that were reset are said once (`settingsReset`) until dismissed.

import * as v from "valibot";
import { type ExpositionFormat, namespaceProblem, type Naming } from "../engine/exposition";
import type { Preset } from "../repl/quickstart";
import { LIMITS, type LatencyModel, modelProblem } from "../repl/simulator";
import type { PlaygroundState, Slice } from "./playground";

export type PresetId = Preset["id"];
export type Format = ExpositionFormat;

export interface Settings {
  presetId: PresetId;
  format: Format;
  naming: Naming;
  namespace: string;
  rate: number;
  errorRatio: number;
  model: LatencyModel;
  /** How often the page scrapes itself into the series history, ms (scrapes.ts). */
  scrapeIntervalMs: ScrapeInterval;
}

/** The scrape intervals the page offers, ms: Prometheus's common 1 s, 5 s and 15 s. */
export const SCRAPE_INTERVALS = [1_000, 5_000, 15_000] as const;
export type ScrapeInterval = (typeof SCRAPE_INTERVALS)[number];

/**
 * The push format setting: "auto" sends the 0.0.4 text, or protobuf when a native histogram
 * needs it; "protobuf" always sends protobuf (pushFormat.ts).
 */
export const PUSH_FORMATS = ["auto", "protobuf"] as const;
export type PushFormatSetting = (typeof PUSH_FORMATS)[number];

export interface PushSettings {
  job: string;
  instance: string;
  /** The reporting period, ms. */
  periodMs: number;
  format: PushFormatSetting;
}

/** A settings record as read back: the usable value, and the labels of fields that were reset. */
export interface Loaded<T> {
  value: T;
  reset: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  presetId: "go",
  format: "prometheus",
  naming: "opencensus",
  namespace: "ocmetricstutorial",
  rate: 100,
  errorRatio: 0.05,
  model: { kind: "seed" },
  scrapeIntervalMs: 1_000,
};

/** The push panel's reporting period field, in seconds. */
export const PUSH_PERIOD_LIMITS = { min: 1, max: 3600, unit: "s" } as const;

export const DEFAULT_PUSH_SETTINGS: PushSettings = {
  job: "metrics_playground",
  instance: "playground",
  periodMs: 10_000,
  format: "auto",
};

const SETTINGS_KEY = "metrics-playground:settings:v1";
const PUSH_KEY = "metrics-playground:push:v1";

const range = (r: { min: number; max: number }) => v.pipe(v.number(), v.finite(), v.minValue(r.min), v.maxValue(r.max));

const modelSchema = v.pipe(
  v.variant("kind", [
    v.object({ kind: v.literal("seed") }),
    v.object({ kind: v.literal("lognormal"), median: range(LIMITS.median), spread: range(LIMITS.spread) }),
    v.object({ kind: v.literal("uniform"), min: range(LIMITS.latency), max: range(LIMITS.latency) }),
  ]),
  v.check((m) => modelProblem(m) === null),
);

type Fields<T> = { [K in keyof T]: { schema: v.GenericSchema<unknown, T[K]>; label: string } };

const SETTINGS_FIELDS: Fields<Settings> = {
  presetId: { schema: v.picklist(["go", "python"]), label: "preset" },
  format: { schema: v.picklist(["prometheus", "openmetrics"]), label: "format" },
  naming: { schema: v.picklist(["opencensus", "prometheus"]), label: "naming" },
  namespace: { schema: v.pipe(v.string(), v.check((s) => namespaceProblem(s) === null)), label: "namespace" },
  rate: { schema: v.pipe(range(LIMITS.rate), v.integer()), label: "lines per second" },
  errorRatio: { schema: range({ min: LIMITS.errorPercent.min / 100, max: LIMITS.errorPercent.max / 100 }), label: "errors" },
  model: { schema: modelSchema, label: "latency model" },
  scrapeIntervalMs: { schema: v.picklist(SCRAPE_INTERVALS), label: "scrape interval" },
};

const PUSH_FIELDS: Fields<PushSettings> = {
  job: { schema: v.pipe(v.string(), v.check((s) => s.trim() !== "")), label: "push job" },
  instance: { schema: v.string(), label: "push instance" },
  periodMs: {
    schema: v.pipe(v.number(), v.integer(), v.minValue(PUSH_PERIOD_LIMITS.min * 1000), v.maxValue(PUSH_PERIOD_LIMITS.max * 1000)),
    label: "reporting period",
  },
  format: { schema: v.picklist(PUSH_FORMATS), label: "push format" },
};

/** localStorage, or a stand-in in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's localStorage, or null where there is none or it is disabled. */
export function storage(): KeyValueStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy mode): settings just aren't kept
  }
}

function read<T extends object>(key: string, fields: Fields<T>, defaults: T, store: KeyValueStore | null): Loaded<T> {
  let raw: unknown;
  try {
    const text = store?.getItem(key);
    if (text === null || text === undefined) return { value: { ...defaults }, reset: [] };
    raw = JSON.parse(text);
  } catch {
    return { value: { ...defaults }, reset: ["all settings (unreadable)"] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { value: { ...defaults }, reset: ["all settings (unreadable)"] };
  const record = raw as Record<string, unknown>;
  const value = { ...defaults };
  const reset: string[] = [];
  for (const name of Object.keys(fields) as (keyof T & string)[]) {
    if (!(name in record)) continue;
    const parsed = v.safeParse(fields[name].schema, record[name]);
    if (parsed.success) value[name] = parsed.output;
    else reset.push(fields[name].label);
  }
  return { value, reset };
}

/**
 * A kept list of named entries as read back (the person's measures, their designed views): every
 * entry `schema` takes, in order. An unreadable list is dropped whole; an entry `schema` refuses,
 * one `refuse` gives a reason against, or a repeated name is dropped and named in `reset`
 * (`saved measure "x" (not a valid measure, removed)`, `saved view #3 (…)` where it has no name).
 */
export function readList<T extends { name: string }>(
  key: string,
  noun: string,
  schema: v.GenericSchema<unknown, T>,
  store: KeyValueStore | null,
  refuse: (entry: T) => string | null = () => null,
): Loaded<T[]> {
  let raw: unknown;
  try {
    const text = store?.getItem(key);
    if (text === null || text === undefined) return { value: [], reset: [] };
    raw = JSON.parse(text);
  } catch {
    return { value: [], reset: [`all saved ${noun}s (unreadable)`] };
  }
  if (!Array.isArray(raw)) return { value: [], reset: [`all saved ${noun}s (unreadable)`] };
  const value: T[] = [];
  const reset: string[] = [];
  raw.forEach((entry: unknown, i) => {
    const name = typeof entry === "object" && entry !== null ? (entry as { name?: unknown }).name : undefined;
    const label = typeof name === "string" ? `saved ${noun} ${JSON.stringify(name)}` : `saved ${noun} #${i + 1}`;
    const parsed = v.safeParse(schema, entry);
    const refused = parsed.success ? refuse(parsed.output) : null;
    if (!parsed.success) reset.push(`${label} (not a valid ${noun}, removed)`);
    else if (refused !== null) reset.push(`${label} (${refused}, removed)`);
    else if (value.some((e) => e.name === parsed.output.name)) reset.push(`${label} (saved twice, the second removed)`);
    else value.push(parsed.output);
  });
  return { value, reset };
}

/** Writes `value` as JSON under `key`; a full or disabled storage is ignored (keeping is a convenience). */
export function write(key: string, value: unknown, store: KeyValueStore | null): void {
  try {
    store?.setItem(key, JSON.stringify(value));
  } catch {
    // quota or disabled storage: keeping settings is a convenience, not a requirement
  }
}

export function loadSettings(store: KeyValueStore | null = storage()): Loaded<Settings> {
  return read(SETTINGS_KEY, SETTINGS_FIELDS, DEFAULT_SETTINGS, store);
}

export function saveSettings(settings: Settings, store: KeyValueStore | null = storage()): void {
  write(SETTINGS_KEY, settings, store);
}

export function loadPushSettings(store: KeyValueStore | null = storage()): Loaded<PushSettings> {
  return read(PUSH_KEY, PUSH_FIELDS, DEFAULT_PUSH_SETTINGS, store);
}

export function savePushSettings(settings: PushSettings, store: KeyValueStore | null = storage()): void {
  write(PUSH_KEY, settings, store);
}

export interface SettingsSlice {
  /** Stored settings that were invalid and reset to defaults, said once; null when none or dismissed. */
  settingsReset: readonly string[] | null;
  dismissSettingsReset(): void;
}

/** The settings a store state holds. */
function settingsOf(s: PlaygroundState): Settings {
  const { rate, errorRatio, model } = s.simulator;
  return {
    presetId: s.presetId,
    format: s.format,
    naming: s.naming,
    namespace: s.namespace,
    rate,
    errorRatio,
    model,
    scrapeIntervalMs: s.scrapeIntervalMs,
  };
}

const sameSettings = (a: Settings, b: Settings): boolean =>
  (Object.keys(a) as (keyof Settings)[]).every((k) => Object.is(a[k], b[k]));

export const settingsSlice: Slice<SettingsSlice> = (ctx) => (set, _get, store) => {
  ctx.onDispose(
    store.subscribe((state, previous) => {
      const settings = settingsOf(state);
      if (!sameSettings(settings, settingsOf(previous))) ctx.persist(settings);
    }),
  );
  return {
    settingsReset: ctx.settingsReset.length > 0 ? ctx.settingsReset : null,
    dismissSettingsReset: () => set({ settingsReset: null }),
  };
};
