// Whether two snapshots of one view would draw the same card.
// Rule: equal when the view definition (by identity: the engine keeps one frozen View per
// registration), the collection start (reset moves it) and every row's tags and data are equal;
// the snapshot time `end` is ignored. Cards are memoized on this, so a card whose data did not
// change is not re-rendered when another view's data does.

import { type AggregationData, type ViewData } from "../../engine";

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameData(a: AggregationData, b: AggregationData): boolean {
  if (a.type === "distribution" && b.type === "distribution") {
    if (a.count !== b.count || a.sum !== b.sum || a.min !== b.min || a.max !== b.max) return false;
    const ab = a.bucketCounts;
    const bb = b.bucketCounts;
    if (ab.length !== bb.length) return false;
    for (let i = 0; i < ab.length; i++) if (ab[i] !== bb[i]) return false;
    return true;
  }
  if (a.type === "distribution" || b.type === "distribution") return false;
  // An exponential histogram's card is not compared bucket by bucket: it is always redrawn.
  if (a.type === "exponentialHistogram" || b.type === "exponentialHistogram") return false;
  return a.type === b.type && a.value === b.value;
}

export function sameViewData(a: ViewData, b: ViewData): boolean {
  if (a === b) return true;
  if (a.view !== b.view || a.start !== b.start || a.rows.length !== b.rows.length) return false;
  for (let i = 0; i < a.rows.length; i++) {
    const ra = a.rows[i]!;
    const rb = b.rows[i]!;
    if (!sameTags(ra.tags, rb.tags) || !sameData(ra.data, rb.data)) return false;
  }
  return true;
}
