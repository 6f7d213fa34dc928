// The page's history reaches a real Prometheus 2.42 by remote write, timestamps and all: a
// receiver (--web.enable-remote-write-receiver, empty storage) on the port the app's proxy points
// at, started and stopped by each test. Proven here:
// - 15 simulated minutes sent as history: Prometheus's count_over_time counts the series and the
//   samples the page sent (staleness markers aside, which PromQL does not count); with the stream
//   on afterwards, each of the console's example queries (rate, error ratio, p99 by
//   histogram_quantile, bytes/s by status), as a graph over 15 min, equals /api/v1/query_range for
//   the same request: same series, same times, values to 1e-12 relative;
// - the receiver down: the page backs off and retries, and after it is back every sample the
//   page counted as sent is in Prometheus; a full queue drops its oldest samples and says how many;
// - history older than what the stream already sent: Prometheus refuses it (HTTP 400, out of order
//   sample), the page shows that text and does not send it again;
// - an hour of history, sent ten minutes at a time, is all accepted: nothing falls outside the
//   hour Prometheus accepts behind its newest sample (out of bounds).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "../e2e/fixtures";
import { openPlayground, paste } from "../e2e/playground";
import { type PrometheusProcess, startPrometheus } from "../e2e/support/prometheusProcess";

test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.RT_REMOTE_WRITE_PORT);

/** A fresh receiver on the proxy's port. */
async function receiver(): Promise<PrometheusProcess> {
  const dir = mkdtempSync(join(tmpdir(), "remote-write-"));
  writeFileSync(join(dir, "prometheus.yml"), "global:\n  evaluation_interval: 1m\n");
  return startPrometheus(
    PORT,
    ["--web.enable-remote-write-receiver", `--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, "--log.level=error"],
    dir,
  );
}

/** Runs `body` with a fresh receiver, stopped whatever happens. */
async function withReceiver(body: (prometheus: PrometheusProcess) => Promise<void>): Promise<void> {
  const prometheus = await receiver();
  try {
    await body(prometheus);
  } finally {
    await prometheus.stop();
  }
}

interface ApiSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  value?: [number, string];
}

async function api(base: string, path: string, params?: Record<string, string>): Promise<ApiSeries[]> {
  const url = params ? `${base}${path}?${new URLSearchParams(params).toString()}` : `${base}${path}`;
  const body = (await (await fetch(url, { signal: AbortSignal.timeout(30_000) })).json()) as { status: string; error?: string; data: { result: ApiSeries[] } };
  if (body.status !== "success") throw new Error(`Prometheus refused ${url}: ${body.error}`);
  return body.data.result;
}

/**
 * Series and samples Prometheus holds in `window` before `timeS`, by count_over_time, summed over
 * metric names (count_over_time drops the name, so one query over every name would collide).
 */
async function countOverTime(base: string, window: string, timeS: number): Promise<{ series: number; samples: number }> {
  const names = ((await (await fetch(`${base}/api/v1/label/__name__/values`)).json()) as { data: string[] }).data;
  let series = 0;
  let samples = 0;
  for (const name of names) {
    const result = await api(base, "/api/v1/query", { query: `count_over_time(${name}${window})`, time: String(timeS) });
    series += result.length;
    for (const r of result) samples += Number(r.value![1]);
  }
  return { series, samples };
}

const panel = (page: Page) => page.getByRole("region", { name: "Remote write" });
const queryPanel = (page: Page) => page.getByRole("region", { name: "Query the history (PromQL)" });
const counter = async (page: Page, name: string) => Number((await panel(page).getByTestId(`prometheus_remote_storage_${name}`).innerText()).replace(/,/g, "").split(" ")[0]);
const status = (page: Page) => panel(page).getByRole("status", { name: "Remote write status" });

async function fillQuarter(page: Page, span = "15 min"): Promise<void> {
  await queryPanel(page).getByRole("button", { name: `Simulate the last ${span}` }).click();
  await queryPanel(page).getByRole("button", { name: "Simulate", exact: true }).click();
  await expect(queryPanel(page).getByTestId("simulated-span")).toContainText("Simulated traffic from", { timeout: 60_000 });
}

/** Sends the whole history and waits until it is done; returns its counts. */
async function sendHistory(page: Page) {
  await panel(page).getByLabel("Span").selectOption("all");
  await panel(page).getByRole("button", { name: "Send history" }).click();
  const history = panel(page).getByTestId("rw-history");
  await expect(history).toContainText(" sent at ", { timeout: 60_000 });
  const read = async (name: string) => Number(await history.getAttribute(`data-${name}`));
  return { total: await read("total"), sent: await read("sent"), failed: await read("failed"), stale: await read("stale"), series: await read("series"), fromMs: await read("from"), toMs: await read("to") };
}

const close = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

test("the history, sent and then streamed, answers the console's example queries as the page does", async ({ page }) =>
  withReceiver(async (prometheus) => {
    await openPlayground(page);
    await page.getByLabel("Preset").selectOption("python"); // its views have a status tag and a bytes measure: all four examples
    await expect(panel(page).getByTestId("rw-target")).toContainText(`Receiver: http://127.0.0.1:${PORT}/api/v1/write, no credentials`);
    await fillQuarter(page);

    const sent = await sendHistory(page);
    expect(sent.failed).toBe(0);
    expect(sent.sent).toBe(sent.total);
    expect(sent.total).toBeGreaterThan(10_000);
    const window = `[${sent.toMs - sent.fromMs}ms]`;
    const at = sent.toMs / 1000;
    expect(await countOverTime(prometheus.base, window, at)).toEqual({ series: sent.series, samples: sent.total - sent.stale });

    // The stream goes on from the newest sample sent: Prometheus then has every scrape too.
    await panel(page).getByLabel("Stream new samples after every scrape").check();
    const before = await counter(page, "samples_total");
    await expect.poll(() => counter(page, "samples_total"), { timeout: 20_000 }).toBeGreaterThan(before);

    await queryPanel(page).getByRole("tab", { name: "Graph" }).click();
    const examples = queryPanel(page).getByLabel("Example queries").getByRole("button");
    const titles = await examples.allInnerTexts();
    expect(titles).toEqual(["Lines per second", "Error ratio", "p99 latency over 5 m", "Bytes per second by status"]);
    const requested = async () => new URLSearchParams((await queryPanel(page).getByTestId("query-api").innerText()).trim().split("?")[1]);
    for (const title of titles) {
      const example = queryPanel(page).getByRole("button", { name: title, exact: true });
      const query = (await example.getAttribute("title"))!;
      await example.click();
      await expect.poll(async () => (await requested()).get("query")).toBe(query);
      await expect(queryPanel(page).getByTestId("query-meta")).toContainText("matrix");
      const request = (await queryPanel(page).getByTestId("query-api").innerText()).trim();
      const end = Number((await requested()).get("end"));
      const download = page.waitForEvent("download");
      await queryPanel(page).getByRole("button", { name: "Download JSON" }).click();
      const ours = JSON.parse(readFileSync((await (await download).path())!, "utf8")) as { data: { result: ApiSeries[] } };
      // Prometheus has everything up to the query's end once the stream sent that far.
      await expect
        .poll(async () => Number((await panel(page).getByTestId("prometheus_remote_storage_queue_highest_sent_timestamp_seconds").innerText()).split(" ")[0]), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(end);
      const theirs = await api(prometheus.base, request);
      const byLabels = (rs: ApiSeries[]) => new Map(rs.map((r) => [JSON.stringify(Object.entries(r.metric).sort()), r.values!]));
      const a = byLabels(ours.data.result);
      const b = byLabels(theirs);
      expect([...a.keys()].sort(), title).toEqual([...b.keys()].sort());
      expect(a.size, title).toBeGreaterThan(0);
      for (const [labels, points] of a) {
        const other = b.get(labels)!;
        expect(points.map((p) => p[0]), `${title} ${labels}: times`).toEqual(other.map((p) => p[0]));
        const differing = points.filter((p, i) => !close(Number(p[1]), Number(other[i]![1])));
        expect(differing, `${title} ${labels}: values (page) differing from Prometheus`).toEqual([]);
      }
    }
    await panel(page).getByLabel("Stream new samples after every scrape").uncheck();
  }));

test("receiver down: the page backs off and retries, loses nothing queued, and a full queue drops its oldest and says so", async ({ page }) => {
  await openPlayground(page);
  await expect(panel(page).getByTestId("rw-target")).toContainText("Receiver:");
  await panel(page).getByLabel("Stream new samples after every scrape").check();
  await paste(page, "one\ntwo\n:fail three");
  await expect(status(page)).toContainText("The receiver was unreachable", { timeout: 20_000 });
  await expect(status(page)).toContainText(/Sending the same [\d,]+ samples again at \d\d:\d\d:\d\d; nothing queued is lost meanwhile/);
  await expect.poll(() => counter(page, "samples_retried_total")).toBeGreaterThan(0);
  await expect.poll(() => counter(page, "samples_pending"), { timeout: 20_000 }).toBeGreaterThan(60); // several scrapes wait

  let prometheus = await receiver();
  try {
    await expect.poll(() => counter(page, "samples_pending"), { timeout: 30_000 }).toBe(0);
    expect(await counter(page, "samples_dropped_total")).toBe(0);
    expect(await counter(page, "samples_failed_total")).toBe(0);
    // Stop the stream, so the count is of a finished set (a request in flight still counts when
    // answered); nothing ended, so there is no staleness marker among the samples.
    await panel(page).getByLabel("Stream new samples after every scrape").uncheck();
    await expect(status(page)).not.toContainText("Sending…");
    const sentTotal = await counter(page, "samples_total");
    expect(sentTotal).toBeGreaterThan(0);
    expect((await countOverTime(prometheus.base, "[10m]", Date.now() / 1000)).samples).toBe(sentTotal);

    // Down again, with a queue of 100 samples: a few scrapes of this preset's series overflow it.
    await prometheus.stop();
    await panel(page).getByLabel("Queue capacity").fill("100");
    await panel(page).getByLabel("Stream new samples after every scrape").check();
    const dropped = panel(page).getByTestId("rw-dropped");
    await expect(dropped).toContainText(/The queue was full: the [\d,]+ oldest samples were dropped at \d\d:\d\d:\d\d \(it holds at most 100\)/, { timeout: 30_000 });
    const said = Number((await dropped.innerText()).match(/the ([\d,]+) oldest/)![1]!.replace(/,/g, ""));
    expect(said).toBe(await counter(page, "samples_dropped_total"));
    const sentBefore = await counter(page, "samples_total");

    prometheus = await receiver();
    await expect.poll(() => counter(page, "samples_pending"), { timeout: 30_000 }).toBe(0);
    await panel(page).getByLabel("Stream new samples after every scrape").uncheck();
    await expect(status(page)).not.toContainText("Sending…");
    const arrived = (await counter(page, "samples_total")) - sentBefore;
    expect(arrived).toBeGreaterThan(0);
    expect((await countOverTime(prometheus.base, "[10m]", Date.now() / 1000)).samples).toBe(arrived);
  } finally {
    await prometheus.stop();
  }
});

test("history older than what the stream sent is refused with 400, shown, and not sent again", async ({ page }) =>
  withReceiver(async () => {
    await openPlayground(page);
    await paste(page, "a\nb\nc");
    // A few scrapes of history first, then the stream sends newer samples of the same series.
    await expect(page.getByTestId("history-status")).toBeVisible({ timeout: 10_000 });
    await panel(page).getByLabel("Stream new samples after every scrape").check();
    await expect.poll(() => counter(page, "samples_total"), { timeout: 20_000 }).toBeGreaterThan(0);
    await panel(page).getByLabel("Stream new samples after every scrape").uncheck();

    await panel(page).getByLabel("Span").selectOption("all");
    await panel(page).getByRole("button", { name: "Send history" }).click();
    await expect(panel(page).getByTestId("rw-history")).toContainText(" sent at ", { timeout: 30_000 });
    const error = panel(page).getByTestId("rw-error");
    await expect(error).toContainText(/The receiver refused [\d,]+ samples \(HTTP 400\) at \d\d:\d\d:\d\d:/);
    await expect(error.locator("code")).toHaveText("out of order sample");
    await expect(error).toContainText("Not sent again: the receiver would refuse it again.");
    expect(await counter(page, "samples_retried_total")).toBe(0);
    expect(await counter(page, "samples_failed_total")).toBeGreaterThan(0);
    expect(Number(await panel(page).getByTestId("rw-history").getAttribute("data-failed"))).toBeGreaterThan(0);
  }));

test("an hour of history is all accepted: its slabs stay inside Prometheus's out-of-bounds window", async ({ page }) =>
  withReceiver(async (prometheus) => {
    await openPlayground(page);
    await page.getByLabel("Lines per second").fill("20"); // fewer lines, the same hour of scrapes
    await fillQuarter(page, "1 h");
    const sent = await sendHistory(page);
    expect(sent.toMs - sent.fromMs).toBeGreaterThanOrEqual(60 * 60_000);
    expect(sent.failed).toBe(0);
    expect(sent.sent).toBe(sent.total);
    expect(await countOverTime(prometheus.base, `[${sent.toMs - sent.fromMs}ms]`, sent.toMs / 1000)).toEqual({ series: sent.series, samples: sent.total - sent.stale });
  }));
