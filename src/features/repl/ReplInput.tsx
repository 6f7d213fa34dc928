// The prompt. Enter runs the text (each line a loop), Shift+Enter adds a line, and pasting
// text with line breaks runs every pasted line at once, as a terminal would.
// Rules: an IME composition is never cut short by Enter; the box grows with its lines up to
// MAX_ROWS, then scrolls, so a multi-line entry is always readable; the first keystroke, click
// or paste engages the prompt, which is when the first loop's latency starts counting (the
// autofocus on page load does not).
import { type ClipboardEvent, type KeyboardEvent, useRef } from "react";
import { usePlayground } from "../../store";

/** Lines the prompt grows to before it scrolls (repl.css caps its height to match). */
export const MAX_ROWS = 8;

/** Fits the box to its content; the CSS max-height stops it at MAX_ROWS and it scrolls beyond. */
function fit(el: HTMLTextAreaElement) {
  el.style.height = "auto";
  el.style.height = `${el.scrollHeight}px`;
}

export function ReplInput() {
  const submit = usePlayground((s) => s.submit);
  const engage = usePlayground((s) => s.engagePrompt);
  const ref = useRef<HTMLTextAreaElement>(null);

  function run(text: string) {
    submit(text);
    if (ref.current) {
      ref.current.value = "";
      fit(ref.current);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    engage();
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    run(e.currentTarget.value);
  }

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    engage();
    const pasted = e.clipboardData.getData("text");
    if (!/[\r\n]/.test(pasted)) return; // a single line is just typed text
    e.preventDefault();
    const el = e.currentTarget;
    run(el.value.slice(0, el.selectionStart) + pasted + el.value.slice(el.selectionEnd));
  }

  return (
    <div className="prompt">
      <span className="prompt-sigil" aria-hidden="true">
        &gt;
      </span>
      <textarea
        ref={ref}
        className="prompt-input"
        aria-label="REPL input"
        rows={1}
        autoFocus
        spellCheck={false}
        autoComplete="off"
        // Short enough to show whole, `:help` included, in the one-row box of a 360 px phone.
        placeholder="type, Enter to run · :help"
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onPointerDown={engage}
        onInput={(e) => {
          engage();
          fit(e.currentTarget);
        }}
      />
    </div>
  );
}
