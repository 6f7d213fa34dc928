// One registered view as a card: what the view is, which row is shown, and its data.
// Rules:
// - a <section data-testid="view-card-NAME"> labelled by its title (the view name);
// - the header says the view's description, its definition (aggregation, measure and unit,
//   `describeView`) and its tag keys;
// - no rows yet → a friendly hint instead of numbers and charts;
// - several rows → a "Row" picker; the default, all rows, combines them; a chosen row's
//   labels show as chips; a choice holds only while its row exists in the same collection
//   period (a reset restarts the period), otherwise the card falls back to all rows;
// - past its row limit, the card says how many combinations were seen and merged into the
//   overflow row (OverflowWarning); that row is in the picker like any row, and its exact
//   quantiles are not offered (the log cannot single out the merged combinations);
// - the body by aggregation: DistributionCard, ExponentialCard, or ScalarCard for the rest;
// - the card re-renders only when its own view's data changed (memo on `sameViewData`).

import { memo, useId, useMemo, useState } from "react";
import { describeView, type View, type ViewData } from "../../engine";
import { formatClock, formatCount } from "../../components/format";
import { rowKey } from "../../store";
import { DistributionCard } from "./DistributionCard";
import { ExponentialCard } from "./ExponentialCard";
import { OverflowWarning } from "./OverflowWarning";
import { RowPicker } from "./RowPicker";
import { ScalarCard } from "./ScalarCard";
import { sameViewData } from "./sameViewData";
import { chosenRows, describeRows } from "./summary";
import { TagChips } from "./TagChips";

const AGGREGATION_NAMES = {
  count: "Count",
  sum: "Sum",
  lastValue: "LastValue",
  distribution: "Distribution",
  exponentialHistogram: "ExponentialHistogram",
} as const;

/**
 * The overflow row's stand-in for the log's row filter: "\u0000" is no tag value (tag values are
 * printable ASCII), so the log finds no values and the card shows its estimates alone rather than
 * the exact quantiles of some other row.
 */
const MATCHES_NO_ROW: readonly string[] = ["\u0000"];

/** A row chosen in the picker, remembered with the collection period it was chosen in. */
interface Choice {
  key: string;
  start: number;
}

export const ViewCard = memo(function ViewCard({ data }: { data: ViewData }) {
  const { view, rows, start } = data;
  const titleId = useId();
  const [choice, setChoice] = useState<Choice | null>(null);
  const rowInfos = useMemo(() => describeRows(view, rows, rowKey), [view, rows]);
  const index = choice && choice.start === start ? rowInfos.findIndex((r) => r.key === choice.key) : -1;
  const chosen = index >= 0 ? rowInfos[index]! : null;
  const shown = useMemo(() => chosenRows(rows, index), [rows, index]);
  const rowTags = index < 0 ? null : rows[index]!.overflow ? MATCHES_NO_ROW : rows[index]!.tags;

  return (
    <section className="views-card" aria-labelledby={titleId} data-testid={`view-card-${view.name}`}>
      <CardHeader view={view} titleId={titleId} />
      {data.fromLog && (
        <p className="views-filled" data-testid="filled-from-log">
          Filled from {formatCount(data.fromLog.measurements, "logged measurement")} since {formatClock(data.fromLog.since)}, when the
          view was registered.
        </p>
      )}
      <OverflowWarning data={data} />
      {rows.length > 1 && (
        <div className="views-rowbar">
          <RowPicker
            rows={rowInfos}
            value={chosen?.key ?? null}
            onChange={(key) => setChoice(key === null ? null : { key, start })}
          />
          {chosen && <TagChips pairs={chosen.pairs} />}
        </div>
      )}
      {rows.length === 0 && (
        <p className="views-empty views-empty-data">No data yet — type a line in the REPL or start the simulator.</p>
      )}
      {/* The charts stay mounted while empty: mounting three charts at once when the first data
          arrives (say, at simulator start) would be a long main-thread task. */}
      {view.aggregation.type === "distribution" ? (
        <DistributionCard
          view={view}
          bounds={view.aggregation.bounds}
          rows={shown}
          rowLabel={chosen?.label ?? null}
          rowTags={rowTags}
        />
      ) : view.aggregation.type === "exponentialHistogram" ? (
        <ExponentialCard view={view} rows={shown} rowLabel={chosen?.label ?? null} rowTags={rowTags} />
      ) : (
        <ScalarCard view={view} rows={shown} historyKey={chosen?.key ?? ""} rowLabel={chosen?.label ?? null} />
      )}
    </section>
  );
}, (prev, next) => sameViewData(prev.data, next.data));

function CardHeader({ view, titleId }: { view: View; titleId: string }) {
  return (
    <header className="views-card-header">
      <div className="views-card-titlebar">
        <h3 id={titleId} className="views-card-title">
          {view.name}
        </h3>
        <span className={`views-badge views-badge-${view.aggregation.type}`}>
          {AGGREGATION_NAMES[view.aggregation.type]}
        </span>
      </div>
      {view.description && <p className="views-card-description">{view.description}</p>}
      <p className="views-card-definition">
        <code>{describeView(view)}</code>
      </p>
      <p className="views-card-keys">
        <span className="views-card-keys-label">Tag keys</span>
        {view.tagKeys.length === 0 ? (
          <span className="views-muted">none</span>
        ) : (
          view.tagKeys.map((k) => (
            <code key={k.name} className="views-key">
              {k.name}
            </code>
          ))
        )}
      </p>
    </header>
  );
}
