// The presets slice: which quickstart's views are registered, and dropping recorded data.
// Rules:
// - views come from the chosen preset (the Go or the Python quickstart, src/repl/quickstart.ts);
// - switching preset replaces the views and takes the preset's namespace; switching preset or
//   resetting drops recorded data, the measurement log included (the UI asks first), and every
//   slice starts over with it (`dataDropped`: the prompt's loop, the history, the simulator's
//   count, the designed views registered again);
// - choosing the preset already in use does nothing.

import { goQuickstart, type Preset, pythonQuickstart } from "../repl/quickstart";
import { namespaceFields } from "./exposition";
import type { Slice } from "./playground";
import type { PresetId } from "./settings";

export const PRESETS: Record<PresetId, Preset> = { go: goQuickstart, python: pythonQuickstart };

export interface PresetsSlice {
  presetId: PresetId;
  setPreset(id: PresetId): void;
  resetData(): void;
}

export const presetsSlice: Slice<PresetsSlice> = (ctx) => (set, get) => {
  const { stats } = ctx;
  stats.registerView(...ctx.preset.views);
  return {
    presetId: ctx.preset.id,
    setPreset(id) {
      if (id === get().presetId) return;
      for (const v of stats.views()) stats.unregisterView(v.name);
      // Drops the measurement log too: views registered next (the preset's, the person's
      // designs) would otherwise be filled from the data this switch drops.
      stats.reset();
      ctx.preset = PRESETS[id];
      stats.registerView(...ctx.preset.views);
      set({ presetId: id, ...namespaceFields(ctx.preset.namespace), ...ctx.dataDropped() });
    },
    resetData() {
      stats.reset();
      set(ctx.dataDropped());
    },
  };
};
