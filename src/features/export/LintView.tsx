// The Lint view of the export panel: lint the current output, or any pasted exposition text.
// Rules: problems are listed with line, metric and message, promtool's own checks marked as
// such; the summary gives the true number found, overall and per check, and says above the
// table how many of them it lists; refused input says why; text held out of the box says why;
// a lint of the current output is marked stale as soon as the output it linted is no longer
// the one shown; a text the format's parser refuses says so first, with the parser's line and
// message, as Prometheus would refuse it whole.
import { useRef, useState } from "react";
import { type ExpositionFormat } from "../../engine/exposition";
import { type LintProblem, type LintRule } from "../../engine/lint";
import { formatBytes, formatCount, formatNumber } from "../../components/format";
import { utf8Length } from "../../repl/utf8";
import { FormatOptions, FORMATS } from "./formats";
import { useLinter } from "./useLinter";
import "./lint.css";

export const MAX_SHOWN = 500;
/** Pastes above this size, or with control characters, are linted but not put in the box:
 *  a browser text box takes seconds to lay out megabytes, and binary junk is unreadable anyway. */
export const MAX_IN_BOX = 200_000;

// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f]/;

const CURRENT = "the current output";

const RULE_LABEL: Record<LintRule, string> = {
  parse: "parse",
  promlint: "promtool",
  structure: "structure",
  openmetrics: "OpenMetrics",
};

/** Why a pasted text is kept out of the box, or null when the box can show it. */
export function heldBecause(text: string): string | null {
  const control = CONTROL.test(text);
  const large = text.length > MAX_IN_BOX;
  if (!control && !large) return null;
  if (control && large) return "is too large to show here and has control characters a text box cannot show";
  return control ? "has control characters a text box cannot show" : "is too large to show here";
}

export function LintView(props: {
  /** The output shown in the export panel now. */
  shown: string;
  /** Writes the output for this moment (and shows it). */
  current: () => string;
  currentFormat: ExpositionFormat;
}) {
  const [state, lint] = useLinter();
  const [format, setFormat] = useState<"auto" | ExpositionFormat>("auto");
  const pasted = useRef<HTMLTextAreaElement>(null);
  const [held, setHeld] = useState<string | null>(null);
  /** The current output last linted, to tell when the shown one has moved on. */
  const [lintedOutput, setLintedOutput] = useState<string | null>(null);
  const chosen = format === "auto" ? undefined : format;
  const stale = state.status === "done" && state.source === CURRENT && lintedOutput !== props.shown;

  function lintPasted(text: string) {
    setLintedOutput(null);
    lint(text, "the pasted text", chosen);
  }

  return (
    <div className="lint">
      <div className="lint-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => {
            const text = props.current();
            setLintedOutput(text);
            lint(text, CURRENT, props.currentFormat);
          }}
        >
          Lint current output
        </button>
        <span className="lint-or">or paste any exposition text:</span>
      </div>
      {held !== null ? (
        <p className="lint-held">
          The pasted text ({formatBytes(utf8Length(held))}) {heldBecause(held) ?? "is held"}, so it
          is not shown; it was linted as pasted.{" "}
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
            if (heldBecause(next) !== null) {
              e.preventDefault();
              setHeld(next);
            }
            lintPasted(next);
          }}
        />
      )}
      <div className="lint-actions">
        <label>
          Read as{" "}
          <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="auto">Detect</option>
            <FormatOptions />
          </select>
        </label>
        <button type="button" className="button" onClick={() => lintPasted(held ?? pasted.current?.value ?? "")}>
          Lint pasted text
        </button>
      </div>
      <LintOutcome state={state} stale={stale} />
    </div>
  );
}

function LintOutcome({ state, stale }: { state: ReturnType<typeof useLinter>[0]; stale: boolean }) {
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
      const { problems, total, counts } = result;
      const listed = Math.min(problems.length, MAX_SHOWN);
      const byRule = (Object.keys(RULE_LABEL) as LintRule[]).filter((r) => counts[r] > 0);
      return (
        // A region, so the table can be read at will; only the summary and the stale note are
        // announced when they change (role="status"), not every row of the table.
        <div role="region" aria-label="Lint result" className={stale ? "lint-stale" : undefined}>
          {stale && (
            <p className="lint-stale-note" role="status">
              Stale: the output has changed since this lint (new data or other settings). Lint it again to check what is
              shown now.
            </p>
          )}
          {!result.accepted && result.parseError && (
            <p className="lint-refused" role="status">
              Prometheus would refuse this text: its {FORMATS[result.format].label} parser stops at line{" "}
              {result.parseError.line}: <code>{result.parseError.message}</code>. Nothing in it would be scraped;
              the problems below are what else we found.
            </p>
          )}
          <p className={`lint-summary ${total ? "has-problems" : "clean"}`} role="status">
            {total === 0 ? "No problems" : formatCount(total, "problem")} in {state.source} (
            {FORMATS[result.format].label},{" "}
            {formatNumber(result.families)} families, {formatNumber(result.samples)} samples, {Math.round(state.ms)} ms)
            {byRule.length > 0 && <>: {byRule.map((r) => `${formatNumber(counts[r])} ${RULE_LABEL[r]}`).join(", ")}</>}
          </p>
          {listed < total && (
            <p className="lint-summary lint-listed">
              Listing the first {formatNumber(listed)} of {formatNumber(total)}, by line.
            </p>
          )}
          {listed > 0 && (
            // It scrolls (lint.css), so it takes focus for the keyboard to scroll it.
            <table className="lint-problems" tabIndex={0} aria-label="Problems">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, listed).map((p: LintProblem, i) => (
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
        </div>
      );
    }
  }
}
