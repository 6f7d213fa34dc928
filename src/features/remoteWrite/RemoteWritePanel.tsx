// Remote write: send the history the console queries, with its timestamps, to Prometheus (its
// receiver on), Mimir, Thanos Receive or VictoriaMetrics, once for a span or as a stream.
// Rules: the receiver is the one the page's server proxies to, as the server says (the page
// holds no address or credential); every outcome is a sentence in the status line, where the
// person looks: what was sent, the receiver's own text when it refused (set apart, it is not
// ours), when a retry comes and that the samples wait for it, how many samples a full queue
// dropped; the counters carry the names Prometheus gives its own (prometheus_remote_storage_*).
import { useEffect, useId, useState } from "react";
import { formatBytes, formatClock } from "../../components/format";
import { NumberField } from "../../components/NumberField";
import { Panel } from "../../components/Panel";
import {
  BATCH_SIZE_LIMITS,
  type HistorySend,
  type PlaygroundState,
  QUEUE_CAPACITY_LIMITS,
  type RemoteWriteCounters,
  type RemoteWriteError,
  remoteWriteStore,
  usePlayground,
  usePlaygroundInTransition,
  useRemoteWrite,
} from "../../store";
import { Receivers } from "./Receivers";
import { type Span, SPANS, spanRange } from "./spans";
import "./remoteWrite.css";

const count = (n: number) => n.toLocaleString("en-US");
/** The full stop a quoted text needs to end a sentence, unless it has one. */
const stop = (text: string) => (/[.!?…]$/.test(text) ? "" : ".");
const selectSeriesStats = (s: PlaygroundState) => s.seriesStats;

function ErrorText({ error, retryAt }: { error: RemoteWriteError; retryAt: number | null }) {
  const what = `${count(error.samples)} ${error.samples === 1 ? "sample" : "samples"}`;
  const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
  const lead =
    error.kind === "rejected"
      ? `The receiver refused ${what}${status} at ${formatClock(error.at)}:`
      : error.kind === "unreachable"
        ? `The receiver was unreachable at ${formatClock(error.at)}:`
        : error.kind === "server"
          ? `The receiver failed${status} at ${formatClock(error.at)}:`
          : error.kind === "network"
            ? `Sending failed at ${formatClock(error.at)}:`
            : `${what} could not be written at ${formatClock(error.at)}:`;
  return (
    <span className="rw-bad" data-testid="rw-error">
      {lead} <code className="rw-reason">{error.message}</code>
      {stop(error.message)}{" "}
      {error.retried
        ? retryAt !== null
          ? `Sending the same ${what} again at ${formatClock(retryAt)}; nothing queued is lost meanwhile.`
          : `Sending the same ${what} again.`
        : "Not sent again: the receiver would refuse it again."}
    </span>
  );
}

function HistoryProgress({ history }: { history: HistorySend }) {
  // The exact counts, for a person's tools as for the tests.
  const data = { "data-sent": history.sent, "data-total": history.total, "data-stale": history.stale, "data-series": history.series, "data-failed": history.failed, "data-from": history.fromMs, "data-to": history.toMs };
  const done = history.sent + history.failed;
  const span = `${formatClock(history.fromMs)}–${formatClock(history.toMs)}`;
  if (history.ended === null)
    return (
      <span data-testid="rw-history" {...data}>
        Sending the history {span}: {count(history.sent)} of {count(history.total)} samples sent ({Math.floor((done / history.total) * 100)}%).{" "}
      </span>
    );
  const failed = history.failed > 0 ? `, ${count(history.failed)} refused` : "";
  return (
    <span data-testid="rw-history" className={history.failed > 0 ? "rw-bad" : "rw-ok"} {...data}>
      History {span} {history.ended.stopped ? "stopped" : "sent"} at {formatClock(history.ended.at)}: {count(history.sent)} of {count(history.total)} samples
      ({count(history.stale)} of them staleness markers) in {count(history.series)} series accepted{failed}.{" "}
    </span>
  );
}

const COUNTERS: readonly { name: string; help: string; value: (c: RemoteWriteCounters, pending: number) => string }[] = [
  { name: "prometheus_remote_storage_samples_total", help: "samples the receiver accepted", value: (c) => count(c.samplesTotal) },
  { name: "prometheus_remote_storage_samples_failed_total", help: "refused (4xx), not sent again", value: (c) => count(c.failedTotal) },
  { name: "prometheus_remote_storage_samples_retried_total", help: "in requests sent again", value: (c) => count(c.retriedTotal) },
  { name: "prometheus_remote_storage_samples_dropped_total", help: "pushed out of the full queue", value: (c) => count(c.droppedTotal) },
  { name: "prometheus_remote_storage_samples_pending", help: "queued, in flight or not yet sent", value: (_, p) => count(p) },
  { name: "prometheus_remote_storage_bytes_total", help: "compressed, accepted", value: (c) => count(c.bytesTotal) },
  { name: "prometheus_remote_storage_metadata_total", help: "metadata entries sent", value: (c) => count(c.metadataTotal) },
  {
    name: "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
    help: "newest sample accepted",
    value: (c) => (c.highestSentMs === null ? "—" : `${c.highestSentMs / 1000} (${formatClock(c.highestSentMs)})`),
  },
];

export function RemoteWritePanel() {
  const target = useRemoteWrite((s) => s.target);
  const batchSize = useRemoteWrite((s) => s.batchSize);
  const capacity = useRemoteWrite((s) => s.capacity);
  const streaming = useRemoteWrite((s) => s.streaming);
  const history = useRemoteWrite((s) => s.history);
  const counters = useRemoteWrite((s) => s.counters);
  const pending = useRemoteWrite((s) => s.pending);
  const sending = useRemoteWrite((s) => s.sending);
  const retryAt = useRemoteWrite((s) => s.retryAt);
  const lastError = useRemoteWrite((s) => s.lastError);
  const lastDrop = useRemoteWrite((s) => s.lastDrop);
  const stats = usePlaygroundInTransition(selectSeriesStats);
  const simulated = usePlayground((s) => s.simulated);
  const [span, setSpan] = useState<Span>("all");
  const [refusal, setRefusal] = useState<string | null>(null);
  const [settingProblem, setSettingProblem] = useState<string | null>(null);
  const spanId = useId();
  const { sendHistory, stopHistory, setStreaming, setBatchSize, setCapacity, loadTarget } = remoteWriteStore.getState();

  useEffect(() => {
    if (remoteWriteStore.getState().target === null) void loadTarget();
  }, [loadTarget]);

  const running = history !== null && history.ended === null;
  const range = spanRange(span, stats, simulated);
  const send = async () => {
    if (!range) return;
    setRefusal(await sendHistory(range));
  };

  return (
    <Panel
      title="Remote write"
      className="rw-panel"
      actions={
        running ? (
          <button type="button" className="button" onClick={stopHistory}>
            Stop sending
          </button>
        ) : (
          <button type="button" className="button primary" onClick={() => void send()} disabled={!range}>
            Send history
          </button>
        )
      }
    >
      <p className="rw-intro">
        Send the history the console queries, with its timestamps, as Prometheus remote write 1.0 (a snappy-compressed protobuf{" "}
        <code>WriteRequest</code>) through this page&apos;s server at <code>/remote-write</code>.
      </p>
      <p className="rw-target" data-testid="rw-target">
        {target === null
          ? "Asking the page's server where it sends…"
          : "problem" in target
            ? `No receiver: ${target.problem}.`
            : `Receiver: ${target.url}${target.auth === "none" ? ", no credentials" : target.auth === "bearer" ? ", bearer token" : ", basic auth"}${target.tenant ? `, tenant ${target.tenant}` : ""} (set by the server's environment).`}
      </p>
      <div className="rw-controls">
        <label className="number-field" htmlFor={spanId}>
          Span
          <select id={spanId} value={span} onChange={(e) => setSpan(e.target.value as Span)}>
            {SPANS.filter((s) => s.value !== "simulated" || simulated).map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="Samples per request" {...BATCH_SIZE_LIMITS} step={1} value={batchSize} onValid={(n) => setSettingProblem(setBatchSize(n))} />
        <NumberField label="Queue capacity" {...QUEUE_CAPACITY_LIMITS} step={100} unit="samples" value={capacity} onValid={(n) => setSettingProblem(setCapacity(n))} />
        <label className="rw-stream">
          <input type="checkbox" checked={streaming} onChange={(e) => setStreaming(e.target.checked)} />
          Stream new samples after every scrape
        </label>
      </div>
      {settingProblem && (
        <p className="field-error" role="alert">
          Not changed: {settingProblem}.
        </p>
      )}
      <p className="rw-span" data-testid="rw-span">
        {range
          ? `${formatClock(range.fromMs)}–${formatClock(range.toMs)} of the history (${count(stats.series)} series, ${count(stats.samples)} samples in all).`
          : "The history is empty: the page scrapes itself every interval, or fill the past in the query panel."}
      </p>
      {refusal && (
        <p className="field-error" role="alert">
          Not sent: {refusal}.
        </p>
      )}
      <p className="rw-status" role="status" aria-label="Remote write status">
        {history && <HistoryProgress history={history} />}
        {streaming && <span>Streaming after every scrape. </span>}
        {sending && <span>Sending… </span>}
        {lastError && <ErrorText error={lastError} retryAt={retryAt} />}
        {lastDrop && (
          <span className="rw-bad" data-testid="rw-dropped">
            {" "}
            {lastDrop.reason === "full"
              ? `The queue was full: the ${count(lastDrop.count)} oldest samples were dropped at ${formatClock(lastDrop.at)} (it holds at most ${count(capacity)}).`
              : `Streaming was turned off at ${formatClock(lastDrop.at)}: its ${count(lastDrop.count)} queued samples were dropped.`}
          </span>
        )}
        {!history && !streaming && !lastError && !lastDrop && <span>Nothing sent yet.</span>}
      </p>
      <table className="rw-counters" aria-label="Remote write counters">
        <tbody>
          {COUNTERS.map((c) => (
            <tr key={c.name}>
              <th scope="row">
                <code>{c.name}</code>
              </th>
              <td data-testid={c.name}>{c.value(counters, pending)}</td>
              <td className="rw-counter-help">{c.help}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="rw-meta">
        {count(counters.requestsTotal)} requests answered; {formatBytes(counters.bytesTotal)} accepted.
      </p>
      <Receivers />
    </Panel>
  );
}
