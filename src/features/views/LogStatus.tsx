// What the measurement log holds, said where the views are: how many measurements since when,
// and how many older ones it no longer holds (a view designed now is filled from what it holds).
import { formatBytes, formatClock, formatCount, formatNumber } from "../../components/format";
import { useThrottled } from "../../components/useThrottled";
import { selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";

export function LogStatus() {
  const stats = usePlayground((s) => s.stats);
  useThrottled(usePlaygroundInTransition(selectDataVersion), 250); // re-render a few times a second at most
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
}
