// Runs `previewView` (preview.ts) off the main thread: replaying a million logged values into a
// scratch engine never holds up typing or drawing.
// Rules: data that comes with a request is kept at once (under its id), whether or not that
// request runs; requests that arrive while one runs are coalesced: only the latest runs, the
// ones it replaced are answered with null; a failure answers with the reason.
import { type PreviewData, type PreviewRequest, previewView } from "./preview";

let kept: { id: number; data: PreviewData } | null = null;
let latest: { id: number; request: PreviewRequest } | null = null;
let scheduled = false;

function run(): void {
  scheduled = false;
  const job = latest;
  latest = null;
  if (!job) return;
  try {
    if (!kept || kept.id !== job.request.dataId) throw new Error("the preview's data was not sent");
    self.postMessage({ id: job.id, result: previewView(job.request, kept.data) });
  } catch (error) {
    self.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
}

self.onmessage = (event: MessageEvent<{ id: number; request: PreviewRequest }>) => {
  const { id, request } = event.data;
  if (request.data) kept = { id: request.dataId, data: request.data };
  if (latest) self.postMessage({ id: latest.id, result: null });
  latest = { id, request: { ...request, data: undefined } };
  // Let every message already queued arrive first, so only the latest of them runs.
  if (!scheduled) {
    scheduled = true;
    setTimeout(run, 0);
  }
};
