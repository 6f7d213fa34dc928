// What the remote-write encoder does, wherever it runs (remoteWrite.worker.ts in the page,
// in process in Node tests): keep one history span being cut into requests (slab by slab:
// wire/remoteWriteBatches.ts slabBatches), and turn each request's samples into its body
// (WriteRequest → snappy; src/wire).
// Rules: one span at a time (a new one replaces the last); `next` cuts and encodes the span's next
// request, null once it is all cut; `readAhead` prepares the one after while the page sends
// (encoded again if it is then asked for with metadata); a body that cannot be written throws,
// naming why (wire/remoteWrite.ts), and a span whose cutting throws is given up.

import { type MetricMetadata, REMOTE_WRITE_HEADERS, remoteWriteBody, type SeriesColumns, slabBatches, type WriteSeries } from "../wire";

export interface EncodedRequest {
  body: Uint8Array;
  /** The request's headers (wire's REMOTE_WRITE_HEADERS: the main thread does not load the wire layer). */
  headers: Readonly<Record<string, string>>;
  samples: number;
  maxT: number;
  /** Metadata entries carried. */
  metadata: number;
}

export type EncoderCall =
  | { kind: "start"; columns: SeriesColumns[]; range: { fromMs: number; toMs: number }; maxSamples: number; slabMs: number }
  | { kind: "next"; metadata: readonly MetricMetadata[] }
  | { kind: "stop" }
  | { kind: "encode"; series: WriteSeries[]; metadata: readonly MetricMetadata[] };

export interface Encoding {
  handle(call: EncoderCall): EncodedRequest | null;
  /**
   * Cuts and encodes the span's next request ahead of being asked (without metadata), so the
   * worker prepares it while the page sends the last one; `next` then answers at once.
   */
  readAhead(): void;
}

type Cut = { series: WriteSeries[]; samples: number; maxT: number };

export function createEncoding(): Encoding {
  let batches: Generator<Cut> | null = null;
  /** The request read ahead, with its samples (to encode again should metadata be asked for). */
  let ready: { cut: Cut; request: EncodedRequest } | null = null;
  /** Reading ahead found the span's end (or failed): what the next `next` answers. */
  let end: { error: unknown } | "done" | null = null;
  const encode = (cut: Cut, metadata: readonly MetricMetadata[]): EncodedRequest => ({
    body: remoteWriteBody(cut.series, metadata),
    headers: REMOTE_WRITE_HEADERS,
    samples: cut.samples,
    maxT: cut.maxT,
    metadata: metadata.length,
  });
  /** The span's next cut, null at its end; a cut that throws ends the span. */
  const cutNext = (): Cut | null => {
    let step: IteratorResult<Cut>;
    try {
      step = batches!.next();
    } catch (error) {
      batches = null;
      throw error;
    }
    if (step.done) {
      batches = null;
      return null;
    }
    return step.value;
  };
  return {
    handle(call) {
      switch (call.kind) {
        case "start":
          batches = slabBatches(call.columns, call.range, call.maxSamples, call.slabMs);
          ready = null;
          end = null;
          return null;
        case "stop":
          batches = null;
          ready = null;
          end = null;
          return null;
        case "next": {
          if (ready !== null) {
            const { cut, request } = ready;
            ready = null;
            return call.metadata.length === 0 ? request : encode(cut, call.metadata);
          }
          if (end !== null) {
            const was = end;
            end = null;
            if (was === "done") return null;
            throw was.error;
          }
          // Only a call after the end or a stop, or a restarted worker, finds no span.
          if (batches === null) throw new Error("no span is being cut: the encoder lost it");
          const cut = cutNext();
          return cut === null ? null : encode(cut, call.metadata);
        }
        case "encode": {
          let samples = 0;
          let maxT = -Infinity;
          for (const s of call.series) {
            samples += s.timestamps.length;
            if (s.timestamps.length > 0) maxT = Math.max(maxT, s.timestamps[s.timestamps.length - 1]!);
          }
          return encode({ series: call.series, samples, maxT }, call.metadata);
        }
      }
    },
    readAhead() {
      if (batches === null || ready !== null || end !== null) return;
      try {
        const cut = cutNext();
        if (cut === null) end = "done";
        else ready = { cut, request: encode(cut, []) };
      } catch (error) {
        end = { error };
      }
    },
  };
}
