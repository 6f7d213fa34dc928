// An exponential histogram candidate's options: Max buckets, Max scale and Zero threshold.
// Rules: each is a labelled one-line field that says its problem under itself (text that is no
// number: draft.ts; a number the engine refuses: the engine's own message, from the store's
// check); its unit stands next to the box, as the page's other number fields show theirs, and is
// said in its hint for screen readers. The zero threshold is in the unit the view folds values
// in: seconds for a measure in "ms" (the engine folds such a view in seconds, since a native
// histogram's bounds are powers of its base and cannot be rescaled when exposed).
import type { ReactNode } from "react";
import { FormField } from "../../components/FormField";
import { unitSuffix } from "../../components/format";
import { foldedUnit } from "../../store";
import type { Draft, DraftProblems, ExponentialField } from "./draft";

export function ExponentialFields(props: {
  id: (field: string) => string;
  draft: Draft;
  problems: DraftProblems;
  /** The measure's unit ("" when no measure is chosen). */
  unit: string;
  onChange: (change: Partial<Draft>) => void;
}) {
  const { draft, problems, id } = props;
  const valueUnit = unitSuffix(foldedUnit(props.unit));
  const field = (name: ExponentialField, label: string, hint: ReactNode, unit: string) => (
    <FormField id={id(name)} label={label} hint={hint} problem={problems[name]} className="designer-option">
      {(described) => (
        <span className="number-field-box">
          <input
            id={id(name)}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={draft.exponential[name]}
            onChange={(e) => props.onChange({ exponential: { ...draft.exponential, [name]: e.target.value } })}
            {...described}
          />
          {unit && (
            <span className="number-field-unit" aria-hidden="true">
              {unit}
            </span>
          )}
        </span>
      )}
    </FormField>
  );
  return (
    <fieldset className="designer-bounds">
      <legend>Exponential buckets</legend>
      <div className="designer-row">
        {field("maxBuckets", "Max buckets", "buckets per sign, a whole number ≥ 2 (160 by default); more keeps a finer scale", "buckets")}
        {field("maxScale", "Max scale", "the starting scale, a whole number from −10 to 20 (20 by default); bucket bounds are powers of 2^(2^−scale)", "")}
        {field(
          "zeroThreshold",
          "Zero threshold",
          `${valueUnit ? `in ${valueUnit}, ` : ""}finite, ≥ 0 (2^-128 by default, client_golang’s); values this close to 0 count in the zero bucket`,
          valueUnit,
        )}
      </div>
      <p className="designer-hint">
        The scale goes down by itself when the values need more than Max buckets at the current scale.
        {props.unit === "ms" && " This measure is in ms: the view keeps seconds, as a native histogram’s bucket bounds cannot be rescaled when exposed."}
      </p>
    </fieldset>
  );
}
