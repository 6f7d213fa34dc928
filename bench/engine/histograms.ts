// The histogram each contestant records into, and its state read back in one shape, so the
// scenarios can check that everyone counted the same thing.
// Rule: every contestant must hold exactly the floor's counts and buckets, and its sum to 1e-9;
// the floor is the least work any histogram can do (a series already resolved, a binary search
// over the bounds, three increments).
import type { Histogram as OtelHistogram } from "@opentelemetry/api";
import { AggregationType, DataPointType, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { Histogram, Registry } from "prom-client";

import { createStats, distribution, type Measure, measureFloat64, type Stats, tagKey } from "../../src/engine";
import { BOUNDS, fail } from "./data";

export interface HistRow {
  count: number;
  sum: number;
  /** Per-bucket counts, BOUNDS.length + 1 (overflow last). */
  buckets: number[];
}
/** Rows by their `method` label. */
export type HistState = Map<string, HistRow>;

export const emptyRow = (): HistRow => ({ count: 0, sum: 0, buckets: new Array<number>(BOUNDS.length + 1).fill(0) });

function rowOf(state: HistState, label: string): HistRow {
  let r = state.get(label);
  if (!r) state.set(label, (r = emptyRow()));
  return r;
}

/** The floor's observe. */
export function floorObserve(s: HistRow, v: number): void {
  let lo = 0;
  let hi = BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= BOUNDS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  s.buckets[lo]!++;
  s.count++;
  s.sum += v;
}

export function ourHistogram(name: string): { stats: Stats; m: Measure } {
  const stats = createStats();
  const m = measureFloat64(name, { description: "request latency", unit: "ms" });
  stats.registerView({ name, measure: m, aggregation: distribution(BOUNDS), tagKeys: [tagKey("method")] });
  return { stats, m };
}

export function ourState(stats: Stats, view: string): HistState {
  const state: HistState = new Map();
  for (const row of stats.viewData(view)?.rows ?? [])
    if (row.data.type === "distribution")
      state.set(row.tags[0] ?? "", { count: row.data.count, sum: row.data.sum, buckets: row.data.bucketCounts.slice() });
  return state;
}

export function promHistogram(name: string): Histogram<"method"> {
  return new Histogram({ name, help: "request latency", labelNames: ["method"], buckets: [...BOUNDS], registers: [new Registry()] });
}

export async function promState(h: Histogram<"method">): Promise<HistState> {
  const state: HistState = new Map();
  const cumulative = new Map<string, number[]>();
  for (const v of (await h.get()).values) {
    const label = String(v.labels.method ?? "");
    const r = rowOf(state, label);
    if (v.metricName?.endsWith("_count")) r.count = v.value;
    else if (v.metricName?.endsWith("_sum")) r.sum = v.value;
    else if (v.metricName?.endsWith("_bucket")) {
      const le = String((v.labels as { le?: string | number }).le); // prom-client adds `le` to bucket values
      const idx = le === "+Inf" ? BOUNDS.length : BOUNDS.indexOf(Number(le));
      let c = cumulative.get(label);
      if (!c) cumulative.set(label, (c = new Array<number>(BOUNDS.length + 1).fill(0)));
      c[idx] = v.value;
    }
  }
  for (const [label, c] of cumulative) {
    const r = rowOf(state, label);
    for (let i = 0; i < c.length; i++) r.buckets[i] = c[i]! - (i > 0 ? c[i - 1]! : 0);
  }
  return state;
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

export interface OtelContestant {
  reader: MetricReader;
  histogram: OtelHistogram;
  provider: MeterProvider;
}

export function otelHistogram(name: string): OtelContestant {
  const reader = new PullReader();
  const provider = new MeterProvider({
    readers: [reader],
    views: [
      { instrumentName: name, aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...BOUNDS] } } },
    ],
  });
  const histogram = provider.getMeter("bench").createHistogram(name, { unit: "ms" });
  return { reader, histogram, provider };
}

export async function otelState(reader: MetricReader, name: string): Promise<HistState> {
  const state: HistState = new Map();
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) fail(`OTel collect errors: ${errors.map(String).join("; ")}`);
  for (const sm of resourceMetrics.scopeMetrics)
    for (const m of sm.metrics) {
      if (m.descriptor.name !== name || m.dataPointType !== DataPointType.HISTOGRAM) continue;
      for (const dp of m.dataPoints)
        state.set(String(dp.attributes.method ?? ""), {
          count: dp.value.count,
          sum: dp.value.sum ?? NaN,
          buckets: dp.value.buckets.counts.slice(),
        });
    }
  return state;
}

/** Fails (exit 1) unless every state equals `reference`'s: series, counts, buckets; sums to 1e-9. */
export function crossCheck(scenario: string, expectedTotal: number, states: Record<string, HistState>, reference: string): void {
  const ref = states[reference]!;
  let total = 0;
  for (const r of ref.values()) total += r.count;
  if (total !== expectedTotal) fail(`${scenario}: ${reference} holds ${total} observations, expected ${expectedTotal}`);
  for (const [name, st] of Object.entries(states)) {
    if (name === reference) continue;
    if (st.size !== ref.size) {
      fail(`${scenario}: ${name} has ${st.size} series, ${reference} has ${ref.size}`);
      continue;
    }
    for (const [label, want] of ref) {
      const got = st.get(label);
      if (!got) {
        fail(`${scenario}: ${name} has no series method="${label}"`);
        continue;
      }
      if (got.count !== want.count) fail(`${scenario}: ${name} method="${label}" _count ${got.count}, ${reference} ${want.count}`);
      if (Math.abs(got.sum - want.sum) > 1e-9 * Math.abs(want.sum))
        fail(`${scenario}: ${name} method="${label}" _sum ${got.sum}, ${reference} ${want.sum}`);
      const diff = want.buckets.findIndex((b, i) => got.buckets[i] !== b);
      if (diff >= 0)
        fail(`${scenario}: ${name} method="${label}" bucket ${diff} (le=${BOUNDS[diff] ?? "+Inf"}) holds ${got.buckets[diff]}, ${reference} ${want.buckets[diff]}`);
    }
  }
}
