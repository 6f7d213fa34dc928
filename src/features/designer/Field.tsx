// A labelled control of the designer with its hint and its problem under it.
// Rule: the control is marked invalid and described by its hint and its problem (aria-describedby),
// so a screen reader says what is wrong where the person is; the problem is the field's own text,
// never a toast.
import type { ReactNode } from "react";

export type Described = { "aria-invalid"?: true; "aria-describedby"?: string };

export function Field(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  problem: string | undefined;
  className?: string;
  children: (described: Described) => ReactNode;
}) {
  const { id, problem } = props;
  const ids = [props.hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ");
  return (
    <div className={`designer-field ${props.className ?? ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ "aria-invalid": problem ? true : undefined, "aria-describedby": ids || undefined })}
      {props.hint && (
        <span id={`${id}-hint`} className="designer-hint">
          {props.hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-problem`} className="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}
