// What the designer shows about a candidate before it is applied, kept off the main thread:
// - `useLogged`: the measure's logged values and tag sets (one pass over the log, the only part on
//   the main thread), again at most once a second while data streams;
// - `usePreview`: the exact exposition bytes and bucket counts of the candidate (and of the
//   current view when comparing), replayed in the preview worker (store/preview.ts);
// - `useAccuracy`: exact quantiles and each layout's estimates and errors, in the analysis worker.
// Rules: a request waits PREVIEW_DEBOUNCE_MS of quiet (a value being typed is one request, not
// one per key); an answer to a question that has since changed is dropped; the logged data goes
// to the preview worker once per gathering (its id), copies of the values go to the analysis
// worker (which takes ownership of what it is sent); every result says whether it is current,
// so the page (and its tests) can tell a final figure from one being recomputed.
import { useEffect, useRef, useState } from "react";
import {
  type AnalysisResult,
  createAnalyst,
  createPreviewer,
  gatherLogged,
  type Logged,
  type PreviewResult,
  type PreviewView,
  selectDataVersion,
  usePlayground,
  usePlaygroundInTransition,
} from "../../store";
import { useThrottled } from "../../components/useThrottled";
import type { ExpositionFormat, Naming } from "../../engine/exposition";

export const LOGGED_REFRESH_MS = 1_000;
export const PREVIEW_DEBOUNCE_MS = 150;

const previewer = createPreviewer();
const analyst = createAnalyst();
/** Which gathering each data set is, for the preview worker's cache. */
const dataIds = new WeakMap<Logged, number>();
let nextDataId = 0;
const dataIdOf = (logged: Logged): number => {
  let id = dataIds.get(logged);
  if (id === undefined) dataIds.set(logged, (id = ++nextDataId));
  return id;
};

/**
 * The measure's logged measurements, gathered again when data changed (at most once a second).
 * The pass over the log runs in a task of its own, after the render that asked for it: a million
 * measurements take tens of ms, which added to mounting the editor would make one long task.
 */
export function useLogged(measure: string): Logged | null {
  const stats = usePlayground((s) => s.stats);
  const version = useThrottled(usePlaygroundInTransition(selectDataVersion), LOGGED_REFRESH_MS);
  const [logged, setLogged] = useState<Logged | null>(null);
  useEffect(() => {
    // `version` is the key: the log is read again exactly when the data changed.
    void version;
    if (measure === "") return;
    const id = setTimeout(() => setLogged(gatherLogged(stats.log, measure)), 0);
    return () => clearTimeout(id);
  }, [stats, measure, version]);
  // What was gathered for another measure is not shown while this one's is gathered.
  return measure !== "" && logged !== null && logged.measure === measure ? logged : null;
}

/** An answer and whether it answers the question asked now. */
export interface Answer<T> {
  value: T | null;
  current: boolean;
  error: string | null;
}

/** Asks `ask` after a quiet moment whenever `key` changes; keeps the last answer while the next is computed. */
function useAnswer<T>(key: string | null, ask: () => Promise<T | null>): Answer<T> {
  const [answer, setAnswer] = useState<{ key: string; value: T | null; error: string | null } | null>(null);
  const asked = useRef(0);
  const askRef = useRef(ask);
  // The latest closure, for the timer below (declared first, so it runs before that effect).
  useEffect(() => {
    askRef.current = ask;
  });
  useEffect(() => {
    const id = ++asked.current;
    if (key === null) return;
    const timer = setTimeout(() => {
      askRef
        .current()
        .then((value) => {
          // null: the worker had a newer question by then; its answer comes with that one.
          if (asked.current === id && value !== null) setAnswer({ key, value, error: null });
        })
        .catch((e: unknown) => {
          if (asked.current === id) setAnswer({ key, value: null, error: e instanceof Error ? e.message : String(e) });
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  if (key === null) return { value: null, current: true, error: null };
  return { value: answer?.value ?? null, current: answer?.key === key, error: answer?.key === key ? answer.error : null };
}

/** The exposition the page writes now, as the preview replays it. */
export interface ExpositionSettings {
  format: ExpositionFormat;
  naming: Naming;
  namespace: string;
}

/** Exact bytes, samples and bucket counts of `views` over `logged`, from the preview worker. */
export function usePreview(logged: Logged | null, views: readonly PreviewView[] | null, exposition: ExpositionSettings): Answer<PreviewResult> {
  const key =
    logged === null || views === null
      ? null
      : JSON.stringify([
          dataIdOf(logged),
          exposition,
          views.map((v) => [v.name, v.description, v.aggregation, v.bounds, v.tagKeys, v.measure, v.rowLimit]),
        ]);
  return useAnswer(key, () => {
    const dataId = dataIdOf(logged!);
    const data = previewer.has(dataId) ? undefined : { values: logged!.values.slice(), setOf: logged!.setOf.slice() };
    return previewer.preview({ dataId, data, since: logged!.since, exposition, views: views! });
  });
}

/** A layout to measure: its name and bounds. */
export interface Layout {
  name: string;
  bounds: readonly number[];
}

/** Exact quantiles of the logged values and each layout's estimates and errors, from the analysis worker. */
export function useAccuracy(logged: Logged | null, targets: readonly number[] | null, layouts: readonly Layout[]): Answer<AnalysisResult> {
  const key = logged === null || targets === null || logged.values.length === 0 ? null : JSON.stringify([dataIdOf(logged), targets, layouts]);
  return useAnswer(key, () => analyst.analyze({ values: logged!.values.slice(), quantiles: targets!, layouts }));
}

/** Runs the bucket advisor (in the analysis worker) with the layouts it is shown against. */
export function advise(
  values: Float64Array,
  request: { buckets: number; quantiles: readonly number[]; nice: boolean; layouts: readonly Layout[] },
): Promise<AnalysisResult> {
  return analyst.analyze({
    values: values.slice(),
    quantiles: request.quantiles,
    layouts: request.layouts,
    advise: { buckets: request.buckets, quantiles: request.quantiles, nice: request.nice },
  });
}
