// The delimited stream `application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;
// encoding=delimited`: each MetricFamily prefixed with its length as a varint, one after the
// other (what client_golang's expfmt FmtProtoDelim writes with pbutil.WriteDelimited).
// Rule: a stream that ends inside a length or a message is refused (RangeError), never read
// as far as it goes.

import { BinaryWriter, sizeDelimitedPeek } from "@bufbuild/protobuf/wire";
import { decodeMetricFamily } from "./decode";
import { writeMetricFamily } from "./encode";
import type { MetricFamily } from "./metrics";

/** The content type of the stream, as Prometheus asks for it in its Accept header. */
export const PROTOBUF_CONTENT_TYPE =
  "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

/** The families as one delimited stream. */
export function encodeDelimited(families: readonly MetricFamily[]): Uint8Array {
  const w = new BinaryWriter();
  for (const f of families) {
    // fork/join writes the message's length before it: exactly the delimited framing.
    w.fork();
    writeMetricFamily(w, f);
    w.join();
  }
  return w.finish();
}

/** Every family of a delimited stream, in order. */
export function decodeDelimited(bytes: Uint8Array): MetricFamily[] {
  const out: MetricFamily[] = [];
  let at = 0;
  while (at < bytes.length) {
    const rest = bytes.subarray(at);
    const peek = sizeDelimitedPeek(rest);
    if (peek.eof) throw new RangeError(`delimited stream ends inside a length prefix at byte ${at}`);
    const end = peek.offset + peek.size;
    if (end > rest.length)
      throw new RangeError(`delimited stream ends inside a message at byte ${at}: ${peek.size} bytes announced, ${rest.length - peek.offset} left`);
    out.push(decodeMetricFamily(rest.subarray(peek.offset, end)));
    at += end;
  }
  return out;
}
