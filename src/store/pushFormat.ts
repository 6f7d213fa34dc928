// Which exposition format a push sends, why, and its body.
// Rules:
// - the 0.0.4 text cannot carry a native histogram (the engine's text writers leave
//   exponentialHistogram views out, docs/semantics.md); so a push sends the delimited protobuf
//   exposition (src/wire `toPrometheusProtobuf`, PROTOBUF_CONTENT_TYPE, which the Pushgateway
//   accepts) whenever a view of the snapshot is an exponentialHistogram with at least one row,
//   and always when the person's push format setting is "protobuf"; otherwise the 0.0.4 text;
// - both are written from the same snapshot with the same namespace and naming, so the families
//   they share have the same names, labels and values;
// - the reason is a sentence the push panel shows as it is: it names the views that need
//   protobuf (in the snapshot's order), or the setting;
// - the wire layer (and its protobuf library) is loaded when a push first needs protobuf, not
//   with the page: most pushes are text, and the first screen stays small.

import type { ViewData } from "../engine";
import { type ExpositionOptions, PROMETHEUS_CONTENT_TYPE, toPrometheusText } from "../engine/exposition";
import type { PushFormatSetting } from "./settings";

/** What one push sends: its format, why, its content type and body. */
export interface PushPayload {
  format: "text" | "protobuf";
  /** Why this format, as the panel says it: "protobuf: demo/x is a native histogram, …". */
  reason: string;
  contentType: string;
  body: Uint8Array;
}

/** The names of the views whose rows are native histograms (exponentialHistogram with rows). */
export function nativeHistogramViews(data: readonly ViewData[]): string[] {
  return data.filter((vd) => vd.view.aggregation.type === "exponentialHistogram" && vd.rows.length > 0).map((vd) => vd.view.name);
}

/** "a", "a and b", "a, b and c". */
function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]!}`;
}

/** The format `setting` and `data` call for, with its reason (see the rules above). */
export function choosePushFormat(data: readonly ViewData[], setting: PushFormatSetting): { format: "text" | "protobuf"; reason: string } {
  const native = nativeHistogramViews(data);
  if (native.length > 0)
    return {
      format: "protobuf",
      reason:
        native.length === 1
          ? `protobuf: ${native[0]!} is a native histogram, which the text format cannot carry`
          : `protobuf: ${list(native)} are native histograms, which the text format cannot carry`,
    };
  if (setting === "protobuf") return { format: "protobuf", reason: "protobuf: the push format is set to always protobuf" };
  return { format: "text", reason: "text 0.0.4: no view holds a native histogram" };
}

/** The body of a push of `data` (a `stats.snapshot()`), in the format `choosePushFormat` picks. */
export async function pushPayload(data: readonly ViewData[], setting: PushFormatSetting, options: ExpositionOptions): Promise<PushPayload> {
  const { format, reason } = choosePushFormat(data, setting);
  if (format === "text")
    return { format, reason, contentType: PROMETHEUS_CONTENT_TYPE, body: new TextEncoder().encode(toPrometheusText(data, options)) };
  const wire = await import("../wire");
  return { format, reason, contentType: wire.PROTOBUF_CONTENT_TYPE, body: wire.toPrometheusProtobuf(data, options) };
}
