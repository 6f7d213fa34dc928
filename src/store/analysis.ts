// What the page computes over logged values: exact quantiles, what bucket layouts cost in
// accuracy, and the advisor's layout. Sorting a million values is 100 ms of work, so it runs in
// a Web Worker (analysis.worker.ts) where there is one; `analyze` is the same computation, pure,
// for the worker, for Node tests and for a page without workers.
// Rules: the values are the log's, in the measure's unit; every answer says how many values it
// was computed from; a request for fewer than one value answers NaN, never throws.

import {
  type Advice,
  type AdviceOptions,
  adviseBounds,
  exactQuantiles,
  layoutErrors,
  type QuantileError,
} from "../engine";
import { workerCalls } from "./workerCalls";

export interface AnalysisRequest {
  values: Float64Array;
  /** Quantiles to compute exactly (each in [0, 1]). */
  quantiles: readonly number[];
  /** Layouts whose errors to measure for those quantiles. */
  layouts?: readonly { name: string; bounds: readonly number[] }[];
  /** Ask the advisor too. */
  advise?: AdviceOptions;
}

export interface AnalysisResult {
  count: number;
  min: number;
  max: number;
  /** The exact quantiles, in the order asked. */
  exact: number[];
  layouts: { name: string; errors: QuantileError[]; maxError: number }[];
  advice?: Advice;
  /** Why the advisor could not answer, when it was asked and could not. */
  adviceError?: string;
}

/** The smallest, the smallest positive and the largest of the values, in one pass (±Infinity for none). */
export function valueRange(values: Float64Array): { min: number; positive: number; max: number } {
  let min = Infinity;
  let positive = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0 && v < positive) positive = v;
  }
  return { min, positive, max };
}

export function analyze(request: AnalysisRequest): AnalysisResult {
  const { values, quantiles } = request;
  const { min, max } = valueRange(values);
  const count = values.length;
  const result: AnalysisResult = {
    count,
    min: count ? min : NaN,
    max: count ? max : NaN,
    exact: exactQuantiles(values, quantiles),
    layouts: (request.layouts ?? []).map(({ name, bounds }) => {
      const errors = layoutErrors(values, bounds, quantiles);
      return { name, errors, maxError: errors.reduce((m, e) => Math.max(m, e.relativeError), 0) };
    }),
  };
  if (request.advise) {
    try {
      if (count > 0) result.advice = adviseBounds(values, { ...request.advise, quantiles: request.advise.quantiles ?? quantiles });
      else result.adviceError = "there are no logged values to advise on yet";
    } catch (error) {
      result.adviceError = error instanceof Error ? error.message : String(error);
    }
  }
  return result;
}

export interface Analyst {
  /** Analyses `request` (its values are handed over, not copied, when a worker does it). */
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
  dispose(): void;
}

/** A Web Worker analyst where workers exist, else one that computes on the spot. */
export function createAnalyst(): Analyst {
  if (typeof Worker === "undefined")
    return { analyze: (request) => Promise.resolve(analyze(request)), dispose: () => {} };
  const calls = workerCalls<AnalysisRequest, AnalysisResult>(
    () => new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" }),
    "the analysis",
  );
  return {
    analyze: (request) => calls.call(request, [request.values.buffer]),
    dispose: calls.dispose,
  };
}
