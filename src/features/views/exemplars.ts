// A distribution card's exemplars by bucket: what the engine kept (the latest per bucket and
// row, exemplar.ts), gathered over the rows the card shows, newest first, as a person reads them.
// Rule: a card of "all rows" shows each row's exemplar of the bucket (one per row at most); the
// line id and trace id are read from the labels the page records (session.ts), any other label
// is listed as it is.
import { type DistributionData, type Exemplar, type Row, sortedLabels } from "../../engine";

export interface ShownExemplar {
  readonly value: number;
  readonly timestamp: number;
  /** The transcript entry id of the line, or null when the exemplar has no (numeric) line_id. */
  readonly lineId: number | null;
  readonly traceId: string | null;
  /** Labels other than line_id and trace_id, `name="value"`. */
  readonly other: readonly string[];
}

function shown(ex: Exemplar): ShownExemplar {
  let lineId: number | null = null;
  let traceId: string | null = null;
  const other: string[] = [];
  for (const [name, value] of sortedLabels(ex.labels))
    if (name === "line_id" && /^\d+$/.test(value)) lineId = Number(value);
    else if (name === "trace_id") traceId = value;
    else other.push(`${name}="${value}"`);
  return { value: ex.value, timestamp: ex.timestamp, lineId, traceId, other };
}

/** Per bucket (bounds.length + 1 of them), the exemplars of `rows`, newest first. */
export function bucketExemplars(rows: readonly Row[], buckets: number): ShownExemplar[][] {
  const out: ShownExemplar[][] = Array.from({ length: buckets }, () => []);
  for (const row of rows) {
    const kept = row.data.type === "distribution" ? (row.data as DistributionData).exemplars : undefined;
    if (!kept) continue;
    for (let i = 0; i < buckets; i++) {
      const ex = kept[i];
      if (ex) out[i]!.push(shown(ex));
    }
  }
  for (const list of out) list.sort((a, b) => b.timestamp - a.timestamp);
  return out;
}

/** `03:04:05.123 UTC`: an exemplar's time to the millisecond. */
export const exemplarTime = (ms: number): string => `${new Date(ms).toISOString().slice(11, 23)} UTC`;
