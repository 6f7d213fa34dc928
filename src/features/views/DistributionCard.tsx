// The body of a Distribution view's card: its numbers and a bar chart of its buckets.
// Rules: bars are per-bucket counts (NOT cumulative), one bar per bucket, labelled with its
// range (`≤0`, `0–25`, …, `>6,000`; buckets are upper-inclusive); count, sum, mean, min, max and
// the p50/p90/p99 estimates of PromQL's histogram_quantile sit in a <dl>; a NaN estimate shows
// "—" with a title saying there is no data; an estimate outside what was observed is said in
// words under the numbers, where it happens (quantileNotes); the chart is a role="img" with a
// summary label.
// Beside the estimates, the exact quantiles of the logged values of the same rows (useExact) and
// each estimate's relative error; the exact min and max with the buckets that hold them; and
// over how many logged values, against how many the view counted.
// The numbers follow every data version; the bars redraw at most every CHART_UPDATE_MS.
// Under the chart, the buckets' exemplars (ExemplarList): a bar or a button chooses a bucket.

import { memo, useMemo, useState } from "react";
import { type Row, type View } from "../../engine";
import { bucketLabels, bucketRangeText } from "../../components/bucketLabels";
import { CHART_UPDATE_MS } from "../../components/chartStyle";
import { formatCount, formatNumber, formatValue, unitSuffix } from "../../components/format";
import { QuantileTable } from "../../components/QuantileTable";
import type { BucketPoint } from "./HistogramChart";

import { estimateRows } from "./estimateRows";
import { BucketFigure } from "./BucketFigure";
import { MomentStats, Stat } from "./Stat";
import { inOverflow, QUANTILES, quantileNotes, summarizeDistribution } from "./summary";
import { useThrottled } from "../../components/useThrottled";
import { unitOf } from "../../store";
import { type Exact, useExact } from "./useExact";
import { ExemplarList } from "./ExemplarList";
import { bucketExemplars } from "./exemplars";


export const DistributionCard = memo(function DistributionCard(props: {
  view: View;
  bounds: readonly number[];
  /** The rows to show, combined: one chosen row or all of them. */
  rows: readonly Row[];
  /** The chosen row's label, or null for all rows. */
  rowLabel: string | null;
  /** The chosen row's tag values (the view's key order), or null for all rows. */
  rowTags: readonly string[] | null;
}) {
  const { view, bounds, rows, rowLabel, rowTags } = props;
  const exact = useExact(view, rowTags);
  const unit = unitOf(view);
  const suffix = unitSuffix(unit);
  const labels = useMemo(() => bucketLabels(bounds), [bounds]);
  const summary = useMemo(() => summarizeDistribution(bounds, rows), [bounds, rows]);
  const notes = useMemo(() => quantileNotes(bounds, summary, unit), [bounds, summary, unit]);
  const points = useMemo<BucketPoint[]>(
    () =>
      labels.map((label, i) => ({
        label,
        range: bucketRangeText(bounds, i) + (suffix ? ` ${suffix}` : ""),
        count: summary.bucketCounts[i] ?? 0,
      })),
    [labels, bounds, suffix, summary],
  );
  // Redrawing a Recharts chart costs far more than the numbers: at most ~5 times a second.
  const chartPoints = useThrottled(points, CHART_UPDATE_MS);
  const byBucket = useMemo(() => bucketExemplars(rows, bounds.length + 1), [rows, bounds]);
  const [selected, setSelected] = useState<number | null>(null);

  const chartLabel = `Histogram of ${view.name}${rowLabel ? ` (${rowLabel})` : ""}: ${formatCount(summary.count, "observation")}`;

  return (
    <>
      <dl className="views-stats">
        <MomentStats summary={summary} unit={unit} />
        {QUANTILES.map(({ name, q }) => {
          const v = summary.quantiles[name];
          const title = Number.isNaN(v)
            ? "No data: a quantile needs at least one observation"
            : inOverflow(summary.bucketCounts, summary.count, q)
              ? `Estimated as PromQL histogram_quantile(${q}) does. It falls in the overflow bucket, so the true value is above ${formatValue(v, unit)}.`
              : `Estimated from the buckets as PromQL histogram_quantile(${q}) does`;
          return <Stat key={name} name={name} value={formatValue(v, unit)} raw={v} title={title} />;
        })}
      </dl>
      <ExactTable exact={exact} summary={summary} bounds={bounds} unit={unit} />
      {notes.length > 0 && (
        <ul className="views-notes" aria-label="About these estimates">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <BucketFigure
        label={chartLabel}
        points={chartPoints}
        caption={<>Observations per bucket{suffix ? ` (${suffix})` : ""}, not cumulative</>}
        onSelect={setSelected}
      />
      <ExemplarList viewName={view.name} bounds={bounds} unit={unit} byBucket={byBucket} selected={selected} onSelect={setSelected} />
    </>
  );
});

/** The bucket of `bounds` that holds v (upper-inclusive), as its range text. */
function bucketOf(bounds: readonly number[], v: number): string {
  let i = 0;
  while (i < bounds.length && v > bounds[i]!) i++;
  return bucketRangeText(bounds, i);
}

function ExactTable(props: {
  exact: Exact | null;
  summary: ReturnType<typeof summarizeDistribution>;
  bounds: readonly number[];
  unit: string;
}) {
  const { exact, summary, bounds, unit } = props;
  if (summary.count === 0) return null;
  const suffix = unitSuffix(unit);
  const bucket = (v: number) => `${bucketOf(bounds, v)}${suffix ? ` ${suffix}` : ""}`;
  const rows = estimateRows(summary.quantiles, exact, unit);
  return (
    <div className="views-exact">
      <QuantileTable label="Estimated against exact quantiles" rows={rows} />
      <p className="views-exact-caption">
        {exact
          ? `Exact over the ${formatCount(exact.count, "logged value")}${exact.count < summary.count ? ` of the ${formatNumber(summary.count)} the view counted (the log keeps the latest)` : ""}. `
          : "Exact values from the measurement log… "}
        Min {formatValue(summary.min, unit)} is in bucket {bucket(summary.min)}; max {formatValue(summary.max, unit)} is in bucket{" "}
        {bucket(summary.max)}.
      </p>
    </div>
  );
}
