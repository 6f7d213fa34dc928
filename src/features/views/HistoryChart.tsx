// The line chart of a scalar view's recent history (Recharts): its per-second rate (Count,
// Sum) or its values (LastValue), against wall-clock time.
// Rules: time on a time scale from the first to the last sample; rates start the Y axis at 0,
// values may go negative; the Y ticks are round numbers chosen here (niceTicks) and the axis is
// as wide as their labels; no dots, no animation; the tooltip only while the pointer is over the
// chart (usePointerInside); memoized on its props, so it redraws when a
// history sample arrives (once a second), not when the value beside it changes.

import { memo, useCallback } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ACCENT, CHART_HEIGHT, CHART_MARGIN, niceTicks, TOOLTIP_PROPS } from "../../components/chartStyle";
import { useTimeAxisProps, useYAxisProps } from "../../components/AxisTick";
import { usePointerInside } from "../../components/usePointerInside";
import { formatClock, formatRate, formatValue } from "../../components/format";

export interface HistoryPoint {
  /** ms since the epoch */
  t: number;
  value: number;
}

const clockLabel = (t: unknown) => formatClock(Number(t));

export const HistoryChart = memo(function HistoryChart(props: {
  points: readonly HistoryPoint[];
  kind: "rate" | "value";
  unit: string;
}) {
  const { points, kind, unit } = props;
  // The chart sets its own Y ticks, so the axis is exactly as wide as their labels: Recharts'
  // own ticks could be longer than any value (a top of 3 gave 0.75 and 2.25, cut off).
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.value);
    hi = Math.max(hi, p.value);
  }
  const yAxis = useYAxisProps(niceTicks(kind === "rate" ? 0 : lo, hi));
  const xAxis = useTimeAxisProps("t", points[0]?.t ?? 0, points[points.length - 1]?.t ?? 0);
  // The same function while kind and unit are: a new one would re-register the tooltip.
  const format = useCallback(
    (v: unknown): [string, string] => {
      const n = Number(v);
      return kind === "rate" ? [formatRate(n, unit), "rate"] : [formatValue(n, unit), "value"];
    },
    [kind, unit],
  );
  const pointer = usePointerInside();
  return (
    <div {...pointer.handlers}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart data={points as HistoryPoint[]} margin={CHART_MARGIN} accessibilityLayer={false} role="presentation">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis {...xAxis} />
          <YAxis {...yAxis} />
          {pointer.inside && <Tooltip {...TOOLTIP_PROPS} labelFormatter={clockLabel} formatter={format} />}
          <Line
            dataKey="value"
            className="views-line"
            type="linear"
            stroke={ACCENT}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
