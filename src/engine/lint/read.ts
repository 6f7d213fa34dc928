// The text as the linter sees it: the format's one parser (exposition/parse-text.ts or
// exposition/parse-openmetrics.ts) reads it; this builds families, series and samples from what
// it reports (families.ts says how samples join families).
// Rules: every line the parser refuses is a "parse" problem, and the first one is the refusal
// (`parseError`); a HELP, TYPE or UNIT line after samples of its family is noted as late,
// accepted or not. OpenMetrics: the parser lets metadata repeat; a second HELP, TYPE or UNIT
// for a family is an "openmetrics" problem (the first one counts). 0.0.4: families without
// samples are dropped, as expfmt drops them.

import type { ExpositionSink, MetaEntry, ParseError, SampleEntry, TextFamily } from "../exposition/entries";
import type { ExpositionFormat } from "../exposition/format";
import { goQuote } from "../exposition/gostrconv";
import { readOpenMetrics } from "../exposition/parse-openmetrics";
import { readText } from "../exposition/parse-text";
import { type Family, type LateMeta, newFamily, newSample, omFamily, type Sample, seriesFor } from "./families";
import type { Problems } from "./problem";

export interface Parsed {
  /** 0.0.4: families with samples; OpenMetrics: every family, declared or sampled. */
  families: Map<string, Family>;
  samples: Sample[];
  /** HELP/TYPE/UNIT lines that came after samples of their family. */
  late: LateMeta[];
  /** The parser's first error: the text is refused. */
  parseError: { line: number; message: string } | null;
}

class Reader implements ExpositionSink {
  readonly parsed: Parsed = { families: new Map(), samples: [], late: [], parseError: null };
  /** OpenMetrics: the family of the last metadata line or sample. */
  private current: Family | null = null;

  constructor(
    private readonly format: ExpositionFormat,
    private readonly out: Problems,
  ) {}

  private family(name: string, line: number): Family {
    let f = this.parsed.families.get(name);
    if (!f) this.parsed.families.set(name, (f = newFamily(name, line)));
    return f;
  }

  /** The family metadata line `line` names (created at `created`): expfmt's in 0.0.4, its own name in OpenMetrics. */
  private named(name: string, created: number, line: number, kind: LateMeta["kind"]): Family {
    const f = this.family(name, created);
    if (f.samples.length > 0) this.parsed.late.push({ line, kind, family: f });
    this.current = f;
    return f;
  }

  metadata(m: MetaEntry): void {
    const f = this.named(m.family?.name ?? m.name, m.family?.line ?? m.line, m.line, m.kind);
    if (m.kind === "HELP" ? f.helpLine !== null : m.kind === "TYPE" ? f.typeLine !== null : f.unitLine !== null) {
      // Only OpenMetrics gets here: expfmt refuses a second HELP or TYPE itself.
      const message = `second ${m.kind} line for metric name ${goQuote(f.name)}; OpenMetrics allows one HELP, TYPE and UNIT line per family (Prometheus does not check)`;
      this.out.add("openmetrics", m.line, f.name, message);
      return;
    }
    if (m.kind === "HELP") {
      f.help = m.text;
      f.helpLine = m.line;
    } else if (m.kind === "UNIT") {
      f.unit = m.text;
      f.unitLine = m.line;
    } else {
      f.typeLine = m.line;
      // A type given after samples (reported as late) cannot change how they were grouped.
      if (f.samples.length === 0) f.type = m.text;
    }
  }

  sample(s: SampleEntry): void {
    const f = s.family ? this.textFamily(s.family) : omFamily(this.parsed.families, this.current, s.name, s.line);
    this.current = f;
    const sample = newSample(s.line, s.name, s.labels, s.value, f, seriesFor(f, s.labels, s.line));
    if (s.exemplar) sample.exemplar = { labels: s.exemplar.labels, value: s.exemplar.value };
    f.samples.push(sample);
    this.parsed.samples.push(sample);
  }

  private textFamily(tf: TextFamily): Family {
    const f = this.family(tf.name, tf.line);
    f.type = tf.type;
    return f;
  }

  error(e: ParseError): void {
    if (e.meta) this.named(e.meta.family, e.meta.familyLine, e.line, e.meta.kind);
    this.parsed.parseError ??= { line: e.line, message: e.message };
    this.out.add("parse", e.line, e.metric, e.message);
  }

  finish(): Parsed {
    if (this.format === "prometheus")
      for (const [name, f] of this.parsed.families) if (f.samples.length === 0) this.parsed.families.delete(name);
    return this.parsed;
  }
}

/** Reads `text` with its format's parser; what the parser refuses goes to `out` as "parse" problems. */
export function readForLint(text: string, format: ExpositionFormat, out: Problems): Parsed {
  const reader = new Reader(format, out);
  if (format === "openmetrics") readOpenMetrics(text, reader);
  else readText(text, reader);
  return reader.finish();
}
