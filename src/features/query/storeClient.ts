// The console's completion source: codemirror-promql's PrometheusClient answered from the page's
// own series history instead of a Prometheus server's HTTP API.
// Rule: answers come from the series the history holds at the moment of asking (metric names,
// label names and values of the named metric); matchers narrow nothing (a superset is offered,
// as a server with no match support would), and nothing is fetched.

import type { PrometheusClient } from "@prometheus-io/codemirror-promql";

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** A PrometheusClient over `labelSets()` (every series' labels, with `__name__`). */
export function storeClient(labelSets: () => Record<string, string>[]): PrometheusClient {
  const ofMetric = (metricName?: string) => {
    const all = labelSets();
    return metricName ? all.filter((l) => l.__name__ === metricName) : all;
  };
  return {
    metricNames: async (prefix?: string) =>
      sorted(labelSets().map((l) => l.__name__ ?? "")).filter((n) => n !== "" && (!prefix || n.startsWith(prefix))),
    labelNames: async (metricName?: string) => sorted(ofMetric(metricName).flatMap((l) => Object.keys(l))).filter((n) => n !== "__name__"),
    labelValues: async (labelName: string, metricName?: string) =>
      sorted(ofMetric(metricName).flatMap((l) => (l[labelName] === undefined ? [] : [l[labelName]!]))),
    series: async (metricName: string) => ofMetric(metricName).map((l) => new Map(Object.entries(l))),
    metricMetadata: async () => ({}),
    flags: async () => ({}),
  };
}
