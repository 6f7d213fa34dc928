// The export panel: the current data as Prometheus text 0.0.4, OpenMetrics 1.0 or Prometheus's
// protobuf exposition, in either naming mode, under a namespace; to read, copy or download.
// Rules: an invalid namespace is explained and the last valid one stays in use; the text area
// is read-only and shows exactly what Copy copies, Download saves and "Lint current output"
// lints: each of them takes the text for the data and settings of that moment and shows it.
// A text format says which views it leaves out (native histograms) and why. Protobuf is the
// panel's own choice (the store's format, which the designer and push follow, stays a text
// format): its view is the bytes decoded again and written readably, with their byte count;
// Download saves the binary (.pb), Copy copies the readable view (the button says so), and Lint,
// being about text, says it has nothing to lint there. The wire layer is loaded only when
// Protobuf is chosen (useProtobuf.ts).
import { useEffect, useId, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { downloadBytes, downloadText } from "../../components/download";
import { Panel } from "../../components/Panel";
import { formatBytes, formatNumber } from "../../components/format";
import { type Format, usePlayground } from "../../store";
import { LintView } from "./LintView";
import { copyText } from "./copyText";
import { FormatOptions, FORMATS, PROTOBUF } from "./formats";
import { NativeLeftOut } from "./NativeLeftOut";
import { ExemplarsLeftOut } from "./ExemplarsLeftOut";
import { ProtobufView } from "./ProtobufView";
import { useProtobuf } from "./useProtobuf";
import { type Exposition, useExposition } from "./useExposition";
import "./export.css";

export function ExportPanel() {
  const format = usePlayground((s) => s.format);
  const naming = usePlayground((s) => s.naming);
  const namespaceInput = usePlayground((s) => s.namespaceInput);
  const namespaceError = usePlayground((s) => s.namespaceError);
  const namespace = usePlayground((s) => s.namespace);
  const setFormat = usePlayground((s) => s.setFormat);
  const setNaming = usePlayground((s) => s.setNaming);
  const setNamespaceInput = usePlayground((s) => s.setNamespaceInput);
  const [exposition, takeCurrent] = useExposition();
  const area = useRef<HTMLTextAreaElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  const [tab, setTab] = useState<"text" | "lint">("text");
  const [protobuf, setProtobuf] = useState(false);
  const [protobufShown, takeProtobuf] = useProtobuf(protobuf);
  const [saveError, setSaveError] = useState<string | null>(null);
  const nsError = useId();

  useEffect(() => {
    if (copyState === "idle") return;
    const id = setTimeout(() => setCopyState("idle"), 2000);
    return () => clearTimeout(id);
  }, [copyState]);

  /** The text for this moment, already in the box when this returns (the copy fallback selects it there). */
  function current(): Exposition {
    let fresh: Exposition | null = null;
    flushSync(() => {
      fresh = takeCurrent();
    });
    return fresh!;
  }

  async function copy() {
    if (protobuf) {
      try {
        const readable = (await takeProtobuf()).text;
        setCopyState((await copyText(readable, area.current)) ? "copied" : "failed");
      } catch (e) {
        setSaveError(e instanceof Error ? e.message : String(e));
      }
      return;
    }
    setCopyState((await copyText(current().text, area.current)) ? "copied" : "failed");
  }

  async function download() {
    if (protobuf) {
      try {
        const fresh = await takeProtobuf();
        setSaveError(null);
        downloadBytes(fresh.bytes, PROTOBUF.file, PROTOBUF.type);
      } catch (e) {
        setSaveError(e instanceof Error ? e.message : String(e));
      }
      return;
    }
    const { file, type } = FORMATS[format];
    downloadText(current().text, file, type);
  }

  const failed = protobuf ? !!protobufShown.error || !protobufShown.exposition : !!exposition.error;

  return (
    <Panel
      title="Export"
      className="export-panel"
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={copy}
            disabled={failed}
            title={protobuf ? "Copies the readable view: the binary cannot be pasted as text (Download saves it)" : undefined}
          >
            {copyState === "copied" ? "Copied" : protobuf ? "Copy readable view" : "Copy"}
          </button>
          <button type="button" className="button" onClick={download} disabled={failed}>
            Download
          </button>
        </>
      }
    >
      <div className="export-controls">
        <label>
          Format
          <select
            value={protobuf ? "protobuf" : format}
            onChange={(e) => {
              const chosen = e.target.value;
              setSaveError(null);
              if (chosen === "protobuf") setProtobuf(true);
              else {
                setProtobuf(false);
                setFormat(chosen as Format);
              }
            }}
          >
            <FormatOptions />
            <option value="protobuf">{PROTOBUF.label}</option>
          </select>
        </label>
        <label>
          Naming
          <select value={naming} onChange={(e) => setNaming(e.target.value as typeof naming)}>
            <option value="opencensus">OpenCensus-compatible</option>
            <option value="prometheus">Prometheus conventions</option>
          </select>
        </label>
        <label>
          Namespace
          <input
            value={namespaceInput}
            spellCheck={false}
            aria-invalid={namespaceError ? true : undefined}
            aria-describedby={namespaceError ? nsError : undefined}
            onChange={(e) => setNamespaceInput(e.target.value)}
          />
        </label>
      </div>
      {namespaceError && (
        <p id={nsError} className="field-error" role="alert">
          {namespaceError}. Still using {namespace ? `"${namespace}"` : "no namespace"}.
        </p>
      )}
      {saveError && (
        <p className="field-error" role="alert">
          Cannot write the protobuf exposition: {saveError}
        </p>
      )}
      {copyState === "failed" && (
        <p className="field-error" role="alert">
          The browser refused to copy. Select the text below and press Ctrl+C (⌘C).
        </p>
      )}
      <div className="export-tabs" role="tablist" aria-label="Export view">
        <button type="button" role="tab" aria-selected={tab === "text"} className="export-tab" onClick={() => setTab("text")}>
          Text
        </button>
        <button type="button" role="tab" aria-selected={tab === "lint"} className="export-tab" onClick={() => setTab("lint")}>
          Lint
        </button>
      </div>
      {tab === "lint" && protobuf ? (
        <p className="export-note" data-testid="lint-protobuf-note">
          Lint is for the text formats: a protobuf exposition is checked by its decoder, not by promtool’s text rules. Choose Prometheus
          text 0.0.4 or OpenMetrics 1.0 as the format to lint the current output.
        </p>
      ) : tab === "lint" ? (
        <LintView shown={exposition.text} current={() => current().text} currentFormat={format} />
      ) : protobuf ? (
        <ProtobufView shown={protobufShown} ref={area} />
      ) : exposition.error ? (
        <p className="field-error" role="alert">
          Cannot write the exposition: {exposition.error}
        </p>
      ) : (
        <>
          <NativeLeftOut formatLabel={FORMATS[format].label} />
          {format === "prometheus" && <ExemplarsLeftOut text={exposition.text} />}
          <textarea
            ref={area}
            className="code-area exposition"
            aria-label="Exposition text"
            readOnly
            spellCheck={false}
            wrap="off"
            value={exposition.text}
            placeholder="No data yet: every view is empty, so there is nothing to expose."
          />
          <p className="export-meta">
            {formatNumber(exposition.samples)} samples · {formatBytes(exposition.bytes)} · {FORMATS[format].type}
          </p>
        </>
      )}
    </Panel>
  );
}
