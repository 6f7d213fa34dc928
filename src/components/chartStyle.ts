// What the panel's Recharts charts share, so they look alike and stay cheap.
// Rules: fixed height (CHART_HEIGHT px, any width from a 360 px phone up); no animation (data
// changes up to ten times a second) and histograms redraw at most every CHART_UPDATE_MS; colours come from the panel's CSS variables (views.css), so the
// charts follow the light or dark colour scheme; Recharts' keyboard layer is off because each
// chart sits in a role="img" wrapper whose aria-label states what it shows (the SVG itself is
// role="presentation", so the wrapper is the one image a screen reader or a test finds).

import type { CSSProperties } from "react";

export const CHART_HEIGHT = 180;
/**
 * Histograms redraw at most this often while data streams in (their numbers every frame).
 * Measured in headless Chromium with the simulator at 1,000 lines/s: the panel took ~49% of a
 * core redrawing both histograms every frame, ~33% at 100 ms, ~27% at 200 ms, ~15% without charts.
 */
export const CHART_UPDATE_MS = 200;
export const ACCENT = "#f97316";
export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
export const TICK = { fontSize: 11 };

const TOOLTIP_STYLE: CSSProperties = {
  background: "var(--views-surface)",
  border: "1px solid var(--views-line)",
  borderRadius: 6,
  color: "var(--views-fg)",
  fontSize: 12,
  padding: "4px 8px",
};

/** What every chart's tooltip shares: no animation, the panel's colours, "name: value". */
export const TOOLTIP_PROPS = {
  isAnimationActive: false,
  contentStyle: TOOLTIP_STYLE,
  labelStyle: { color: "var(--views-muted)", marginBottom: 2 } satisfies CSSProperties,
  itemStyle: { color: "var(--views-fg)", padding: 0 } satisfies CSSProperties,
  separator: ": ",
} as const;

let canvas: CanvasRenderingContext2D | null | undefined;
let pageFont = "";

/** The width of `text` in the ticks' font, by canvas text metrics (no DOM layout), or estimated. */
function tickTextWidth(text: string): number {
  const estimate = text.length * 6.6;
  if (canvas === undefined) {
    canvas = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
    if (canvas) pageFont = getComputedStyle(document.documentElement).fontFamily;
  }
  if (!canvas) return estimate;
  canvas.font = `${TICK.fontSize}px ${pageFont || "sans-serif"}`;
  // The larger of the two, should the canvas resolve the page's font list differently.
  return Math.max(estimate, canvas.measureText(text).width);
}

/**
 * A Y axis wide enough for the widest of `labels` (the tick labels, or a stand-in as wide as
 * the widest can be), measured with canvas text metrics rather than Recharts' `width="auto"`,
 * which measures the DOM on every update and so forces a layout each frame while data streams
 * in. The label ends 8 px from the axis (tick line and margin) and gets 6 px to its left.
 */
export function axisWidth(labels: readonly string[]): number {
  let widest = 0;
  for (const label of labels) widest = Math.max(widest, tickTextWidth(label));
  return Math.max(28, Math.ceil(widest) + 14);
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * Round tick values covering [lo, hi] in at most about `steps` steps of 1, 2, 2.5 or 5 times a
 * power of ten (for 0 to 3: 0, 1, 2, 3, where Recharts drew 0, 0.75, 1.5, 2.25, 3): a chart
 * that sets its own ticks knows every label it draws, so its axis fits them all. An empty range
 * is widened to include 0 (or to [0, 1]).
 */
export function niceTicks(lo: number, hi: number, steps = 5, integer = false): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
    if (lo === hi) hi = 1;
  }
  const raw = (hi - lo) / steps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let first = 0;
  let last = 0;
  let step = 0;
  // The smallest round step that covers the range, ends rounded outwards, in `steps` steps.
  for (const m of NICE_STEPS.concat(NICE_STEPS.map((n) => n * 10))) {
    step = m * magnitude;
    if (step < raw * (1 - 1e-9)) continue;
    if (integer && !Number.isInteger(step)) continue; // counts: 0, 1, 2, never 0.5
    first = Math.floor(lo / step + 1e-9);
    last = Math.ceil(hi / step - 1e-9);
    if (last - first <= steps) break;
  }
  const ticks: number[] = [];
  // Rounded to 12 digits, so 3 × 0.1 is 0.3 and not 0.30000000000000004.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)) || 0);
  return ticks;
}

const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/**
 * Clock ticks for [first, last] ms: whole multiples of a round step (1 s … 1 h), at most
 * `maxTicks` of them. The chart passes them with interval 0, so Recharts draws every one
 * without measuring its label in the DOM (its tick thinning measures each label with a forced
 * layout on every redraw).
 */
export function timeTicks(first: number, last: number, maxTicks = 5): number[] {
  if (!(last > first)) return Number.isFinite(first) ? [first] : [];
  const span = (last - first) / 1000;
  const stepS = TIME_STEPS_S.find((s) => span / s <= maxTicks - 1) ?? Math.ceil(span / (maxTicks - 1) / 3600) * 3600;
  const step = stepS * 1000;
  const ticks: number[] = [];
  for (let t = Math.ceil(first / step) * step; t <= last; t += step) ticks.push(t);
  return ticks;
}
