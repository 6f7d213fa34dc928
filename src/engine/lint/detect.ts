// Which exposition format a pasted text is in, when the caller does not say.
// Rules: OpenMetrics when a line is `# EOF` or starts with `# UNIT `; failing that, when a
// sample's name ends in `_created` or a sample carries an exemplar (` # {`), which only
// OpenMetrics has; otherwise Prometheus text 0.0.4. One pass, no regular expressions.

import type { ExpositionFormat } from "../exposition/format";

function sampleName(line: string): string {
  let end = 0;
  while (end < line.length) {
    const c = line.charCodeAt(end);
    if (c === 123 || c === 32 || c === 9) break;
    end++;
  }
  return line.slice(0, end);
}

/**
 * The format a text is most likely in: OpenMetrics when a line is `# EOF` or starts with
 * `# UNIT `, or a sample is named `…_created` or carries an exemplar; else Prometheus text 0.0.4.
 */
export function detectFormat(text: string): ExpositionFormat {
  let heuristic = false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.charCodeAt(0) === 35) {
      if (line === "# EOF" || line === "# EOF\r" || line.startsWith("# UNIT ")) return "openmetrics";
    } else if (!heuristic && line.length > 0) {
      if (sampleName(line).endsWith("_created") || line.includes(" # {")) heuristic = true;
    }
    start = end + 1;
  }
  return heuristic ? "openmetrics" : "prometheus";
}
