// The body of a Distribution view's card: its numbers and a bar chart of its buckets.
// Rules: bars are per-bucket counts (NOT cumulative), one bar per bucket, labelled with its
// range (`≤0`, `0–25`, …, `>6,000`; buckets are upper-inclusive); count, sum, mean, min, max and
// the p50/p90/p99 estimates of PromQL's histogram_quantile sit in a <dl>; a NaN estimate shows
// "—" with a title saying there is no data; an estimate outside what was observed is said in
// words under the numbers, where it happens (quantileNotes); the chart is a role="img" with a
// summary label.
// The numbers follow every data version; the bars redraw at most every CHART_UPDATE_MS.

import { memo, useMemo } from "react";
import { type Row, type View } from "../../engine";
import { bucketLabels, bucketRangeText } from "./bucketLabels";
import { CHART_UPDATE_MS } from "./chartStyle";
import { formatCount, formatNumber, formatValue, unitSuffix } from "../../components/format";
import { type BucketPoint, HistogramChart } from "./HistogramChart";
import { Stat } from "./Stat";
import { inOverflow, QUANTILES, quantileNotes, summarizeDistribution } from "./summary";
import { useThrottled } from "../../components/useThrottled";
import { unitOf } from "../../store";

export const DistributionCard = memo(function DistributionCard(props: {
  view: View;
  bounds: readonly number[];
  /** The rows to show, combined: one chosen row or all of them. */
  rows: readonly Row[];
  /** The chosen row's label, or null for all rows. */
  rowLabel: string | null;
}) {
  const { view, bounds, rows, rowLabel } = props;
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

  const chartLabel = `Histogram of ${view.name}${rowLabel ? ` (${rowLabel})` : ""}: ${formatCount(summary.count, "observation")}`;

  return (
    <>
      <dl className="views-stats">
        <Stat name="count" value={formatNumber(summary.count)} raw={summary.count} />
        <Stat name="sum" value={formatValue(summary.sum, unit)} raw={summary.sum} />
        <Stat name="mean" value={formatValue(summary.mean, unit)} raw={summary.mean} />
        <Stat name="min" value={formatValue(summary.min, unit)} raw={summary.min} />
        <Stat name="max" value={formatValue(summary.max, unit)} raw={summary.max} />
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
      {notes.length > 0 && (
        <ul className="views-notes" aria-label="About these estimates">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <figure className="views-figure">
        <div className="views-chart" role="img" aria-label={chartLabel}>
          <HistogramChart points={chartPoints} />
        </div>
        <figcaption className="views-caption">
          Observations per bucket{suffix ? ` (${suffix})` : ""}, not cumulative
        </figcaption>
      </figure>
    </>
  );
});
