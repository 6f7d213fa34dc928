// Range labels for a distribution's buckets, as the bar chart's categories.
// Rule: buckets are upper-inclusive (bucket i holds bound[i-1] < v ≤ bound[i]), so the labels
// are "≤b0", "b0–b1", …, "b(n-2)–b(n-1)", ">b(n-1)": one more label than there are bounds,
// the last for the overflow bucket. Bounds print with up to 6 significant digits, no grouping
// (0.30000000000000004 → 0.3), so labels stay short.

/** A bound as a short exact-looking number: 25, 0.3, 1.41421, 1e+21. */
export function formatBound(b: number): string {
  return String(Number(b.toPrecision(6)));
}

/** One label per bucket: bounds.length + 1 labels. */
export function bucketLabels(bounds: readonly number[]): string[] {
  if (bounds.length === 0) return ["all"];
  const text = bounds.map(formatBound);
  const labels = [`≤${text[0]}`];
  for (let i = 1; i < text.length; i++) labels.push(`${text[i - 1]}–${text[i]}`);
  labels.push(`>${text[text.length - 1]}`);
  return labels;
}

/** The same range in words, for tooltips and screen readers: "> 25 and ≤ 50". */
export function bucketRangeText(bounds: readonly number[], i: number): string {
  if (bounds.length === 0) return "any value";
  if (i <= 0) return `≤ ${formatBound(bounds[0]!)}`;
  if (i >= bounds.length) return `> ${formatBound(bounds[bounds.length - 1]!)}`;
  return `> ${formatBound(bounds[i - 1]!)} and ≤ ${formatBound(bounds[i]!)}`;
}
