// One named number of a card, as a <dt>/<dd> pair inside the card's <dl> (tests read them:
// `<dt>count</dt><dd>3</dd>`). Rules: the name is the plain statistic name, the value already
// formatted with its unit; an optional title explains it (e.g. why an estimate is "—"); a long
// number may wrap only after a thousands separator (<wbr>, so its text stays exactly the same).

import { Fragment } from "react";

function breakable(text: string) {
  const parts = text.split(/(?<=,)/);
  return parts.length === 1
    ? text
    : parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ));
}

/** `raw` is the exact number behind the formatted text, kept in `data-value` for tools and tests. */
export function Stat(props: { name: string; value: string; raw?: number; title?: string; big?: boolean }) {
  return (
    <div className={props.big ? "views-stat views-stat-big" : "views-stat"}>
      <dt>{props.name}</dt>
      <dd
        title={props.title}
        data-testid={props.big ? "scalar-value" : undefined}
        data-value={props.raw === undefined ? undefined : String(props.raw)}
      >
        {breakable(props.value)}
      </dd>
    </div>
  );
}
