// The push slice: job and instance, one-shot and periodic pushes, and the last outcome.
// Rules:
// - periodic pushing is an exporter on the engine, so it follows the engine's reporting period;
// - while the gateway fails, pushes back off (period doubling per failure, at most 5 min) and
//   resume at the normal period after the first success;
// - a push never blocks typing or recording: it is one fetch in flight at a time, and a push
//   due while one is in flight is skipped, not queued;
// - the text pushed is always Prometheus text 0.0.4 in the page's current naming and namespace.

import { createStore, type StoreApi } from "zustand/vanilla";
import { type ExpositionOptions, MIN_REPORTING_PERIOD_MS, type Stats, toPrometheusText, type ViewData } from "../engine";
import { backoffMs, jobProblem, type PushOutcome, pushText } from "./pushgateway";

export interface PushState {
  job: string;
  instance: string;
  jobError: string | null;
  periodic: boolean;
  periodMs: number;
  inFlight: boolean;
  last: PushOutcome | null;
  failures: number;
  /** When the next periodic push may go, after failures (ms since the epoch), else null. */
  retryAt: number | null;

  pushNow(): Promise<void>;
  setJob(job: string): void;
  setInstance(instance: string): void;
  setPeriodic(on: boolean): void;
  setPeriodMs(ms: number): void;
}

export interface PushDeps {
  stats: Stats;
  exposition: () => ExpositionOptions;
  fetch?: typeof fetch;
  now?: () => number;
}

export const DEFAULT_JOB = "metrics_playground";
export const DEFAULT_INSTANCE = "playground";

export function createPushStore(deps: PushDeps): StoreApi<PushState> {
  const now = deps.now ?? Date.now;
  const exporter = { export: (data: ViewData[]) => void periodicPush(data) };

  const store = createStore<PushState>()((set, get) => ({
    job: DEFAULT_JOB,
    instance: DEFAULT_INSTANCE,
    jobError: null,
    periodic: false,
    periodMs: deps.stats.reportingPeriod,
    inFlight: false,
    last: null,
    failures: 0,
    retryAt: null,

    pushNow: () => push(deps.stats.snapshot()),
    setJob(job) {
      const problem = jobProblem(job);
      set(problem ? { jobError: problem } : { job, jobError: null });
    },
    setInstance(instance) {
      set({ instance });
    },
    setPeriodic(on) {
      if (on === get().periodic) return;
      set({ periodic: on, failures: 0, retryAt: null });
      if (on) {
        deps.stats.registerExporter(exporter);
        void push(deps.stats.snapshot()); // push at once, then every period
      } else deps.stats.unregisterExporter(exporter);
    },
    setPeriodMs(ms) {
      const period = Math.max(MIN_REPORTING_PERIOD_MS, ms);
      deps.stats.setReportingPeriod(period);
      set({ periodMs: period });
    },
  }));

  async function push(data: ViewData[]): Promise<void> {
    const s = store.getState();
    if (s.inFlight) return;
    store.setState({ inFlight: true });
    const text = toPrometheusText(data, deps.exposition());
    const outcome = await pushText(text, s.job, s.instance, { fetch: deps.fetch, now });
    const failures = outcome.ok ? 0 : store.getState().failures + 1;
    store.setState({
      inFlight: false,
      last: outcome,
      failures,
      retryAt: outcome.ok ? null : outcome.at + backoffMs(store.getState().periodMs, failures),
    });
  }

  function periodicPush(data: ViewData[]): Promise<void> | undefined {
    const { retryAt } = store.getState();
    if (retryAt !== null && now() < retryAt) return; // backing off while the gateway is down
    return push(data);
  }

  return store;
}
