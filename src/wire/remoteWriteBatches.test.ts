// Cutting a history into remote-write batches (remoteWriteBatches.ts): a fast-check property
// against a plain sort of the in-range samples, the copies' independence, refusals, and a whole
// history through the encoder and back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeWriteRequest, type LabelPair, remoteWriteBody } from "./remoteWrite";
import { samplesInRange, type SeriesColumns, slabBatches, timeOrderedBatches, type WriteBatch } from "./remoteWriteBatches";
import { snappyUncompress } from "./snappy";

const NUM_RUNS = 300;

interface Flat {
  series: number;
  t: number;
  v: number;
  stale: number;
}

function columnsOf(rows: { t: number[]; v: number[]; stale: number[] }[]): SeriesColumns[] {
  return rows.map((r, s) => ({
    labels: [["__name__", `m${s}`]] as LabelPair[],
    t: Float64Array.from(r.t),
    v: Float64Array.from(r.v),
    stale: Uint8Array.from(r.stale),
    n: r.t.length,
  }));
}

/** The specification, written the slow way: every in-range sample, sorted by (t, series). */
function expectedOrder(columns: readonly SeriesColumns[], fromMs: number, toMs: number): Flat[] {
  const all: Flat[] = [];
  columns.forEach((c, series) => {
    for (let i = 0; i < c.n; i++) {
      const t = c.t[i]!;
      if (t >= fromMs && t <= toMs) all.push({ series, t, v: c.v[i]!, stale: c.stale[i]! });
    }
  });
  return all.sort((a, b) => a.t - b.t || a.series - b.series);
}

/** A batch's samples, series by series as it holds them, with the series found by its labels. */
function flatten(batch: WriteBatch, columns: readonly SeriesColumns[]): Flat[] {
  const out: Flat[] = [];
  for (const ws of batch.series) {
    const series = columns.findIndex((c) => c.labels === ws.labels);
    for (let i = 0; i < ws.timestamps.length; i++) {
      out.push({ series, t: ws.timestamps[i]!, v: ws.values[i]!, stale: ws.stale === null ? 0 : ws.stale[i]! });
    }
  }
  return out;
}

/** The same samples grouped as a batch must group them: by series, in first-appearance order. */
function groupedBySeries(chunk: readonly Flat[]): Flat[] {
  const order: number[] = [];
  for (const x of chunk) if (!order.includes(x.series)) order.push(x.series);
  return order.flatMap((s) => chunk.filter((x) => x.series === s));
}

/** 0–6 series of 0–40 samples with timestamps in a small range, so series often share them. */
const seriesArb = fc
  .uniqueArray(fc.integer({ min: -30, max: 60 }), { maxLength: 40 })
  .chain((ts) => {
    const t = [...ts].sort((a, b) => a - b).map((x) => x * 1000);
    return fc.record({
      t: fc.constant(t),
      v: fc.array(fc.double({ noNaN: true }), { minLength: t.length, maxLength: t.length }),
      stale: fc.array(fc.constantFrom(0, 0, 0, 1), { minLength: t.length, maxLength: t.length }),
    });
  });
const historyArb = fc.array(seriesArb, { maxLength: 6 });
const boundArb = fc.oneof(fc.integer({ min: -35, max: 65 }).map((x) => x * 1000 + (x % 3 === 0 ? 500 : 0)), fc.constantFrom(-Infinity, Infinity));

/** slabBatches' batches, the slow way: from the earliest sample left, a slab of series one by one, in runs of maxSamples. */
function slabChunks(columns: readonly SeriesColumns[], fromMs: number, toMs: number, slabMs: number, maxSamples: number): Flat[][] {
  const left = expectedOrder(columns, fromMs, toMs);
  const out: Flat[][] = [];
  while (left.length > 0) {
    const start = Math.min(...left.map((x) => x.t));
    const inSlab = left.filter((x) => x.t < start + slabMs).sort((a, b) => a.series - b.series || a.t - b.t);
    for (let i = 0; i < inSlab.length; i += maxSamples) out.push(inSlab.slice(i, i + maxSamples));
    for (const x of inSlab) left.splice(left.indexOf(x), 1);
  }
  return out;
}

describe("slabBatches (property)", () => {
  it("slab by slab, series by series within a slab, at most maxSamples a batch; nothing goes out a slab older than what went before", () => {
    fc.assert(
      fc.property(historyArb, boundArb, boundArb, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 30 }), (rows, a, b, maxSamples, slabS) => {
        const columns = columnsOf(rows);
        const [fromMs, toMs] = a <= b ? [a, b] : [b, a];
        const slabMs = slabS * 1000;
        const expected = slabChunks(columns, fromMs, toMs, slabMs, maxSamples);
        const batches = [...slabBatches(columns, { fromMs, toMs }, maxSamples, slabMs)];
        expect(batches).toHaveLength(expected.length);
        expect(batches.reduce((n, x) => n + x.samples, 0)).toBe(samplesInRange(columns, { fromMs, toMs }));
        let newest = -Infinity;
        batches.forEach((batch, k) => {
          const chunk = expected[k]!;
          expect(batch.samples).toBe(chunk.length);
          expect(batch.minT).toBe(Math.min(...chunk.map((x) => x.t)));
          expect(batch.maxT).toBe(Math.max(...chunk.map((x) => x.t)));
          const sent = flatten(batch, columns);
          expect(sent).toEqual(groupedBySeries(chunk));
          for (const x of sent) {
            expect(x.t).toBeGreaterThan(newest - slabMs);
            newest = Math.max(newest, x.t);
          }
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("refuses a slab of 0 or NaN ms", () => {
    expect(() => slabBatches([], { fromMs: 0, toMs: 1 }, 10, 0)).toThrow(/slabMs must be above 0/);
    expect(() => slabBatches([], { fromMs: 0, toMs: 1 }, 10, NaN)).toThrow(/slabMs must be above 0/);
  });
});

describe("timeOrderedBatches (property)", () => {
  it("batches hold exactly the in-range samples in global time order, at most maxSamples each", () => {
    fc.assert(
      fc.property(historyArb, boundArb, boundArb, fc.integer({ min: 1, max: 25 }), (rows, a, b, maxSamples) => {
        const columns = columnsOf(rows);
        const [fromMs, toMs] = a <= b ? [a, b] : [b, a];
        const expected = expectedOrder(columns, fromMs, toMs);
        const batches = [...timeOrderedBatches(columns, { fromMs, toMs }, maxSamples)];

        expect(samplesInRange(columns, { fromMs, toMs })).toBe(expected.length);
        expect(batches.reduce((n, x) => n + x.samples, 0)).toBe(expected.length);
        expect(batches).toHaveLength(Math.ceil(expected.length / maxSamples));
        batches.forEach((batch, k) => {
          // Global time order: batch k is the k-th run of maxSamples samples of the sorted order.
          const chunk = expected.slice(k * maxSamples, (k + 1) * maxSamples);
          expect(batch.samples).toBe(chunk.length);
          expect(batch.samples).toBeLessThanOrEqual(maxSamples);
          expect(batch.minT).toBe(chunk[0]!.t);
          expect(batch.maxT).toBe(chunk[chunk.length - 1]!.t);
          expect(flatten(batch, columns)).toEqual(groupedBySeries(chunk));
          for (const ws of batch.series) {
            expect(ws.timestamps.length).toBeGreaterThan(0);
            for (let i = 1; i < ws.timestamps.length; i++) expect(ws.timestamps[i]!).toBeGreaterThan(ws.timestamps[i - 1]!);
            // Stale flags are null exactly when none is set.
            if (ws.stale !== null) expect(Array.from(ws.stale)).toContain(1);
          }
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("an empty or inverted range gives no batch", () => {
    fc.assert(
      fc.property(historyArb, boundArb, (rows, a) => {
        const columns = columnsOf(rows);
        const range = { fromMs: a + 1, toMs: a };
        expect([...timeOrderedBatches(columns, range, 3)]).toEqual([]);
        expect(samplesInRange(columns, range)).toBe(0);
      }),
      { numRuns: 50 },
    );
  });
});

describe("timeOrderedBatches", () => {
  const shared = (series: number, samples: number): SeriesColumns[] =>
    columnsOf(
      Array.from({ length: series }, (_, s) => ({
        t: Array.from({ length: samples }, (_, i) => 1_000_000 + i * 1000),
        v: Array.from({ length: samples }, (_, i) => s * 1000 + i),
        stale: Array.from({ length: samples }, () => 0),
      })),
    );

  it("with shared timestamps, every series' sample at t comes before any at t + 1 s, series in order", () => {
    const columns = shared(3, 4);
    const batches = [...timeOrderedBatches(columns, { fromMs: -Infinity, toMs: Infinity }, 4)];
    expect(batches.map((b) => flatten(b, columns).map((x) => `${x.series}@${x.t}`))).toEqual([
      ["0@1000000", "0@1001000", "1@1000000", "2@1000000"],
      ["1@1001000", "1@1002000", "2@1001000", "0@1002000"],
      ["2@1002000", "2@1003000", "0@1003000", "1@1003000"],
    ]);
    expect(batches.map((b) => [b.minT, b.maxT])).toEqual([
      [1_000_000, 1_001_000],
      [1_001_000, 1_002_000],
      [1_002_000, 1_003_000],
    ]);
  });

  it("a batch holds copies: changing the columns afterwards does not change it", () => {
    const columns = shared(2, 6);
    const iterator = timeOrderedBatches(columns, { fromMs: -Infinity, toMs: Infinity }, 5);
    const first = iterator.next().value as WriteBatch;
    const before = JSON.stringify(first.series.map((s) => [Array.from(s.timestamps), Array.from(s.values), s.stale]));
    for (const c of columns) {
      (c.v as Float64Array).fill(-1);
      (c.stale as Uint8Array).fill(1);
      (c.t as Float64Array).fill(0, 0, 3);
    }
    expect(JSON.stringify(first.series.map((s) => [Array.from(s.timestamps), Array.from(s.values), s.stale]))).toBe(before);
    expect(first.series[0]!.timestamps.length).toBeGreaterThan(0);
  });

  it("reads columns given as plain arrays, and columns longer than n only up to n", () => {
    const columns: SeriesColumns[] = [
      { labels: [["__name__", "a"]], t: [1, 2, 3, 99], v: [10, 20, 30, 990], stale: [0, 1, 0, 0], n: 3 },
      { labels: [["__name__", "b"]], t: [2], v: [7], stale: [0], n: 1 },
    ];
    const [batch, ...rest] = [...timeOrderedBatches(columns, { fromMs: 0, toMs: 1000 }, 10)];
    expect(rest).toEqual([]);
    expect(batch!.samples).toBe(4);
    expect(batch!.series.map((s) => [Array.from(s.timestamps), Array.from(s.values), s.stale && Array.from(s.stale)])).toEqual([
      [[1, 2, 3], [10, 20, 30], [0, 1, 0]],
      [[2], [7], null],
    ]);
    expect(samplesInRange(columns, { fromMs: 0, toMs: 1000 })).toBe(4);
  });

  it("refuses maxSamples below 1 or fractional, a NaN bound, and n beyond a column, when called", () => {
    const columns = shared(1, 3);
    const all = { fromMs: -Infinity, toMs: Infinity };
    for (const bad of [0, -1, 1.5, NaN]) {
      expect(() => timeOrderedBatches(columns, all, bad), String(bad)).toThrow(RangeError);
    }
    expect(() => timeOrderedBatches(columns, { fromMs: NaN, toMs: 0 }, 1)).toThrow(/range/);
    expect(() => samplesInRange(columns, { fromMs: 0, toMs: NaN })).toThrow(RangeError);
    const short = [{ ...columns[0]!, n: 4 }];
    expect(() => samplesInRange(short, all)).toThrow(/series 0 says n = 4/);
    expect(() => [...timeOrderedBatches(short, all, 2)]).toThrow(/series 0 says n = 4/);
    expect([...timeOrderedBatches(columns, all, Infinity)]).toHaveLength(1);
  });

  it("refuses timestamps that do not strictly increase", () => {
    const columns: SeriesColumns[] = [{ labels: [["__name__", "a"]], t: [1, 3, 3], v: [1, 2, 3], stale: [0, 0, 0], n: 3 }];
    expect(() => [...timeOrderedBatches(columns, { fromMs: 0, toMs: 10 }, 10)]).toThrow(/not strictly increasing at sample 2/);
  });

  it("a whole history goes through the encoder and back: every sample once, markers as StaleNaN", () => {
    const columns = shared(50, 40);
    (columns[7]!.stale as Uint8Array)[20] = 1;
    (columns[7]!.v as Float64Array)[20] = NaN;
    const got = new Map<string, { t: number; v: number; stale: boolean }[]>();
    let requests = 0;
    for (const batch of timeOrderedBatches(columns, { fromMs: -Infinity, toMs: Infinity }, 128)) {
      requests++;
      for (const ts of decodeWriteRequest(snappyUncompress(remoteWriteBody(batch.series))).timeseries) {
        const name = ts.labels[0]![1];
        const list = got.get(name) ?? [];
        list.push(...ts.samples.map((s) => ({ t: s.timestamp, v: s.value, stale: s.stale })));
        got.set(name, list);
      }
    }
    expect(requests).toBe(Math.ceil((50 * 40) / 128));
    columns.forEach((c, s) => {
      const list = got.get(`m${s}`)!;
      expect(list.map((x) => x.t)).toEqual(Array.from(c.t));
      expect(list.map((x) => x.stale)).toEqual(Array.from(c.stale, (f) => f === 1));
      list.forEach((x, i) => expect(Object.is(x.v, c.v[i])).toBe(true));
    });
  });
});
