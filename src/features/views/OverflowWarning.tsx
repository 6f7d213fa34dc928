// The warning a card shows once its view is past its row limit (OpenTelemetry metrics SDK
// specification, cardinality limits; engine/overflow.ts).
// Rule: exact numbers from the engine, "2,417 combinations seen; 418 merged into the overflow
// row", with the limit and how many measurements the overflow row took; a role="status" note, so
// a screen reader hears it when it appears, never an alert (nothing was lost: the overflow row
// keeps every measurement, and it is in the row picker like any row).
import type { ViewData } from "../../engine";
import { formatCount, formatNumber } from "../../components/format";
import "./overflow.css";

export function OverflowWarning({ data }: { data: ViewData }) {
  const { overflow } = data;
  if (overflow === null) return null;
  return (
    <p className="views-overflow" role="status" data-testid="overflow-warning">
      <strong>
        {formatCount(data.combinations, "combination")} seen; {formatNumber(overflow.combinations)} merged into the overflow row
      </strong>{" "}
      (row limit {formatNumber(data.view.rowLimit)}: the first {formatNumber(data.view.rowLimit - 1)} kept their rows;{" "}
      {overflow.measurements === null ? "the rest went to" : `${formatCount(overflow.measurements, "measurement")} went to`} the row{" "}
      <code>otel_metric_overflow=&quot;true&quot;</code>).
    </p>
  );
}
