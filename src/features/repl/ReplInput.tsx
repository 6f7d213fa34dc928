// The prompt. Enter runs the text (each line a loop), Shift+Enter adds a line, and pasting
// text with line breaks runs every pasted line at once, as a terminal would.
// Rule: an IME composition is never cut short by Enter.
import { type ClipboardEvent, type KeyboardEvent, useRef } from "react";
import { usePlayground } from "../../store";

export function ReplInput() {
  const submit = usePlayground((s) => s.submit);
  const ref = useRef<HTMLTextAreaElement>(null);

  function run(text: string) {
    submit(text);
    if (ref.current) ref.current.value = "";
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    run(e.currentTarget.value);
  }

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
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
        placeholder="type a line, Enter to run · :help"
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
    </div>
  );
}
