// Asking before an action that loses data, and a button that does so.
// Rules: nothing is dropped without an explicit confirmation; the confirmation opens with
// focus on Cancel, so a second Enter never confirms by accident; Escape anywhere in it cancels;
// after Cancel, Escape or confirm, focus goes back to the control that opened it, never to
// <body>.
import { type RefObject, useRef, useState } from "react";

export function Confirmation(props: {
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes when the confirmation closes. */
  opener: RefObject<HTMLElement | null>;
  /** Moves focus to Cancel when it opens (default); off where the opener keeps focus. */
  focusCancel?: boolean;
}) {
  const close = (action: () => void) => {
    props.opener.current?.focus();
    action();
  };
  return (
    <span
      className="confirm"
      role="group"
      aria-label={props.question}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.stopPropagation();
        close(props.onCancel);
      }}
    >
      <span className="confirm-question">{props.question}</span>
      <button type="button" className="button danger" onClick={() => close(props.onConfirm)}>
        {props.confirmLabel}
      </button>
      <button type="button" className="button" autoFocus={props.focusCancel ?? true} onClick={() => close(props.onCancel)}>
        Cancel
      </button>
    </span>
  );
}

export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="button"
        disabled={props.disabled}
        aria-expanded={asking}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
      {asking && (
        <Confirmation
          question={props.question}
          confirmLabel={props.confirmLabel}
          opener={opener}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            props.onConfirm();
          }}
        />
      )}
    </>
  );
}
