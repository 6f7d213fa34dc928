// A number input that only passes on valid values: out-of-range or non-numeric text is
// explained under the field and the last valid value stays in effect. Its unit (%, s, ms)
// stands next to the box, not only in the error text.
import { useId, useState } from "react";
import { formatNumber } from "./format";

export function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  unit?: string;
  onValid: (n: number) => void;
  disabled?: boolean;
}) {
  const { value, min, max } = props;
  const [draft, setDraft] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  const unitId = useId();
  // The unit is read as the field's description, not as part of its name ("Errors", not "Errors %").
  const describedBy = [props.unit ? unitId : "", problem ? errorId : ""].filter(Boolean).join(" ") || undefined;

  // Follow outside changes (another control, a reset) unless the person is mid-correction.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (problem === null) setDraft(String(value));
  }

  function change(text: string) {
    setDraft(text);
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      setProblem(`${props.label} must be a number from ${formatNumber(min)} to ${formatNumber(max)}${props.unit ? " " + props.unit : ""}; still using ${formatNumber(value)}`);
      return;
    }
    setProblem(null);
    props.onValid(n);
  }

  return (
    <label className="number-field">
      {props.label}
      <span className="number-field-box">
        <input
          type="number"
          inputMode="decimal"
          value={draft}
          min={min}
          max={max}
          step={props.step ?? "any"}
          disabled={props.disabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => change(e.target.value)}
          onBlur={() => {
            if (problem) {
              setDraft(String(value));
              setProblem(null);
            }
          }}
        />
        {props.unit && (
          <span id={unitId} className="number-field-unit" aria-hidden="true">
            {props.unit}
          </span>
        )}
      </span>
      {problem && (
        <span id={errorId} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
