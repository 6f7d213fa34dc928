// The person's settings, kept across visits in localStorage. Recorded data is not persisted.
// Rule: anything unreadable or out of range falls back to the default, never breaks the page.

import { namespaceProblem, type Naming } from "../engine";
import { clampRate, type LatencyModel, modelProblem } from "../repl/simulator";

export type PresetId = "go" | "python";
export type Format = "prometheus" | "openmetrics";

export interface Settings {
  presetId: PresetId;
  format: Format;
  naming: Naming;
  namespace: string;
  rate: number;
  errorRatio: number;
  model: LatencyModel;
}

export const DEFAULT_SETTINGS: Settings = {
  presetId: "go",
  format: "prometheus",
  naming: "opencensus",
  namespace: "ocmetricstutorial",
  rate: 100,
  errorRatio: 0.05,
  model: { kind: "seed" },
};

const KEY = "metrics-playground:settings:v1";

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function storage(): KeyValueStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy mode): settings just aren't kept
  }
}

export function loadSettings(store: KeyValueStore | null = storage()): Settings {
  let raw: Partial<Settings>;
  try {
    raw = (JSON.parse(store?.getItem(KEY) ?? "{}") ?? {}) as Partial<Settings>;
  } catch {
    raw = {};
  }
  const d = DEFAULT_SETTINGS;
  const model = raw.model && typeof raw.model === "object" && modelProblem(raw.model) === null ? raw.model : d.model;
  return {
    presetId: raw.presetId === "python" || raw.presetId === "go" ? raw.presetId : d.presetId,
    format: raw.format === "openmetrics" || raw.format === "prometheus" ? raw.format : d.format,
    naming: raw.naming === "prometheus" || raw.naming === "opencensus" ? raw.naming : d.naming,
    namespace: typeof raw.namespace === "string" && namespaceProblem(raw.namespace) === null ? raw.namespace : d.namespace,
    rate: typeof raw.rate === "number" ? clampRate(raw.rate) : d.rate,
    errorRatio:
      typeof raw.errorRatio === "number" && raw.errorRatio >= 0 && raw.errorRatio <= 1 ? raw.errorRatio : d.errorRatio,
    model,
  };
}

export function saveSettings(settings: Settings, store: KeyValueStore | null = storage()): void {
  try {
    store?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // quota or disabled storage: keeping settings is a convenience, not a requirement
  }
}
