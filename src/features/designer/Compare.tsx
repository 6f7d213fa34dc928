// The current layout and the candidate side by side, on the same logged values: each one's
// estimates, the exact quantiles and the errors, its series and exposition bytes, and how the
// values fall into its buckets.
// Rules: both columns are measured on the same values (one analysis, one preview), so they differ
// only by their bounds and keys; bars are per-bucket counts (not cumulative), drawn when there
// are at most MAX_BARS buckets (more would not be read; the count says so), each bar with its
// range and count in text, so the bars themselves are decoration.
import { bucketLabels } from "../../components/bucketLabels";
import { formatNumber } from "../../components/format";
import type { AnalysisResult, PreviewResult, ViewPreview } from "../../store";
import { AccuracyTable } from "./Costs";
import { formatBounds } from "./bounds";
import { summarizeBounds } from "./BoundsField";
import type { Answer } from "./useCosts";

export const MAX_BARS = 60;

function Bars(props: { label: string; bounds: readonly number[]; counts: readonly number[] | null }) {
  const { bounds, counts } = props;
  if (!counts) return <p className="designer-hint">Bucket counts…</p>;
  if (counts.length > MAX_BARS) return <p className="designer-hint">{formatNumber(counts.length)} buckets: too many to draw.</p>;
  const max = Math.max(1, ...counts);
  const ranges = bucketLabels(bounds);
  return (
    <ul className="designer-bars" aria-label={props.label}>
      {counts.map((c, i) => (
        <li key={i}>
          <span className="designer-bar-range">{ranges[i]}</span>
          <span className="designer-bar" aria-hidden="true">
            <span style={{ width: `${(c / max) * 100}%` }} />
          </span>
          <span className="designer-bar-count">{formatNumber(c)}</span>
        </li>
      ))}
    </ul>
  );
}

function Column(props: {
  title: string;
  testId: string;
  layout: string;
  bounds: readonly number[];
  view: ViewPreview | undefined;
  targets: readonly number[];
  accuracy: Answer<AnalysisResult>;
  unit: string;
}) {
  const { view } = props;
  return (
    <div className="designer-compare-column" data-testid={props.testId}>
      <h5>{props.title}</h5>
      <p className="designer-hint" title={formatBounds(props.bounds)}>
        {summarizeBounds(props.bounds)}
      </p>
      <AccuracyTable
        label={`${props.title}: estimated against exact quantiles`}
        testId={`${props.testId}-accuracy`}
        targets={props.targets}
        answer={props.accuracy}
        layout={props.layout}
        unit={props.unit}
      />
      <p className="designer-hint">
        {view && !view.error
          ? `${formatNumber(view.samples)} sample lines, ${formatNumber(view.bytes)} bytes of exposition`
          : view?.error
            ? `could not be written: ${view.error}`
            : "series and bytes…"}
      </p>
      <Bars label={`${props.title}: logged values per bucket`} bounds={props.bounds} counts={view?.bucketCounts ?? null} />
    </div>
  );
}

export function Compare(props: {
  currentName: string;
  currentBounds: readonly number[];
  candidateBounds: readonly number[];
  targets: readonly number[];
  accuracy: Answer<AnalysisResult>;
  preview: Answer<PreviewResult>;
  unit: string;
}) {
  const views = props.preview.value?.views;
  // The preview writes the candidate first and the current layout second; the page shows them the other way round.
  const columns = [
    { title: `Current: ${props.currentName}`, testId: "compare-current", layout: "current", bounds: props.currentBounds, view: views?.[1] },
    { title: "Candidate", testId: "compare-candidate", layout: "candidate", bounds: props.candidateBounds, view: views?.[0] },
  ];
  return (
    <section className="designer-compare" aria-label="Current layout and candidate compared" data-testid="designer-compare">
      <h4>Compared on the same logged values</h4>
      <div className="designer-compare-columns">
        {columns.map((c) => (
          <Column key={c.testId} {...c} targets={props.targets} accuracy={props.accuracy} unit={props.unit} />
        ))}
      </div>
    </section>
  );
}
