// The form that creates a measure: name, description, unit (ms, s, By, 1 offered, any printable
// ASCII typed) and type (Float64 or Int64).
// Rules: a native form, so the keyboard alone uses it (Tab between fields, Enter creates); the
// store checks every field (the engine's rules) and a refusal is shown under its field, which is
// marked invalid and described by it; focus goes to the first refused field; editing a field
// clears its message; once created, the fields empty for the next one (unit and type stay) and
// focus returns to Name.
import { type RefObject, useId, useState } from "react";
import { FormField } from "../../components/FormField";
import { TitledForm } from "../../components/TitledForm";
import {
  MAX_DESCRIPTION_LENGTH,
  type MeasureDraft,
  type MeasureField,
  type MeasureInfo,
  UNIT_SUGGESTIONS,
  usePlayground,
} from "../../store";

const FIELDS: readonly MeasureField[] = ["name", "description", "unit", "type"];
const EMPTY: MeasureDraft = { name: "", description: "", unit: "ms", type: "float64" };

export function CreateMeasureForm(props: {
  nameInput: RefObject<HTMLInputElement | null>;
  onCreated: (m: MeasureInfo) => void;
  onEdit: () => void;
}) {
  const createMeasure = usePlayground((s) => s.createMeasure);
  const [draft, setDraft] = useState<MeasureDraft>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<MeasureField, string>>>({});
  const id = useId();
  const fieldId = (f: MeasureField) => `${id}-${f}`;

  function edit(field: MeasureField, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    setProblems(({ [field]: _edited, ...rest }) => rest);
    props.onEdit();
  }

  function submit() {
    const result = createMeasure(draft);
    if (!result.ok) {
      setProblems(result.problems);
      const first = FIELDS.find((f) => result.problems[f]);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setProblems({});
    setDraft({ ...EMPTY, unit: draft.unit, type: draft.type });
    props.onCreated(result.measure);
    props.nameInput.current?.focus();
  }

  return (
    <TitledForm title="New measure" className="measures-form" onSubmit={submit}>
      <div className="measures-fields">
        <FormField id={fieldId("name")} label="Name" hint="1–255 printable ASCII characters, e.g. shop/checkout_latency" problem={problems.name}>
          {(described) => (
            <input
              id={fieldId("name")}
              ref={props.nameInput}
              value={draft.name}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => edit("name", e.target.value)}
              {...described}
            />
          )}
        </FormField>
        <FormField
          id={fieldId("description")}
          label="Description"
          hint={`optional, one line, at most ${MAX_DESCRIPTION_LENGTH.toLocaleString("en-US")} characters`}
          problem={problems.description}
        >
          {(described) => (
            <input
              id={fieldId("description")}
              value={draft.description}
              autoComplete="off"
              onChange={(e) => edit("description", e.target.value)}
              {...described}
            />
          )}
        </FormField>
        <FormField id={fieldId("unit")} label="Unit" hint="ms, s, By, 1 or any printable ASCII; empty for none" problem={problems.unit}>
          {(described) => (
            <>
              <input
                id={fieldId("unit")}
                list={`${id}-units`}
                value={draft.unit}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => edit("unit", e.target.value)}
                {...described}
              />
              <datalist id={`${id}-units`}>
                {UNIT_SUGGESTIONS.map((u) => (
                  <option key={u.unit} value={u.unit}>
                    {u.label}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField id={fieldId("type")} label="Type" problem={problems.type}>
          {(described) => (
            <select id={fieldId("type")} value={draft.type} onChange={(e) => edit("type", e.target.value)} {...described}>
              <option value="float64">Float64 (any number)</option>
              <option value="int64">Int64 (whole numbers)</option>
            </select>
          )}
        </FormField>
      </div>
      <button type="submit" className="button primary">
        Create measure
      </button>
    </TitledForm>
  );
}
