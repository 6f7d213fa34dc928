// The remote-write store's encoder: a Web Worker (remoteWrite.worker.ts) where there is one, so
// cutting and encoding never run on the page's main thread; in process otherwise (Node tests,
// a page without workers), the wire layer loaded when first needed.
// Rules: calls are answered in the order made; a span's columns are handed over to the worker
// (the caller made them for it and does not read them again); a refusal rejects with the reason.
import type { MetricMetadata, SeriesColumns, WriteSeries } from "../wire";
import type { EncodedRequest, EncoderCall, Encoding } from "./remoteWriteEncoding";
import { workerCalls } from "./workerCalls";

export type { EncodedRequest } from "./remoteWriteEncoding";

export interface RemoteWriteEncoder {
  /** Starts cutting a span (its columns are handed over) into requests of at most `maxSamples`, `slabMs` of time at a time. */
  start(columns: SeriesColumns[], range: { fromMs: number; toMs: number }, maxSamples: number, slabMs: number): Promise<void>;
  /** The span's next request, with `metadata` in it; null once it is all sent. */
  next(metadata: readonly MetricMetadata[]): Promise<EncodedRequest | null>;
  stop(): Promise<void>;
  /** One request of `series` (the stream's). */
  encode(series: WriteSeries[], metadata: readonly MetricMetadata[]): Promise<EncodedRequest>;
}

function over(call: (c: EncoderCall, transfer: Transferable[]) => Promise<EncodedRequest | null>): RemoteWriteEncoder {
  return {
    start: async (columns, range, maxSamples, slabMs) => {
      const transfer: Transferable[] = [];
      for (const c of columns) for (const a of [c.t, c.v, c.stale]) if (ArrayBuffer.isView(a) && a.buffer instanceof ArrayBuffer) transfer.push(a.buffer);
      await call({ kind: "start", columns, range, maxSamples, slabMs }, transfer);
    },
    next: (metadata) => call({ kind: "next", metadata }, []),
    stop: async () => void (await call({ kind: "stop" }, [])),
    encode: async (series, metadata) => (await call({ kind: "encode", series, metadata }, []))!,
  };
}

/** Encodes in this thread, loading the wire layer on first use. */
export function inProcessEncoder(): RemoteWriteEncoder {
  let encoding: Promise<Encoding> | null = null;
  return over(async (c) => {
    encoding ??= import("./remoteWriteEncoding").then((m) => m.createEncoding());
    return (await encoding).handle(c);
  });
}

/** A worker encoder where workers exist, else an in-process one. */
export function createRemoteWriteEncoder(): RemoteWriteEncoder {
  if (typeof Worker === "undefined") return inProcessEncoder();
  const calls = workerCalls<EncoderCall, EncodedRequest | null>(
    () => new Worker(new URL("./remoteWrite.worker.ts", import.meta.url), { type: "module" }),
    "the remote-write encoder",
  );
  return over((call, transfer) => calls.call(call, transfer));
}
