// The quantile / estimate / exact / error table: for each quantile, its estimate from the
// buckets, the exact value of the logged values, and how far apart they are (a distribution
// card's, the view designer's candidate and compared layouts).
// Rules: a table named by `label` (aria-label), one row per quantile with the quantile's name
// ("p99") as its row header; the caller writes each figure as text ("…" while it is computed) and
// may give a cell a test id and the raw number it shows (data-value), so that tests read numbers,
// not text; `current` (data-current) says whether the figures are those of what is shown now.
// Styles: `.data-table` in index.css.

/** One figure: its text, and what tests read from the cell. */
export interface QuantileCell {
  text: string;
  testId?: string;
  /** The raw number shown, as a string. */
  value?: string;
}

export interface QuantileRow {
  /** "p50", "p99.9": the row's header and its React key. */
  name: string;
  estimate: QuantileCell;
  exact: QuantileCell;
  error: QuantileCell;
}

const COLUMNS = ["estimate", "exact", "error"] as const;

export function QuantileTable(props: {
  label: string;
  rows: readonly QuantileRow[];
  /** More classes for the table (its panel's own sizes and colours). */
  className?: string;
  testId?: string;
  /** Whether the figures are current (data-current); omitted where they always are. */
  current?: boolean;
}) {
  return (
    <table
      className={props.className ? `data-table ${props.className}` : "data-table"}
      aria-label={props.label}
      data-testid={props.testId}
      data-current={props.current === undefined ? undefined : String(props.current)}
    >
      <thead>
        <tr>
          <th scope="col">quantile</th>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            {COLUMNS.map((c) => (
              <td key={c} data-testid={row[c].testId} data-value={row[c].value}>
                {row[c].text}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
