// Lints exposition text off the main thread, so even megabytes of pasted text never freeze
// the page. Rule: at most SENT_PROBLEMS problems cross back (the view shows fewer); the result's
// counts and total stay the true ones, so a text with 100,000 problems does not spend its time
// being copied between threads and is still reported whole.
import { type ExpositionFormat } from "../../engine/exposition";
import { lintExposition, type LintResult } from "../../engine/lint";

export const SENT_PROBLEMS = 1_000;

export interface LintAnswer {
  id: number;
  /** `problems` holds the first SENT_PROBLEMS; `counts` and `total` count every one found. */
  result?: LintResult;
  error?: string;
}

export interface LintRequest {
  id: number;
  text: string;
  format?: ExpositionFormat;
}

self.onmessage = (event: MessageEvent<LintRequest>) => {
  const { id, text, format } = event.data;
  try {
    const result = lintExposition(text, format);
    const answer: LintAnswer = { id, result: { ...result, problems: result.problems.slice(0, SENT_PROBLEMS) } };
    self.postMessage(answer);
  } catch (error) {
    const answer: LintAnswer = { id, error: error instanceof Error ? error.message : String(error) };
    self.postMessage(answer);
  }
};
