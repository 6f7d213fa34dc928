// What each view costs in series, the figures of the Cardinality panel: its rows, the series and
// bytes it adds to the exposition in the page's current format, the tag key with the most
// distinct values, and its row limit (OpenTelemetry's cardinality limit) with what overflowed.
// Rules:
// - series and bytes are read off the view's own exposition text in the page's format, naming
//   and namespace (the engine's toText over that one view), so they are what a scrape gets:
//   sample lines (rows × (bounds + 3) for a distribution in 0.0.4; OpenMetrics adds `_created`),
//   and UTF-8 bytes;
// - an exponential histogram is in neither text format (a native histogram, protobuf only): its
//   series are its rows, one native histogram each, and it has no text bytes (null);
// - the tag key with the most distinct values is counted over the ordinary rows (the overflow
//   row's tags are not values); ties go to the key listed first in the view;
// - the overflow figures are the engine's: combinations seen, merged, measurements in the
//   overflow row.
// Pure: no store, no DOM (unit-tested in Node).
import type { ViewData } from "../../engine";
import { type ExpositionFormat, type Naming, toText } from "../../engine/exposition";

export interface ViewCardinality {
  name: string;
  rows: number;
  /** Sample lines in the view's exposition, or its rows for a native histogram. */
  series: number;
  /** UTF-8 bytes of the view's exposition text; null when the text formats leave it out. */
  bytes: number | null;
  /** The key with the most distinct values among the rows, or null for a view without keys. */
  topKey: { name: string; values: number } | null;
  rowLimit: number;
  combinations: number;
  overflow: ViewData["overflow"];
}

const encoder = new TextEncoder();

function sampleLines(text: string): number {
  let n = 0;
  for (const line of text.split("\n")) if (line !== "" && !line.startsWith("#")) n++;
  return n;
}

/** The tag key with the most distinct values among `data`'s ordinary rows. */
export function topKeyOf(data: ViewData): ViewCardinality["topKey"] {
  let top: ViewCardinality["topKey"] = null;
  data.view.tagKeys.forEach((key, i) => {
    const values = new Set<string>();
    for (const row of data.rows) if (!row.overflow) values.add(row.tags[i] ?? "");
    if (top === null || values.size > top.values) top = { name: key.name, values: values.size };
  });
  return top;
}

export function cardinalityOf(data: ViewData, exposition: { format: ExpositionFormat; naming: Naming; namespace: string }): ViewCardinality {
  const native = data.view.aggregation.type === "exponentialHistogram";
  const text = native ? "" : toText([data], exposition);
  return {
    name: data.view.name,
    rows: data.rows.length,
    series: native ? data.rows.length : sampleLines(text),
    bytes: native ? null : encoder.encode(text).length,
    topKey: topKeyOf(data),
    rowLimit: data.view.rowLimit,
    combinations: data.combinations,
    overflow: data.overflow,
  };
}
