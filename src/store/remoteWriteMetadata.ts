// The metric metadata a remote-write request carries: for every family the page exposes now, its
// type, help and unit, as Prometheus's scrape cache would hold them for the 0.0.4 text the page
// scrapes itself from (so a counter's family is named with `_total` in Prometheus naming, as its
// `# TYPE` line says).
// Rule: a view whose data the 0.0.4 text cannot carry (an exponential histogram) has no series in
// the history, so it gets no metadata either; the unit is the exposed base unit ("" when none).

import type { View } from "../engine";
import { exposedName, type Naming } from "../engine/exposition";
import type { MetricMetadata } from "../wire";

export function remoteWriteMetadata(views: readonly View[], namespace: string, naming: Naming): MetricMetadata[] {
  const out: MetricMetadata[] = [];
  for (const view of views) {
    if (view.aggregation.type === "exponentialHistogram") continue;
    const name = exposedName(view, namespace, naming, "prometheus");
    out.push({ type: name.type, metricFamilyName: name.family, help: view.description, unit: name.unit });
  }
  return out;
}
