// Runs `analyze` (analysis.ts) off the main thread: sorting and selecting over a million logged
// values never holds up typing or drawing. Rule: one answer per request, with its id; a failure
// answers with the reason.
import { analyze, type AnalysisRequest } from "./analysis";

self.onmessage = (event: MessageEvent<{ id: number; request: AnalysisRequest }>) => {
  const { id, request } = event.data;
  try {
    self.postMessage({ id, result: analyze(request) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
