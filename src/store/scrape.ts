// The page's self-scrape: what Prometheus 2.42's scrape loop would store from one scrape of the
// page's exposition (scrape/scrape.go scrapeLoop.append, mutateSampleLabels, report).
// Rules, as the scrape loop has them:
// - the text is the export panel's Prometheus text 0.0.4 (its naming and namespace at that
//   moment), read by the one 0.0.4 parser; every sample is stored at the scrape's time;
// - the target labels job and instance are added; an exposed label of the same name is kept as
//   `exported_<name>` (prefix repeated until the name is free, shortest names first), as
//   honor_labels: false does;
// - a series written by the previous scrape and missing from this one gets a staleness marker
//   at this scrape's time (scrapeLoop's forEachStale), so a reset view, a removed view or a
//   naming switch ends its series as Prometheus would;
// - after the samples, the report series `up` (1) and `scrape_samples_scraped` are written with
//   the target labels (scrapeLoop.report; the duration and series-added series are left out:
//   they would make the history depend on the machine's speed).

import { parseExposition, type ParsedSample } from "../engine/exposition";
import { type SeriesAppender, type SeriesStore, STALE_NAN } from "../promql/store";
import { labelSetKey } from "./historyFile";

/** The target the page scrapes, as Prometheus would label it. */
export const SCRAPE_TARGET: Readonly<Record<"job" | "instance", string>> = { job: "playground", instance: "browser" };

/** What one scrape loop remembers between scrapes: the series it wrote last time. */
export interface ScrapeLoop {
  previous: Map<string, SeriesAppender>;
  /** The last scrape's time: a scrape at or before it is not taken (Prometheus keeps time moving forward). */
  lastMs: number;
}

export function newScrapeLoop(): ScrapeLoop {
  return { previous: new Map(), lastMs: -Infinity };
}

/** What one scrape stored. */
export interface ScrapeReport {
  /** Samples read from the exposition. */
  scraped: number;
  /** Series that got a staleness marker. */
  staled: number;
}

const EXPORTED_PREFIX = "exported_";

/** The sample's labels with the target's, as mutateSampleLabels sets them (honor_labels: false). */
function targetLabels(sample: ParsedSample): Record<string, string> {
  const out: Record<string, string> = { __name__: sample.name };
  const exposed = sample.labels;
  for (const name of sample.labelOrder) if (exposed[name] !== "") out[name] = exposed[name]!;
  const conflicts: string[] = [];
  for (const name of ["job", "instance"] as const) if (out[name] !== undefined) conflicts.push(name);
  conflicts.sort((a, b) => a.length - b.length);
  const taken = new Set<string>();
  const renamed: [string, string][] = [];
  for (const name of conflicts) {
    let next = name;
    do next = EXPORTED_PREFIX + next;
    while (next in exposed || next === "job" || next === "instance" || taken.has(next));
    taken.add(next);
    renamed.push([next, out[name]!]);
  }
  for (const [name, value] of renamed) out[name] = value;
  out.job = SCRAPE_TARGET.job;
  out.instance = SCRAPE_TARGET.instance;
  return out;
}

/**
 * Stores one scrape of `text` (Prometheus text 0.0.4) at `timeMs` into `store`, continuing `loop`.
 * Returns null when the scrape is not taken because time did not move forward since the last one.
 * Throws when the text is not one the 0.0.4 parser accepts (the page's own writer never does that).
 */
export function scrapeInto(store: SeriesStore, loop: ScrapeLoop, text: string, timeMs: number): ScrapeReport | null {
  if (!(timeMs > loop.lastMs)) return null;
  const parsed = parseExposition(text, "prometheus");
  if (parsed.problems.length > 0) throw new Error(`the exposition does not parse: line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message}`);
  const current = new Map<string, SeriesAppender>();
  const write = (labels: Record<string, string>, value: number) => {
    const key = labelSetKey(labels);
    const series = loop.previous.get(key) ?? current.get(key) ?? store.series(labels);
    series.append(timeMs, value);
    current.set(key, series);
  };
  for (const sample of parsed.samples) write(targetLabels(sample), sample.value);
  write({ __name__: "up", ...SCRAPE_TARGET }, 1);
  write({ __name__: "scrape_samples_scraped", ...SCRAPE_TARGET }, parsed.samples.length);
  let staled = 0;
  for (const [key, series] of loop.previous)
    if (!current.has(key)) {
      series.append(timeMs, STALE_NAN);
      staled++;
    }
  loop.previous = current;
  loop.lastMs = timeMs;
  return { scraped: parsed.samples.length, staled };
}
