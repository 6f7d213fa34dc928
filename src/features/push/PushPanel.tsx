// Send the data to a real Prometheus: push to a Pushgateway (one-shot or every reporting
// period) through the page's proxy, and the scrape config Prometheus needs for that gateway.
// Rules: outcomes are shown here, where the person looks, in whole sentences: success with its
// time, gateway unreachable, or the gateway's own error text (set apart, as it is not ours),
// each followed by when the next try is (periodic pushing) or that there is none (one-shot);
// after a push, which format it sent and why (a native histogram needs protobuf, store/pushFormat.ts).
import { useId, useState } from "react";
import { Panel } from "../../components/Panel";
import { NumberField } from "../../components/NumberField";
import { formatBytes } from "../../components/format";
import { PUSH_PERIOD_LIMITS, pushStore, scrapeConfig, type PushFormatSetting, type PushOutcome, usePush } from "../../store";
import "./push.css";

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/** A sentence ends with a full stop unless it already ends with punctuation. */
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

function Outcome({ last, retryAt, inFlight }: { last: PushOutcome | null; retryAt: number | null; inFlight: boolean }) {
  if (inFlight && !last) return <>Pushing…</>;
  if (!last) return <>Nothing pushed yet.</>;
  if (last.ok)
    return (
      <span className="push-ok">
        Pushed {formatBytes(last.bytes)} at {time(last.at)}.{inFlight && " Pushing…"}
      </span>
    );
  // Only periodic pushing retries; a one-shot push that failed is tried again by the person.
  const next = retryAt ? ` Retrying at ${time(retryAt)}.` : " Not retried: push again when it is fixed.";
  switch (last.kind) {
    case "unreachable":
      return (
        <span className="push-bad">
          Pushgateway unreachable at {time(last.at)}: {sentence(last.message)}
          {next}
        </span>
      );
    case "rejected":
      return (
        <span className="push-bad">
          The Pushgateway refused the push at {time(last.at)} (HTTP {last.status}):{" "}
          <code className="push-reason">{last.message}</code>
          {next}
        </span>
      );
    case "network":
      return (
        <span className="push-bad">
          Push failed at {time(last.at)}: {sentence(last.message)}
          {next}
        </span>
      );
    case "unwritable":
      return (
        <span className="push-bad">
          Nothing was pushed at {time(last.at)}: {sentence(last.message)}
          {next}
        </span>
      );
  }
}

/** The push format setting's options, in the order shown. */
const FORMAT_OPTIONS: readonly { value: PushFormatSetting; label: string }[] = [
  { value: "auto", label: "Text, or protobuf when a native histogram needs it" },
  { value: "protobuf", label: "Always protobuf" },
];

export function PushPanel() {
  const job = usePush((s) => s.job);
  const instance = usePush((s) => s.instance);
  const jobError = usePush((s) => s.jobError);
  const periodic = usePush((s) => s.periodic);
  const periodMs = usePush((s) => s.periodMs);
  const inFlight = usePush((s) => s.inFlight);
  const last = usePush((s) => s.last);
  const retryAt = usePush((s) => s.retryAt);
  const format = usePush((s) => s.format);
  const sent = usePush((s) => s.sent);
  const [jobInput, setJobInput] = useState(job);
  const configName = useId();
  const { pushNow, setJob, setInstance, setPeriodic, setPeriodMs, setFormat } = pushStore.getState();

  return (
    <Panel
      title="Send to Prometheus"
      className="push-panel"
      actions={
        <button type="button" className="button primary" onClick={() => void pushNow()} disabled={inFlight}>
          Push to Pushgateway
        </button>
      }
    >
      <div className="push-controls">
        <label className="number-field">
          Job
          <input
            value={jobInput}
            spellCheck={false}
            aria-invalid={jobError ? true : undefined}
            onChange={(e) => {
              setJobInput(e.target.value);
              setJob(e.target.value);
            }}
          />
        </label>
        <label className="number-field">
          Instance
          <input value={instance} spellCheck={false} onChange={(e) => setInstance(e.target.value)} />
        </label>
        <NumberField label="Reporting period" {...PUSH_PERIOD_LIMITS} step={1} value={periodMs / 1000} onValid={(s) => setPeriodMs(s * 1000)} />
        <label className="number-field">
          Push format
          <select value={format} onChange={(e) => setFormat(e.target.value as PushFormatSetting)}>
            {FORMAT_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="push-periodic">
          <input type="checkbox" checked={periodic} onChange={(e) => setPeriodic(e.target.checked)} />
          Push every reporting period
        </label>
      </div>
      {jobError && (
        <p className="field-error" role="alert">
          {jobError}; still using “{job}”.
        </p>
      )}
      <p className="push-status" role="status" aria-label="Push status">
        <Outcome last={last} retryAt={retryAt} inFlight={inFlight} />
        {sent && (
          <>
            {" "}
            <span className="push-format" data-format={sent.format}>
              {/* "Tried as" when that attempt failed: nothing reached the gateway in that format. */}
              {last && !last.ok ? "Tried as" : "Sent as"} {sentence(sent.reason)}
            </span>
          </>
        )}
      </p>
      <details className="push-help">
        <summary>How Prometheus gets these metrics</summary>
        <p>
          The page sends Prometheus text (or the protobuf format, which carries native histograms) with{" "}
          <code>PUT /metrics/job/{job}/instance/{instance}</code> to the Pushgateway
          that <code>npm run dev</code> or <code>npm run preview</code> proxies to (<code>PUSHGATEWAY_URL</code>, default{" "}
          <code>http://127.0.0.1:9091</code>). Each push replaces that group. Scrape the gateway with:
        </p>
        {/* A named region (its visible caption names it), focusable so that a keyboard can scroll it
            when a narrow screen cuts its lines. */}
        <figure className="push-config">
          <figcaption id={configName}>
            <code>prometheus.yml</code>
          </figcaption>
          <pre role="region" aria-labelledby={configName} tabIndex={0}>
            {scrapeConfig()}
          </pre>
        </figure>
      </details>
    </Panel>
  );
}
