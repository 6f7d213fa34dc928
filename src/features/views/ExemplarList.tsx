// A distribution card's exemplars: which buckets hold some, and for the bucket chosen (a button
// here, or a bar of the chart) each exemplar as text: value, line, trace id, time. Choosing an
// exemplar shows its line in the transcript (highlighted, scrolled into view) or says that the
// line left the transcript's bounded window.
// Rules: everything is a button or text (keyboard and screen readers reach it; user text is
// rendered as text); the message is a polite status; a bucket that lost its exemplars (a reset)
// is no longer chosen.
import { useState } from "react";
import { bucketRangeText } from "../../components/bucketLabels";
import { formatNumber, formatValue, unitSuffix } from "../../components/format";
import { TRANSCRIPT_LIMIT, usePlayground } from "../../store";
import { exemplarTime, type ShownExemplar } from "./exemplars";

export function ExemplarList(props: {
  viewName: string;
  bounds: readonly number[];
  unit: string;
  byBucket: readonly (readonly ShownExemplar[])[];
  selected: number | null;
  onSelect: (bucket: number) => void;
}) {
  const { viewName, bounds, unit, byBucket, selected, onSelect } = props;
  const showEntry = usePlayground((s) => s.showEntry);
  const [message, setMessage] = useState("");
  const suffix = unitSuffix(unit);
  const range = (i: number) => `${bucketRangeText(bounds, i)}${suffix ? ` ${suffix}` : ""}`;
  const withSome = byBucket.flatMap((list, i) => (list.length > 0 ? [i] : []));
  if (withSome.length === 0) return null;
  const chosen = selected !== null && (byBucket[selected]?.length ?? 0) > 0 ? selected : null;

  const open = (ex: ShownExemplar) => {
    if (ex.lineId === null) return setMessage("This exemplar names no transcript line.");
    setMessage(
      showEntry(ex.lineId)
        ? `Line ${ex.lineId} is highlighted in the transcript.`
        : `Line ${ex.lineId} left the transcript window (it keeps its last ${formatNumber(TRANSCRIPT_LIMIT)} entries); what it recorded is still in this view.`,
    );
  };

  return (
    <section className="views-exemplars" aria-label={`Exemplars of ${viewName}`}>
      <div className="views-exemplar-buckets" role="group" aria-label="Buckets with exemplars">
        <span className="views-exemplar-title">Exemplars:</span>
        {withSome.map((i) => (
          <button key={i} type="button" aria-pressed={chosen === i} onClick={() => onSelect(i)}>
            {range(i)} ({byBucket[i]!.length})
          </button>
        ))}
      </div>
      {chosen !== null && (
        <ul className="views-exemplar-list" aria-label={`Exemplars in bucket ${range(chosen)}`}>
          {byBucket[chosen]!.map((ex) => (
            <li key={`${ex.timestamp}-${ex.lineId}-${ex.traceId}-${ex.value}`}>
              <button type="button" onClick={() => open(ex)}>
                {formatValue(ex.value, unit)}
                {ex.lineId !== null && ` · line ${ex.lineId}`}
                {ex.traceId !== null && ` · trace ${ex.traceId}`}
                {ex.other.map((o) => ` · ${o}`).join("")}
                {` · ${exemplarTime(ex.timestamp)}`}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="views-exemplar-status" role="status">
        {message}
      </p>
    </section>
  );
}
