// The labels of the row a card shows, as chips: `method` `=` `repl`.
// Rules: one chip per non-empty tag value, in the view's key order; a row with no values says
// so; user text (tag values can be any printable ASCII) is rendered as text, long values are
// cut with an ellipsis and kept whole in the title.

import type { TagPair } from "./summary";

export function TagChips(props: { pairs: readonly TagPair[] }) {
  return (
    <ul className="views-chips" aria-label="Row labels">
      {props.pairs.length === 0 ? (
        <li className="views-chip views-chip-empty">no tags</li>
      ) : (
        props.pairs.map((p) => (
          <li key={p.key} className="views-chip" title={`${p.key}=${p.value}`}>
            <span className="views-chip-key">{p.key}</span>
            <span className="views-chip-eq">=</span>
            <span className="views-chip-value">{p.value}</span>
          </li>
        ))
      )}
    </ul>
  );
}
