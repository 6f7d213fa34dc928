// An axis tick label drawn as one plain SVG <text>, for every chart's axes.
// Why: Recharts' default label (its <Text>) measures each word of each label in the DOM, a
// forced layout, on every redraw; with data streaming in that was most of a 60–110 ms task per
// chart update. Our labels are one short line each, so nothing needs measuring: the axis sizes
// come from chartStyle.ts (axisWidth, niceTicks, timeTicks) and every tick is drawn (interval 0).
import { useMemo } from "react";
import { formatClock, formatNumber } from "./format";
import { axisWidth, TICK, timeTicks } from "./chartStyle";

export interface AxisTickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: "start" | "middle" | "end" | "inherit";
  verticalAnchor?: "start" | "middle" | "end";
  fill?: string;
  angle?: number;
  className?: string;
  index?: number;
  payload?: { value?: unknown };
  tickFormatter?: (value: unknown, index: number) => string;
}

/** The vertical offsets Recharts' <Text> gives one line of text. */
const DY = { start: "0.71em", middle: "0.355em", end: "0" } as const;

export function AxisTick(props: AxisTickProps) {
  const value = props.payload?.value;
  const text = props.tickFormatter ? props.tickFormatter(value, props.index ?? 0) : String(value ?? "");
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  return (
    <text
      x={x}
      y={y}
      dy={DY[props.verticalAnchor ?? "end"]}
      textAnchor={props.textAnchor}
      fill={props.fill}
      fontSize={TICK.fontSize}
      className={props.className}
      transform={props.angle ? `rotate(${props.angle}, ${x}, ${y})` : undefined}
    >
      {text}
    </text>
  );
}

/** For Recharts' `tick` prop. */
export const axisTick = (props: AxisTickProps) => <AxisTick {...props} />;

/**
 * A Y axis's props for round `ticks` (niceTicks) that the chart sets itself: every tick drawn,
 * from the first to the last, and the axis exactly as wide as their labels.
 */
function yAxisProps(ticks: readonly number[]) {
  return {
    width: axisWidth(ticks.map(formatNumber)),
    tick: axisTick,
    tickFormatter: formatNumber,
    domain: [ticks[0]!, ticks[ticks.length - 1]!] as [number, number],
    ticks: ticks as number[],
    interval: 0,
    // Recharts would still work out its own "nice" ticks (decimal.js logarithms in a selector)
    // on every redraw, to be ignored for ours.
    niceTicks: "none",
  } as const;
}

const TIME_DOMAIN: ["dataMin", "dataMax"] = ["dataMin", "dataMax"];

/**
 * An X axis's props for time (ms since the epoch, under `dataKey`) from the first sample to the
 * last, with clock-time ticks chosen by timeTicks.
 */
function timeAxisProps(dataKey: string, ticks: readonly number[]) {
  return {
    dataKey,
    type: "number",
    scale: "time",
    domain: TIME_DOMAIN,
    tickFormatter: formatClock,
    tick: axisTick,
    ticks: ticks as number[],
    interval: 0,
    niceTicks: "none",
  } as const;
}

// The hooks below give the same props object while the ticks' values stay the same. Recharts
// compares an axis's `ticks` by reference: a new array, even of equal values, made it register
// the axis again from a layout effect (a store dispatch that re-runs its selectors and re-renders
// the whole chart synchronously in the commit) on every redraw, the larger part of a 35 ms task.
// Ticks are numbers, and a number's shortest string reads back as the same number, so the
// joined string is an exact memo key.

const ticksOf = (key: string): number[] => key.split(",").map(Number);

/** yAxisProps, the same object while the ticks' values are the same. */
export function useYAxisProps(ticks: readonly number[]) {
  const key = ticks.join(",");
  return useMemo(() => yAxisProps(ticksOf(key)), [key]);
}

/** timeAxisProps with timeTicks(first, last), the same object while those ticks are the same. */
export function useTimeAxisProps(dataKey: string, first: number, last: number) {
  const key = timeTicks(first, last).join(",");
  return useMemo(() => timeAxisProps(dataKey, ticksOf(key)), [dataKey, key]);
}
