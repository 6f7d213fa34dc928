// The Lint view of the export panel: lint the current output, or any pasted exposition text.
// Rules: problems are listed with line, metric and message, promtool's own checks marked as
// such; a huge list is cut at MAX_SHOWN rows with the rest counted; refused input says why.
import { useRef, useState } from "react";
import type { ExpositionFormat, LintProblem } from "../../engine";
import { formatBytes, formatNumber } from "../../components/format";
import { useLinter } from "./useLinter";
import "./lint.css";

export const MAX_SHOWN = 500;
/** Pastes above this size, or with control characters, are linted but not put in the box:
 *  a browser text box takes seconds to lay out megabytes, and binary junk is unreadable anyway. */
export const MAX_IN_BOX = 200_000;

// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f]/;

const RULE_LABEL: Record<LintProblem["rule"], string> = {
  parse: "parse",
  promlint: "promtool",
  structure: "structure",
  openmetrics: "OpenMetrics",
};

export function LintView({ current, currentFormat }: { current: string; currentFormat: ExpositionFormat }) {
  const [state, lint] = useLinter();
  const [format, setFormat] = useState<"auto" | ExpositionFormat>("auto");
  const pasted = useRef<HTMLTextAreaElement>(null);
  const [held, setHeld] = useState<string | null>(null);
  const chosen = format === "auto" ? undefined : format;

  return (
    <div className="lint">
      <div className="lint-actions">
        <button type="button" className="button primary" onClick={() => lint(current, "the current output", currentFormat)}>
          Lint current output
        </button>
        <span className="lint-or">or paste any exposition text:</span>
      </div>
      {held !== null ? (
        <p className="lint-held">
          Pasted {formatBytes(new TextEncoder().encode(held).length)}
          {CONTROL.test(held) ? " with control characters" : ""} — too large to show here, linted as pasted.{" "}
          <button type="button" className="button quiet" onClick={() => setHeld(null)}>
            Clear pasted text
          </button>
        </p>
      ) : (
        <textarea
          ref={pasted}
          className="code-area lint-input"
          aria-label="Text to lint"
          spellCheck={false}
          wrap="off"
          placeholder={"# HELP http_requests_total Requests served.\n# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 1027"}
          onPaste={(e) => {
            const text = e.clipboardData.getData("text");
            const el = e.currentTarget;
            const next = el.value.slice(0, el.selectionStart) + text + el.value.slice(el.selectionEnd);
            if (next.length > MAX_IN_BOX || CONTROL.test(text)) {
              e.preventDefault();
              setHeld(next);
            }
            lint(next, "the pasted text", chosen);
          }}
        />
      )}
      <div className="lint-actions">
        <label>
          Read as{" "}
          <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="auto">Detect</option>
            <option value="prometheus">Prometheus text 0.0.4</option>
            <option value="openmetrics">OpenMetrics 1.0</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => lint(held ?? pasted.current?.value ?? "", "the pasted text", chosen)}>
          Lint pasted text
        </button>
      </div>
      <LintOutcome state={state} />
    </div>
  );
}

function LintOutcome({ state }: { state: ReturnType<typeof useLinter>[0] }) {
  switch (state.status) {
    case "idle":
      return null;
    case "running":
      return (
        <p className="lint-summary" role="status">
          Linting {formatBytes(state.bytes)}…
        </p>
      );
    case "failed":
      return (
        <p className="field-error" role="alert">
          Could not lint: {state.message}
        </p>
      );
    case "done": {
      const { result } = state;
      if (result.refused)
        return (
          <p className="field-error" role="alert">
            Not linted: {result.refused}
          </p>
        );
      const problems = result.problems;
      const total = state.total;
      return (
        <div role="status" aria-label="Lint result">
          <p className={`lint-summary ${problems.length ? "has-problems" : "clean"}`}>
            {total === 0 ? "No problems" : `${formatNumber(total)} problem${total === 1 ? "" : "s"}`} in{" "}
            {state.source} ({result.format === "openmetrics" ? "OpenMetrics 1.0" : "Prometheus text 0.0.4"},{" "}
            {formatNumber(result.families)} families, {formatNumber(result.samples)} samples, {Math.round(state.ms)} ms)
          </p>
          {problems.length > 0 && (
            <table className="lint-problems">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, MAX_SHOWN).map((p, i) => (
                  <tr key={i}>
                    <td>{p.line ?? "—"}</td>
                    <td>
                      <code>{p.metric || "—"}</code>
                    </td>
                    <td>{p.message}</td>
                    <td>
                      <span className={`lint-rule lint-rule-${p.rule}`}>{RULE_LABEL[p.rule]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {total > MAX_SHOWN && (
            <p className="lint-summary">…and {formatNumber(total - MAX_SHOWN)} more not shown.</p>
          )}
        </div>
      );
    }
  }
}
