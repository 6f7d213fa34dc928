// The remote-write benches' history: an hour of 1 s scrapes of 500 series (3,600 samples each,
// 1,800,000 samples) as the series store keeps them (SeriesColumns), and the metric metadata a
// first request would carry for its 20 families. Shared by the Node bench
// (bench/wire/remoteWrite.ts) and the Chromium page (bench/browser/remote-write-page.ts), so
// both measure the same samples.
// Rule: deterministic (mulberry32, seed 42) and free of Node APIs, since it is bundled into a
// browser page: it imports the wire layer's types and test/seeded.ts, nothing else.
import type { LabelPair, MetricMetadata, SeriesColumns } from "../../src/wire";
import { mulberry32 } from "../../test/seeded";

export const SERIES = 500;
export const SAMPLES = 3600;
export const STEP_MS = 1000;
export const START = Date.UTC(2024, 0, 1);

const LES = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];
/** 20 metric names: 4 classic histograms (bucket, sum, count) and 8 counters and gauges. */
const HISTOGRAMS = ["http_request_duration_seconds", "rpc_latency_seconds", "db_query_duration_seconds", "response_size_bytes"];
const OTHERS = [
  "http_requests_total",
  "process_cpu_seconds_total",
  "process_resident_memory_bytes",
  "go_goroutines",
  "go_gc_duration_seconds_count",
  "node_network_receive_bytes_total",
  "cache_hits_total",
  "queue_depth",
];

/** Sorted label pairs from a record (all names here are ASCII, so code unit order is byte order). */
const sorted = (labels: Record<string, string>): LabelPair[] =>
  Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** 500 label sets: per instance, every histogram's 12 buckets, sum and count, then the others. */
function labelSets(): LabelPair[][] {
  const out: LabelPair[][] = [];
  for (let inst = 0; out.length < SERIES; inst++) {
    const common = { job: "api-server", instance: `10.1.${inst >> 4}.${inst & 15}:9090` };
    for (const h of HISTOGRAMS) {
      for (const le of LES) out.push(sorted({ ...common, __name__: `${h}_bucket`, handler: "/api/v1/query", le }));
      out.push(sorted({ ...common, __name__: `${h}_sum`, handler: "/api/v1/query" }));
      out.push(sorted({ ...common, __name__: `${h}_count`, handler: "/api/v1/query" }));
    }
    for (const name of OTHERS) out.push(sorted({ ...common, __name__: name }));
  }
  return out.slice(0, SERIES);
}

/** Counter-like columns: increasing values, and a stale marker in every 50th series at mid-hour. */
export function history(): SeriesColumns[] {
  const random = mulberry32(42);
  return labelSets().map((labels, s) => {
    const t = new Float64Array(SAMPLES);
    const v = new Float64Array(SAMPLES);
    const stale = new Uint8Array(SAMPLES);
    let total = Math.floor(random() * 1000);
    for (let i = 0; i < SAMPLES; i++) {
      t[i] = START + i * STEP_MS;
      total += Math.floor(random() * 20) + random() * (s % 3 === 0 ? 1 : 0);
      v[i] = total;
    }
    if (s % 50 === 0) {
      v[SAMPLES / 2] = NaN;
      stale[SAMPLES / 2] = 1;
    }
    return { labels, t, v, stale, n: SAMPLES };
  });
}

/**
 * The metadata of the history's families (type, help, unit), as the page's first request of a
 * history send carries it (src/store/remoteWrite.ts): the histograms by their family name, the
 * others as the 0.0.4 text would type them.
 */
export function historyMetadata(): MetricMetadata[] {
  const unit = (name: string): string => (/_seconds(_total)?$/.test(name) ? "seconds" : /_bytes(_total)?$/.test(name) ? "bytes" : "");
  return [
    ...HISTOGRAMS.map((h): MetricMetadata => ({ type: "histogram", metricFamilyName: h, help: `${h.replace(/_/g, " ")}.`, unit: unit(h) })),
    ...OTHERS.map(
      (name): MetricMetadata => ({
        type: /_total$|_count$/.test(name) ? "counter" : "gauge",
        metricFamilyName: name,
        help: `${name.replace(/_/g, " ")}.`,
        unit: unit(name),
      }),
    ),
  ];
}
