// Wire size of the remote-write benches' two layouts of the same samples: ours, one TimeSeries
// per series per request (src/wire/remoteWriteBatches.ts), and Prometheus 2.42's own, one
// TimeSeries per sample with its labels repeated (storage/remote/queue_manager.go
// populateTimeSeries), in requests of MaxSamplesPerSend samples (500 by default in 2.42,
// config/config.go DefaultQueueConfig; 2,000 from 2.44 on). Shared by the Node bench
// (bench/wire/remoteWrite.ts) and the Chromium page (bench/browser/remote-write-page.ts).
// Rule: sizes only, never timed; free of Node APIs, since it is bundled into a browser page.
import {
  encodeWriteRequest,
  snappyCompress,
  type MetricMetadata,
  type WriteBatch,
  type WriteSeries,
} from "../../src/wire";

/** Prometheus 2.42's layout of a batch: each sample its own TimeSeries, labels repeated. */
export function perSample(batch: WriteBatch): WriteSeries[] {
  const out: WriteSeries[] = [];
  // Back into time order: the batch holds each series' samples together.
  const items: { t: number; s: number; i: number }[] = [];
  batch.series.forEach((s, k) => {
    for (let i = 0; i < s.timestamps.length; i++) items.push({ t: s.timestamps[i]!, s: k, i });
  });
  items.sort((a, b) => a.t - b.t || a.s - b.s);
  for (const { s, i } of items) {
    const from = batch.series[s]!;
    out.push({
      labels: from.labels,
      timestamps: [from.timestamps[i]!],
      values: [from.values[i]!],
      stale: from.stale === null ? null : [from.stale[i]!],
    });
  }
  return out;
}

/** Requests, and their bytes before and after snappy. */
export interface WireSize {
  requests: number;
  raw: number;
  snappy: number;
}

export const noSize = (): WireSize => ({ requests: 0, raw: 0, snappy: 0 });

/** Adds one request of `series` (and `metadata`) to `size`; returns its protobuf and its snappy body. */
export function addRequest(
  size: WireSize,
  series: readonly WriteSeries[],
  metadata: readonly MetricMetadata[] = [],
): { bytes: Uint8Array; body: Uint8Array } {
  const bytes = encodeWriteRequest(series, metadata);
  const body = snappyCompress(bytes);
  size.requests++;
  size.raw += bytes.length;
  size.snappy += body.length;
  return { bytes, body };
}

/** The size of `requests`, each one request. */
export function sizes(requests: Iterable<readonly WriteSeries[]>): WireSize {
  const size = noSize();
  for (const series of requests) addRequest(size, series);
  return size;
}
