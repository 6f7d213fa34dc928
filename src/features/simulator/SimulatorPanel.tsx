// The traffic simulator: synthetic REPL lines at a chosen rate, error ratio and latency model,
// recorded exactly as typed lines are (no real sleeping).
// Rules: fields take the ranges of LIMITS and show their units; when no registered view has a
// `status` or `error` tag key, the Errors field says that failed lines cannot be told apart in
// the views (they are recorded, counted with the rest), rather than seeming to do nothing.
import { Panel } from "../../components/Panel";
import { NumberField } from "../../components/NumberField";
import type { LatencyModel } from "../../repl/simulator";
import { LIMITS, usePlayground } from "../../store";
import { SimulatorStatus } from "./SimulatorStatus";
import "./simulator.css";

const MODEL_DEFAULTS: Record<LatencyModel["kind"], LatencyModel> = {
  seed: { kind: "seed" },
  lognormal: { kind: "lognormal", median: 120, spread: 0.8 },
  uniform: { kind: "uniform", min: 0, max: 1000 },
};

function ModelParameters({ model, onChange }: { model: LatencyModel; onChange: (m: LatencyModel) => void }) {
  switch (model.kind) {
    case "seed":
      return (
        <p className="sim-hint">
          Uniform in [0, max) ms, max cycling 17001, 8007, 917, 87, 1173 ms with the clock’s seconds — the
          exporter tutorial’s random sleep.
        </p>
      );
    case "lognormal":
      return (
        <div className="sim-row">
          <NumberField label="Median" {...LIMITS.median} value={model.median} onValid={(median) => onChange({ ...model, median })} />
          <NumberField label="Spread (σ of ln)" {...LIMITS.spread} step={0.1} value={model.spread} onValid={(spread) => onChange({ ...model, spread })} />
        </div>
      );
    case "uniform":
      return (
        <div className="sim-row">
          <NumberField label="Min" {...LIMITS.latency} value={model.min} onValid={(min) => onChange({ ...model, min })} />
          <NumberField label="Max" {...LIMITS.latency} value={model.max} onValid={(max) => onChange({ ...model, max })} />
        </div>
      );
  }
}

export function SimulatorPanel() {
  // One selector per setting: the simulator object is new on every tick, its settings are not.
  const running = usePlayground((s) => s.simulator.running);
  const rate = usePlayground((s) => s.simulator.rate);
  const errorRatio = usePlayground((s) => s.simulator.errorRatio);
  const model = usePlayground((s) => s.simulator.model);
  const error = usePlayground((s) => s.simulatorError);
  const start = usePlayground((s) => s.startSimulator);
  const stop = usePlayground((s) => s.stopSimulator);
  const setRate = usePlayground((s) => s.setRate);
  const setErrorRatio = usePlayground((s) => s.setErrorRatio);
  const setModel = usePlayground((s) => s.setModel);
  const errorsShown = usePlayground((s) =>
    s.stats.views().some((v) => v.tagKeys.some((k) => k.name === "status" || k.name === "error")),
  );

  return (
    <Panel
      title="Traffic simulator"
      className="sim-panel"
      actions={
        running ? (
          <button type="button" className="button danger" onClick={stop}>
            Stop simulator
          </button>
        ) : (
          <button type="button" className="button primary" onClick={start}>
            Start simulator
          </button>
        )
      }
    >
      <div className="sim-row">
        <NumberField label="Lines per second" {...LIMITS.rate} step={1} value={rate} onValid={setRate} />
        <NumberField
          label="Errors"
          {...LIMITS.errorPercent}
          step={1}
          value={Math.round(errorRatio * 1000) / 10}
          onValid={(pct) => setErrorRatio(pct / 100)}
        />
        <label className="number-field">
          Latency model
          <select value={model.kind} onChange={(e) => setModel(MODEL_DEFAULTS[e.target.value as LatencyModel["kind"]])}>
            <option value="seed">Seed’s random sleep</option>
            <option value="lognormal">Log-normal</option>
            <option value="uniform">Uniform</option>
          </select>
        </label>
      </div>
      {!errorsShown && (
        <p className="sim-hint" data-testid="errors-hint">
          No view has a <code>status</code> or <code>error</code> tag, so failed lines are counted with the rest and
          cannot be told apart in the views. The Python quickstart preset’s views split them out.
        </p>
      )}
      <ModelParameters model={model} onChange={setModel} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <SimulatorStatus />
    </Panel>
  );
}
