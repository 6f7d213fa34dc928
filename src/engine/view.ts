// Views: which measure, aggregated how, broken down by which tag keys; and the data a view holds.
// Rules (opencensus-go stats/view/view.go, worker.go, made stricter):
// - name defaults to the measure's name, description to the measure's description;
//   a name is 1–255 printable ASCII characters;
// - tag keys are distinct, keep the order given (it is the row key order), and must map to
//   distinct Prometheus label names (`a-b` and `a_b` would both be `a_b`); a histogram
//   (distribution or exponential) cannot have a key named `le`;
// - a row is keyed by the view's tag values in key order; a tag missing from the recorded
//   TagMap is the empty value "", the same row as an explicit "".
// - rowLimit (default 2,000, the OpenTelemetry metrics SDK's default cardinality limit) is a
//   whole number ≥ 1; a tag key exposed as `otel_metric_overflow` is refused, as the overflow
//   row's label is that name (see overflow.ts).

import {
  type Aggregation,
  type AggregationData,
  aggregationProblem,
  sameAggregation,
} from "./aggregation";
import { ViewError } from "./errors";
import type { Measure } from "./measure";
import { printableProblem } from "./printable";
import { type TagKey, tagKey } from "./tags";
import { labelName } from "./naming";
import { DEFAULT_ROW_LIMIT, OVERFLOW_LABEL, rowLimitProblem } from "./overflow";

/** What `stats.registerView` takes: which measure, aggregated how, broken down by which tag keys. */
export interface ViewDefinition {
  /** 1–255 printable ASCII characters; default: the measure's name. */
  name?: string;
  /** Default: the measure's description. */
  description?: string;
  measure: Measure;
  aggregation: Aggregation;
  /** Distinct keys, in the order rows are keyed by; default none (one row). */
  tagKeys?: readonly TagKey[];
  /**
   * At most this many rows, the overflow row included (OpenTelemetry's cardinality limit): a
   * whole number ≥ 1; default DEFAULT_ROW_LIMIT (2,000). See overflow.ts.
   */
  rowLimit?: number;
}

/** A registered view: its definition with the defaults filled in, frozen. */
export interface View {
  readonly name: string;
  readonly description: string;
  readonly measure: Measure;
  readonly aggregation: Aggregation;
  readonly tagKeys: readonly TagKey[];
  /** At most this many rows, the overflow row included. */
  readonly rowLimit: number;
}

/** One tag combination of a view and its data. */
export interface Row {
  /** Tag values in the order of the view's tag keys. */
  readonly tags: readonly string[];
  readonly data: AggregationData;
  /**
   * True for the overflow row: every combination past the row limit, exposed with the single
   * label `otel_metric_overflow="true"` (its `tags` are all ""). Absent on ordinary rows.
   */
  readonly overflow?: true;
}

/** A view's data at one moment: every row, from when it started collecting to when this was taken. */
export interface ViewData {
  readonly view: View;
  /** When the view started collecting (registration or reset), ms since the epoch. */
  readonly start: number;
  /** When this data was taken, ms since the epoch. */
  readonly end: number;
  readonly rows: readonly Row[];
  /**
   * When the view was filled from the measurement log as it was registered: how many logged
   * measurements it took and since when (its `start`). Absent otherwise.
   */
  readonly fromLog?: { readonly measurements: number; readonly since: number };
  /** Distinct tag combinations recorded: the ordinary rows plus those merged into overflow. */
  readonly combinations: number;
  /**
   * Once the row limit was hit: how many distinct combinations were merged into the overflow
   * row, and how many measurements went to it when its aggregation counts them (count,
   * distribution, exponential histogram; null for sum and last value). null while every
   * combination has its own row.
   */
  readonly overflow: { readonly combinations: number; readonly measurements: number | null } | null;
}

const AGGREGATION_TYPES = new Set(["count", "sum", "lastValue", "distribution", "exponentialHistogram"]);

/** Validates a definition and fills its defaults; throws ViewError naming the problem. */
export function defineView(def: ViewDefinition): View {
  const measure = def?.measure;
  if (!measure || typeof measure.name !== "string" || typeof measure.m !== "function")
    throw new ViewError("VIEW_DEFINITION", `view ${JSON.stringify(def?.name ?? "")} has no measure`);
  const name = def.name === undefined || def.name === "" ? measure.name : def.name;
  const nameProblem = printableProblem(name, `view name ${JSON.stringify(name)}`, {
    allowEmpty: false,
  });
  if (nameProblem) throw new ViewError("VIEW_NAME", nameProblem);

  const aggregation = def.aggregation;
  if (!aggregation || !AGGREGATION_TYPES.has(aggregation.type))
    throw new ViewError(
      "VIEW_DEFINITION",
      `view ${JSON.stringify(name)} needs an aggregation: count(), sum(), lastValue(), distribution(bounds) or exponentialHistogram()`,
    );
  const problem = aggregationProblem(aggregation);
  if (problem) throw new ViewError("BOUNDS", `view ${JSON.stringify(name)}: ${problem}`);

  const keys = (def.tagKeys ?? []).map((k) => tagKey(k?.name));
  const labels = new Map<string, string>();
  for (const k of keys) {
    const label = labelName(k.name);
    const clash = labels.get(label);
    if (clash !== undefined)
      throw new ViewError(
        "VIEW_DEFINITION",
        clash === k.name
          ? `view ${JSON.stringify(name)} lists tag key ${JSON.stringify(k.name)} twice`
          : `view ${JSON.stringify(name)}: tag keys ${JSON.stringify(clash)} and ${JSON.stringify(k.name)} would both be exposed as label "${label}"`,
      );
    if (label === "le" && (aggregation.type === "distribution" || aggregation.type === "exponentialHistogram"))
      throw new ViewError(
        "VIEW_DEFINITION",
        `view ${JSON.stringify(name)}: ${aggregation.type === "distribution" ? "a distribution" : "an exponential histogram"} cannot have a tag key exposed as "le", which histograms reserve for bucket bounds`,
      );
    if (label === OVERFLOW_LABEL)
      throw new ViewError(
        "VIEW_DEFINITION",
        `view ${JSON.stringify(name)}: tag key ${JSON.stringify(k.name)} would be exposed as "${OVERFLOW_LABEL}", the label of the overflow row`,
      );
    labels.set(label, k.name);
  }

  const rowLimit = def.rowLimit ?? DEFAULT_ROW_LIMIT;
  const limitProblem = rowLimitProblem(rowLimit);
  if (limitProblem) throw new ViewError("ROW_LIMIT", `view ${JSON.stringify(name)}: ${limitProblem}`);

  return Object.freeze({
    name,
    description: def.description === undefined || def.description === "" ? measure.description : def.description,
    measure,
    aggregation,
    tagKeys: Object.freeze(keys),
    rowLimit,
  });
}

/** Same definition: registering it again is a no-op rather than a conflict. */
export function sameView(a: View, b: View): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.measure.name === b.measure.name &&
    a.measure.type === b.measure.type &&
    a.measure.unit === b.measure.unit &&
    sameAggregation(a.aggregation, b.aggregation) &&
    a.tagKeys.length === b.tagKeys.length &&
    a.tagKeys.every((k, i) => k === b.tagKeys[i]) &&
    a.rowLimit === b.rowLimit
  );
}

/** A human summary of a view's definition, used in conflict messages and the UI. */
export function describeView(v: View): string {
  const a = v.aggregation;
  const agg =
    a.type === "distribution"
      ? `distribution(${a.bounds.join(", ")})`
      : a.type === "exponentialHistogram"
        ? `exponentialHistogram(maxBuckets ${a.maxBuckets}, maxScale ${a.maxScale}, zeroThreshold ${a.zeroThreshold})`
        : `${a.type}()`;
  const keys = v.tagKeys.length ? ` by ${v.tagKeys.map((k) => k.name).join(", ")}` : "";
  const limit = v.rowLimit === DEFAULT_ROW_LIMIT ? "" : `, at most ${v.rowLimit} rows`;
  return `${agg} of ${v.measure.name} (${v.measure.unit || "no unit"})${keys}${limit}`;
}
