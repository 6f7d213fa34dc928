// The body of an ExponentialHistogram view's card: its numbers, its estimates against the exact
// quantiles, how they compare with a classic distribution of the same measure, and a bar chart of
// its buckets.
// Rules:
// - count, sum, mean, min, max (in the folded unit: seconds for a measure in "ms", which the card
//   says, since a native histogram's bucket bounds are powers of its base and cannot be rescaled
//   later), the current scale, the buckets spanned, the zero bucket's count and p50/p90/p99 sit in
//   a <dl> as Stat pairs (`<dt>p99</dt><dd data-value=…>`); the estimates are Prometheus 2.42's
//   histogram_quantile on the native histogram the page exposes (exponentialSummary.ts);
// - beside them, the exact quantiles of the logged values of the same rows (useExact, in the
//   measure's unit, so converted to the folded unit before they are shown or compared);
// - when a Distribution view of the same measure is registered, the errors of both against the
//   exact quantiles (all rows: both views hold the same measurements), with a sentence saying
//   which is closer;
// - the chart (HistogramChart, lazy, redrawn at most every CHART_UPDATE_MS) has one bar per
//   bucket: the buckets are equally wide on a log axis, so the bars are; a role="img" with a
//   summary label.
import { memo, useMemo } from "react";
import type { Row, View } from "../../engine";
import { CHART_UPDATE_MS } from "../../components/chartStyle";
import { formatCount, formatNumber, formatValue, unitSuffix } from "../../components/format";
import { QuantileTable } from "../../components/QuantileTable";
import { useThrottled } from "../../components/useThrottled";
import { unitOf } from "../../store";
import {
  compareQuantiles,
  comparisonSentence,
  type ExponentialSummary,
  foldFactor,
  nativeBucketPoints,
  scaleBase,
  summarizeExponential,
} from "./exponentialSummary";
import { estimateRows } from "./estimateRows";
import { BucketFigure } from "./BucketFigure";
import { MomentStats, Stat } from "./Stat";
import { QUANTILES } from "./summary";
import { type ClassicPeer, useClassicPeers } from "./useClassicPeers";
import { type Exact, useExact } from "./useExact";


export const ExponentialCard = memo(function ExponentialCard(props: {
  view: View;
  /** The rows to show, combined: one chosen row or all of them. */
  rows: readonly Row[];
  /** The chosen row's label, or null for all rows. */
  rowLabel: string | null;
  /** The chosen row's tag values (the view's key order), or null for all rows. */
  rowTags: readonly string[] | null;
}) {
  const { view, rows, rowLabel, rowTags } = props;
  const exact = useExact(view, rowTags);
  const peers = useClassicPeers(view);
  const unit = unitOf(view);
  const suffix = unitSuffix(unit);
  const factor = foldFactor(view.measure.unit);
  const { summary, points } = useMemo(() => {
    const summary = summarizeExponential(view, rows);
    return { summary, points: nativeBucketPoints(summary.data, unitSuffix(unitOf(view))) };
  }, [view, rows]);
  // Redrawing a Recharts chart costs far more than the numbers: at most ~5 times a second.
  const chartPoints = useThrottled(points, CHART_UPDATE_MS);

  const chartLabel = `Exponential histogram of ${view.name}${rowLabel ? ` (${rowLabel})` : ""}: ${formatCount(summary.count, "observation")} in ${formatCount(
    summary.populated,
    "bucket",
  )} at scale ${summary.scale}${summary.zeroCount > 0 ? `, ${formatNumber(summary.zeroCount)} in the zero bucket` : ""}`;

  return (
    <>
      {view.measure.unit === "ms" && (
        <p className="views-unit-note" data-testid="kept-in-seconds">
          Kept in seconds: a native histogram’s bucket bounds are powers of its base and cannot be rescaled later.
        </p>
      )}
      <dl className="views-stats">
        <MomentStats summary={summary} unit={unit} />
        <Stat
          name="scale"
          value={String(summary.scale)}
          raw={summary.scale}
          title={`Bucket bounds are powers of 2^(2^−${summary.scale}) = ${formatNumber(scaleBase(summary.scale))}; the scale goes down as the values need`}
        />
        <Stat
          name="buckets"
          value={formatNumber(summary.buckets)}
          raw={summary.buckets}
          title={`Bucket indexes spanned, both signs; ${formatNumber(summary.populated)} hold observations`}
        />
        <Stat name="zero bucket" value={formatNumber(summary.zeroCount)} raw={summary.zeroCount} title={`Values with |v| ≤ ${formatValue(summary.data.zeroThreshold, unit)}`} />
        {QUANTILES.map(({ name, q }) => {
          const v = summary.quantiles[name];
          const title = Number.isNaN(v)
            ? summary.unexposable
              ? `No estimate: ${summary.unexposable}`
              : "No data: a quantile needs at least one observation"
            : `Estimated as Prometheus 2.42 histogram_quantile(${q}) does on the native histogram exposed for these buckets`;
          return <Stat key={name} name={name} value={formatValue(v, unit)} raw={v} title={title} />;
        })}
      </dl>
      {summary.unexposable && <p className="field-error">{summary.unexposable}</p>}
      <ExactTable exact={exact} summary={summary} unit={unit} factor={factor} />
      {peers.length > 0 && summary.count > 0 && (
        <Comparison peers={peers} summary={summary} exact={rowTags === null ? exact : null} choseRow={rowTags !== null} factor={factor} />
      )}
      <BucketFigure
        label={chartLabel}
        points={chartPoints}
        caption={<>Observations per bucket{suffix ? ` (${suffix})` : ""}, not cumulative; buckets are equally wide on this log scale, each
          labelled bar at its lower bound</>}
      />
    </>
  );
});

function ExactTable(props: { exact: Exact | null; summary: ExponentialSummary; unit: string; factor: number }) {
  const { exact, summary, unit, factor } = props;
  if (summary.count === 0) return null;
  const rows = estimateRows(summary.quantiles, exact, unit, factor);
  return (
    <div className="views-exact">
      <QuantileTable label="Estimated against exact quantiles" rows={rows} />
      <p className="views-exact-caption">
        {exact
          ? `Exact over the ${formatCount(exact.count, "logged value")}${exact.count < summary.count ? ` of the ${formatNumber(summary.count)} the view counted (the log keeps the latest)` : ""}${factor !== 1 ? ", taken from ms to s" : ""}.`
          : "Exact values from the measurement log…"}
      </p>
    </div>
  );
}

/** "1.2%" */
const percent = (e: number) => (Number.isNaN(e) ? "—" : `${formatNumber(e * 100)}%`);

function Comparison(props: { peers: readonly ClassicPeer[]; summary: ExponentialSummary; exact: Exact | null; choseRow: boolean; factor: number }) {
  const { peers, summary, exact, factor } = props;
  if (props.choseRow)
    return (
      <p className="views-exact-caption" data-testid="classic-comparison">
        Choose all rows to compare these estimates with {peers.map((p) => p.name).join(", ")} (a classic distribution of the same measure).
      </p>
    );
  return (
    <div className="views-exact" data-testid="classic-comparison">
      {peers.map((peer) => {
        const compared = exact ? compareQuantiles(summary.quantiles, peer.summary.quantiles, exact.exact, factor) : null;
        return (
          <div key={peer.name}>
            <table className="data-table" aria-label={`Errors against the exact quantiles: this view and ${peer.name}`}>
              <thead>
                <tr>
                  <th scope="col">quantile</th>
                  <th scope="col">this view (native)</th>
                  <th scope="col">
                    {peer.name} ({formatCount(peer.bounds.length, "bound")})
                  </th>
                </tr>
              </thead>
              <tbody>
                {QUANTILES.map(({ name }, i) => {
                  const row = compared?.[i];
                  return (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td data-testid={`compare-native-${name}`} data-value={row ? String(row.native) : undefined}>
                        {row ? percent(row.native) : "…"}
                      </td>
                      <td data-testid={`compare-classic-${name}`} data-value={row ? String(row.classic) : undefined}>
                        {row ? percent(row.classic) : "…"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="views-exact-caption" data-testid="classic-comparison-sentence">
              {compared ? comparisonSentence(compared, peer.name) : "Exact values from the measurement log…"}
            </p>
          </div>
        );
      })}
    </div>
  );
}
