// Scenario 3a: record the shared 1M values into an exponential histogram (160 buckets, scale
// 20 down as needed), ours against @opentelemetry/sdk-metrics' ExponentialHistogram
// aggregation, one reused label set, same values, one process.
// Ours records twice: into a measure without a unit (so its buckets can be compared with
// OpenTelemetry's, which knows no units) and into a measure in ms (folded as seconds, the
// engine's unit rule: one division more per value).
// Check: count, sum, min and max equal OpenTelemetry's exactly (the ms view: its min and max are
// OpenTelemetry's / 1000, its sum within 1e-9), and, at the same final scale, the same buckets.
import type { Histogram as OtelHistogram } from "@opentelemetry/api";
import { AggregationType, DataPointType, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";

import {
  createStats,
  type ExponentialHistogramData,
  exponentialHistogram,
  type Measure,
  measureFloat64,
  type Stats,
  TagMap,
  tagKey,
} from "../../src/engine";
import { type Contestant, race } from "../harness";
import { fail, failures, N, out, RECORD_PASSES, values } from "./data";
import type { ScenarioResult } from "./scenario";

const MAX_BUCKETS = 160;

interface ExpState {
  scale: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  zeroCount: number;
  offset: number;
  counts: number[];
}

function ours(name: string, unit: string): { stats: Stats; m: Measure } {
  const stats = createStats();
  const m = measureFloat64(name, { description: "request latency", unit });
  stats.registerView({ name, measure: m, aggregation: exponentialHistogram({ maxBuckets: MAX_BUCKETS }), tagKeys: [tagKey("method")] });
  return { stats, m };
}

function ourState(stats: Stats, name: string): ExpState | undefined {
  const d = stats.viewData(name)?.rows[0]?.data as ExponentialHistogramData | undefined;
  return d && { scale: d.scale, count: d.count, sum: d.sum, min: d.min, max: d.max, zeroCount: d.zeroCount, offset: d.positive.offset, counts: d.positive.counts };
}

/** A pull reader: no timer, collect() only when we ask. */
class PullReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

function otel(name: string): { reader: MetricReader; histogram: OtelHistogram; provider: MeterProvider } {
  const reader = new PullReader();
  const provider = new MeterProvider({
    readers: [reader],
    views: [{ instrumentName: name, aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: MAX_BUCKETS } } }],
  });
  const histogram = provider.getMeter("bench").createHistogram(name, { unit: "ms" });
  return { reader, histogram, provider };
}

async function otelState(reader: MetricReader, name: string): Promise<ExpState | undefined> {
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) fail(`OTel collect errors: ${errors.map(String).join("; ")}`);
  for (const sm of resourceMetrics.scopeMetrics)
    for (const m of sm.metrics) {
      if (m.descriptor.name !== name || m.dataPointType !== DataPointType.EXPONENTIAL_HISTOGRAM) continue;
      const v = m.dataPoints[0]?.value;
      if (v)
        return {
          scale: v.scale,
          count: v.count,
          sum: v.sum ?? NaN,
          min: v.min ?? NaN,
          max: v.max ?? NaN,
          zeroCount: v.zeroCount,
          offset: v.positive.offset,
          counts: v.positive.bucketCounts.slice(),
        };
    }
  return undefined;
}

/** Exact agreement with OpenTelemetry's state, and the buckets when the scales are equal. */
function crossCheck(expectedTotal: number, mine: ExpState | undefined, msView: ExpState | undefined, theirs: ExpState | undefined): string[] {
  const notes: string[] = [];
  if (!mine || !msView || !theirs) {
    fail(`3a: a contestant holds no exponential histogram (ours ${!!mine}, ours ms ${!!msView}, otel ${!!theirs})`);
    return notes;
  }
  if (theirs.count !== expectedTotal) fail(`3a: otel holds ${theirs.count} observations, expected ${expectedTotal}`);
  for (const k of ["count", "sum", "min", "max", "zeroCount"] as const)
    if (mine[k] !== theirs[k]) fail(`3a: ours ${k} ${mine[k]}, otel ${theirs[k]}`);
  if (mine.scale !== theirs.scale) notes.push(`scales differ (ours ${mine.scale}, otel ${theirs.scale}): buckets not compared`);
  else if (mine.offset !== theirs.offset || mine.counts.length !== theirs.counts.length || mine.counts.some((c, i) => c !== theirs.counts[i]))
    fail(`3a: at scale ${mine.scale} ours' buckets (offset ${mine.offset}, ${mine.counts.length}) differ from otel's (offset ${theirs.offset}, ${theirs.counts.length})`);
  else notes.push(`ours and otel agree: scale ${mine.scale}, ${mine.counts.length} buckets from index ${mine.offset}, count, sum, min, max exactly`);
  if (msView.count !== theirs.count) fail(`3a: ours (ms) count ${msView.count}, otel ${theirs.count}`);
  if (msView.min !== theirs.min / 1000 || msView.max !== theirs.max / 1000)
    fail(`3a: ours (ms) min/max ${msView.min}/${msView.max} s, otel ${theirs.min}/${theirs.max} ms`);
  if (Math.abs(msView.sum * 1000 - theirs.sum) > 1e-9 * Math.abs(theirs.sum)) fail(`3a: ours (ms) sum ${msView.sum} s, otel ${theirs.sum} ms`);
  notes.push(`ours, ms (seconds): scale ${msView.scale}, ${msView.counts.length} buckets from index ${msView.offset}`);
  return notes;
}

export async function recordExponential(): Promise<ScenarioResult> {
  const name = "latency_3a";
  const plain = ours(name, "");
  const ms = ours(name, "ms");
  const theirs = otel(name);
  const tags = TagMap.empty().insert(tagKey("method"), "repl");
  const attributes = { method: "repl" };
  const before = failures.length;

  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        const { stats, m } = plain;
        for (let i = 0; i < N; i++) stats.record(tags, m.m(values[i]!));
      },
    },
    {
      name: "ours, ms",
      run: () => {
        const { stats, m } = ms;
        for (let i = 0; i < N; i++) stats.record(tags, m.m(values[i]!));
      },
    },
    {
      name: "otel",
      run: () => {
        const h = theirs.histogram;
        for (let i = 0; i < N; i++) h.record(values[i]!, attributes);
      },
    },
  ];
  const timings = await race(contestants, RECORD_PASSES.warmup, RECORD_PASSES.timed);
  const notes = crossCheck(
    (RECORD_PASSES.warmup + RECORD_PASSES.timed) * N,
    ourState(plain.stats, name),
    ourState(ms.stats, name),
    await otelState(theirs.reader, name),
  );
  out.sink += ourState(plain.stats, name)?.count ?? 0;
  await theirs.provider.shutdown();
  if (failures.length !== before) notes.push("see the mismatches above");
  return { id: "3a", title: "record, exponential histogram (160 buckets)", unit: "op", opsPerPass: N, timings, notes };
}
