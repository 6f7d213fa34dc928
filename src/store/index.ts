// The app's store instance and the React hook to read it. Features import from here; a pure
// feature module that must run in Node tests without the store instance imports the store's pure
// files directly (viewData.ts).
import { startTransition, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { createPlaygroundStore, type PlaygroundState } from "./playground";
import { createPushStore, type PushState } from "./push";
import { createRemoteWriteStore, type RemoteWriteState } from "./remoteWrite";
import { remoteWriteMetadata } from "./remoteWriteMetadata";
import { loadMeasures, saveMeasures } from "./measures";
import { loadDesigns, saveDesigns } from "./designs";
import { loadPushSettings, loadSettings, savePushSettings, saveSettings } from "./settings";

const settings = loadSettings();
const pushSettings = loadPushSettings();
const measures = loadMeasures();
const designs = loadDesigns();
// Invalid stored values are said once: the usable ones are written back at once.
if (settings.reset.length > 0) saveSettings(settings.value);
if (pushSettings.reset.length > 0) savePushSettings(pushSettings.value);
if (measures.reset.length > 0) saveMeasures(measures.value);
if (designs.reset.length > 0) saveDesigns(designs.value);

export const playgroundStore = createPlaygroundStore({
  settings: settings.value,
  measures: measures.value,
  designs: designs.value,
  settingsReset: [...settings.reset, ...pushSettings.reset, ...measures.reset, ...designs.reset],
});

export const pushStore = createPushStore({
  stats: playgroundStore.getState().stats,
  exposition: () => {
    const s = playgroundStore.getState();
    return { namespace: s.namespace, naming: s.naming };
  },
  initial: pushSettings.value,
});

export const remoteWriteStore = createRemoteWriteStore({
  series: () => playgroundStore.getState().historySeries(),
  metadata: () => {
    const s = playgroundStore.getState();
    return remoteWriteMetadata(s.stats.views(), s.namespace, s.naming);
  },
});
// The stream follows live scrapes: a fill of the past scrapes on its own clock, and its end is not one.
playgroundStore.subscribe((s, prev) => {
  if (s.seriesStats !== prev.seriesStats && s.filling === null && prev.filling === null) remoteWriteStore.getState().scraped();
});

/** Subscribes a component to the slice `selector` picks; it re-renders only when that changes. */
export function usePlayground<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(playgroundStore, selector);
}

/**
 * Like usePlayground, for values that change every frame or every second (`dataVersion`, the
 * history): the value follows the store in a transition, not through useSyncExternalStore.
 * React redoes a transition render synchronously, as one task, when a store it read through
 * useSyncExternalStore changed while it rendered in slices (its tearing check); with the
 * simulator changing the store 60 times a second, that turned the panels' sliced renders into
 * 50–70 ms tasks. A value read here cannot tear. `selector` must be stable (module level or
 * useCallback).
 */
export function usePlaygroundInTransition<T>(selector: (s: PlaygroundState) => T): T {
  const [value, setValue] = useState(() => selector(playgroundStore.getState()));
  const last = useRef(value);
  useEffect(() => {
    const follow = (s: PlaygroundState) => {
      const next = selector(s);
      if (Object.is(next, last.current)) return;
      last.current = next;
      startTransition(() => setValue(next));
    };
    follow(playgroundStore.getState());
    return playgroundStore.subscribe(follow);
  }, [selector]);
  return value;
}

/** The data version, for usePlaygroundInTransition. */
export const selectDataVersion = (s: PlaygroundState): number => s.dataVersion;

export { PRESETS, TRANSCRIPT_LIMIT, type PlaygroundState, type NumberedEntry } from "./playground";
export { RATE_WINDOW_MS, rates, values, rowKey, type HistorySample } from "./history";
export { foldedUnit, OVERFLOW_ROW_KEY, unitOf } from "./viewData";
export {
  MAX_DESCRIPTION_LENGTH,
  UNIT_SUGGESTIONS,
  type CreateMeasureResult,
  type DeleteMeasureResult,
  type MeasureDraft,
  type MeasureField,
  type MeasureInfo,
} from "./measures";
export { LOG_CAPACITY } from "./playground";
export { createAnalyst, valueRange, type AnalysisRequest, type AnalysisResult, type Analyst } from "./analysis";
export {
  MAX_BOUNDS,
  EXPONENTIAL_DEFAULTS,
  type ExponentialDesign,
  type ApplyDesignResult,
  type DesignField,
  type DesignInfo,
  type DesignProblems,
  type StoredDesign,
} from "./designs";
export { gatherLogged, rowsOf, rowsWithin, seriesCount, type Logged, type Rows } from "./logged";
export { createPreviewer, type PreviewRequest, type PreviewResult, type Previewer, type PreviewView, type ViewPreview } from "./preview";
export { LIMITS } from "../repl/simulator";
export { PUSH_PERIOD_LIMITS, SCRAPE_INTERVALS, type Format, type PushFormatSetting, type PresetId, type ScrapeInterval } from "./settings";

export function usePush<T>(selector: (s: PushState) => T): T {
  return useStore(pushStore, selector);
}

export { scrapeConfig, type PushOutcome } from "./pushgateway";

export function useRemoteWrite<T>(selector: (s: RemoteWriteState) => T): T {
  return useStore(remoteWriteStore, selector);
}

export {
  BATCH_SIZE_LIMITS,
  DEFAULT_BATCH_SIZE,
  DEFAULT_QUEUE_CAPACITY,
  QUEUE_CAPACITY_LIMITS,
  type HistorySend,
  type RemoteWriteCounters,
  type RemoteWriteError,
} from "./remoteWrite";
export type { RemoteWriteTarget } from "./remoteWriteClient";
