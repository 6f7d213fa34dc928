// The console's table: an instant query's answer, one row per series (or the scalar or string),
// labels as Prometheus's UI writes them, values exactly (no rounding: they are compared with
// Prometheus's). A matrix shown here lists each series' samples.
import type { QueryData } from "../../promql";
import { sampleValue, seriesName } from "./seriesName";

/** Rows shown at most; the rest are counted. */
const MAX_ROWS = 500;

export function QueryTable({ data }: { data: QueryData }) {
  let rows: { key: string; name: string; value: string }[];
  switch (data.resultType) {
    case "scalar":
      rows = [{ key: "scalar", name: "scalar", value: sampleValue(data.result[1]) }];
      break;
    case "string":
      rows = [{ key: "string", name: "string", value: data.result[1] }];
      break;
    case "vector":
      rows = data.result.map((s) => ({ key: seriesName(s.metric), name: seriesName(s.metric), value: sampleValue(s.value[1]) }));
      break;
    case "matrix":
      rows = data.result.map((s) => ({
        key: seriesName(s.metric),
        name: seriesName(s.metric),
        value: s.values.map(([t, v]) => `${sampleValue(v)} @${t}`).join("\n"),
      }));
      break;
  }
  if (rows.length === 0) return <p className="query-meta">Empty result: no series matched at that time.</p>;
  return (
    <div className="query-table-wrap">
      <table className="query-table">
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((r) => (
            <tr key={r.key}>
              <td className="query-series">{r.name}</td>
              <td className="query-value">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && <p className="query-meta">{(rows.length - MAX_ROWS).toLocaleString("en-US")} more rows not shown.</p>}
    </div>
  );
}
