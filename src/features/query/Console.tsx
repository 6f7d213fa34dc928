// The PromQL console (its own lazy chunk: CodeMirror and the evaluator load after the page):
// an editor with PromQL highlighting, linting and completion from the page's own history, a
// table (instant query) and a graph (range query), example queries and the queries run so far.
// Rules:
// - Ctrl/Cmd+Enter or Execute runs the query in the editor, on the history as it is then; the
//   answer is what Prometheus 2.42 would give (src/promql), or its error with the position,
//   shown here with the failing part of the query marked;
// - the table evaluates at the newest scrape (or now when there is none); the graph over the
//   chosen range ending there, at Prometheus's UI default step (range / 250, at least 1 s)
//   unless the person sets one;
// - evaluation time and samples touched are shown with every answer;
// - user text (queries, label values) is always rendered as text.

import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintKeymap } from "@codemirror/lint";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { PromQLExtension } from "@prometheus-io/codemirror-promql";
import { tags } from "@lezer/highlight";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { formatClock } from "../../components/format";
import { PromQLError, type QueryData, instantQuery, rangeQuery } from "../../promql";
import { playgroundStore, usePlayground } from "../../store";
import { downloadText } from "../../components/download";
import { apiRequest, apiResponse } from "./apiResponse";
import { examplesFor } from "./examples";
import { QueryGraph } from "./QueryGraph";
import { QueryTable } from "./QueryTable";
import { storeClient } from "./storeClient";

/** The editor's look, inside its shadow root (the page's CSS does not reach in). */
const EDITOR_THEME = EditorView.theme({
  "&": { fontSize: "0.85rem", minHeight: "2.2rem" },
  "&.cm-focused": { outline: "2px solid var(--views-accent)", outlineOffset: "1px" },
  ".cm-content": { fontFamily: "var(--views-mono)", padding: "0.4rem 0" },
  ".cm-placeholder": { color: "var(--views-muted)" },
  ".cm-tooltip": { fontFamily: "var(--views-mono)" },
  // The linter's squiggle is a data: image, which the CSP (img-src 'self') refuses: a wavy line instead.
  ".cm-lintRange-error, .cm-lintRange-warning, .cm-lintRange-info, .cm-lintRange-hint": {
    backgroundImage: "none",
    textDecorationLine: "underline",
    textDecorationStyle: "wavy",
    textDecorationSkipInk: "none",
    textUnderlineOffset: "3px",
  },
  ".cm-lintRange-error": { textDecorationColor: "#d11" },
  ".cm-lintRange-warning": { textDecorationColor: "orange" },
  ".cm-lintRange-info": { textDecorationColor: "#999" },
  ".cm-lintRange-hint": { textDecorationColor: "#66d" },
});

/**
 * PromQL's token colours on a dark page (the page follows the system's scheme): CodeMirror's
 * default style is made for light backgrounds, and its purple keywords fail contrast on dark.
 * Active only while the editor is told it is dark (DARK_SCHEME below); the default style is the
 * fallback otherwise. Colours are at least 4.5:1 on the dark canvas.
 */
const DARK_HIGHLIGHT = HighlightStyle.define(
  [
    { tag: [tags.operatorKeyword, tags.modifier, tags.logicOperator], color: "#d7a8ff" },
    { tag: tags.function(tags.variableName), color: "#8cb4ff" },
    { tag: tags.variableName, color: "#e6e6e6" },
    { tag: tags.labelName, color: "#ffcf70" },
    { tag: tags.string, color: "#a6e39b" },
    { tag: tags.number, color: "#ffab85" },
    { tag: [tags.operator, tags.arithmeticOperator], color: "#8fdcff" },
    { tag: tags.comment, color: "#a9b4c0", fontStyle: "italic" },
    { tag: tags.invalid, color: "#ff8a8a" },
  ],
  { themeType: "dark" },
);
const darkQuery = () => window.matchMedia("(prefers-color-scheme: dark)");

/** Graph ranges offered, ms. */
const RANGES = [
  { label: "5 m", ms: 5 * 60_000 },
  { label: "15 m", ms: 15 * 60_000 },
  { label: "1 h", ms: 60 * 60_000 },
] as const;

/** Prometheus's UI default resolution: range / 250, in whole seconds, at least 1 s. */
export const defaultStepMs = (rangeMs: number) => Math.max(Math.floor(rangeMs / 250_000), 1) * 1000;

type Answer =
  | { kind: "data"; query: string; mode: "table" | "graph"; data: QueryData; tookMs: number; atMs: number; range: { rangeMs: number; stepMs: number } | null }
  | { kind: "error"; query: string; message: string; start: number; end: number };

export default function Console() {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [mode, setMode] = useState<"table" | "graph">("table");
  const [rangeMs, setRangeMs] = useState<number>(RANGES[1].ms);
  const [stepInput, setStepInput] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [ran, setRan] = useState<string[]>([]);
  const naming = usePlayground((s) => s.naming);
  const namespace = usePlayground((s) => s.namespace);
  const presetId = usePlayground((s) => s.presetId);
  const designs = usePlayground((s) => s.designs);
  const stats = usePlayground((s) => s.stats);
  // The registered views change only with the preset and the designs.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const examples = useMemo(() => examplesFor(stats.views(), naming, namespace), [stats, naming, namespace, presetId, designs]);
  const modeRef = useRef(mode);
  const runRef = useRef<() => void>(() => {});
  const ids = { step: useId(), range: useId(), editor: useId() };

  const stepProblem = stepInput.trim() === "" || /^\d+(\.\d+)?$/.test(stepInput.trim()) && Number(stepInput) > 0 ? null : "a number of seconds above 0";

  function run(query: string, as: "table" | "graph" = modeRef.current) {
    const text = query.trim();
    if (text === "") return;
    const store = playgroundStore.getState().seriesStore();
    const newest = store.stats().maxTimeMs;
    const atMs = newest ?? Math.round(Date.now());
    const started = performance.now();
    try {
      let data: QueryData;
      let range: { rangeMs: number; stepMs: number } | null = null;
      if (as === "table") data = instantQuery(store, text, atMs, { stats: true });
      else {
        range = { rangeMs, stepMs: stepInput.trim() && !stepProblem ? Math.round(Number(stepInput) * 1000) : defaultStepMs(rangeMs) };
        data = rangeQuery(store, text, atMs - rangeMs, atMs, range.stepMs, { stats: true });
      }
      setAnswer({ kind: "data", query: text, mode: as, data, tookMs: performance.now() - started, atMs, range });
    } catch (error) {
      if (!(error instanceof PromQLError)) throw error;
      setAnswer({ kind: "error", query: text, message: error.message, start: error.position, end: error.end ?? error.position });
    }
    setRan((list) => [text, ...list.filter((q) => q !== text)].slice(0, 20));
  }
  // The editor's key binding is made once; it runs the query with the settings of the last render.
  useEffect(() => {
    modeRef.current = mode;
    runRef.current = () => view.current && run(view.current.state.doc.toString());
  });

  useEffect(() => {
    const scheme = new Compartment();
    const promql = new PromQLExtension().setComplete({ remote: storeClient(() => playgroundStore.getState().seriesLabelSets()) });
    // CodeMirror styles itself with <style> elements in a document, which the page's CSP forbids
    // (no inline styles); in a shadow root it uses constructed style sheets, which it allows.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: "open" });
    const parent = document.createElement("div");
    shadow.replaceChildren(parent);
    const editor = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: "",
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          scheme.of(EditorView.darkTheme.of(darkQuery().matches)),
          syntaxHighlighting(DARK_HIGHLIGHT),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          placeholder("Expression, e.g. rate(…[5m]); Ctrl+Enter runs"),
          keymap.of([
            // Running closes the completion list: the answer is what the person looks at next.
            { key: "Mod-Enter", run: (v) => (closeCompletion(v), runRef.current(), true), preventDefault: true },
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            ...completionKeymap,
            ...lintKeymap,
          ]),
          promql.asExtension(),
          EditorView.lineWrapping,
          EDITOR_THEME,
          EditorView.contentAttributes.of({ "aria-label": "PromQL expression", id: ids.editor }),
        ],
      }),
    });
    view.current = editor;
    // The editor follows the system's colour scheme as the page does.
    const media = darkQuery();
    const follow = () => editor.dispatch({ effects: scheme.reconfigure(EditorView.darkTheme.of(media.matches)) });
    media.addEventListener("change", follow);
    return () => {
      media.removeEventListener("change", follow);
      editor.destroy();
    };
  }, [ids.editor]);

  function load(query: string, as?: "table" | "graph") {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: query } });
    if (as) setMode(as);
    run(query, as ?? mode);
  }

  return (
    <div className="query-console">
      <div className="query-editor" ref={host} />
      <div className="query-controls">
        <button type="button" className="button primary" onClick={() => runRef.current()}>
          Execute
        </button>
        <div className="query-tabs" role="tablist" aria-label="Show the answer as">
          {(["table", "graph"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              className={`query-tab${mode === m ? " active" : ""}`}
              onClick={() => {
                setMode(m);
                if (answer) run(answer.query, m);
              }}
            >
              {m === "table" ? "Table" : "Graph"}
            </button>
          ))}
        </div>
        {mode === "graph" && (
          <>
            <label htmlFor={ids.range}>
              Range{" "}
              <select id={ids.range} value={rangeMs} onChange={(e) => setRangeMs(Number(e.target.value))}>
                {RANGES.map((r) => (
                  <option key={r.ms} value={r.ms}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={ids.step}>
              Step{" "}
              <input
                id={ids.step}
                className="query-step"
                inputMode="decimal"
                value={stepInput}
                placeholder={String(defaultStepMs(rangeMs) / 1000)}
                aria-invalid={stepProblem !== null}
                aria-describedby={`${ids.step}-unit`}
                onChange={(e) => setStepInput(e.target.value)}
              />{" "}
              <span id={`${ids.step}-unit`}>s{stepProblem && <span className="query-field-error"> — {stepProblem}; the default is used</span>}</span>
            </label>
          </>
        )}
      </div>
      <div className="query-examples" aria-label="Example queries">
        {examples.map((e) => (
          <button key={e.title} type="button" className="button" title={e.query} onClick={() => load(e.query, e.title.startsWith("p99") || e.title.includes("per second") ? "graph" : undefined)}>
            {e.title}
          </button>
        ))}
        {!examples.some((e) => e.title === "Error ratio") && (
          <span className="query-note">No error ratio: no view of this preset has a status tag (the Python preset's do).</span>
        )}
      </div>
      <AnswerView answer={answer} />
      {ran.length > 0 && (
        <details className="query-history">
          <summary>Queries run ({ran.length})</summary>
          <ul>
            {ran.map((q) => (
              <li key={q}>
                <button type="button" className="query-again" onClick={() => load(q)}>
                  {q}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function AnswerView({ answer }: { answer: Answer | null }) {
  const simulated = usePlayground((s) => s.simulated);
  if (!answer) return <p className="query-meta">Run a query to see what Prometheus would answer over the page's history.</p>;
  if (answer.kind === "error") {
    const { query, start, end } = answer;
    const to = Math.max(end, Math.min(start + 1, query.length));
    return (
      <div className="query-error" role="alert">
        <p>
          Error at character {start + 1}: {answer.message}
        </p>
        <pre className="query-echo">
          {query.slice(0, start)}
          <mark>{query.slice(start, to) || " "}</mark>
          {query.slice(to)}
        </pre>
      </div>
    );
  }
  const { data, tookMs, atMs, range, query } = answer;
  const count = data.resultType === "vector" || data.resultType === "matrix" ? data.result.length : 1;
  return (
    <>
      <p className="query-meta" data-testid="query-meta">
        {data.resultType} · {count} {count === 1 ? "result" : "results"} · evaluated in {tookMs.toFixed(1)} ms ·{" "}
        {(data.stats?.samplesTouched ?? 0).toLocaleString("en-US")} samples touched · at {formatClock(atMs)}
        {range !== null && ` · step ${range.stepMs / 1000} s`}
      </p>
      <p className="query-api">
        The same request to a Prometheus: <code data-testid="query-api">{apiRequest(query, atMs, range)}</code>{" "}
        <button
          type="button"
          className="button"
          onClick={() => downloadText(apiResponse(data), range === null ? "query.json" : "query_range.json", "application/json")}
        >
          Download JSON
        </button>
      </p>
      {answer.mode === "graph" && data.resultType === "matrix" ? <QueryGraph result={data.result} simulated={simulated} /> : <QueryTable data={data} />}
    </>
  );
}
