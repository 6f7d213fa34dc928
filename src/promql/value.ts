// The values the evaluator passes between nodes, as promql/value.go has them for float samples:
// a Sample (labels, timestamp, value), a Vector of samples at one time, a Series of points and a
// Matrix of series. Rule: a scalar travels as a one-sample Vector with empty labels (as in
// engine.go), and a node's result over all steps is a Matrix, whatever its type.

import type { Labels } from "./labels";

/** One sample: `t` in ms since the epoch (engine.go Sample/Point). */
export interface Sample {
  metric: Labels;
  t: number;
  v: number;
}

/** Samples at one evaluation time. */
export type Vector = Sample[];

/** One series' points, `t[i]` (ms) ascending with `v[i]`. */
export interface Series {
  metric: Labels;
  t: number[];
  v: number[];
}

/** Series, each with its own label set. */
export type Matrix = Series[];

/** A string value (parser.ValueTypeString). */
export interface StringValue {
  kind: "string";
  v: string;
  t: number;
}

/** What a node evaluates to. */
export type Value = Matrix | StringValue;

/** value.go Vector.ContainsSameLabelset / Matrix.ContainsSameLabelset. */
export function containsSameLabelset(items: readonly { metric: Labels }[]): boolean {
  if (items.length < 2) return false;
  if (items.length === 2) return items[0]!.metric.key === items[1]!.metric.key;
  const seen = new Set<string>();
  for (const s of items) {
    const k = s.metric.key;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}
