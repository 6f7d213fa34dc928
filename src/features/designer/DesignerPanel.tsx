// The View designer panel: the views the person designed (registered, or why not) and the
// preset's, and the candidate being designed (CandidateEditor).
// Rules:
// - a new view, an edit of a designed one, or a duplicate of any view (the preset's too: preset
//   views themselves are not edited) opens a candidate; opening another replaces it (a candidate
//   is not recorded data: Discard asks nothing either);
// - Delete of a designed view asks first (its data goes with it): the confirmation opens with
//   focus on Cancel, Escape cancels, focus returns to the Delete button, and after a delete it
//   moves to the next view's Delete button, else the previous one's, else New view — never
//   <body>;
// - after Apply, the status line says what the engine filled the view with, and focus goes to
//   the view's Edit button; after Discard, back to the button that opened the candidate;
// - a designed view that is not registered (its measure missing, a name the preset took) is
//   listed with the reason, and can still be edited or deleted.
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { describeView } from "../../engine";
import { Confirmation } from "../../components/ConfirmButton";
import { formatClock, formatCount } from "../../components/format";
import { Panel } from "../../components/Panel";
import { type DesignInfo, type StoredDesign, usePlayground } from "../../store";
import { OTEL_DEFAULT_BOUNDS } from "./bounds";
import { type Candidate, CandidateEditor } from "./CandidateEditor";
import { DEFAULT_PARAMS, type Draft, draftOf, exponentialText, rowLimitText } from "./draft";
import "./designer.css";

const AGGREGATION_NAMES = { count: "count", sum: "sum", lastValue: "last value", distribution: "distribution", exponentialHistogram: "exponential histogram" } as const;

/** "distribution (15 bounds) of repl/latency by method". */
export function describeDesign(d: StoredDesign): string {
  const agg =
    d.aggregation === "distribution"
      ? `distribution (${d.bounds.length} bound${d.bounds.length === 1 ? "" : "s"})`
      : d.aggregation === "exponentialHistogram" && d.exponential
        ? `exponential histogram (at most ${d.exponential.maxBuckets} buckets per sign, from scale ${d.exponential.maxScale})`
        : AGGREGATION_NAMES[d.aggregation];
  return `${agg} of ${d.measure}${d.tagKeys.length ? ` by ${d.tagKeys.join(", ")}` : ""}`;
}

export function DesignerPanel() {
  const designs = usePlayground((s) => s.designs);
  const presetId = usePlayground((s) => s.presetId);
  const measures = usePlayground((s) => s.measures);
  const stats = usePlayground((s) => s.stats);
  const duplicateDraft = usePlayground((s) => s.duplicateDraft);
  const deleteDesign = usePlayground((s) => s.deleteDesign);
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const [status, setStatus] = useState("");
  const [asking, setAsking] = useState<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  /** The button that opened the candidate, for focus after Discard. */
  const opener = useRef<HTMLElement | null>(null);
  const deleteButtons = useRef(new Map<string, HTMLButtonElement>());
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const deleteOpener = useRef<HTMLButtonElement | null>(null);
  /** Where focus goes once the list has rendered after a delete or an apply. */
  const focusNext = useRef<(() => HTMLElement | null | undefined) | null>(null);
  const nextKey = useRef(0);

  const presetViews = useMemo(
    () => stats.views().filter((view) => !designs.some((d) => d.name === view.name)),
    // The preset's views change with the preset; the registered designs with the designs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stats, designs, presetId],
  );

  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    (target() ?? newButton.current)?.focus();
  }, [designs, candidate]);

  function open(c: Omit<Candidate, "key">, from: HTMLElement) {
    opener.current = from;
    setStatus("");
    setCandidate({ ...c, key: ++nextKey.current });
  }

  function newDraft(): Draft {
    const taken = new Set([...designs.map((d) => d.name), ...stats.views().map((v) => v.name)]);
    let name = "my_view";
    for (let i = 2; taken.has(name); i++) name = `my_view_${i}`;
    return {
      name,
      description: "",
      measure: measures[0]?.name ?? "",
      aggregation: "distribution",
      tagKeys: [],
      boundsMode: "list",
      boundsText: OTEL_DEFAULT_BOUNDS.join(", "),
      params: structuredClone(DEFAULT_PARAMS),
      exponential: exponentialText(),
      rowLimit: rowLimitText(),
    };
  }

  function duplicate(name: string, from: HTMLElement) {
    const copy = duplicateDraft(name);
    if (!copy) return;
    const source = designs.find((d) => d.name === name) ?? { ...copy, name };
    open({ title: `Duplicate of ${name}`, draft: draftOf(copy), editing: null, baseline: source }, from);
  }

  function applied(design: DesignInfo) {
    const data = stats.viewData(design.name);
    const filled = data?.fromLog
      ? ` It was filled from ${formatCount(data.fromLog.measurements, "logged measurement")} since ${formatClock(data.fromLog.since)}.`
      : design.registered
        ? " Nothing of its measure is logged yet."
        : "";
    setStatus(`Applied view “${design.name}”: ${describeDesign(design)}.${design.registered ? filled : ` Not registered: ${design.problem}`}`);
    focusNext.current = () => editButtons.current.get(design.name);
    setCandidate(null);
  }

  function confirmDelete(index: number) {
    const d = designs[index]!;
    deleteDesign(d.name);
    setAsking(null);
    setStatus(`Deleted view “${d.name}”.`);
    // The candidate editing it now makes a new view, if applied.
    setCandidate((c) => (c && c.editing === d.name ? { ...c, editing: null, baseline: null, title: `New view (${d.name} was deleted)` } : c));
    const next = designs[index + 1]?.name ?? designs[index - 1]?.name;
    focusNext.current = () => (next === undefined ? newButton.current : deleteButtons.current.get(next));
  }

  return (
    <Panel
      title="View designer"
      className="designer-panel"
      actions={
        <button
          ref={newButton}
          type="button"
          className="button"
          onClick={(e) => open({ title: "New view", draft: newDraft(), editing: null, baseline: null }, e.currentTarget)}
        >
          New view
        </button>
      }
    >
      <p className="designer-hint">
        Design views of any measure: they are registered beside the preset’s (cards, exposition, lint, push), filled at once from
        the measurement log, kept across a preset switch, a reset and a reload. See what a choice costs before applying it.
      </p>
      <h3 className="designer-list-title">Your views</h3>
      {designs.length === 0 ? (
        <p className="designer-hint">None yet: start a New view, or duplicate one of the preset’s below.</p>
      ) : (
        <ul className="entry-list" aria-label="Your views">
          {designs.map((d, i) => (
            <li key={d.name} className="entry" data-testid={`design-${d.name}`}>
              <div className="entry-head">
                <code className="entry-name">{d.name}</code>
                <span className={`designer-badge ${d.registered ? "" : "designer-badge-off"}`}>{d.registered ? "registered" : "not registered"}</span>
                <span className="designer-buttons">
                  <button
                    type="button"
                    className="button quiet"
                    aria-label={`Edit view ${d.name}`}
                    ref={(el) => {
                      if (el) editButtons.current.set(d.name, el);
                      else editButtons.current.delete(d.name);
                    }}
                    onClick={(e) => open({ title: `Edit ${d.name}`, draft: draftOf(d), editing: d.name, baseline: d }, e.currentTarget)}
                  >
                    Edit
                  </button>
                  <button type="button" className="button quiet" aria-label={`Duplicate view ${d.name}`} onClick={(e) => duplicate(d.name, e.currentTarget)}>
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="button quiet"
                    aria-label={`Delete view ${d.name}`}
                    aria-expanded={asking === d.name}
                    ref={(el) => {
                      if (el) deleteButtons.current.set(d.name, el);
                      else deleteButtons.current.delete(d.name);
                    }}
                    onClick={(e) => {
                      deleteOpener.current = e.currentTarget;
                      setAsking(d.name);
                    }}
                  >
                    Delete
                  </button>
                </span>
              </div>
              <p className="entry-note">{describeDesign(d)}</p>
              {!d.registered && <p className="entry-problem">Not registered: {d.problem}</p>}
              {asking === d.name && (
                <Confirmation
                  question={`Delete view “${d.name}”? Its recorded data goes with it.`}
                  confirmLabel="Delete"
                  opener={deleteOpener}
                  onCancel={() => setAsking(null)}
                  onConfirm={() => confirmDelete(i)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 className="designer-list-title">The preset’s views</h3>
      {/* No label of its own: the heading says it, and "preset" is the Preset select's label. */}
      <ul className="entry-list">
        {presetViews.map((view) => (
          <li key={view.name} className="entry" data-testid={`preset-view-${view.name}`}>
            <div className="entry-head">
              <code className="entry-name">{view.name}</code>
              <span className="designer-buttons">
                <button type="button" className="button quiet" aria-label={`Duplicate view ${view.name}`} onClick={(e) => duplicate(view.name, e.currentTarget)}>
                  Duplicate
                </button>
              </span>
            </div>
            <p className="entry-note">{describeView(view)}</p>
          </li>
        ))}
      </ul>
      {candidate && (
        <CandidateEditor
          key={candidate.key}
          candidate={candidate}
          onApplied={applied}
          onDiscard={() => {
            setCandidate(null);
            setStatus("Discarded the candidate; nothing was applied.");
            const from = opener.current;
            focusNext.current = () => (from?.isConnected ? from : newButton.current);
          }}
        />
      )}
      <p className="designer-status" role="status" aria-label="Designer status">
        {status}
      </p>
    </Panel>
  );
}
