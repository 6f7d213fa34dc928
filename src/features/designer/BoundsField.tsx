// A distribution candidate's bucket bounds: a free list, or generated linearly, exponentially or
// over an exponential range exactly as client_golang (the engine's generators), with the two
// well-known default layouts to start from.
// Rules: every input is labelled and explains its own problem under it (bounds.ts's messages and
// the engine's); a generator shows the bounds it gives; starting from a default layout or from
// the advisor puts its bounds into the free list, where they can be edited.
import { formatNumber } from "../../components/format";
import { FormField } from "../../components/FormField";
import { DEF_BUCKETS, formatBounds, GENERATOR_PARAMS, type GeneratorKind, OTEL_DEFAULT_BOUNDS } from "./bounds";
import type { BoundsMode, Draft, DraftProblems } from "./draft";

const MODES: readonly { mode: BoundsMode; label: string }[] = [
  { mode: "list", label: "a free list" },
  { mode: "linear", label: "linear: start, width, count" },
  { mode: "exponential", label: "exponential: start, factor, count" },
  { mode: "range", label: "exponential range: min, max, count" },
];

const PARAM_LABELS: Record<string, string> = {
  start: "Start",
  width: "Width",
  factor: "Factor",
  min: "Min",
  max: "Max",
  count: "Count",
};

const PARAM_HINTS: Record<GeneratorKind, Record<string, string>> = {
  linear: { start: "the first bound", width: "> 0, added each time", count: "1–1,000 bounds" },
  exponential: { start: "> 0, the first bound", factor: "> 1, multiplied each time", count: "1–1,000 bounds" },
  range: { min: "> 0, the first bound", max: "> min, the last bound", count: "1–1,000 bounds" },
};

/** "0.005, 0.01, … 10 (11 bounds)": a long layout shortened for a line of text. */
export function summarizeBounds(bounds: readonly number[]): string {
  const shown = bounds.length <= 8 ? bounds.map(formatNumber).join(", ") : `${bounds.slice(0, 4).map(formatNumber).join(", ")}, … ${formatNumber(bounds.at(-1)!)}`;
  return `${shown} (${bounds.length.toLocaleString("en-US")} bound${bounds.length === 1 ? "" : "s"})`;
}

export function BoundsField(props: {
  id: (field: string) => string;
  draft: Draft;
  /** The bounds the draft gives now, or null. */
  bounds: number[] | null;
  problems: DraftProblems;
  onChange: (change: Partial<Draft>) => void;
}) {
  const { draft, problems, id } = props;
  const mode = draft.boundsMode;
  const startFrom = (bounds: readonly number[]) => props.onChange({ boundsMode: "list", boundsText: formatBounds(bounds) });

  return (
    <fieldset className="designer-bounds">
      <legend>Bucket bounds</legend>
      <div className="designer-row">
        <FormField id={id("mode")} label="Bounds from" problem={undefined}>
          {(described) => (
            <select id={id("mode")} value={mode} onChange={(e) => props.onChange({ boundsMode: e.target.value as BoundsMode })} {...described}>
              {MODES.map((m) => (
                <option key={m.mode} value={m.mode}>
                  {m.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className="designer-starts" role="group" aria-label="Start from a default layout">
          <button type="button" className="button" onClick={() => startFrom(DEF_BUCKETS)}>
            client_golang DefBuckets
          </button>
          <button type="button" className="button" onClick={() => startFrom(OTEL_DEFAULT_BOUNDS)}>
            OpenTelemetry defaults
          </button>
        </div>
      </div>
      {mode === "list" ? (
        <FormField
          id={id("bounds")}
          label="Bounds"
          hint="upper bounds, increasing, separated by commas, e.g. 0, 25, 50, 100 (a value v lands in the first bucket with v ≤ bound; +Inf is always added)"
          problem={problems.bounds}
          className="designer-wide"
        >
          {(described) => (
            <textarea
              id={id("bounds")}
              rows={2}
              value={draft.boundsText}
              spellCheck={false}
              onChange={(e) => props.onChange({ boundsText: e.target.value })}
              {...described}
            />
          )}
        </FormField>
      ) : (
        <>
          <div className="designer-row">
            {GENERATOR_PARAMS[mode].map((param) => (
              <FormField
                key={param}
                id={id(`param-${param}`)}
                label={PARAM_LABELS[param]!}
                hint={PARAM_HINTS[mode][param]}
                problem={problems[`param-${param}`]}
                className="designer-param"
              >
                {(described) => (
                  <input
                    id={id(`param-${param}`)}
                    inputMode="decimal"
                    autoComplete="off"
                    spellCheck={false}
                    value={draft.params[mode][param] ?? ""}
                    onChange={(e) => props.onChange({ params: { ...draft.params, [mode]: { ...draft.params[mode], [param]: e.target.value } } })}
                    {...described}
                  />
                )}
              </FormField>
            ))}
          </div>
          {problems.bounds && (
            <p id={id("bounds")} className="field-error" tabIndex={-1}>
              {problems.bounds}
            </p>
          )}
        </>
      )}
      <p className="designer-hint" data-testid="designer-bounds-summary">
        {props.bounds ? `Gives ${summarizeBounds(props.bounds)}, then +Inf.` : "No usable bounds yet."}
      </p>
    </fieldset>
  );
}
