// The page's numbers are exactly what Prometheus computes: lines typed (with :sleep and :fail)
// and simulated are pushed to a real Pushgateway, scraped by a real Prometheus, and checked
// through its HTTP API against what the page shows, in both naming modes.
import { expect, test } from "../e2e/fixtures";
import { expectClose, JOB, query, stat } from "./prometheus";
import { exposition, openPlayground, paste, sampleValue, typeLine } from "../e2e/playground";

test.describe.configure({ mode: "serial" });

for (const naming of ["opencensus", "prometheus"] as const) {
  test(`Prometheus agrees with the page, ${naming} naming`, async ({ page }) => {
    await openPlayground(page);
    await page.getByLabel("Naming").selectOption(naming);
    await paste(page, "hello\nhéllo wörld\n\n:sleep 250\n:fail boom\n:sleep 1500\nthe quick brown fox jumps over the lazy dog");
    await page.getByLabel("Lines per second").fill("400");
    await page.getByRole("button", { name: "Start simulator" }).click();
    await expect.poll(async () => Number((await page.getByTestId("sim-generated").innerText()).replace(/,/g, ""))).toBeGreaterThan(300);
    await page.getByRole("button", { name: "Stop simulator" }).click();

    const ns = "ocmetricstutorial";
    const linesName = naming === "prometheus" ? `${ns}_demo_lines_in_total` : `${ns}_demo_lines_in`;
    const latency = naming === "prometheus" ? `${ns}_demo_latency_seconds` : `${ns}_demo_latency`;
    const lengths = naming === "prometheus" ? `${ns}_demo_line_lengths_bytes` : `${ns}_demo_line_lengths`;
    const toExposed = naming === "prometheus" ? (ms: number) => ms / 1000 : (ms: number) => ms;

    // Settle: after the stop, the exposition and the cards all show the final count — the
    // 7 recorded typed lines plus every simulated one.
    await expect(page.getByRole("status", { name: "Simulator status" })).toContainText("Stopped");
    const lines = 7 + Number((await page.getByTestId("sim-generated").innerText()).replace(/,/g, ""));
    await expect
      .poll(async () => [
        await sampleValue(page, linesName),
        await stat(page, "demo/lines_in", "count"),
        await stat(page, "demo/latency", "count"),
      ])
      .toEqual([lines, lines, lines]);
    expect(await exposition(page).inputValue()).toContain(`${linesName} ${lines}`);

    const page_ = {
      latencyCount: await stat(page, "demo/latency", "count"),
      latencySum: await stat(page, "demo/latency", "sum"),
      lengthsCount: await stat(page, "demo/line_lengths", "count"),
      lengthsSum: await stat(page, "demo/line_lengths", "sum"),
      p50: await stat(page, "demo/latency", "p50"),
      p90: await stat(page, "demo/latency", "p90"),
      p99: await stat(page, "demo/latency", "p99"),
    };

    await page.getByRole("button", { name: "Push to Pushgateway" }).click();
    await expect(page.getByRole("status", { name: "Push status" })).toContainText("Pushed");

    // Wait (bounded) until Prometheus has scraped this push.
    await expect.poll(async () => (await query(`${linesName}{${JOB}}`))[0], { timeout: 30_000 }).toBe(lines);

    const one = async (expr: string) => {
      const v = await query(expr);
      expect(v, expr).toHaveLength(1);
      return v[0]!;
    };
    expect(await one(`sum(${latency}_count{${JOB}})`)).toBe(page_.latencyCount);
    expectClose(await one(`sum(${latency}_sum{${JOB}})`), toExposed(page_.latencySum), "latency _sum");
    expect(await one(`${lengths}_count{${JOB}}`)).toBe(page_.lengthsCount);
    expectClose(await one(`${lengths}_sum{${JOB}}`), page_.lengthsSum, "line lengths _sum");
    for (const [q, estimate] of [
      [0.5, page_.p50],
      [0.9, page_.p90],
      [0.99, page_.p99],
    ] as const)
      expectClose(
        await one(`histogram_quantile(${q}, sum by (le) (${latency}_bucket{${JOB}}))`),
        toExposed(estimate),
        `histogram_quantile(${q})`,
      );
  });
}

test("the gateway's own error is shown, typing goes on, and the next push recovers", async ({ page }) => {
  const gateway = `http://127.0.0.1:${process.env.RT_GATEWAY_PORT}`;
  // Another group already has this metric as a gauge: the gateway must refuse our counter.
  const conflict = await fetch(`${gateway}/metrics/job/other`, {
    method: "PUT",
    body: "# TYPE rt_demo_lines_in gauge\nrt_demo_lines_in 1\n",
  });
  expect(conflict.status).toBe(200);

  await openPlayground(page);
  await page.getByLabel("Namespace").fill("rt");
  await paste(page, "a\nb");
  await page.getByRole("button", { name: "Push to Pushgateway" }).click();
  const status = page.getByRole("status", { name: "Push status" });
  await expect(status).toContainText("The Pushgateway refused the push");
  await expect(status).toContainText("HTTP 400");
  await expect(status).toContainText("rt_demo_lines_in");

  await typeLine(page, "c");
  await expect.poll(async () => await sampleValue(page, "rt_demo_lines_in")).toBe(3);

  expect((await fetch(`${gateway}/metrics/job/other`, { method: "DELETE" })).status).toBe(202);
  await page.getByRole("button", { name: "Push to Pushgateway" }).click();
  await expect(status).toContainText("Pushed");
  await expect.poll(async () => (await query(`rt_demo_lines_in{${JOB}}`))[0], { timeout: 30_000 }).toBe(3);
});
