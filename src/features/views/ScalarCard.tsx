// The body of a Count, Sum or LastValue view's card: the value in large type and a line of
// its recent history.
// Rules: Count and Sum are cumulative, so the line is their per-second rate, and the number
// beside it the latest point of that line: both are PromQL's `rate(x[10s])` over the 1-second
// samples (the store's `rates`), and both say so; LastValue is a gauge, so the line is its values. History is one sample a second for the last minutes; a row gets
// history from the first sample after it appeared. The value sits in a <dd
// data-testid="scalar-value">; the chart is a role="img" whose label says what it shows.
// Only this part of a card follows the history, so a history tick re-renders nothing else.

import { lazy, memo, Suspense, useCallback, useMemo } from "react";
import { type Row, type View } from "../../engine";
import { type HistorySample, type PlaygroundState, RATE_WINDOW_MS, rates, unitOf, usePlaygroundInTransition, values } from "../../store";
import { CHART_HEIGHT } from "../../components/chartStyle";
import { formatRate, formatValue } from "../../components/format";
import { useThrottled } from "../../components/useThrottled";

import { Stat } from "./Stat";
import { scalarValue } from "./summary";

// Recharts is a chunk of its own: the cards show their numbers first, the chart when it has loaded.
const HistoryChart = lazy(() => import("./HistoryChart").then((m) => ({ default: m.HistoryChart })));

const NO_SAMPLES: readonly HistorySample[] = [];

function spanText(points: readonly { t: number }[]): string {
  if (points.length < 2) return "";
  const s = Math.round((points[points.length - 1]!.t - points[0]!.t) / 1000);
  return s < 120 ? `${s} seconds` : `${Math.round(s / 60)} minutes`;
}

export const ScalarCard = memo(function ScalarCard(props: {
  view: View;
  /** The rows to show, combined: one chosen row or all of them. */
  rows: readonly Row[];
  /** The store's history key: "" for all rows, else the chosen row's key. */
  historyKey: string;
  rowLabel: string | null;
}) {
  const { view, rows, historyKey, rowLabel } = props;
  const type = view.aggregation.type;
  const isGauge = type === "lastValue";
  const unit = unitOf(view);
  // The history changes every second: followed in a transition (usePlaygroundInTransition).
  const samples = usePlaygroundInTransition(useCallback((s: PlaygroundState) => s.history.get(view.name), [view.name])) ?? NO_SAMPLES;
  const value = useMemo(() => scalarValue(view, rows), [view, rows]);
  const points = useMemo(
    () => (isGauge ? values(samples, historyKey) : rates(samples, historyKey)).map((p) => ({ t: p.t, value: p.v })),
    [samples, historyKey, isGauge],
  );
  // Drawn in turn with the other charts (useThrottled: one chart redraw per animation frame).
  const chartPoints = useThrottled(points, 0);
  const tracked = historyKey === "" || samples.some((s) => s.rows.has(historyKey));
  const latest = points[points.length - 1];
  const formatPoint = (v: number) => (isGauge ? formatValue(v, unit) : formatRate(v, unit));

  const windowText = `${RATE_WINDOW_MS / 1000} s`;
  const what = isGauge ? `Values of ${view.name}` : `Per-second rate of ${view.name} over ${windowText} windows`;
  const chartLabel = `${what}${rowLabel ? ` (${rowLabel})` : ""} over the last ${spanText(points)}${
    latest ? `: now ${formatPoint(latest.value)}` : ""
  }`;

  return (
    <>
      <dl className="views-stats views-stats-scalar">
        <Stat name={isGauge ? "last value" : type} value={formatValue(value, unit)} raw={value} big />
        {!isGauge && (
          <Stat
            name={`rate over ${windowText}`}
            value={latest && tracked ? formatRate(latest.value, unit) : "—"}
            raw={latest && tracked ? latest.value : undefined}
            title={`Per second over the last ${windowText}, as PromQL rate(…[${RATE_WINDOW_MS / 1000}s]) computes it from the 1-second samples`}
          />
        )}
      </dl>
      <figure className="views-figure">
        {points.length < 2 || !tracked ? (
          <p className="views-chart views-chart-waiting" style={{ height: CHART_HEIGHT }}>
            {tracked
              ? "Collecting per-second samples…"
              : "No history for this row yet: samples are taken once a second."}
          </p>
        ) : (
          <div className="views-chart" role="img" aria-label={chartLabel}>
            <Suspense fallback={null}>
            <HistoryChart points={chartPoints} kind={isGauge ? "value" : "rate"} unit={unit} />
          </Suspense>
          </div>
        )}
        <figcaption className="views-caption">
          {isGauge ? "Value, one sample a second" : `Rate per second: rate(…[${RATE_WINDOW_MS / 1000}s]) at each 1-second sample`}
        </figcaption>
      </figure>
    </>
  );
});
