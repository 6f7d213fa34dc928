// The row picker of a view with several rows (tag combinations).
// Rules: a <select> labelled "Row"; the first option, "All rows (N)", combines every row, then
// one option per row labelled `key=value, …`; tag values are rendered as text. `null` means
// all rows. Option values are prefixed so no row key can be mistaken for "all rows".

import { useId } from "react";
import type { RowInfo } from "./summary";

const ALL = "all";
const ROW = "row:";

export function RowPicker(props: {
  rows: readonly RowInfo[];
  /** The chosen row's key, or null for all rows. */
  value: string | null;
  onChange: (key: string | null) => void;
}) {
  const id = useId();
  const { rows, value, onChange } = props;
  return (
    <div className="views-rowpicker">
      <label htmlFor={id}>Row</label>
      <select
        id={id}
        value={value === null ? ALL : ROW + value}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v.startsWith(ROW) ? v.slice(ROW.length) : null);
        }}
      >
        <option value={ALL}>All rows ({rows.length})</option>
        {rows.map((r) => (
          <option key={r.key} value={ROW + r.key}>
            {r.label}
          </option>
        ))}
      </select>
    </div>
  );
}
