// Decoded families as the samples their text exposition holds, for a readable view and for
// comparing with the 0.0.4 text of the same snapshot.
// Rule: what prometheus/common expfmt's text writer (MetricFamilyToText) writes for a family:
// counter, gauge and untyped one sample each; a histogram its `_bucket` samples with `le` last
// (Go's float formatting), a `le="+Inf"` bucket equal to sample_count when the buckets lack
// one, then `_sum` and `_count`. Native buckets have no text form: a native-only histogram is
// its `+Inf` bucket, `_sum` and `_count`, as expfmt writes it.

import { formatFloat } from "../engine/exposition";
import type { MetricFamily } from "./metrics";

/** One sample: name, labels in the order written, value. */
export interface WireSample {
  name: string;
  labels: Record<string, string>;
  labelOrder: string[];
  value: number;
}

function sample(name: string, labels: readonly { name: string; value: string }[], value: number): WireSample {
  const record: Record<string, string> = Object.create(null);
  for (const l of labels) record[l.name] = l.value;
  return { name, labels: record, labelOrder: labels.map((l) => l.name), value };
}

/** Every sample of the families, in the order the text exposition writes them. */
export function familySamples(families: readonly MetricFamily[]): WireSample[] {
  const out: WireSample[] = [];
  for (const f of families) {
    for (const m of f.metric) {
      const value = m.counter ?? m.gauge ?? m.untyped;
      if (value) {
        out.push(sample(f.name, m.label, value.value));
        continue;
      }
      const h = m.histogram;
      if (!h) continue;
      let inf = false;
      for (const b of h.bucket) {
        out.push(sample(`${f.name}_bucket`, [...m.label, { name: "le", value: formatFloat(b.upperBound) }], b.cumulativeCount));
        if (b.upperBound === Infinity) inf = true;
      }
      if (!inf) out.push(sample(`${f.name}_bucket`, [...m.label, { name: "le", value: "+Inf" }], h.sampleCount));
      out.push(sample(`${f.name}_sum`, m.label, h.sampleSum));
      out.push(sample(`${f.name}_count`, m.label, h.sampleCount));
    }
  }
  return out;
}
