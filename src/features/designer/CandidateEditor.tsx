// The candidate view being designed: its fields, what it costs, how accurate its estimates are,
// the current layout beside it when a distribution is edited, the bucket advisor, and Apply or
// Discard.
// Rules:
// - a native form with labelled fields: Tab moves between them, Enter in a one-line field applies
//   (except in New tag key, target quantiles and the advisor's Buckets, where Enter does that
//   field's own thing); every field says its problem under itself as soon as it has one (the
//   engine's messages and the bounds parser's), and Apply with a problem applies nothing and
//   moves focus to the first field concerned;
// - nothing is registered before Apply; Discard drops the candidate and asks nothing (nothing
//   recorded is lost: the candidate only existed here);
// - the figures (rows, series, bytes, accuracy, compare) follow the candidate as it is typed,
//   computed off the main thread but for one pass over the log (useCosts.ts);
// - an exponential histogram (a native histogram when exposed) has its own three options; the
//   text formats leave it out, so no text bytes are shown for it (the cost summary says why),
//   and the accuracy table and the bucket advisor, which are about fixed bounds, say that its
//   card compares its estimates with the exact quantiles instead;
// - the row limit (OpenTelemetry's cardinality limit, default 2,000) is a field with its unit,
//   "rows", beside it; the rows, series and bytes are those of the view with its limit (past it,
//   rowLimit − 1 rows and the overflow row).
import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { FormField } from "../../components/FormField";
import { TitledForm } from "../../components/TitledForm";
import { type AggregationType, DEFAULT_ROW_LIMIT, type MeasureType } from "../../engine";
import {
  type DesignInfo,
  type Logged,
  type PreviewView,
  rowsOf,
  type Rows,
  rowsWithin,
  seriesCount,
  type StoredDesign,
  usePlayground,
} from "../../store";
import { Advisor } from "./Advisor";
import { formatBounds } from "./bounds";
import { BoundsField } from "./BoundsField";
import { Compare } from "./Compare";
import { AccuracyTable, CostSummary } from "./Costs";
import { type Draft, draftProblems, firstProblem } from "./draft";
import { ExponentialFields } from "./ExponentialFields";
import { DEFAULT_TARGETS, parseTargets } from "./quantiles";
import { TagKeysField } from "./TagKeysField";
import { type Layout, useAccuracy, useLogged, usePreview } from "./useCosts";

/** A candidate opened in the designer. */
export interface Candidate {
  /** Changes whenever another candidate is opened (the editor starts afresh). */
  key: number;
  title: string;
  draft: Draft;
  /** The design Apply replaces (edit), or null (a new one). */
  editing: string | null;
  /** The view whose layout the candidate is compared with (edited or duplicated), or null. */
  baseline: StoredDesign | null;
}

// The designer offers every aggregation (store/designs.ts AGGREGATIONS); the labels are what the
// select shows (tests choose "Exponential histogram (native)" by this label).
const AGGREGATION_LABELS: Record<AggregationType, string> = {
  count: "Count (how many measurements)",
  sum: "Sum (their total)",
  lastValue: "Last value (a gauge)",
  distribution: "Distribution (a histogram)",
  exponentialHistogram: "Exponential histogram (native)",
};

function previewViewOf(d: StoredDesign, measure: { name: string; description: string; unit: string; type: MeasureType }, rows: Rows): PreviewView {
  return {
    name: d.name,
    description: d.description,
    measure: { name: measure.name, description: measure.description, unit: measure.unit, type: measure.type },
    aggregation: d.aggregation,
    bounds: d.bounds,
    tagKeys: d.tagKeys,
    rowOfSet: rows.rowOfSet,
    rows: rows.rows,
    rowLimit: d.rowLimit,
  };
}

export function CandidateEditor(props: { candidate: Candidate; onApplied: (design: DesignInfo) => void; onDiscard: () => void }) {
  const { candidate } = props;
  const { editing, baseline } = candidate;
  const id = useId();
  const fid = (field: string) => `${id}-${field}`;
  const [draft, setDraft] = useState<Draft>(candidate.draft);
  const [targetsText, setTargetsText] = useState(DEFAULT_TARGETS.join(", "));
  const [notice, setNotice] = useState("");

  const measures = usePlayground((s) => s.measures);
  const designs = usePlayground((s) => s.designs);
  const presetId = usePlayground((s) => s.presetId);
  const stats = usePlayground((s) => s.stats);
  const checkDesign = usePlayground((s) => s.checkDesign);
  const applyDesign = usePlayground((s) => s.applyDesign);
  const format = usePlayground((s) => s.format);
  const naming = usePlayground((s) => s.naming);
  const namespace = usePlayground((s) => s.namespace);
  const exposition = useMemo(() => ({ format, naming, namespace }), [format, naming, namespace]);

  // The registered views change with the designs and the preset: check again when they do.
  const checked = useMemo(
    () => draftProblems(draft, (d) => checkDesign(d, editing)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draft, checkDesign, editing, designs, presetId],
  );
  const { problems, bounds, design } = checked;
  const blocked = Object.keys(problems).length > 0;
  // What the figures cannot be computed without; a name or description problem does not stop
  // them (a clash is no clash in the preview's scratch engine; a bad name is the preview's error).
  const previewBlocked = (Object.keys(problems) as (keyof typeof problems)[]).some((f) => f !== "name" && f !== "description");
  const edit = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setNotice("");
  };

  const measure = measures.find((m) => m.name === draft.measure);
  const logged: Logged | null = useLogged(measure ? draft.measure : "");
  const rows = useMemo(() => (logged ? rowsOf(logged, draft.tagKeys) : null), [logged, draft.tagKeys]);
  const isDistribution = draft.aggregation === "distribution";
  const isExponential = draft.aggregation === "exponentialHistogram";
  const combinations = rows?.rows.length ?? 0;
  const rowLimit = design.rowLimit ?? DEFAULT_ROW_LIMIT;
  const rowCount = rowsWithin(combinations, rowLimit);
  const series = isDistribution ? (bounds ? seriesCount("distribution", bounds, rowCount) : null) : seriesCount(draft.aggregation, [], rowCount);

  // Compare with the current layout: both distributions, on the same measure's values.
  const comparing = isDistribution && baseline !== null && baseline.aggregation === "distribution" && baseline.measure === draft.measure;
  const baselineRows = useMemo(() => (logged && comparing ? rowsOf(logged, baseline.tagKeys) : null), [logged, comparing, baseline]);

  const previewViews = useMemo<PreviewView[] | null>(() => {
    // The text formats leave an exponential histogram out: there are no text bytes to replay.
    if (previewBlocked || isExponential || !measure || !rows) return null;
    const views = [previewViewOf(design, measure, rows)];
    if (comparing && baselineRows) views.push(previewViewOf(baseline, measure, baselineRows));
    return views;
  }, [previewBlocked, isExponential, measure, rows, design, comparing, baselineRows, baseline]);
  const preview = usePreview(logged, previewViews, exposition);

  const targets = parseTargets(targetsText);
  const layoutsKey = JSON.stringify([bounds, comparing ? baseline.bounds : null]);
  const layouts = useMemo<Layout[]>(() => {
    const [candidateBounds, current] = JSON.parse(layoutsKey) as [number[] | null, number[] | null];
    return [...(candidateBounds ? [{ name: "candidate", bounds: candidateBounds }] : []), ...(current ? [{ name: "current", bounds: current }] : [])];
  }, [layoutsKey]);
  const accuracy = useAccuracy(isDistribution && bounds ? logged : null, targets.ok ? targets.value : null, layouts);

  const knownKeys = useMemo(() => {
    const keys = new Set(logged?.keys ?? []);
    for (const view of stats.views()) for (const k of view.tagKeys) keys.add(k.name);
    return [...keys];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logged, stats, designs, presetId]);

  function apply() {
    if (blocked) {
      setNotice("Not applied: fix the marked fields first.");
      const first = firstProblem(problems);
      if (first) document.getElementById(fid(first))?.focus();
      return;
    }
    const result = applyDesign(design, editing);
    if (!result.ok) {
      // The live check said nothing, so the store changed meanwhile: say it where it belongs.
      setNotice(`Not applied: ${Object.values(result.problems).join("; ")}`);
      return;
    }
    props.onApplied(result.design);
  }

  const unit = measure && draft.aggregation !== "count" ? measure.unit : "";
  /** Enter in a field that is not the form's: do `then` (or nothing), never Apply. */
  const ownEnter = (then?: () => void) => (e: KeyboardEvent) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    then?.();
  };

  return (
    <TitledForm title={candidate.title} className="designer-editor" testId="designer-candidate" onSubmit={apply}>
      <div className="designer-row">
        <FormField id={fid("name")} label="Name" hint="1–255 printable ASCII characters, not a registered view’s" problem={problems.name}>
          {(described) => (
            <input
              id={fid("name")}
              value={draft.name}
              spellCheck={false}
              autoComplete="off"
              autoFocus
              onChange={(e) => edit({ name: e.target.value })}
              {...described}
            />
          )}
        </FormField>
        <FormField id={fid("description")} label="Description" hint="optional, one line; empty takes the measure’s" problem={problems.description}>
          {(described) => (
            <input id={fid("description")} value={draft.description} autoComplete="off" onChange={(e) => edit({ description: e.target.value })} {...described} />
          )}
        </FormField>
        <FormField id={fid("measure")} label="Measure" problem={problems.measure}>
          {(described) => (
            <select id={fid("measure")} value={draft.measure} onChange={(e) => edit({ measure: e.target.value })} {...described}>
              {!measure && <option value={draft.measure}>{draft.measure === "" ? "(choose a measure)" : `${draft.measure} (missing)`}</option>}
              {measures.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} ({m.unit || "no unit"}{m.preset ? ", the preset’s" : ""})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fid("aggregation")} label="Aggregation" problem={problems.aggregation}>
          {(described) => (
            <select
              id={fid("aggregation")}
              value={draft.aggregation}
              onChange={(e) => edit({ aggregation: e.target.value as AggregationType })}
              {...described}
            >
              {(Object.keys(AGGREGATION_LABELS) as AggregationType[]).map((a) => (
                <option key={a} value={a}>
                  {AGGREGATION_LABELS[a]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <TagKeysField id={fid("tagKeys")} chosen={draft.tagKeys} known={knownKeys} problem={problems.tagKeys} onChange={(tagKeys) => edit({ tagKeys })} />
      <FormField
        id={fid("rowLimit")}
        label="Row limit"
        hint={`at most this many rows, the overflow row included: a whole number ≥ 1 (2,000 by default, OpenTelemetry’s); past it, new tag combinations are merged into one row tagged otel_metric_overflow="true"`}
        problem={problems.rowLimit}
        className="designer-option"
      >
        {(described) => (
          <span className="number-field-box">
            <input
              id={fid("rowLimit")}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={draft.rowLimit}
              onChange={(e) => edit({ rowLimit: e.target.value })}
              {...described}
            />
            <span className="number-field-unit" aria-hidden="true">
              rows
            </span>
          </span>
        )}
      </FormField>
      {isDistribution && <BoundsField id={fid} draft={draft} bounds={bounds} problems={problems} onChange={edit} />}
      {isExponential && <ExponentialFields id={fid} draft={draft} problems={problems} unit={measure?.unit ?? ""} onChange={edit} />}

      <section className="designer-before" aria-labelledby={`${id}-costs`}>
        <h4 id={`${id}-costs`}>Before you apply</h4>
        <CostSummary
          logged={logged}
          tagKeys={draft.tagKeys}
          rows={rowCount}
          combinations={combinations}
          rowLimit={rowLimit}
          series={series}
          aggregation={draft.aggregation}
          buckets={bounds ? bounds.length + 1 : null}
          preview={preview}
          exposition={exposition}
          blocked={previewBlocked}
        />
        {isDistribution ? (
          <>
            <FormField
              id={fid("targets")}
              label="Target quantiles"
              hint="strictly between 0 and 1, e.g. 0.5, 0.9, 0.99 (the advisor aims at them too)"
              problem={targets.ok ? undefined : targets.problem}
            >
              {(described) => (
                <input
                  id={fid("targets")}
                  value={targetsText}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => setTargetsText(e.target.value)}
                  onKeyDown={ownEnter()}
                  {...described}
                />
              )}
            </FormField>
            {!bounds ? (
              <p className="designer-hint">The accuracy shows once the bounds are usable.</p>
            ) : !logged || logged.values.length === 0 ? (
              <p className="designer-hint">No logged values of {draft.measure || "this measure"} yet: record some (e.g. :gen) to see how accurate these bounds are.</p>
            ) : targets.ok ? (
              <AccuracyTable
                label="The candidate's estimates against the exact quantiles"
                testId="accuracy"
                targets={targets.value}
                answer={accuracy}
                layout="candidate"
                unit={unit}
              />
            ) : null}
          </>
        ) : isExponential ? (
          <p className="designer-hint" data-testid="exponential-accuracy-note">
            The accuracy table and the bucket advisor are for a distribution’s fixed bounds. An exponential histogram chooses its
            buckets from the values (at most Max buckets per sign, the scale going down as needed), so its relative error is bounded
            by its scale rather than by bounds you pick: once applied, its card shows its p50, p90 and p99 against the exact
            quantiles of the log, and against a distribution view of the same measure if there is one.
          </p>
        ) : (
          <p className="designer-hint">A {draft.aggregation === "lastValue" ? "last value" : draft.aggregation} is exact: nothing is estimated.</p>
        )}
      </section>

      {comparing && bounds && targets.ok && (
        <Compare
          currentName={baseline.name}
          currentBounds={baseline.bounds}
          candidateBounds={bounds}
          targets={targets.value}
          accuracy={accuracy}
          preview={preview}
          unit={unit}
        />
      )}
      {isDistribution && baseline !== null && !comparing && baseline.aggregation === "distribution" && (
        <p className="designer-hint">The current layout is compared on its own measure’s values: choose {baseline.measure} to see it beside the candidate.</p>
      )}

      {isDistribution && (
        <Advisor
          logged={logged}
          targets={targets.ok ? targets.value : null}
          candidate={bounds}
          onUse={(chosen, from) => {
            edit({ boundsMode: "list", boundsText: formatBounds(chosen) });
            setNotice(`The candidate’s bounds are now ${from}’s (${chosen.length} bounds).`);
          }}
        />
      )}

      <div className="designer-actions">
        <button type="submit" className="button primary">
          Apply
        </button>
        <button type="button" className="button" onClick={props.onDiscard}>
          Discard
        </button>
        <span className="designer-notice" role="status" aria-label="Candidate status">
          {notice}
        </span>
      </div>
    </TitledForm>
  );
}
