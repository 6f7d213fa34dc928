// The console's example queries, made from the views registered now and the names the export
// panel gives them (its naming and namespace), so each runs as written against the history.
// Rule: an example is offered only when the views can answer it — the error ratio needs a view
// with a `status` tag, bytes/s a distribution of a `By` measure — and otherwise it is not
// offered, rather than offered and empty.

import type { View } from "../../engine";
import { exposedName, type Naming } from "../../engine/exposition";

export interface Example {
  title: string;
  query: string;
}

const hasTag = (v: View, key: string) => v.tagKeys.some((k) => k.name === key);

/** The examples for `views` named with `naming` under `namespace`. */
export function examplesFor(views: readonly View[], naming: Naming, namespace: string): Example[] {
  const name = (v: View) => exposedName(v, namespace, naming, "prometheus").sample;
  const out: Example[] = [];
  const counter = views.find((v) => v.aggregation.type === "count");
  const distributions = views.filter((v) => v.aggregation.type === "distribution");
  const latency = distributions.find((v) => v.measure.unit === "ms" || v.measure.unit === "s");
  const bytes = distributions.find((v) => v.measure.unit === "By");
  if (counter) out.push({ title: "Lines per second", query: `sum(rate(${name(counter)}[5m]))` });
  const withStatus = distributions.find((v) => hasTag(v, "status")) ?? views.find((v) => v.aggregation.type === "count" && hasTag(v, "status"));
  if (withStatus) {
    const series = withStatus.aggregation.type === "distribution" ? `${name(withStatus)}_count` : name(withStatus);
    out.push({
      title: "Error ratio",
      query: `sum(rate(${series}{status="ERROR"}[5m])) / sum(rate(${series}[5m]))`,
    });
  }
  if (latency) out.push({ title: "p99 latency over 5 m", query: `histogram_quantile(0.99, sum by (le) (rate(${name(latency)}_bucket[5m])))` });
  if (bytes)
    out.push({
      title: hasTag(bytes, "status") ? "Bytes per second by status" : "Bytes per second",
      query: hasTag(bytes, "status") ? `sum by (status) (rate(${name(bytes)}_sum[5m]))` : `sum(rate(${name(bytes)}_sum[5m]))`,
    });
  return out;
}
