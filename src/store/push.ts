// The push slice: job and instance, one-shot and periodic pushes, and the last outcome.
// Rules:
// - periodic pushing is an exporter on the engine, so it follows the engine's reporting period;
// - while periodic pushing is on and the gateway fails, the next attempt is a retry timer of
//   its own, due at `retryAt` (the period doubling per failure, at most 5 min), so "retrying at"
//   is when it really happens; the period's pushes wait meanwhile, and resume after the first
//   success;
// - a one-shot push with periodic pushing off is never retried, and says nothing of retrying;
// - a push never blocks typing or recording: it is one fetch in flight at a time, and a push
//   due while one is in flight is skipped, not queued;
// - what is pushed is written from the data of the moment it is sent, in the page's current
//   naming and namespace: Prometheus text 0.0.4, or the delimited protobuf exposition when a
//   native histogram needs it or the push format setting says so (pushFormat.ts); `sent` says
//   which format the last attempt sent and why;
// - job, instance, period and push format persist (settings.ts) whenever they change to a
//   valid value.

import { createStore, type StoreApi } from "zustand/vanilla";
import { type Stats } from "../engine";
import { type ExpositionOptions } from "../engine/exposition";
import { type PushPayload, pushPayload } from "./pushFormat";
import { backoffMs, jobProblem, type PushOutcome, pushBody } from "./pushgateway";
import { DEFAULT_PUSH_SETTINGS, PUSH_PERIOD_LIMITS, type PushFormatSetting, type PushSettings, savePushSettings } from "./settings";

export interface PushState {
  job: string;
  instance: string;
  jobError: string | null;
  periodic: boolean;
  periodMs: number;
  /** The push format setting: "auto" (text, or protobuf when a native histogram needs it) or "protobuf". */
  format: PushFormatSetting;
  inFlight: boolean;
  last: PushOutcome | null;
  failures: number;
  /** When the retry timer pushes again after a failure of periodic pushing (ms since the epoch), else null. */
  retryAt: number | null;
  /** The format the last attempt sent and why, or null before the first. */
  sent: Pick<PushPayload, "format" | "reason"> | null;

  pushNow(): Promise<void>;
  setJob(job: string): void;
  setInstance(instance: string): void;
  setPeriodic(on: boolean): void;
  setPeriodMs(ms: number): void;
  setFormat(format: PushFormatSetting): void;
}

export interface PushDeps {
  stats: Stats;
  exposition: () => ExpositionOptions;
  fetch?: typeof fetch;
  now?: () => number;
  /** Runs `fn` once after `ms`; returns its cancel function. Default: setTimeout. */
  after?: (fn: () => void, ms: number) => () => void;
  initial?: PushSettings;
  persist?: (s: PushSettings) => void;
}

const defaultAfter = (fn: () => void, ms: number): (() => void) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

export function createPushStore(deps: PushDeps): StoreApi<PushState> {
  const now = deps.now ?? Date.now;
  const after = deps.after ?? defaultAfter;
  const persist = deps.persist ?? savePushSettings;
  const initial = deps.initial ?? DEFAULT_PUSH_SETTINGS;
  const exporter = { export: () => void periodicPush() };
  let cancelRetry: (() => void) | null = null;
  deps.stats.setReportingPeriod(initial.periodMs);

  const store = createStore<PushState>()((set, get) => {
    function setAndPersist(partial: Partial<PushState>): void {
      set(partial);
      const s = get();
      persist({ job: s.job, instance: s.instance, periodMs: s.periodMs, format: s.format });
    }
    return {
      job: initial.job,
      instance: initial.instance,
      jobError: null,
      periodic: false,
      periodMs: initial.periodMs,
      format: initial.format,
      inFlight: false,
      last: null,
      failures: 0,
      retryAt: null,
      sent: null,

      pushNow: () => push(),
      setJob(job) {
        const problem = jobProblem(job);
        if (problem) set({ jobError: problem });
        else setAndPersist({ job, jobError: null });
      },
      setInstance(instance) {
        setAndPersist({ instance });
      },
      setPeriodic(on) {
        if (on === get().periodic) return;
        stopRetry();
        set({ periodic: on, failures: 0, retryAt: null });
        if (on) {
          deps.stats.registerExporter(exporter);
          void push(); // push at once, then every period
        } else deps.stats.unregisterExporter(exporter);
      },
      setPeriodMs(ms) {
        const period = Math.min(PUSH_PERIOD_LIMITS.max * 1000, Math.max(PUSH_PERIOD_LIMITS.min * 1000, Math.round(ms)));
        deps.stats.setReportingPeriod(period);
        setAndPersist({ periodMs: period });
      },
      setFormat(format) {
        setAndPersist({ format });
      },
    };
  });

  function stopRetry(): void {
    cancelRetry?.();
    cancelRetry = null;
  }

  async function push(): Promise<void> {
    const s = store.getState();
    if (s.inFlight) return;
    store.setState({ inFlight: true });
    let outcome: PushOutcome;
    try {
      // The snapshot is taken now; only the protobuf writer may load meanwhile (pushFormat.ts).
      const payload = await pushPayload(deps.stats.snapshot(), s.format, deps.exposition());
      store.setState({ sent: { format: payload.format, reason: payload.reason } });
      outcome = await pushBody(payload.body, payload.contentType, s.job, s.instance, { fetch: deps.fetch, now });
    } catch (error) {
      // Only writing can throw here (pushBody turns every fetch failure into an outcome).
      store.setState({ sent: null });
      outcome = { ok: false, at: now(), kind: "unwritable", message: error instanceof Error ? error.message : String(error) };
    }
    stopRetry();
    const { periodic, periodMs } = store.getState();
    if (outcome.ok) {
      store.setState({ inFlight: false, last: outcome, failures: 0, retryAt: null });
      return;
    }
    const failures = store.getState().failures + 1;
    if (!periodic) {
      store.setState({ inFlight: false, last: outcome, failures, retryAt: null });
      return;
    }
    const wait = backoffMs(periodMs, failures);
    cancelRetry = after(() => {
      cancelRetry = null;
      void push();
    }, wait);
    store.setState({ inFlight: false, last: outcome, failures, retryAt: outcome.at + wait });
  }

  function periodicPush(): Promise<void> | undefined {
    if (store.getState().retryAt !== null) return; // the retry timer owns the next attempt
    return push();
  }

  return store;
}
