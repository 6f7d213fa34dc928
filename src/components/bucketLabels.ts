// Range labels for a distribution's buckets, as the bar chart's categories.
// Rule: buckets are upper-inclusive (bucket i holds bound[i-1] < v ≤ bound[i]), so the labels
// are "≤b0", "b0–b1", …, "b(n-2)–b(n-1)", ">b(n-1)": one more label than there are bounds,
// the last for the overflow bucket. Bounds print as every number a person reads on the page
// (`formatNumber`, src/components/format.ts: 6,000, 0.3 not 0.30000000000000004), so a bar's
// label and the statistics beside it agree; the unit stands in the chart's caption, not in
// every label, so labels stay short on a phone's X axis.

import { formatNumber } from "./format";

/** One label per bucket: bounds.length + 1 labels. */
export function bucketLabels(bounds: readonly number[]): string[] {
  if (bounds.length === 0) return ["all"];
  const text = bounds.map(formatNumber);
  const labels = [`≤${text[0]}`];
  for (let i = 1; i < text.length; i++) labels.push(`${text[i - 1]}–${text[i]}`);
  labels.push(`>${text[text.length - 1]}`);
  return labels;
}

/** The same range in words, for tooltips and screen readers: "> 25 and ≤ 50". */
export function bucketRangeText(bounds: readonly number[], i: number): string {
  if (bounds.length === 0) return "any value";
  if (i <= 0) return `≤ ${formatNumber(bounds[0]!)}`;
  if (i >= bounds.length) return `> ${formatNumber(bounds[bounds.length - 1]!)}`;
  return `> ${formatNumber(bounds[i - 1]!)} and ≤ ${formatNumber(bounds[i]!)}`;
}
