import { describe, expect, it } from "vitest";
import { count, createStats, measureFloat64, TagMap, tagKey } from "../engine";
import { toPrometheusText } from "../engine/exposition";
import type { SeriesAppender, SeriesStore } from "../promql/store";
import { isStaleNaN } from "../promql/store";
import { newScrapeLoop, scrapeInto } from "./scrape";

/** A store that keeps what was appended, series by canonical labels. */
function recordingStore() {
  const series = new Map<string, [number, number | "stale"][]>();
  const canon = (l: Readonly<Record<string, string>>) =>
    Object.keys(l)
      .filter((k) => l[k] !== "")
      .sort()
      .map((k) => `${k}=${l[k]}`)
      .join(",");
  const store: SeriesStore = {
    append: (labels, t, v) => store.series(labels).append(t, v),
    series(labels): SeriesAppender {
      const key = canon(labels);
      const list = series.get(key) ?? [];
      series.set(key, list);
      return { labels, append: (t, v) => void list.push([t, isStaleNaN(v) ? "stale" : v]) };
    },
    stats: () => {
      throw new Error("not used");
    },
    clear: () => series.clear(),
  };
  return { store, series };
}

const lines = measureFloat64("scrape/lines", { unit: "1" });
const status = tagKey("status");
const job = tagKey("job");

function engine(tagKeys = [status]) {
  const stats = createStats();
  stats.registerView({ name: "lines", description: "Lines", measure: lines, aggregation: count(), tagKeys });
  return stats;
}

describe("self-scrape", () => {
  it("stores every exposed sample at the scrape's time with job and instance, then up and scrape_samples_scraped", () => {
    const stats = engine();
    stats.record(TagMap.empty().insert(status, "OK"), lines.m(1));
    stats.record(TagMap.empty().insert(status, "OK"), lines.m(1));
    const { store, series } = recordingStore();
    const loop = newScrapeLoop();
    const report = scrapeInto(store, loop, toPrometheusText(stats.snapshot(), { naming: "prometheus", namespace: "app" }), 5_000);
    expect(report).toEqual({ scraped: 1, staled: 0 });
    expect([...series]).toEqual([
      ["__name__=app_lines_total,instance=browser,job=playground,status=OK", [[5_000, 2]]],
      ["__name__=up,instance=browser,job=playground", [[5_000, 1]]],
      ["__name__=scrape_samples_scraped,instance=browser,job=playground", [[5_000, 1]]],
    ]);
  });

  it("marks a series that is gone at the next scrape stale, once, as Prometheus's scrape loop does", () => {
    const stats = engine();
    stats.record(TagMap.empty().insert(status, "OK"), lines.m(1));
    const { store, series } = recordingStore();
    const loop = newScrapeLoop();
    scrapeInto(store, loop, toPrometheusText(stats.snapshot()), 1_000);
    stats.reset();
    expect(scrapeInto(store, loop, toPrometheusText(stats.snapshot()), 2_000)).toEqual({ scraped: 0, staled: 1 });
    scrapeInto(store, loop, toPrometheusText(stats.snapshot()), 3_000);
    stats.record(TagMap.empty().insert(status, "OK"), lines.m(1));
    scrapeInto(store, loop, toPrometheusText(stats.snapshot()), 4_000);
    expect(series.get("__name__=lines,instance=browser,job=playground,status=OK")).toEqual([
      [1_000, 1],
      [2_000, "stale"],
      [4_000, 1], // after a reset the counter restarts: a counter reset to rate()
    ]);
    expect(series.get("__name__=up,instance=browser,job=playground")).toEqual([
      [1_000, 1],
      [2_000, 1],
      [3_000, 1],
      [4_000, 1],
    ]);
  });

  it("a naming switch ends the old names' series and starts new ones", () => {
    const stats = engine();
    stats.record(TagMap.empty().insert(status, "OK"), lines.m(1));
    const { store, series } = recordingStore();
    const loop = newScrapeLoop();
    scrapeInto(store, loop, toPrometheusText(stats.snapshot(), { naming: "opencensus" }), 1_000);
    scrapeInto(store, loop, toPrometheusText(stats.snapshot(), { naming: "prometheus" }), 2_000);
    expect(series.get("__name__=lines,instance=browser,job=playground,status=OK")).toEqual([
      [1_000, 1],
      [2_000, "stale"],
    ]);
    expect(series.get("__name__=lines_total,instance=browser,job=playground,status=OK")).toEqual([[2_000, 1]]);
  });

  it("keeps an exposed job label as exported_job (honor_labels: false)", () => {
    const stats = engine([job, status]);
    stats.record(TagMap.empty().insert(job, "checkout").insert(status, "OK"), lines.m(1));
    const { store, series } = recordingStore();
    scrapeInto(store, newScrapeLoop(), toPrometheusText(stats.snapshot()), 1_000);
    expect([...series.keys()][0]).toBe("__name__=lines,exported_job=checkout,instance=browser,job=playground,status=OK");
  });

  it("does not take a scrape whose time is not after the last one", () => {
    const stats = engine();
    const { store, series } = recordingStore();
    const loop = newScrapeLoop();
    expect(scrapeInto(store, loop, toPrometheusText(stats.snapshot()), 2_000)).not.toBeNull();
    expect(scrapeInto(store, loop, toPrometheusText(stats.snapshot()), 2_000)).toBeNull();
    expect(scrapeInto(store, loop, toPrometheusText(stats.snapshot()), 1_000)).toBeNull();
    expect(series.get("__name__=up,instance=browser,job=playground")).toEqual([[2_000, 1]]);
  });
});
