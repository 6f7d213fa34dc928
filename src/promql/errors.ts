// PromQLError: the one error the evaluator throws, for a query it cannot parse or evaluate.
// Rule: every refusal carries the offset in the query where it applies and Prometheus 2.42's own
// wording where Prometheus has one (promql/parser/parse.go ParseErr, promql/engine.go errors), so
// a message can be compared with what Prometheus's HTTP API would answer.

/** What kind of failure, as Prometheus's HTTP API names it in `errorType`. */
export type PromQLErrorType = "bad_data" | "execution";

/**
 * A query that cannot be parsed (`errorType` "bad_data") or evaluated ("execution").
 * `position` is the offset (UTF-16 code units) in the query where the problem starts, `end`
 * where it ends; `message` is the text without Prometheus's "1:5: parse error:" prefix.
 */
export class PromQLError extends Error {
  readonly position: number;
  readonly end: number;
  readonly errorType: PromQLErrorType;
  /** Whether Prometheus reports it as a parse error ("1:5: parse error: …"). */
  readonly isParseError: boolean;

  constructor(message: string, position: number, end: number = position, errorType: PromQLErrorType = "bad_data", isParseError = errorType === "bad_data") {
    super(message);
    this.name = "PromQLError";
    this.position = position;
    this.end = Math.max(end, position);
    this.errorType = errorType;
    this.isParseError = isParseError;
  }

  /** Prometheus's own rendering of a parse error: `line:column: parse error: message`. */
  prometheusText(query: string): string {
    if (!this.isParseError) return this.message;
    let line = 1;
    let lastBreak = -1;
    const pos = Math.min(this.position, query.length);
    for (let i = 0; i < pos; i++) {
      if (query.charCodeAt(i) === 10) {
        line++;
        lastBreak = i;
      }
    }
    return `${line}:${pos - lastBreak}: parse error: ${this.message}`;
  }
}

/** An evaluation failure at `position` (the node being evaluated), in Prometheus's words. */
export function execError(message: string, position: number, end?: number): PromQLError {
  return new PromQLError(message, position, end ?? position, "execution");
}
