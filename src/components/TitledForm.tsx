// A form of a panel under its own heading (the Measures panel's New measure, the view designer's
// candidate), set off from the list above it.
// Rules: a native form, so the keyboard alone uses it (Tab between fields, Enter submits); it is
// named by its heading (aria-labelledby); the browser's own validation is off (noValidate): the
// store checks every field and the form says why at the field; submitting runs `onSubmit` and
// never loads a page. Styles: `.titled-form` in index.css.
import { type ReactNode, useId } from "react";

export function TitledForm(props: {
  title: ReactNode;
  onSubmit: () => void;
  /** More classes for the form (its panel's own styles). */
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <form
      className={props.className ? `titled-form ${props.className}` : "titled-form"}
      aria-labelledby={`${id}-title`}
      noValidate
      data-testid={props.testId}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h3 id={`${id}-title`} className="titled-form-title">
        {props.title}
      </h3>
      {props.children}
    </form>
  );
}
