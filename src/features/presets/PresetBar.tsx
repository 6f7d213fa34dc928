// Preset and reset controls.
// Rules: switching preset or resetting drops the recorded data, so when there is data the
// person confirms first. Changing the Preset select only proposes a switch (ArrowDown on a
// closed select changes it at once): focus stays on the select, the confirmation appears
// beside it, and nothing happens until Switch is pressed; choosing the current preset again,
// Cancel or Escape withdraws the proposal and focus returns to the select.
import { useRef, useState } from "react";
import { Confirmation, ConfirmButton } from "../../components/ConfirmButton";
import { PRESETS, type PresetId, usePlayground } from "../../store";

export function PresetBar() {
  const presetId = usePlayground((s) => s.presetId);
  const stats = usePlayground((s) => s.stats);
  const setPreset = usePlayground((s) => s.setPreset);
  const resetData = usePlayground((s) => s.resetData);
  const [pending, setPending] = useState<PresetId | null>(null);
  const select = useRef<HTMLSelectElement>(null);

  function choose(id: PresetId) {
    if (id === presetId) setPending(null);
    else if (stats.snapshot().some((v) => v.rows.length > 0)) setPending(id);
    else setPreset(id);
  }

  return (
    <div className="preset-bar">
      <label>
        Preset
        <select
          ref={select}
          value={pending ?? presetId}
          onChange={(e) => choose(e.target.value as PresetId)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && pending) {
              e.preventDefault();
              setPending(null);
            }
          }}
        >
          {Object.values(PRESETS).map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {pending && (
        <Confirmation
          question={`Switching to the ${PRESETS[pending].label} drops the recorded data.`}
          confirmLabel="Switch"
          opener={select}
          focusCancel={false}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPreset(pending);
            setPending(null);
          }}
        />
      )}
      <ConfirmButton label="Reset data" question="Drop all recorded data?" confirmLabel="Reset" onConfirm={resetData} />
    </div>
  );
}
