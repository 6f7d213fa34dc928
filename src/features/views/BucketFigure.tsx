// A card's bucket chart with its summary label and caption: the bars of a classic or a native
// histogram. Rule: Recharts is a chunk of its own, so the chart is lazy and the card shows its
// numbers first; the chart is one role="img" whose label says what it shows.
import { lazy, type ReactNode, Suspense } from "react";
import type { BucketPoint } from "./HistogramChart";

const HistogramChart = lazy(() => import("./HistogramChart").then((m) => ({ default: m.HistogramChart })));

export function BucketFigure(props: {
  label: string;
  points: readonly BucketPoint[];
  caption: ReactNode;
  /** A bar was clicked (a distribution card: its exemplars). */
  onSelect?: (bucket: number) => void;
}) {
  return (
    <figure className="views-figure">
      <div className="views-chart" role="img" aria-label={props.label}>
        <Suspense fallback={null}>
          <HistogramChart points={props.points} onSelect={props.onSelect} />
        </Suspense>
      </div>
      <figcaption className="views-caption">{props.caption}</figcaption>
    </figure>
  );
}
