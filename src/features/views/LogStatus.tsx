// What the measurement log holds, said where the views are: how many measurements since when,
// and how many older ones it no longer holds (a view designed now is filled from what it holds).
// Rule: the line is read from the log a few times a second at most (LOG_STATUS_MS), never per
// frame: its byte count sweeps the log's tag sets, a pass over every logged measurement.
import { memo } from "react";
import type { Stats } from "../../engine";
import { formatBytes, formatClock, formatCount, formatNumber } from "../../components/format";
import { useThrottled } from "../../components/useThrottled";
import { selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";

const LOG_STATUS_MS = 250;

export function LogStatus() {
  const stats = usePlayground((s) => s.stats);
  const version = useThrottled(usePlaygroundInTransition(selectDataVersion), LOG_STATUS_MS);
  return <LogLine stats={stats} version={version} />;
}

/** `version` is what makes it read the log again: memo skips the render until it changes. */
const LogLine = memo(function LogLine({ stats }: { stats: Stats; version: number }) {
  const log = stats.log;
  if (!log) return null;
  const since = log.since;
  return (
    <p className="views-log" role="status" aria-label="Measurement log" data-testid="log-status">
      Measurement log:{" "}
      {log.size === 0 || since === null
        ? `empty (it keeps the latest ${formatNumber(log.capacity)} measurements)`
        : `${formatCount(log.size, "measurement")} since ${formatClock(since)}` +
          (log.dropped > 0
            ? `; ${formatNumber(log.dropped)} older ${log.dropped === 1 ? "one is" : "ones are"} no longer in it`
            : ` (it keeps the latest ${formatNumber(log.capacity)})`) +
          ` · ${formatBytes(log.bytes)}`}
      . A view designed now is filled from it.
    </p>
  );
});
