// What the two exposition parsers (parse-text.ts for 0.0.4, parse-openmetrics.ts for
// OpenMetrics 1.0) report while they read: metadata lines, samples, and the lines they refuse,
// in the order of the text, to a sink (parseExposition's reader, or the linter's).
// Rule: the first error a parser reports is the refusal the reference parser gives (same
// message); a parser then goes on at the next line so that a reader can list every refused
// line, but a text with any error is not accepted.

export interface Label {
  readonly name: string;
  /** Unescaped. */
  readonly value: string;
}

export interface Exemplar {
  readonly labels: readonly Label[];
  readonly value: number;
  /** Seconds, as written. */
  readonly timestamp?: number;
}

/** A family as expfmt's TextParser files lines under it (0.0.4 only). */
export interface TextFamily {
  readonly name: string;
  /** The line that created it. */
  readonly line: number;
  /** Lower-case type; "untyped" once a sample came before any TYPE; null when none yet. */
  readonly type: string | null;
}

export interface SampleEntry {
  /** 1-based. */
  readonly line: number;
  readonly name: string;
  /** As written, in order; in 0.0.4 a histogram's `le` or a summary's `quantile` may repeat. */
  readonly labels: readonly Label[];
  readonly value: number;
  /** As written: milliseconds in 0.0.4, seconds in OpenMetrics. */
  readonly timestamp?: number;
  readonly exemplar?: Exemplar;
  /** 0.0.4: the family expfmt files the sample under. */
  readonly family?: TextFamily;
}

export type MetaKind = "HELP" | "TYPE" | "UNIT";

export interface MetaEntry {
  readonly line: number;
  readonly kind: MetaKind;
  /** The metric name as written. */
  readonly name: string;
  /** HELP unescaped; TYPE as written (0.0.4: lower-cased); UNIT as written. */
  readonly text: string;
  /** 0.0.4: the family expfmt files the line under. */
  readonly family?: TextFamily;
}

export interface ParseError {
  readonly line: number;
  /** The reference parser's own message. */
  readonly message: string;
  /** The metric name the line is about, once read; "" before. */
  readonly metric: string;
  /** When the refused line is a HELP, TYPE or UNIT line naming a family: which. */
  readonly meta?: { readonly kind: MetaKind; readonly family: string; readonly familyLine: number };
}

export interface ExpositionSink {
  metadata(entry: MetaEntry): void;
  sample(entry: SampleEntry): void;
  error(error: ParseError): void;
}
