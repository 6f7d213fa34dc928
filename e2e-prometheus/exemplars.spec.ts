// The page's exemplars reach a real Prometheus: lines typed (one under `:trace`) are exposed as
// OpenMetrics (Prometheus naming, so the ms → s conversion applies to the exemplar values), the
// text the Download button gives is served from a small HTTP server on 127.0.0.1 that Prometheus
// 2.42 (exemplar storage on) scrapes as a job of its own, and /api/v1/query_exemplars returns
// every exemplar of the text: the series, the labels, the value and the timestamp.
// A namespace of its own keeps these series apart from the Pushgateway's in the other specs.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { parseExposition } from "../src/engine/exposition";
import { expect, test } from "../e2e/fixtures";
import { exposition, openPlayground, typeLine } from "../e2e/playground";
import { PROMETHEUS } from "./prometheus";

const PORT = Number(process.env.RT_EXEMPLAR_PORT);
const NS = "exemplars";

interface Found {
  series: string;
  labels: Record<string, string>;
  value: number;
  timestamp: number;
}

const key = (f: Found) => JSON.stringify([f.series, Object.entries(f.labels).sort(), f.value, f.timestamp]);

/** Serves `body` as OpenMetrics text until closed. */
async function serve(body: string): Promise<Server> {
  const server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "application/openmetrics-text; version=1.0.0; charset=utf-8" });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(PORT, "127.0.0.1", resolve);
  });
  return server;
}

async function queryExemplars(metric: string): Promise<Found[]> {
  const now = Date.now() / 1000;
  const url = `${PROMETHEUS}/api/v1/query_exemplars?query=${encodeURIComponent(`{__name__=~"${metric}"}`)}&start=${now - 3600}&end=${now + 60}`;
  const body = (await (await fetch(url)).json()) as {
    status: string;
    error?: string;
    data: { seriesLabels: Record<string, string>; exemplars: { labels: Record<string, string>; value: string; timestamp: number }[] }[];
  };
  if (body.status !== "success") throw new Error(`Prometheus refused the exemplar query: ${body.error}`);
  return body.data.flatMap((s) => {
    const { __name__, job: _job, instance: _instance, ...rest } = s.seriesLabels;
    const series = `${__name__}${JSON.stringify(Object.entries(rest).sort())}`;
    return s.exemplars.map((e) => ({ series, labels: e.labels, value: Number(e.value), timestamp: e.timestamp }));
  });
}

test("Prometheus stores the page's exemplars: labels, values, timestamps", async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel("Naming").selectOption("prometheus");
  await page.getByLabel("Namespace").fill(NS);
  await typeLine(page, "hello");
  await typeLine(page, ":trace 4bf92f3577b34da6");
  await typeLine(page, ":sleep 1500");
  await typeLine(page, "x".repeat(900));
  await page.getByLabel(/^Format/).selectOption("openmetrics");
  await expect.poll(async () => (await exposition(page).inputValue()).includes('trace_id="4bf92f3577b34da6"')).toBe(true);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download", exact: true }).click()]);
  const text = readFileSync(await download.path(), "utf8");

  // What the text says, read back by the engine's parser (Prometheus 2.42's OpenMetrics grammar).
  const parsed = parseExposition(text, "openmetrics");
  expect(parsed.problems).toEqual([]);
  const expected: Found[] = parsed.samples.flatMap((s) => {
    if (!s.exemplar) return [];
    return [{ series: `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`, labels: s.exemplar.labels, value: s.exemplar.value, timestamp: s.exemplar.timestamp! }];
  });
  // buckets of latency and line lengths, and lines_in_total; the :trace line's and the 900-byte line's among them
  expect(expected.length).toBeGreaterThanOrEqual(5);
  expect(expected.some((e) => e.labels.trace_id === "4bf92f3577b34da6" && e.series.startsWith(`${NS}_demo_latency_seconds_bucket`) && e.value > 1.5)).toBe(true);

  const server = await serve(text);
  try {
    // Each exemplar under its series (a bucket's `le` included, job and instance aside), exactly
    // as many as the text has: a scrape every second stores each once.
    await expect
      .poll(async () => (await queryExemplars(`${NS}_.*`)).map(key).sort(), { timeout: 30_000, message: "Prometheus has every exemplar of the text" })
      .toEqual(expected.map(key).sort());
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
