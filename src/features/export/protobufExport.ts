// The protobuf exposition of a snapshot, as the export panel shows and saves it: the bytes
// (`toPrometheusProtobuf`), those bytes decoded again (`decodePrometheusProtobuf`) and written
// readably (protobufText.ts), and how many samples the families hold (`familySamples`, as the
// text formats count them).
// Rule: this module is the only way into src/wire (and @bufbuild/protobuf) from the page, and
// it is only ever loaded by a dynamic import (useProtobuf.ts), so the first load does not carry
// the protobuf library: only a person who chooses Protobuf fetches it.
// The readable view is decoded from the bytes, not from the families that were encoded, so it
// shows what the bytes say.
import type { ViewData } from "../../engine";
import type { Naming } from "../../engine/exposition";
import { decodePrometheusProtobuf, familySamples, PROTOBUF_CONTENT_TYPE, toPrometheusProtobuf } from "../../wire";
import { protobufText } from "./protobufText";

export { PROTOBUF_CONTENT_TYPE };

export interface ProtobufExposition {
  bytes: Uint8Array;
  /** The decoded families in protobuf's text format. */
  text: string;
  families: number;
  samples: number;
  /** Native histograms among the metrics. */
  native: number;
}

export function protobufExposition(data: readonly ViewData[], options: { namespace: string; naming: Naming }): ProtobufExposition {
  const bytes = toPrometheusProtobuf(data, options);
  const families = decodePrometheusProtobuf(bytes);
  let native = 0;
  for (const f of families) for (const m of f.metric) if (m.histogram?.schema !== undefined) native++;
  return { bytes, text: protobufText(families), families: families.length, samples: familySamples(families).length, native };
}
