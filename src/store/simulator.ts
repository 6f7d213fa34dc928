// The simulator slice: the traffic simulator's settings and what it has recorded, as the page
// shows them. The pacing itself is the driver's (src/repl/driver.ts): exactly `rate` lines a
// second by the clock, in ticks of at most MAX_LINES_PER_TICK lines and TICK_BUDGET_MS of work.
// Rules:
// - this slice only starts and stops the driver, hands it the settings and mirrors its counts;
// - it does not start with a latency model that is not valid, and says why; a model that is not
//   valid is refused and explained, and the last valid one stays in use; the rate is clamped
//   to 1–100,000 lines/s and the error ratio to [0, 1];
// - `generated` counts the lines the simulator recorded into the data now shown, so a reset or
//   a preset switch restarts it from 0 as it restarts the views.

import { createSimulatorDriver } from "../repl/driver";
import { type LatencyModel, modelProblem } from "../repl/simulator";
import type { Slice } from "./playground";

export interface SimulatorState {
  running: boolean;
  rate: number;
  errorRatio: number;
  model: LatencyModel;
  /** Lines the simulator recorded into the current data: since it started, a reset or a preset switch. */
  generated: number;
  lastLine: string;
}

export interface SimulatorSlice {
  simulator: SimulatorState;
  simulatorError: string | null;
  startSimulator(): void;
  stopSimulator(): void;
  setRate(rate: number): void;
  setErrorRatio(ratio: number): void;
  setModel(model: LatencyModel): void;
}

export const simulatorSlice: Slice<SimulatorSlice> = (ctx) => (set, get) => {
  const driver = createSimulatorDriver({
    session: ctx.session,
    now: ctx.now,
    wallClock: ctx.wallClock,
    random: ctx.random,
    every: ctx.every,
    settings: ctx.initial,
    report: ({ lastLine }) => mirror({ lastLine }),
  });
  /** The driver's state, as the page shows it. */
  function mirrored(extra: Partial<SimulatorState> = {}): SimulatorState {
    return { ...get().simulator, ...driver.settings, running: driver.running, generated: driver.recorded, ...extra };
  }
  function mirror(extra: Partial<SimulatorState> = {}): void {
    set({ simulator: mirrored(extra) });
  }
  ctx.onDataDropped(() => {
    driver.restart();
    return { simulator: mirrored() };
  });
  ctx.onDispose(() => driver.stop());

  return {
    simulator: { ...driver.settings, running: false, generated: 0, lastLine: "" },
    simulatorError: null,
    startSimulator() {
      if (driver.running) return;
      const problem = modelProblem(driver.settings.model);
      if (problem) return set({ simulatorError: `cannot start: ${problem}` });
      driver.start();
      set({ simulator: mirrored(), simulatorError: null });
    },
    stopSimulator() {
      driver.stop();
      mirror();
    },
    setRate(rate) {
      driver.setRate(rate);
      mirror();
    },
    setErrorRatio(ratio) {
      driver.setErrorRatio(ratio);
      mirror();
    },
    setModel(model) {
      const problem = modelProblem(model);
      if (!problem) driver.setModel(model);
      set({ simulator: mirrored(), simulatorError: problem ? `latency model: ${problem}` : null });
    },
  };
};
