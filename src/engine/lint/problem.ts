// What the linter reports, and where problems are collected.
// Rules: every problem names its rule and, when it belongs to a place, its 1-based line;
// "promlint" problems are never capped (they must match promtool's one for one); any other
// rule stops listing after MAX_PER_RULE problems and then adds one line-less summary, so a
// pathological text cannot produce millions of objects.

export type LintRule = "parse" | "promlint" | "structure" | "openmetrics";

export interface LintProblem {
  line: number | null;
  /** The metric (family or sample) name the problem is about; "" when none. */
  metric: string;
  message: string;
  rule: LintRule;
}

export interface LintResult {
  format: "prometheus" | "openmetrics";
  /** Sorted by line; line-less ones (capped-rule summaries) last. */
  problems: LintProblem[];
  /** Families that have at least one sample. */
  families: number;
  /** Sample lines that parsed. */
  samples: number;
  /** Why the text was not linted at all (then there are no problems). */
  refused?: string;
}

export const MAX_PER_RULE = 1000;

export class Problems {
  readonly list: LintProblem[] = [];
  private readonly counts = new Map<LintRule, number>();

  add(rule: LintRule, line: number | null, metric: string, message: string): void {
    const n = (this.counts.get(rule) ?? 0) + 1;
    this.counts.set(rule, n);
    if (rule === "promlint" || n <= MAX_PER_RULE) this.list.push({ line, metric, message, rule });
  }

  count(rule: LintRule): number {
    return this.counts.get(rule) ?? 0;
  }

  /** Problems sorted by line (line-less last), with a summary for each capped rule. */
  finish(): LintProblem[] {
    const out = this.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.i - b.i)
      .map((x) => x.p);
    for (const [rule, n] of this.counts)
      if (rule !== "promlint" && n > MAX_PER_RULE)
        out.push({ line: null, metric: "", message: `${n - MAX_PER_RULE} more ${rule} problems not listed`, rule });
    return out;
  }
}
