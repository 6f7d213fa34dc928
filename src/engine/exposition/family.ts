// A view's data arranged as one exposition family: its names, escaped label sets and series,
// in the order both writers emit them.
// Rules (what prometheus/common expfmt and client_golang do, so output matches Go byte for byte):
// - families are sorted by name; a view with no rows is not written;
// - a view with an exponential histogram is not written: text 0.0.4 and OpenMetrics 1.0 cannot
//   carry a native histogram (only the protobuf format can), and writing its count and sum alone
//   would be a broken histogram family; both writers plan through here, so both omit it;
// - labels are written sorted by label name (`le` last, added by the writer);
// - series are sorted by their label values, compared in label-name order; the overflow row
//   (OpenTelemetry metrics SDK specification, cardinality limits) is written last, with the
//   single label `otel_metric_overflow="true"` and none of the view's tag labels.

import type { AggregationData } from "../aggregation";
import type { Row, ViewData } from "../view";
import { OVERFLOW_LABEL, OVERFLOW_VALUE } from "../overflow";
import { escapeLabelValue } from "./escape";
import { formatCount } from "./float";
import {
  checkNamespace,
  type ExposedName,
  exposedName,
  type ExpositionFormat,
  labelName,
  type Naming,
} from "../naming";

/** How the writers name what they write: a namespace prefix and a naming mode. */
export interface ExpositionOptions {
  /** Prefix of every metric name; empty or `[a-zA-Z][a-zA-Z0-9_]*`. Default "". */
  namespace?: string;
  /** "opencensus" (default): the Go exporter's names; "prometheus": base units, `_total`. */
  naming?: Naming;
}

export interface Series {
  /** `a="x",b="y"`: escaped, sorted by label name, without braces; "" when unlabelled. */
  readonly labels: string;
  readonly data: AggregationData;
}

export interface Family {
  readonly name: ExposedName;
  readonly help: string;
  /** Distribution bounds converted to the exposed unit; empty for other types. */
  readonly bounds: readonly number[];
  /** When the view started collecting, ms since the epoch (OpenMetrics `_created`). */
  readonly start: number;
  readonly series: readonly Series[];
}

/** A view's rows in the order every writer emits them, with the label names of its tag keys. */
export interface OrderedRows {
  /** The exposed label name of each tag key, in the view's key order. */
  readonly names: readonly string[];
  /** Tag positions sorted by label name: the order labels are written in. */
  readonly order: readonly number[];
  /** The rows sorted by their tag values, compared in label-name order; the overflow row last. */
  readonly rows: readonly Row[];
}

/** The rows of `vd` as every writer (text and protobuf) orders them. */
export function orderedRows(vd: ViewData): OrderedRows {
  const names = vd.view.tagKeys.map((k) => labelName(k.name));
  const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  const rows = vd.rows.slice();
  if (order.length > 0 && rows.length > 1)
    rows.sort((x, y) => {
      if (x.overflow !== y.overflow) return x.overflow ? 1 : -1;
      for (const i of order) {
        const a = x.tags[i]!;
        const b = y.tags[i]!;
        if (a !== b) return a < b ? -1 : 1;
      }
      return 0;
    });
  return { names, order, rows };
}

export function planFamilies(
  data: readonly ViewData[],
  options: ExpositionOptions,
  format: ExpositionFormat,
): Family[] {
  const namespace = options.namespace ?? "";
  checkNamespace(namespace);
  const naming = options.naming ?? "opencensus";
  const families: Family[] = [];
  for (const vd of data) {
    if (vd.rows.length === 0 || vd.view.aggregation.type === "exponentialHistogram") continue;
    const view = vd.view;
    const name = exposedName(view, namespace, naming, format);
    const { names, order, rows } = orderedRows(vd);
    const series = rows.map((row) => {
      if (row.overflow) return { labels: `${OVERFLOW_LABEL}="${OVERFLOW_VALUE}"`, data: row.data };
      let labels = "";
      for (const i of order) {
        if (labels) labels += ",";
        labels += `${names[i]}="${escapeLabelValue(row.tags[i] ?? "")}"`;
      }
      return { labels, data: row.data };
    });
    const agg = view.aggregation;
    families.push({
      name,
      help: view.description,
      bounds: agg.type === "distribution" ? agg.bounds.map(name.toBase) : [],
      start: vd.start,
      series,
    });
  }
  return families.sort((a, b) => (a.name.family < b.name.family ? -1 : a.name.family > b.name.family ? 1 : 0));
}

/**
 * One histogram series: cumulative `_bucket` lines (`le` last, ending with `le="+Inf"`, equal
 * to `_count`), then `_sum` and `_count`. `les` are the bounds already formatted for the format;
 * `exemplar(i)` (OpenMetrics only) is what follows bucket i's count: ` # {…} v t` or "".
 */
export function histogramSeries(
  sample: string,
  les: readonly string[],
  s: Series,
  sum: string,
  exemplar?: (bucket: number) => string,
): string {
  if (s.data.type !== "distribution") return "";
  const counts = s.data.bucketCounts;
  const prefix = s.labels ? `${sample}_bucket{${s.labels},le="` : `${sample}_bucket{le="`;
  let out = "";
  let cumulative = 0;
  for (let i = 0; i < les.length; i++) {
    cumulative += counts[i]!;
    out += `${prefix}${les[i]}"} ${formatCount(cumulative)}${exemplar ? exemplar(i) : ""}\n`;
  }
  cumulative += counts[les.length]!;
  out += `${prefix}+Inf"} ${formatCount(cumulative)}${exemplar ? exemplar(les.length) : ""}\n`;
  const labels = s.labels ? `{${s.labels}}` : "";
  return out + `${sample}_sum${labels} ${sum}\n${sample}_count${labels} ${formatCount(s.data.count)}\n`;
}
