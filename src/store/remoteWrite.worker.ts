// Runs the remote-write encoder (remoteWriteEncoding.ts) off the main thread: cutting an hour of
// 500 series and encoding it costs seconds, and the first request, run cold, 35–90 ms in one
// piece (bench:browser remote-write), which would be a long task on the page. Rule: one answer
// per call, in order, with its id; the body is handed over, not copied; after answering, the
// span's next request is prepared (readAhead); a failure answers with the reason.
import { createEncoding, type EncoderCall } from "./remoteWriteEncoding";

const encoding = createEncoding();

self.onmessage = (event: MessageEvent<{ id: number; request: EncoderCall }>) => {
  const { id, request: call } = event.data;
  try {
    const result = encoding.handle(call);
    if (result) self.postMessage({ id, result }, { transfer: [result.body.buffer] });
    else self.postMessage({ id, result: null });
    // The page sends this request meanwhile: the next one is ready when it asks.
    if (call.kind === "next" || call.kind === "start") encoding.readAhead();
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
