// Calls to a module Web Worker that answers each `{ id, request }` with `{ id, result }` or
// `{ id, error }` (analysis.worker.ts, preview.worker.ts, remoteWrite.worker.ts).
// Rules: the worker starts on the first call; each call resolves with its own answer; a worker
// that crashes rejects every call waiting on it (`what` says whose: "the analysis stopped: …"),
// is dropped, and `onCrash` runs (what it held is gone); the next call starts a new one.
// `spawn` must construct the worker itself (`new Worker(new URL("./x.worker.ts",
// import.meta.url), …)`): that literal is how Vite finds and bundles the worker's file.

export interface WorkerCalls<Request, Result> {
  call(request: Request, transfer?: Transferable[]): Promise<Result>;
  /** Whether a worker is running now (one that crashed or was stopped is not). */
  running(): boolean;
  dispose(): void;
}

export function workerCalls<Request, Result>(spawn: () => Worker, what: string, onCrash: () => void = () => {}): WorkerCalls<Request, Result> {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  const start = (): Worker => {
    const w = spawn();
    w.onmessage = (e: MessageEvent<{ id: number; result?: Result; error?: string }>) => {
      const pending = waiting.get(e.data.id);
      if (!pending) return;
      waiting.delete(e.data.id);
      if (e.data.error !== undefined) pending.reject(new Error(e.data.error));
      else pending.resolve(e.data.result as Result);
    };
    w.onerror = (e) => {
      e.preventDefault();
      for (const p of waiting.values()) p.reject(new Error(`${what} stopped: ${e.message || "unknown error"}`));
      waiting.clear();
      w.terminate();
      worker = null;
      onCrash();
    };
    return w;
  };
  return {
    call(request, transfer = []) {
      const id = ++next;
      return new Promise<Result>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        (worker ??= start()).postMessage({ id, request }, transfer);
      });
    },
    running: () => worker !== null,
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
