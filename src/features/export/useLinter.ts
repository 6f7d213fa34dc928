// Runs lintExposition in a worker. Rule: only the latest request's answer is shown; an older
// one arriving late is dropped, and a crashed worker is replaced and reported, never silent.
import { useCallback, useEffect, useRef, useState } from "react";
import { type ExpositionFormat } from "../../engine/exposition";
import { type LintResult } from "../../engine/lint";
import type { LintAnswer, LintRequest } from "./lint.worker";

export type LintState =
  | { status: "idle" }
  | { status: "running"; bytes: number }
  | { status: "done"; result: LintResult; ms: number; source: string }
  | { status: "failed"; message: string };

export function useLinter(): [LintState, (text: string, source: string, format?: ExpositionFormat) => void] {
  const [state, setState] = useState<LintState>({ status: "idle" });
  const worker = useRef<Worker | null>(null);
  /** The request whose answer is awaited; answers to older ones are dropped. */
  const pending = useRef({ id: 0, startedAt: 0, source: "" });

  const start = useCallback(() => {
    const w = new Worker(new URL("./lint.worker.ts", import.meta.url), { type: "module" });
    w.onerror = (e) => {
      w.terminate();
      worker.current = null;
      setState({ status: "failed", message: `the linter stopped: ${e.message || "unknown error"}` });
    };
    w.onmessage = (e: MessageEvent<LintAnswer>) => {
      const { id, startedAt, source } = pending.current;
      if (e.data.id !== id) return;
      if (e.data.result)
        setState({
          status: "done",
          result: e.data.result,
          ms: performance.now() - startedAt,
          source,
        });
      else setState({ status: "failed", message: e.data.error ?? "the linter failed" });
    };
    worker.current = w;
    return w;
  }, []);

  // Started when the view opens, so the first lint does not also wait for the worker to load.
  useEffect(() => {
    start();
    return () => {
      worker.current?.terminate();
      worker.current = null;
    };
  }, [start]);

  const lint = useCallback(
    (text: string, source: string, format?: ExpositionFormat) => {
      const id = pending.current.id + 1;
      pending.current = { id, startedAt: performance.now(), source };
      setState({ status: "running", bytes: text.length });
      const request: LintRequest = { id, text, format };
      (worker.current ?? start()).postMessage(request);
    },
    [start],
  );

  return [state, lint];
}
