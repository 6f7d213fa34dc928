// What the panel's Recharts charts share, so they look alike and stay cheap.
// Rules: fixed height (CHART_HEIGHT px, any width from a 360 px phone up); no animation (data
// changes up to once a frame) and histograms redraw at most every CHART_UPDATE_MS; colours come from the panel's CSS variables (views.css), so the
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

export const TOOLTIP_STYLE: CSSProperties = {
  background: "var(--views-surface)",
  border: "1px solid var(--views-line)",
  borderRadius: 6,
  color: "var(--views-fg)",
  fontSize: 12,
  padding: "4px 8px",
};
export const TOOLTIP_LABEL_STYLE: CSSProperties = { color: "var(--views-muted)", marginBottom: 2 };
export const TOOLTIP_ITEM_STYLE: CSSProperties = { color: "var(--views-fg)", padding: 0 };

/**
 * A Y axis wide enough for tick labels up to `max`, estimated from the label's length (11 px
 * digits) rather than measured: Recharts' `width="auto"` measures the DOM on every update,
 * which forces a layout each frame while data streams in.
 */
export function axisWidth(maxLabel: string): number {
  return Math.max(28, Math.ceil(maxLabel.length * 6.6) + 14);
}
