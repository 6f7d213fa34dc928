// The Cardinality panel: for every view, how many rows and series it adds to the exposition, how
// many bytes in the page's current format, which tag key has the most distinct values, and its
// row limit (OpenTelemetry's cardinality limit) with what was merged into the overflow row.
// Rules: read as the export text is, at most every 200 ms while data streams (a view's text is
// written to count its series and bytes); one table, a row per view, its figures in
// data-value attributes for tests; a view past its limit says so in words in its Limit cell,
// with the same numbers as its card. Imports only the store, the engine and components.
import { useMemo } from "react";
import { Panel } from "../../components/Panel";
import { formatBytes, formatCount, formatNumber } from "../../components/format";
import { useThrottled } from "../../components/useThrottled";
import { selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";
import { cardinalityOf, type ViewCardinality } from "./cardinality";
import "./cardinality.css";

export const CARDINALITY_REFRESH_MS = 200;

const FORMAT_NAMES = { prometheus: "Prometheus text 0.0.4", openmetrics: "OpenMetrics 1.0" } as const;

export function CardinalityPanel() {
  const stats = usePlayground((s) => s.stats);
  const format = usePlayground((s) => s.format);
  const naming = usePlayground((s) => s.naming);
  const namespace = usePlayground((s) => s.namespace);
  const version = useThrottled(usePlaygroundInTransition(selectDataVersion), CARDINALITY_REFRESH_MS);
  const figures = useMemo(() => {
    // `version` is the key: the engine is read again exactly when its data changed.
    void version;
    return stats.snapshot().map((data) => cardinalityOf(data, { format, naming, namespace }));
  }, [stats, version, format, naming, namespace]);

  return (
    <Panel title="Cardinality" className="cardinality-panel">
      <p className="cardinality-lede">
        What each view adds to the exposition ({FORMAT_NAMES[format]}). A view keeps at most its row limit of rows; past it, new
        tag combinations are merged into one row labelled <code>otel_metric_overflow=&quot;true&quot;</code>, as OpenTelemetry
        SDKs do.
      </p>
      {figures.length === 0 ? (
        <p className="cardinality-empty">No views are registered.</p>
      ) : (
        <div className="cardinality-scroll">
          <table className="data-table cardinality-table" aria-label="Cardinality by view">
            <thead>
              <tr>
                <th scope="col">View</th>
                <th scope="col">Rows</th>
                <th scope="col">Series</th>
                <th scope="col">Bytes</th>
                <th scope="col">Most values</th>
                <th scope="col">Limit</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <ViewFigures key={f.name} f={f} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function ViewFigures({ f }: { f: ViewCardinality }) {
  return (
    <tr data-testid={`cardinality-${f.name}`} className={f.overflow ? "cardinality-over" : undefined}>
      <th scope="row">
        <code>{f.name}</code>
      </th>
      <td data-testid="cardinality-rows" data-value={f.rows}>
        {formatNumber(f.rows)}
      </td>
      <td data-testid="cardinality-series" data-value={f.series}>
        {formatNumber(f.series)}
      </td>
      <td data-testid="cardinality-bytes" data-value={f.bytes ?? undefined}>
        {f.bytes === null ? "protobuf only" : formatBytes(f.bytes)}
      </td>
      <td data-testid="cardinality-top-key" data-value={f.topKey?.values}>
        {f.topKey === null ? "no tag keys" : `${f.topKey.name}: ${formatCount(f.topKey.values, "value")}`}
      </td>
      <td data-testid="cardinality-limit" data-value={f.overflow?.combinations ?? 0}>
        {f.overflow === null ? (
          `${formatNumber(f.combinations)} of ${formatNumber(f.rowLimit)}`
        ) : (
          <strong>
            over {formatNumber(f.rowLimit)}: {formatCount(f.combinations, "combination")} seen, {formatNumber(f.overflow.combinations)} merged
            into the overflow row{f.overflow.measurements === null ? "" : ` (${formatCount(f.overflow.measurements, "measurement")})`}
          </strong>
        )}
      </td>
    </tr>
  );
}
