// The query panel: the page's self-scrape history (what it holds, how often it scrapes, filling
// the past with simulated traffic, downloading it for promtool) and the PromQL console, which is
// its own chunk loaded after the page so the first load does not grow.
// Rules: filling the past replaces recorded data and history, so it asks first; while it runs,
// its progress is shown here; the simulated span stays marked once done; every number shown is
// the store's (series, samples, span, bytes after the last scrape).
import { lazy, Suspense, useId } from "react";
import { ConfirmButton } from "../../components/ConfirmButton";
import { downloadText } from "../../components/download";
import { formatBytes, formatClock } from "../../components/format";
import { Panel } from "../../components/Panel";
import { type PlaygroundState, playgroundStore, SCRAPE_INTERVALS, usePlayground, usePlaygroundInTransition } from "../../store";
import "../../components/chart.css";
import "./query.css";

const Console = lazy(() => import("./Console"));

const selectSeriesStats = (s: PlaygroundState) => s.seriesStats;

const QUARTER = 15 * 60_000;
const HOUR = 60 * 60_000;

function HistoryStatus() {
  const stats = usePlaygroundInTransition(selectSeriesStats);
  const interval = usePlayground((s) => s.scrapeIntervalMs);
  if (stats.samples === 0) return <p className="query-meta">Nothing scraped yet: the first scrape comes within {interval / 1000} s.</p>;
  return (
    <p className="query-meta" data-testid="history-status">
      {stats.series.toLocaleString("en-US")} series, {stats.samples.toLocaleString("en-US")} samples from{" "}
      {formatClock(stats.minTimeMs!)} to {formatClock(stats.maxTimeMs!)}, {formatBytes(stats.bytes)}.
    </p>
  );
}

function FillStatus() {
  const filling = usePlayground((s) => s.filling);
  const simulated = usePlayground((s) => s.simulated);
  if (filling) {
    const done = (filling.atMs - filling.fromMs) / (filling.toMs - filling.fromMs);
    return (
      <p className="query-meta" role="status">
        Simulating {filling.rate.toLocaleString("en-US")} lines/s from {formatClock(filling.fromMs)}: at {formatClock(filling.atMs)} (
        {Math.floor(done * 100)}%).
      </p>
    );
  }
  if (!simulated) return null;
  return (
    <p className="query-simulated" data-testid="simulated-span">
      Simulated traffic from {formatClock(simulated.fromMs)} to {formatClock(simulated.toMs)}: {simulated.lines.toLocaleString("en-US")} lines at{" "}
      {simulated.rate.toLocaleString("en-US")}/s, scraped every interval on a virtual clock. Live from then on.
    </p>
  );
}

export function QueryPanel() {
  const interval = usePlayground((s) => s.scrapeIntervalMs);
  const filling = usePlayground((s) => s.filling !== null);
  const rate = usePlayground((s) => s.simulator.rate);
  const intervalId = useId();
  const { setScrapeInterval, fillThePast, historyText } = playgroundStore.getState();
  const fill = (spanMs: number, label: string) => (
    <ConfirmButton
      label={`Simulate the last ${label}`}
      question={`Replace recorded data and the history with ${label} of simulated traffic at up to ${rate.toLocaleString("en-US")} lines/s?`}
      confirmLabel="Simulate"
      disabled={filling}
      onConfirm={() => fillThePast(spanMs)}
    />
  );
  return (
    <Panel
      title="Query the history (PromQL)"
      className="query-panel"
      actions={
        <button type="button" className="button" onClick={() => downloadText(historyText(), "history.om.txt", "application/openmetrics-text; version=1.0.0; charset=utf-8")}>
          Download history
        </button>
      }
    >
      <p className="query-lede">
        The page scrapes its own exposition, as Prometheus would (job="playground", instance="browser"), and answers PromQL over
        what it scraped exactly as Prometheus 2.42 does.
      </p>
      <div className="query-controls">
        <label htmlFor={intervalId}>
          Scrape every{" "}
          <select id={intervalId} value={interval} onChange={(e) => setScrapeInterval(Number(e.target.value) as (typeof SCRAPE_INTERVALS)[number])}>
            {SCRAPE_INTERVALS.map((ms) => (
              <option key={ms} value={ms}>
                {ms / 1000} s
              </option>
            ))}
          </select>
        </label>
        {fill(QUARTER, "15 min")}
        {fill(HOUR, "1 h")}
      </div>
      <HistoryStatus />
      <FillStatus />
      <Suspense fallback={<p className="query-meta">Loading the query console…</p>}>
        <Console />
      </Suspense>
    </Panel>
  );
}
