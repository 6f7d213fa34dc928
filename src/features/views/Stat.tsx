// One named number of a card, as a <dt>/<dd> pair inside the card's <dl> (tests read them:
// `<dt>count</dt><dd>3</dd>`). Rules: the name is the plain statistic name, the value already
// formatted with its unit; an optional title explains it (e.g. why an estimate is "—"); a long
// number may wrap only after a thousands separator (<wbr>, so its text stays exactly the same).

import { Fragment } from "react";
import { formatNumber, formatValue } from "../../components/format";

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

/** The five statistics every histogram card shows first: count, sum, mean, min and max. */
export function MomentStats({ summary, unit }: { summary: { count: number; sum: number; mean: number; min: number; max: number }; unit: string }) {
  return (
    <>
      <Stat name="count" value={formatNumber(summary.count)} raw={summary.count} />
      <Stat name="sum" value={formatValue(summary.sum, unit)} raw={summary.sum} />
      <Stat name="mean" value={formatValue(summary.mean, unit)} raw={summary.mean} />
      <Stat name="min" value={formatValue(summary.min, unit)} raw={summary.min} />
      <Stat name="max" value={formatValue(summary.max, unit)} raw={summary.max} />
    </>
  );
}
