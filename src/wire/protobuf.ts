// A snapshot as Prometheus's protobuf exposition (delimited io.prometheus.client.MetricFamily),
// and the stream read back.
// Rules:
// - The same families as the engine's 0.0.4 writer for the same snapshot and options (its
//   family plan, docs/semantics.md "Exposition"): names and types by the engine's exposedName
//   in the "prometheus" format, help = the view's description (unescaped: protobuf needs no
//   escaping), families sorted by name, labels by label name, metrics by label values in that
//   order, views with no rows left out; an invalid namespace is StatsError("NAMESPACE").
// - Counters, gauges as Counter{value}, Gauge{value}, converted to the base unit as the text is;
//   a distribution as a classic Histogram: cumulative buckets for its finite bounds (the +Inf
//   bucket is implicit, as client_golang writes it), sample_count and sample_sum.
// - An exponentialHistogram row as a native histogram (nativeHistogram.ts): type HISTOGRAM, no
//   classic buckets, sample_count and sample_sum, schema, zero bucket, spans and deltas, written
//   as the row holds them: the engine folds such a view already in the exposed unit (a measure
//   in "ms" in seconds, docs/semantics.md), since a conversion would move every bucket boundary.
//   The 0.0.4 text leaves these views out; this is the format that carries them.

import { type ExponentialHistogramData, OVERFLOW_LABEL, OVERFLOW_VALUE, StatsError, type ViewData } from "../engine";
import { exposedName, type ExpositionOptions, type MetricType, namespaceProblem, orderedRows } from "../engine/exposition";
import { decodeDelimited, encodeDelimited } from "./delimited";
import { emptyHistogram, type Histogram, type LabelPair, type Metric, type MetricFamily, MetricType as PB } from "./metrics";
import { nativeHistogram } from "./nativeHistogram";

const PROTO_TYPE: Readonly<Record<MetricType, MetricFamily["type"]>> = {
  counter: PB.COUNTER,
  gauge: PB.GAUGE,
  histogram: PB.HISTOGRAM,
};

/** The row's native histogram, with sample_count and sample_sum. */
function native(view: string, data: ExponentialHistogramData, toBase: (v: number) => number): Histogram {
  // The engine's naming never converts an exponential histogram (its toBase is the identity);
  // were that to change, refuse rather than write buckets in one unit and the sum in another.
  if (toBase(1) !== 1)
    throw new RangeError(`view ${JSON.stringify(view)}: an exponential histogram's buckets cannot be converted to another unit`);
  const n = nativeHistogram(data);
  return {
    ...emptyHistogram(data.count, data.sum),
    schema: n.schema,
    zeroThreshold: n.zeroThreshold,
    zeroCount: n.zeroCount,
    negativeSpan: n.negativeSpan,
    negativeDelta: n.negativeDelta,
    positiveSpan: n.positiveSpan,
    positiveDelta: n.positiveDelta,
  };
}

/** The snapshot's families as io.prometheus.client messages, in the order they are written. */
export function toMetricFamilies(data: readonly ViewData[], options: ExpositionOptions = {}): MetricFamily[] {
  const namespace = options.namespace ?? "";
  const problem = namespaceProblem(namespace);
  if (problem) throw new StatsError("NAMESPACE", problem);
  const naming = options.naming ?? "opencensus";
  const families: MetricFamily[] = [];
  for (const vd of data) {
    if (vd.rows.length === 0) continue;
    const view = vd.view;
    const aggregation = view.aggregation;
    const name = exposedName(view, namespace, naming, "prometheus");
    // The text writers' order of labels and rows (engine/exposition orderedRows).
    const { names, order, rows } = orderedRows(vd);
    const bounds = aggregation.type === "distribution" ? aggregation.bounds.map(name.toBase) : [];
    const metric = rows.map((row): Metric => {
      // The overflow row has the one label OpenTelemetry gives it, as in the text writers (family.ts).
      const label: LabelPair[] = row.overflow
        ? [{ name: OVERFLOW_LABEL, value: OVERFLOW_VALUE }]
        : order.map((i) => ({ name: names[i]!, value: row.tags[i] ?? "" }));
      const data = row.data;
      switch (data.type) {
        case "count":
        case "sum":
          return { label, counter: { value: name.toBase(data.value) } };
        case "lastValue":
          return { label, gauge: { value: name.toBase(data.value) } };
        case "distribution": {
          const h = emptyHistogram(data.count, name.toBase(data.sum));
          let cumulative = 0;
          for (let i = 0; i < bounds.length; i++) {
            cumulative += data.bucketCounts[i]!;
            h.bucket.push({ cumulativeCount: cumulative, upperBound: bounds[i]! });
          }
          return { label, histogram: h };
        }
        case "exponentialHistogram":
          return { label, histogram: native(view.name, data, name.toBase) };
      }
    });
    families.push({ name: name.family, help: view.description, type: PROTO_TYPE[name.type], metric });
  }
  return families.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `data` (a `stats.snapshot()`) as the delimited protobuf exposition
 * (`PROTOBUF_CONTENT_TYPE`): the families, names, labels, help and types of
 * `toPrometheusText(data, options)`, with native histograms for exponential histogram views.
 */
export function toPrometheusProtobuf(data: readonly ViewData[], options: ExpositionOptions = {}): Uint8Array {
  return encodeDelimited(toMetricFamilies(data, options));
}

/** A delimited protobuf exposition read back as plain objects (RangeError for a cut stream). */
export function decodePrometheusProtobuf(bytes: Uint8Array): MetricFamily[] {
  return decodeDelimited(bytes);
}
