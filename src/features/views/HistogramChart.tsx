// The bar chart of a distribution's buckets (Recharts).
// Rules: one bar per bucket, its height the bucket's own count (NOT cumulative), its category
// the bucket's range label; no animation; memoized on `points`, so a parent re-rendering with
// the same points (numbers updating every frame) does not redraw the chart. Bars are plain
// paths (BarShape) and the tooltip is there only while the pointer is over the chart
// (usePointerInside): both were most of the first draw when a stream starts. Clicking a bar
// chooses its bucket (`onSelect`: the card lists that bucket's exemplars; the same choice is a
// button under the chart for the keyboard).

import { memo, useMemo } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ACCENT, niceTicks, CHART_HEIGHT, CHART_MARGIN, TOOLTIP_PROPS } from "../../components/chartStyle";
import { axisTick, useYAxisProps } from "../../components/AxisTick";
import { BarShape } from "../../components/BarShape";
import { usePointerInside } from "../../components/usePointerInside";
import { formatNumber } from "../../components/format";

export interface BucketPoint {
  /** "25–50" */
  label: string;
  /** "> 25 and ≤ 50 ms", for the tooltip */
  range: string;
  count: number;
}

const tooltipLabel = (_label: unknown, payload: readonly { payload?: unknown }[]) =>
  (payload[0]?.payload as BucketPoint | undefined)?.range ?? "";
const tooltipValue = (value: unknown): [string, string] => [formatNumber(Number(value)), "count"];

export const HistogramChart = memo(function HistogramChart({
  points,
  onSelect,
}: {
  points: readonly BucketPoint[];
  onSelect?: ((bucket: number) => void) | undefined;
}) {
  let tallest = 0;
  for (const p of points) tallest = Math.max(tallest, p.count);
  // Own round, whole-number ticks drawn with interval 0: Recharts' tick thinning would measure
  // every label in the DOM (a forced layout) on every redraw, here and in the grid.
  const yAxis = useYAxisProps(niceTicks(0, Math.max(1, tallest), 5, true));
  const pointer = usePointerInside();
  // The same props while onSelect is: a new handler made Recharts register the bar again from an
  // effect (a store dispatch and one more synchronous redraw) on every update.
  const clickable = useMemo(
    () => (onSelect ? { onClick: (_: unknown, index: number) => onSelect(index), cursor: "pointer" } : {}),
    [onSelect],
  );
  return (
    <div {...pointer.handlers}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart
          data={points as BucketPoint[]}
          margin={CHART_MARGIN}
          accessibilityLayer={false}
          role="presentation"
          barCategoryGap="12%"
        >
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={0} angle={-60} textAnchor="end" height={70} tick={axisTick} tickLine={false} />
          <YAxis allowDecimals={false} {...yAxis} />
          {pointer.inside && <Tooltip {...TOOLTIP_PROPS} labelFormatter={tooltipLabel} formatter={tooltipValue} />}
          <Bar
            dataKey="count"
            className="views-bar"
            fill={ACCENT}
            shape={BarShape}
            isAnimationActive={false}
            {...clickable}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});
