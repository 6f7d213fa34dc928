// The app's store instance and the React hook to read it. Features import from here.
import { useStore } from "zustand";
import { createPlaygroundStore, type PlaygroundState } from "./playground";
import { createPushStore, type PushState } from "./push";

export const playgroundStore = createPlaygroundStore();

export const pushStore = createPushStore({
  stats: playgroundStore.getState().stats,
  exposition: () => {
    const s = playgroundStore.getState();
    return { namespace: s.namespace, naming: s.naming };
  },
});

/** Subscribes a component to the slice `selector` picks; it re-renders only when that changes. */
export function usePlayground<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(playgroundStore, selector);
}

export { PRESETS, TRANSCRIPT_LIMIT, type PlaygroundState, type NumberedEntry } from "./playground";
export { rates, values, rowKey, scalarOf, type HistorySample } from "./history";
export type { Format, PresetId } from "./settings";

export function usePush<T>(selector: (s: PushState) => T): T {
  return useStore(pushStore, selector);
}

export { scrapeConfig, type PushOutcome } from "./pushgateway";
