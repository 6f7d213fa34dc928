// A histogram bar drawn as one plain SVG <path>, rounded at its top corners.
// Why: Recharts' default bar (its <Rectangle>) runs seven hooks per bar on every redraw for
// animations the charts never use (isAnimationActive is off); at a stream's start every bar of
// every histogram is created at once, and those hooks were the largest part of that frame's
// 50–60 ms task. Like <Rectangle>, a bar of no height or width draws nothing.

export interface BarShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** Radius of the top corners, px (at most half the bar's width or its height). */
const RADIUS = 3;

/** The outline of a bar from (x, y) down `height` px, its top corners rounded. */
export function barPath(x: number, y: number, width: number, height: number): string {
  const r = Math.min(RADIUS, width / 2, height);
  const bottom = y + height;
  return `M${x},${bottom}V${y + r}Q${x},${y} ${x + r},${y}H${x + width - r}Q${x + width},${y} ${x + width},${y + r}V${bottom}Z`;
}

export function BarShape({ x = 0, y = 0, width = 0, height = 0 }: BarShapeProps) {
  if (!(width > 0 && height > 0)) return <g />;
  return <path className="recharts-rectangle" d={barPath(x, y, width, height)} />;
}
