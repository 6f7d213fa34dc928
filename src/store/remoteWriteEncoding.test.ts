// The encoder's calls, as the worker answers them: a span cut request by request, stopped, lost.
import { describe, expect, it } from "vitest";
import { decodeWriteRequest, snappyUncompress } from "../wire";
import { createEncoding } from "./remoteWriteEncoding";

const column = (name: string, times: number[]) => ({
  labels: [["__name__", name]] as [string, string][],
  t: Float64Array.from(times),
  v: Float64Array.from(times, (_, i) => i),
  stale: new Uint8Array(times.length),
  n: times.length,
});

describe("createEncoding", () => {
  it("cuts a span into requests in time order, metadata where asked, then null, then refuses", () => {
    const e = createEncoding();
    e.handle({ kind: "start", columns: [column("a", [1000, 2000, 3000]), column("b", [1000, 2000, 3000])], range: { fromMs: 0, toMs: 5000 }, maxSamples: 4, slabMs: 60_000 });
    const first = e.handle({ kind: "next", metadata: [{ type: "gauge", metricFamilyName: "a", help: "", unit: "" }] })!;
    expect(first).toMatchObject({ samples: 4, maxT: 3000, metadata: 1, headers: { "Content-Encoding": "snappy" } });
    const decoded = decodeWriteRequest(snappyUncompress(first.body));
    // One slab: series by series.
    expect(decoded.timeseries.map((ts) => ts.samples.map((x) => x.timestamp))).toEqual([[1000, 2000, 3000], [1000]]);
    expect(e.handle({ kind: "next", metadata: [] })).toMatchObject({ samples: 2, maxT: 3000, metadata: 0 });
    expect(e.handle({ kind: "next", metadata: [] })).toBeNull();
    expect(() => e.handle({ kind: "next", metadata: [] })).toThrow("no span is being cut: the encoder lost it");
  });

  it("forgets a stopped span, and encodes the stream's samples with their count and newest time", () => {
    const e = createEncoding();
    e.handle({ kind: "start", columns: [column("a", [1000])], range: { fromMs: 0, toMs: 5000 }, maxSamples: 4, slabMs: 60_000 });
    e.handle({ kind: "stop" });
    expect(() => e.handle({ kind: "next", metadata: [] })).toThrow(/no span/);
    const one = e.handle({ kind: "encode", series: [{ labels: [["__name__", "a"]], timestamps: [5, 9], values: [1, 2], stale: null }], metadata: [] })!;
    expect(one).toMatchObject({ samples: 2, maxT: 9, metadata: 0 });
    expect(() => e.handle({ kind: "encode", series: [{ labels: [["job", "x"]], timestamps: [1], values: [1], stale: null }], metadata: [] })).toThrow(/no __name__ label/);
  });

  it("reads ahead: the next request is ready, encoded again when asked with metadata, and the end or a failure comes at its turn", () => {
    const e = createEncoding();
    e.handle({ kind: "start", columns: [column("a", [1000, 2000, 3000])], range: { fromMs: 0, toMs: 5000 }, maxSamples: 2, slabMs: 60_000 });
    e.readAhead();
    const meta = [{ type: "gauge" as const, metricFamilyName: "a", help: "", unit: "" }];
    const first = e.handle({ kind: "next", metadata: meta })!;
    expect(first).toMatchObject({ samples: 2, maxT: 2000, metadata: 1 });
    expect(decodeWriteRequest(snappyUncompress(first.body)).metadata).toEqual(meta);
    e.readAhead();
    e.readAhead(); // one at a time
    expect(e.handle({ kind: "next", metadata: [] })).toMatchObject({ samples: 1, maxT: 3000, metadata: 0 });
    e.readAhead(); // finds the end
    expect(e.handle({ kind: "next", metadata: [] })).toBeNull();
    expect(() => e.handle({ kind: "next", metadata: [] })).toThrow(/no span/);

    // A cut that fails while reading ahead fails the next call, then the span is gone.
    e.handle({ kind: "start", columns: [column("a", [2000, 1000])], range: { fromMs: 0, toMs: 5000 }, maxSamples: 1, slabMs: 60_000 });
    e.readAhead();
    expect(e.handle({ kind: "next", metadata: [] })).toMatchObject({ samples: 1, maxT: 2000 });
    e.readAhead(); // the second sample is older than the first: the cut fails here
    expect(() => e.handle({ kind: "next", metadata: [] })).toThrow(/not strictly increasing/);
    expect(() => e.handle({ kind: "next", metadata: [] })).toThrow(/no span/);
  });
});
