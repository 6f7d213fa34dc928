// The console's graph: a range query's series as lines against time (Recharts), a legend that
// names each series by its labels, values on hover.
// Rules: at most MAX_LINES series are drawn (the rest are counted, not dropped silently); a
// step with no value for a series is a gap in its line, never a zero; colours cycle through a
// fixed palette readable on light and dark backgrounds; the part of the range filled with
// simulated traffic ("fill the past") is shaded and labelled, so simulated and live history are
// never mistaken for each other.
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTimeAxisProps, useYAxisProps } from "../../components/AxisTick";
import { CHART_MARGIN, niceTicks, TOOLTIP_PROPS } from "../../components/chartStyle";
import { formatClock } from "../../components/format";
import type { MatrixItem } from "../../promql";
import { sampleValue, seriesName } from "./seriesName";

const MAX_LINES = 20;
const PALETTE = ["#f97316", "#2563eb", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#db2777"];

type GraphProps = { result: MatrixItem[]; simulated?: { fromMs: number; toMs: number } | null };

export function QueryGraph(props: GraphProps) {
  if (props.result.length === 0) return <p className="query-meta">Empty result: no series had a value in the range.</p>;
  return <Graph {...props} />;
}

function Graph({ result, simulated }: GraphProps) {
  const shown = result.slice(0, MAX_LINES);
  const names = shown.map((s) => seriesName(s.metric));
  // One row per timestamp, one column per series (s0, s1, …); a missing value stays undefined: a gap.
  const rows = new Map<number, Record<string, number>>();
  let lo = Infinity;
  let hi = -Infinity;
  shown.forEach((s, i) => {
    for (const [t, v] of s.values) {
      const ms = Math.round(t * 1000);
      let row = rows.get(ms);
      if (!row) rows.set(ms, (row = { t: ms }));
      row[`s${i}`] = v;
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  });
  const data = [...rows.values()].sort((a, b) => a.t! - b.t!);
  const yTicks = Number.isFinite(lo) ? niceTicks(Math.min(0, lo), hi) : [0, 1];
  const first = data[0]?.t ?? 0;
  const last = data[data.length - 1]?.t ?? 0;
  const xAxis = useTimeAxisProps("t", first, last);
  const yAxis = useYAxisProps(yTicks);
  const shade = simulated && simulated.toMs > first && simulated.fromMs < last ? { x1: Math.max(first, simulated.fromMs), x2: Math.min(last, simulated.toMs) } : null;
  return (
    <div
      className="query-graph"
      role="img"
      aria-label={`Graph of ${result.length} series over time${shade ? `; simulated traffic from ${formatClock(shade.x1)} to ${formatClock(shade.x2)} is shaded` : ""}`}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={CHART_MARGIN} accessibilityLayer={false} role="presentation">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis {...xAxis} />
          <YAxis {...yAxis} />
          <Tooltip
            {...TOOLTIP_PROPS}
            labelFormatter={(t: unknown) => formatClock(Number(t))}
            formatter={(v: unknown, key: unknown) => [sampleValue(Number(v)), names[Number(String(key).slice(1))] ?? String(key)]}
          />
          {shade && (
            <ReferenceArea
              x1={shade.x1}
              x2={shade.x2}
              className="query-simulated-area"
              fill="var(--views-tint)"
              fillOpacity={0.6}
              ifOverflow="hidden"
              label={{ value: "simulated", position: "insideTopLeft", fontSize: 11, fill: "var(--views-muted)" }}
            />
          )}
          <Legend formatter={(key: unknown) => names[Number(String(key).slice(1))] ?? String(key)} wrapperStyle={{ fontSize: 11 }} />
          {shown.map((_, i) => (
            <Line
              key={i}
              dataKey={`s${i}`}
              name={`s${i}`}
              type="linear"
              stroke={PALETTE[i % PALETTE.length]}
              strokeWidth={1.5}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {result.length > MAX_LINES && <p className="query-meta">{result.length - MAX_LINES} more series not drawn.</p>}
    </div>
  );
}
