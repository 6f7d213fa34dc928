// What the candidate costs, said before it is applied: its rows and series (counted on the
// measure's logged tag sets), the exact bytes of its exposition text (the preview worker's replay,
// in the page's format, naming and namespace), and how far its quantile estimates are from the
// exact quantiles of the logged values.
// Rules: every figure says what it was computed from; a figure being recomputed is marked
// (`data-current="false"`, "updating…") rather than shown as final; a candidate with a problem
// says which fields to fix instead of showing figures for something that cannot be applied; an
// exponential histogram is a native histogram, which neither text format carries: its bytes say
// so instead of a text size that would not be what a scrape gets; rows, series and bytes are
// those of the view with its row limit (past it, rowLimit − 1 rows and the overflow row).
import type { AggregationType } from "../../engine";
import { formatCount, formatNumber, formatValue } from "../../components/format";
import { QuantileTable, type QuantileRow } from "../../components/QuantileTable";
import type { AnalysisResult, Logged, PreviewResult } from "../../store";
import { quantileName } from "./quantiles";
import type { Answer, ExpositionSettings } from "./useCosts";

/** "0.8%", "+Inf", "—": a relative error as a percentage. */
export function formatError(e: number): string {
  if (Number.isNaN(e)) return "—";
  if (e === Infinity) return "+Inf";
  return `${formatNumber(e * 100)}%`;
}

const FORMAT_NAMES = { prometheus: "Prometheus text 0.0.4", openmetrics: "OpenMetrics 1.0" } as const;
const NAMING_NAMES = { opencensus: "OpenCensus naming", prometheus: "Prometheus naming" } as const;

export function describeExposition(e: ExpositionSettings): string {
  return `${FORMAT_NAMES[e.format]}, ${NAMING_NAMES[e.naming]}, ${e.namespace ? `namespace “${e.namespace}”` : "no namespace"}`;
}

export function CostSummary(props: {
  logged: Logged | null;
  tagKeys: readonly string[];
  /** Rows the view would hold, its row limit applied. */
  rows: number;
  /** Distinct tag combinations among the logged tag sets. */
  combinations: number;
  rowLimit: number;
  series: number | null;
  aggregation: AggregationType;
  buckets: number | null;
  preview: Answer<PreviewResult>;
  exposition: ExpositionSettings;
  blocked: boolean;
}) {
  const { logged, rows, series, preview } = props;
  const n = logged?.values.length ?? 0;
  const bytes = preview.value?.views[0];
  return (
    <dl className="designer-costs" aria-label="What it costs">
      <div>
        <dt>Logged values</dt>
        <dd data-testid="cost-values" data-value={n}>
          {logged ? `${formatCount(n, "logged measurement")} of ${logged.measure}` : "—"}
        </dd>
      </div>
      <div>
        <dt>Rows</dt>
        <dd data-testid="cost-rows" data-value={rows}>
          {formatNumber(rows)}
          {props.tagKeys.length === 0
            ? n > 0
              ? " (no tag keys: one row)"
              : " (nothing logged yet)"
            : props.combinations >= props.rowLimit
              ? ` (${formatNumber(props.combinations)} distinct ${props.tagKeys.join(", ")} among the logged tag sets, past the row limit of ${formatNumber(props.rowLimit)}: ${formatCount(props.rowLimit - 1, "row")} and the overflow row, which merges ${formatNumber(props.combinations - (props.rowLimit - 1))})`
              : ` (distinct ${props.tagKeys.join(", ")} among the logged tag sets)`}
        </dd>
      </div>
      <div>
        <dt>Series</dt>
        <dd data-testid="cost-series" data-value={series ?? undefined}>
          {series === null
            ? "—"
            : props.aggregation === "distribution" && props.buckets !== null
              ? `${formatNumber(rows)} × (${formatNumber(props.buckets)} buckets + _sum + _count) = ${formatNumber(series)}`
              : props.aggregation === "exponentialHistogram"
                ? `${formatNumber(series)} (one native histogram per row, its buckets inside the one series)`
                : `${formatNumber(series)} (one per row)`}
        </dd>
      </div>
      <div>
        <dt>Exposition</dt>
        <dd data-testid="cost-bytes" data-value={bytes && !bytes.error ? bytes.bytes : undefined} data-current={String(props.aggregation === "exponentialHistogram" || (preview.current && !props.blocked))}>
          {props.aggregation === "exponentialHistogram"
            ? "native histograms are exposed in the protobuf format only: Prometheus text 0.0.4 and OpenMetrics 1.0 leave this view out (the Export panel’s Protobuf format shows it)"
            : props.blocked
            ? "fix the marked fields to see it"
            : preview.error
              ? `could not be computed: ${preview.error}`
              : bytes?.error
                ? `could not be written: ${bytes.error}`
                : bytes
                  ? `${formatCount(bytes.bytes, "byte")}, ${formatCount(bytes.samples, "sample line")} of ${describeExposition(props.exposition)}${preview.current ? "" : " (updating…)"}`
                  : "computing…"}
        </dd>
      </div>
    </dl>
  );
}

/** Estimate, exact value and relative error of one layout for each target quantile. */
export function AccuracyTable(props: {
  label: string;
  testId: string;
  targets: readonly number[];
  /** The analysis, and which of its layouts this table shows. */
  answer: Answer<AnalysisResult>;
  layout: string;
  unit: string;
}) {
  const { answer, targets, unit } = props;
  const layout = answer.value?.layouts.find((l) => l.name === props.layout);
  const rows = targets.map((q): QuantileRow => {
    const e = layout?.errors.find((x) => x.q === q);
    const name = quantileName(q);
    return {
      name,
      estimate: { text: e ? formatValue(e.estimate, unit) : "…" },
      exact: { text: e ? formatValue(e.exact, unit) : "…" },
      error: { text: e ? formatError(e.relativeError) : "…", testId: `${props.testId}-${name}`, value: e ? String(e.relativeError) : undefined },
    };
  });
  return (
    <QuantileTable className="designer-table" label={props.label} testId={props.testId} current={answer.current && layout !== undefined} rows={rows} />
  );
}
