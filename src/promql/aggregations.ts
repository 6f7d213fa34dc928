// The aggregation operators over one Vector, transcribed from promql/engine.go (v2.42.0)
// evaluator.aggregation for float samples. Rules: groups are keyed as generateGroupingKey keys
// them (`by`: the grouping labels' values; `without`: every label but those and __name__), come
// out in the order they were first seen, and carry the labels Go gives them (topk/bottomk keep
// each sample's own labels); values are folded exactly as Go folds them, in input order.

import type { AggregateOp } from "./ast";
import { execError } from "./errors";
import { formatGoFloat, formatGoG } from "./gomath";
import { goSort, GoHeap } from "./gosort";
import { isValidLabelName, Labels, METRIC_NAME } from "./labels";
import { quantile } from "./quantile";
import type { Sample, Vector } from "./value";

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  groupCount: number;
  heap: GoHeap<Sample> | null;
  values: number[] | null;
}

/** Where an aggregation is, for errors. */
export interface AggregationSite {
  start: number;
  end: number;
}

/** A function giving a series' group key and the group's labels, cached per label set. */
export interface Grouper {
  key(metric: Labels): string;
  labels(metric: Labels): Labels;
}

/** The grouping of `by (grouping)` or `without (grouping)` (generateGroupingKey and the builders). */
export function makeGrouper(grouping: readonly string[], without: boolean): Grouper {
  const names = new Set(grouping);
  const withoutNames = new Set([...grouping, METRIC_NAME]);
  const keys = new Map<Labels, string>();
  return {
    key(metric) {
      let k = keys.get(metric);
      if (k === undefined) {
        if (without) k = metric.without(withoutNames).key;
        else if (names.size === 0) k = "";
        else k = metric.keep(names).key;
        keys.set(metric, k);
      }
      return k;
    },
    labels(metric) {
      if (without) return metric.without(withoutNames);
      if (names.size > 0) return metric.keep(names);
      return Labels.EMPTY;
    },
  };
}

/** vectorByValueHeap.Less and vectorByReverseValueHeap.Less. */
const byValueLess = (a: Sample, b: Sample) => Number.isNaN(a.v) || a.v < b.v;
const byReverseValueLess = (a: Sample, b: Sample) => Number.isNaN(a.v) || a.v > b.v;

/** engine.go convertibleToInt64. */
function convertibleToInt64(v: number): boolean {
  return v <= 9223372036854774784 && v >= -9223372036854775808;
}

/**
 * evaluator.aggregation: `param` is k (topk/bottomk), q (quantile) or the label name
 * (count_values); throws Go's errors for a k beyond int64 and an invalid count_values label.
 */
export function aggregate(
  op: AggregateOp,
  grouping: readonly string[],
  without: boolean,
  param: number | string | null,
  vec: Vector,
  grouper: Grouper,
  site: AggregationSite,
): Vector {
  let k = 0;
  if (op === "topk" || op === "bottomk") {
    const f = param as number;
    if (!convertibleToInt64(f)) throw execError(`Scalar value ${formatGoG(f)} overflows int64`, site.start, site.end);
    k = Math.trunc(f);
    if (k < 1) return [];
  }
  const q = op === "quantile" ? (param as number) : 0;
  let valueLabel = "";
  let countValuesGrouper: Grouper | null = null;
  if (op === "count_values") {
    valueLabel = param as string;
    if (!isValidLabelName(valueLabel)) throw execError(`invalid label name ${JSON.stringify(valueLabel)}`, site.start, site.end);
    countValuesGrouper = without ? makeGrouper(grouping, true) : makeGrouper([...grouping, valueLabel], false);
  }

  const result = new Map<string, Group>();
  const ordered: Group[] = [];
  for (const s of vec) {
    let metric = s.metric;
    let g: Grouper = grouper;
    if (countValuesGrouper !== null) {
      metric = metric.with(valueLabel, formatGoFloat(s.v));
      g = countValuesGrouper;
    }
    const key = g.key(metric);
    const group = result.get(key);
    if (group === undefined) {
      const ng: Group = { labels: g.labels(metric), value: s.v, mean: s.v, groupCount: 1, heap: null, values: null };
      if (op === "stddev" || op === "stdvar") ng.value = 0;
      else if (op === "topk") ng.heap = new GoHeap(byValueLess, { metric: s.metric, t: 0, v: s.v });
      else if (op === "bottomk") ng.heap = new GoHeap(byReverseValueLess, { metric: s.metric, t: 0, v: s.v });
      else if (op === "quantile") ng.values = [s.v];
      else if (op === "group") ng.value = 1;
      result.set(key, ng);
      ordered.push(ng);
      continue;
    }
    switch (op) {
      case "sum":
        group.value += s.v;
        break;
      case "avg": {
        group.groupCount++;
        const m = group.mean;
        if (m === Infinity || m === -Infinity) {
          if ((s.v === Infinity || s.v === -Infinity) && m > 0 === s.v > 0) break;
          if (s.v !== Infinity && s.v !== -Infinity && !Number.isNaN(s.v)) break;
        }
        group.mean += s.v / group.groupCount - group.mean / group.groupCount;
        break;
      }
      case "group":
        break;
      case "max":
        if (group.value < s.v || Number.isNaN(group.value)) group.value = s.v;
        break;
      case "min":
        if (group.value > s.v || Number.isNaN(group.value)) group.value = s.v;
        break;
      case "count":
      case "count_values":
        group.groupCount++;
        break;
      case "stdvar":
      case "stddev": {
        group.groupCount++;
        const delta = s.v - group.mean;
        group.mean += delta / group.groupCount;
        group.value += delta * (s.v - group.mean);
        break;
      }
      case "topk":
      case "bottomk": {
        // engine.go: the heap's top is the worst kept sample; a better one (or any, over a NaN) replaces it.
        const heap = group.heap!;
        const top = heap.items[0]!;
        const better = op === "topk" ? top.v < s.v : top.v > s.v;
        if (heap.length < k || better || Number.isNaN(top.v)) {
          const sample = { metric: s.metric, t: 0, v: s.v };
          if (heap.length === k) {
            if (k === 1) {
              heap.items[0] = sample;
              break;
            }
            heap.pop();
          }
          heap.push(sample);
        }
        break;
      }
      case "quantile":
        group.values!.push(s.v);
        break;
    }
  }

  const out: Vector = [];
  for (const aggr of ordered) {
    switch (op) {
      case "avg":
        aggr.value = aggr.mean;
        break;
      case "count":
      case "count_values":
        aggr.value = aggr.groupCount;
        break;
      case "stdvar":
        aggr.value = aggr.value / aggr.groupCount;
        break;
      case "stddev":
        aggr.value = Math.sqrt(aggr.value / aggr.groupCount);
        break;
      case "topk":
      case "bottomk": {
        const items = aggr.heap!.items.slice();
        const less = op === "topk" ? byValueLess : byReverseValueLess;
        // sort.Sort(sort.Reverse(heap)).
        if (items.length > 1) {
          goSort(items, (a, b) => less(b, a));
        }
        for (const v of items) out.push({ metric: v.metric, t: 0, v: v.v });
        continue;
      }
      case "quantile":
        aggr.value = quantile(q, aggr.values!);
        break;
      default:
        break;
    }
    out.push({ metric: aggr.labels, t: 0, v: aggr.value });
  }
  return out;
}
