// What the linter reports, and where problems are collected.
// Rules: every problem names its rule and, when it belongs to a place, its 1-based line;
// "promlint" problems are never capped (they must match promtool's one for one); any other
// rule stops listing after MAX_PER_RULE problems, so a pathological text cannot produce
// millions of objects, but every problem found is counted: `counts` holds the true number per
// rule and `total` their sum, whatever was listed.

import type { ExpositionFormat } from "../exposition/format";

/**
 * Which check found a problem: "parse" (a line the format's parser refuses, as Prometheus
 * would), "promlint" (`promtool check metrics`, in its words), "structure" (what promtool
 * misses: buckets, `+Inf`, order, split families, counter values) or "openmetrics" (that
 * format's own rules).
 */
export type LintRule = "parse" | "promlint" | "structure" | "openmetrics";

/** One problem: where (1-based line, or null), about which metric, what, and which check. */
export interface LintProblem {
  line: number | null;
  /** The metric (family or sample) name the problem is about; "" when none. */
  metric: string;
  message: string;
  rule: LintRule;
}

/** What lintExposition found in a text. */
export interface LintResult {
  /** The format the text was read as: the one given, else the one detected. */
  format: ExpositionFormat;
  /** The problems listed, sorted by line (line-less ones last); at most MAX_PER_RULE a rule but promlint. */
  problems: LintProblem[];
  /** Problems found per rule, listed or not. */
  counts: Record<LintRule, number>;
  /** Problems found in all: the sum of `counts`. */
  total: number;
  /** Families that have at least one sample. */
  families: number;
  /** Sample lines that parsed. */
  samples: number;
  /**
   * Whether the format's parser accepts the text, as Prometheus would (promtool 2.42's expfmt
   * for 0.0.4, Prometheus 2.42's OpenMetrics parser for OpenMetrics): false when it refuses it
   * (see `parseError`) or when the text was not linted at all (see `refused`).
   */
  accepted: boolean;
  /**
   * The parser's refusal, as Prometheus reports it: its first error, with the 1-based line and
   * the parser's own message (promtool prints it as "text format parsing error in line N: …").
   * It is also the first "parse" problem listed; the others are later lines it would refuse too.
   */
  parseError?: { line: number; message: string };
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

  /** The listed problems sorted by line (line-less last), the true count per rule, and their total. */
  finish(): Pick<LintResult, "problems" | "counts" | "total"> {
    const problems = this.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.i - b.i)
      .map((x) => x.p);
    const counts = noProblems();
    let total = 0;
    for (const [rule, n] of this.counts) {
      counts[rule] = n;
      total += n;
    }
    return { problems, counts, total };
  }
}

/** A zero count for every rule. */
export function noProblems(): Record<LintRule, number> {
  return { parse: 0, promlint: 0, structure: 0, openmetrics: 0 };
}
