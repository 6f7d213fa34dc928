// What a candidate view would cost, exactly, before it is applied: the logged measurements of its
// measure replayed into a scratch engine holding just that view, written as exposition text in
// the page's format, naming and namespace; and how the logged values fall into the buckets of a
// layout. Replaying a million values takes a few hundred ms, so it runs in a Web Worker
// (preview.worker.ts) where there is one; `previewView` is the same computation, pure, for the
// worker, for Node tests and for a page without workers.
// Rules:
// - the replay is the engine's own: each value recorded, oldest first, under its row's tags into
//   a scratch engine whose clock reads the log's oldest time (a view filled from the log starts
//   there, so OpenMetrics' `_created` is the same), so the text is byte for byte what the page
//   would write for the view once applied;
// - bytes are UTF-8 bytes; samples are the text's sample lines;
// - the data (values, their tag sets, the rows) is sent once and kept by the worker under an id:
//   a candidate edited ten times is ten small requests, not ten copies of a million values;
// - a request asked while another waits replaces it (the latest candidate is the one wanted);
//   an answer to a request that was replaced never arrives, and a failure answers with the reason.

import {
  type AggregationType,
  count,
  createStats,
  distribution,
  lastValue,
  measureFloat64,
  measureInt64,
  type MeasureType,
  sum,
  tagKey,
  TagMap,
} from "../engine";
import { type ExpositionFormat, type Naming, toText } from "../engine/exposition";
import { workerCalls } from "./workerCalls";

/** The logged data a preview replays: values in log order, the row of each, the rows' tag values. */
export interface PreviewData {
  values: Float64Array;
  /** For each value, the index of its tag set; `rowOfSet` maps sets to rows. */
  setOf: Uint32Array;
}

/** A view, by plain data (a worker cannot be sent the engine's objects). */
export interface PreviewView {
  name: string;
  description: string;
  measure: { name: string; description: string; unit: string; type: MeasureType };
  aggregation: AggregationType;
  bounds: readonly number[];
  tagKeys: readonly string[];
  /** For each tag set of the data, its row in `rows`. */
  rowOfSet: Uint32Array;
  /** Each row's tag values, in key order. */
  rows: readonly (readonly string[])[];
  /** The view's row limit (the engine folds what is past it into the overflow row). */
  rowLimit?: number;
}

export interface PreviewRequest {
  /** Which data: the worker keeps the last data it was sent under this id. */
  dataId: number;
  /** The data, when the worker does not have `dataId` yet. */
  data?: PreviewData;
  /** The log's oldest time: where a view filled from it starts. */
  since: number | null;
  exposition: { format: ExpositionFormat; naming: Naming; namespace: string };
  /** The views to write (the candidate, and the current one when comparing). */
  views: readonly PreviewView[];
}

export interface ViewPreview {
  name: string;
  /** UTF-8 bytes of the view's exposition text. */
  bytes: number;
  /** Sample lines in it. */
  samples: number;
  /** Per-bucket counts (not cumulative; the last is +Inf) for a distribution, else null. */
  bucketCounts: number[] | null;
  /** Why it could not be written, if it could not. */
  error: string | null;
}

export interface PreviewResult {
  dataId: number;
  values: number;
  views: ViewPreview[];
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function countSamples(text: string): number {
  let samples = 0;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf("\n", start);
    if (text[start] !== "#" && end !== start) samples++;
    start = end < 0 ? text.length : end + 1;
  }
  return samples;
}

function previewOne(data: PreviewData, since: number | null, request: PreviewRequest, view: PreviewView): ViewPreview {
  try {
    const options = { description: view.measure.description, unit: view.measure.unit };
    const measure = view.measure.type === "int64" ? measureInt64(view.measure.name, options) : measureFloat64(view.measure.name, options);
    const aggregation =
      view.aggregation === "distribution"
        ? distribution(view.bounds)
        : view.aggregation === "count"
          ? count()
          : view.aggregation === "sum"
            ? sum()
            : lastValue();
    const keys = view.tagKeys.map((k) => tagKey(k));
    const start = since ?? Date.now();
    const stats = createStats({ now: () => start });
    stats.registerView({ name: view.name, description: view.description, measure, aggregation, tagKeys: keys, rowLimit: view.rowLimit });
    const rowTags = view.rows.map((values) => TagMap.of(Object.fromEntries(keys.map((k, i) => [k.name, values[i] ?? ""]))));
    const { values, setOf } = data;
    stats.batch(() => {
      for (let i = 0; i < values.length; i++) stats.record(rowTags[view.rowOfSet[setOf[i]!]!]!, measure.m(values[i]!));
    });
    const snapshot = stats.snapshot();
    const text = toText(snapshot, request.exposition);
    let bucketCounts: number[] | null = null;
    if (view.aggregation === "distribution") {
      bucketCounts = new Array<number>(view.bounds.length + 1).fill(0);
      for (const row of snapshot[0]?.rows ?? [])
        if (row.data.type === "distribution") row.data.bucketCounts.forEach((c, i) => (bucketCounts![i]! += c));
    }
    stats.close();
    return { name: view.name, bytes: utf8Bytes(text), samples: countSamples(text), bucketCounts, error: null };
  } catch (error) {
    return { name: view.name, bytes: 0, samples: 0, bucketCounts: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Writes each view of `request` over `data` (the request's own, or the one given). */
export function previewView(request: PreviewRequest, data: PreviewData): PreviewResult {
  return {
    dataId: request.dataId,
    values: data.values.length,
    views: request.views.map((view) => previewOne(data, request.since, request, view)),
  };
}

export interface Previewer {
  /** The preview of `request`, or null when a later request replaced it before it ran. */
  preview(request: PreviewRequest): Promise<PreviewResult | null>;
  /** Whether the worker already holds the data `dataId` (then `data` need not be sent). */
  has(dataId: number): boolean;
  dispose(): void;
}

/** A Web Worker previewer where workers exist, else one that computes on the spot. */
export function createPreviewer(): Previewer {
  if (typeof Worker === "undefined") {
    let kept: { id: number; data: PreviewData } | null = null;
    return {
      preview(request) {
        if (request.data) kept = { id: request.dataId, data: request.data };
        if (!kept || kept.id !== request.dataId) return Promise.reject(new Error("the preview's data was not sent"));
        return Promise.resolve(previewView(request, kept.data));
      },
      has: (id) => kept?.id === id,
      dispose: () => {},
    };
  }
  let sentData: number | null = null;
  // A crashed worker is replaced at the next request, which then sends the data again.
  const calls = workerCalls<PreviewRequest, PreviewResult | null>(
    () => new Worker(new URL("./preview.worker.ts", import.meta.url), { type: "module" }),
    "the preview",
    () => void (sentData = null),
  );
  return {
    preview(request) {
      if (request.data) sentData = request.dataId;
      return calls.call(request, request.data ? [request.data.values.buffer, request.data.setOf.buffer] : []);
    },
    has: (id) => calls.running() && sentData === id,
    dispose() {
      calls.dispose();
      sentData = null;
    },
  };
}
