// Preset and reset controls. Rule: switching preset or resetting drops the recorded data, so
// when there is data the person confirms first.
import { useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PRESETS, type PresetId, usePlayground } from "../../store";

export function PresetBar() {
  const presetId = usePlayground((s) => s.presetId);
  const stats = usePlayground((s) => s.stats);
  const setPreset = usePlayground((s) => s.setPreset);
  const resetData = usePlayground((s) => s.resetData);
  const [pending, setPending] = useState<PresetId | null>(null);

  function choose(id: PresetId) {
    if (id === presetId) return;
    if (stats.snapshot().some((v) => v.rows.length > 0)) setPending(id);
    else setPreset(id);
  }

  return (
    <div className="preset-bar">
      <label>
        Preset
        <select value={pending ?? presetId} onChange={(e) => choose(e.target.value as PresetId)}>
          {Object.values(PRESETS).map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {pending && (
        <span className="confirm" role="group" aria-label="Confirm preset switch">
          <span className="confirm-question">Switching to the {PRESETS[pending].label} drops the recorded data.</span>
          <button
            type="button"
            className="button danger"
            autoFocus
            onClick={() => {
              setPreset(pending);
              setPending(null);
            }}
          >
            Switch
          </button>
          <button type="button" className="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </span>
      )}
      <ConfirmButton label="Reset data" question="Drop all recorded data?" confirmLabel="Reset" onConfirm={resetData} />
    </div>
  );
}
