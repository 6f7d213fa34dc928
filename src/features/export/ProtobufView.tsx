// The Protobuf choice of the export panel: the current protobuf exposition, decoded again and
// shown readably, with its size.
// Rules: a read-only box (labelled "Protobuf exposition, decoded") holds the readable view, which
// is what Copy copies; the line under it gives the binary's byte count, the families and samples
// it holds, how many are native histograms, and the content type Download saves it with; while
// the wire layer loads the box says so; a failure is said in words (role="alert"), never a blank.
import type { RefObject } from "react";
import { formatBytes, formatCount, formatNumber } from "../../components/format";
import { PROTOBUF } from "./formats";
import type { ProtobufShown } from "./useProtobuf";

/** `ref` is the box's: the copy fallback selects the text there. */
export function ProtobufView({ shown, ref }: { shown: ProtobufShown; ref: RefObject<HTMLTextAreaElement | null> }) {
  const { exposition, error } = shown;
  if (error)
    return (
      <p className="field-error" role="alert">
        Cannot write the protobuf exposition: {error}
      </p>
    );
  return (
    <>
      <p className="export-note">
        Prometheus’s protobuf exposition (client_model 0.3.0, as client_golang 1.14 writes it), the only one that carries native
        histograms. Shown decoded from its bytes, in protobuf’s text format; Download saves the binary ({PROTOBUF.file}).
      </p>
      <textarea
        ref={ref}
        className="code-area exposition"
        aria-label="Protobuf exposition, decoded"
        readOnly
        spellCheck={false}
        wrap="off"
        value={exposition ? exposition.text : "Loading the protobuf writer…"}
        placeholder="No data yet: every view is empty, so there is nothing to expose."
      />
      <p className="export-meta" data-testid="protobuf-meta" data-bytes={exposition ? exposition.bytes.length : undefined}>
        {exposition
          ? `${formatBytes(exposition.bytes.length)} (${formatNumber(exposition.bytes.length)} bytes) · ${formatCount(exposition.families, "family")} · ${formatCount(
              exposition.samples,
              "sample",
            )} as text would count them · ${formatCount(exposition.native, "native histogram")} · ${PROTOBUF.type}`
          : "…"}
      </p>
    </>
  );
}
