// Runs lintExposition in a worker. Rule: only the latest request's answer is shown; an older
// one arriving late is dropped, and a crashed worker is replaced and reported, never silent.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExpositionFormat, LintResult } from "../../engine";
import type { LintAnswer, LintRequest } from "./lint.worker";

export type LintState =
  | { status: "idle" }
  | { status: "running"; bytes: number }
  | { status: "done"; result: LintResult; total: number; ms: number; source: string }
  | { status: "failed"; message: string };

export function useLinter(): [LintState, (text: string, source: string, format?: ExpositionFormat) => void] {
  const [state, setState] = useState<LintState>({ status: "idle" });
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);

  useEffect(() => () => worker.current?.terminate(), []);

  const lint = useCallback((text: string, source: string, format?: ExpositionFormat) => {
    const id = ++latest.current;
    const startedAt = performance.now();
    if (!worker.current) {
      const w = new Worker(new URL("./lint.worker.ts", import.meta.url), { type: "module" });
      w.onerror = (e) => {
        w.terminate();
        worker.current = null;
        setState({ status: "failed", message: `the linter stopped: ${e.message || "unknown error"}` });
      };
      worker.current = w;
    }
    worker.current.onmessage = (e: MessageEvent<LintAnswer>) => {
      if (e.data.id !== latest.current) return;
      if (e.data.result)
        setState({
          status: "done",
          result: e.data.result,
          total: e.data.total ?? e.data.result.problems.length,
          ms: performance.now() - startedAt,
          source,
        });
      else setState({ status: "failed", message: e.data.error ?? "the linter failed" });
    };
    setState({ status: "running", bytes: text.length });
    const request: LintRequest = { id, text, format };
    worker.current.postMessage(request);
  }, []);

  return [state, lint];
}
