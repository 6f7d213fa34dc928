// Says once which stored settings could not be used and were reset to their defaults (the
// store writes the usable values back at once, so the next visit does not say it again).
import { usePlayground } from "../../store";

export function SettingsNotice() {
  const reset = usePlayground((s) => s.settingsReset);
  const dismiss = usePlayground((s) => s.dismissSettingsReset);
  if (!reset) return null;
  return (
    <p className="settings-notice" role="status">
      Some saved settings could not be used and were reset to their defaults: {reset.join(", ")}.{" "}
      <button type="button" className="button quiet" onClick={dismiss}>
        Dismiss
      </button>
    </p>
  );
}
