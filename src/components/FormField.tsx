// A labelled control of a form with its hint and its problem under it (the Measures panel's form,
// the view designer's fields).
// Rules: the control is marked invalid and described by its hint and its problem
// (aria-describedby), so a screen reader says what is wrong where the person is; the problem is the
// field's own text, never a toast. The control is the caller's: it gets `described` to spread on
// itself and must carry `id`. Styles: `.form-field` in index.css.
import type { ReactNode } from "react";

/** What the control spreads on itself: invalid while there is a problem, described by hint and problem. */
export type Described = { "aria-invalid"?: true; "aria-describedby"?: string };

export function FormField(props: {
  /** The control's id: the label points at it; the hint and the problem are `${id}-hint`, `${id}-problem`. */
  id: string;
  label: string;
  hint?: ReactNode;
  problem: string | undefined;
  /** More classes for the field's box (a narrower or a wider field). */
  className?: string;
  children: (described: Described) => ReactNode;
}) {
  const { id, problem } = props;
  const ids = [props.hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ");
  return (
    <div className={props.className ? `form-field ${props.className}` : "form-field"}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ "aria-invalid": problem ? true : undefined, "aria-describedby": ids || undefined })}
      {props.hint && (
        <span id={`${id}-hint`} className="form-field-hint">
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
