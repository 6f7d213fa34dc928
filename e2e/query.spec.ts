// The PromQL console as a person uses it: fill the last 15 minutes with simulated traffic, type a
// histogram_quantile with the metric name completed from the page's own history, see a graph,
// switch to the table, get Prometheus's error for `rate(foo)` with its position marked, download
// the history and have promtool backfill it; axe over the panel with a graph and an error shown.
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "./fixtures";
import { openPlayground } from "./playground";

const panel = (page: Page) => page.getByRole("region", { name: "Query the history (PromQL)" });
const editor = (page: Page) => panel(page).getByRole("textbox", { name: "PromQL expression" });

/**
 * Empties the editor. Typing over a selection of highlighted text would make Chromium's editing
 * insert a span with the highlight's colour as a style attribute, which the CSP refuses (and
 * CodeMirror redraws anyway); deleting first does not.
 */
async function clearEditor(page: Page): Promise<void> {
  await editor(page).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Backspace");
}

async function fillQuarter(page: Page): Promise<void> {
  await panel(page).getByRole("button", { name: "Simulate the last 15 min" }).click();
  await panel(page).getByRole("button", { name: "Simulate", exact: true }).click();
  await expect(panel(page).getByTestId("simulated-span")).toContainText("Simulated traffic from", { timeout: 60_000 });
}

test("fill the past, complete a metric name from the history, graph and table, and a clear error", async ({ page }) => {
  const errors = await openPlayground(page);
  await fillQuarter(page);
  // 15 min at 100 lines/s (the simulator's default rate), one scrape a second.
  await expect(panel(page).getByTestId("simulated-span")).toContainText("90,000 lines at 100/s");
  await expect(panel(page).getByTestId("history-status")).toContainText(/\d+ series, [\d,]+ samples/);

  await editor(page).click();
  await page.keyboard.type("histogram_quantile(0.9, sum by (le) (rate(ocmetricstutorial_demo_lat");
  const option = page.getByRole("option", { name: /ocmetricstutorial_demo_latency_bucket/ });
  await expect(option).toBeVisible();
  await option.click();
  await page.keyboard.type("[5m])))");
  await expect(editor(page)).toHaveText("histogram_quantile(0.9, sum by (le) (rate(ocmetricstutorial_demo_latency_bucket[5m])))");

  await panel(page).getByRole("tab", { name: "Graph" }).click();
  await editor(page).press("Control+Enter");
  // The filled span is shaded and named: simulated and live history are not mistaken for each other.
  const graph = panel(page).getByRole("img", { name: /^Graph of 1 series over time; simulated traffic from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d is shaded$/ });
  await expect(graph).toBeVisible();
  await expect(graph.locator(".query-simulated-area")).toHaveCount(1);
  await expect(panel(page).getByTestId("query-meta")).toContainText(/matrix · 1 result · evaluated in [\d.]+ ms · [\d,]+ samples touched/);

  await panel(page).getByRole("tab", { name: "Table" }).click();
  await expect(panel(page).getByTestId("query-meta")).toContainText("vector · 1 result");
  const value = Number(await panel(page).locator(".query-value").first().textContent());
  // The seed latency model keeps most loops well under its largest bounds: p90 is a real latency.
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThanOrEqual(6000); // histogram_quantile answers at most the highest finite bound

  await clearEditor(page);
  await page.keyboard.type("rate(foo)");
  await page.keyboard.press("Control+Enter");
  const error = panel(page).getByRole("alert");
  await expect(error).toContainText('expected type range vector in call to function "rate", got instant vector');
  await expect(error.locator("mark")).toHaveText("foo");
  expect(errors).toEqual([]);
});

test("the downloaded history is backfilled by promtool", async ({ page }) => {
  await openPlayground(page);
  await fillQuarter(page);
  const download = page.waitForEvent("download");
  await panel(page).getByRole("button", { name: "Download history" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("history.om.txt");
  const dir = mkdtempSync(join(tmpdir(), "history-e2e-"));
  try {
    const path = join(dir, "history.om.txt");
    await file.saveAs(path);
    const text = readFileSync(path, "utf8");
    expect(text.endsWith("# EOF\n")).toBe(true);
    execFileSync(process.env.PROMTOOL ?? "promtool", ["tsdb", "create-blocks-from", "openmetrics", path, join(dir, "data")], {
      stdio: "pipe",
      timeout: 120_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an answer says the API request that asks a Prometheus the same, and downloads as the API's JSON", async ({ page }) => {
  await openPlayground(page);
  await expect(panel(page).getByTestId("history-status")).toBeVisible({ timeout: 5_000 }); // scraped once
  await editor(page).click();
  await page.keyboard.type("up");
  await page.keyboard.press("Control+Enter");
  const request = (await panel(page).getByTestId("query-api").innerText()).trim();
  expect(request).toMatch(/^\/api\/v1\/query\?query=up&time=\d+(\.\d+)?$/);
  const time = Number(new URLSearchParams(request.split("?")[1]).get("time"));
  const download = page.waitForEvent("download");
  await panel(page).getByRole("button", { name: "Download JSON" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("query.json");
  expect(JSON.parse(readFileSync((await file.path())!, "utf8"))).toEqual({
    status: "success",
    data: { resultType: "vector", result: [{ metric: { __name__: "up", instance: "browser", job: "playground" }, value: [time, "1"] }] },
  });

  await panel(page).getByRole("tab", { name: "Graph" }).click();
  await editor(page).press("Control+Enter");
  await expect(panel(page).getByTestId("query-api")).toHaveText(/^\/api\/v1\/query_range\?query=up&start=[\d.]+&end=[\d.]+&step=3$/); // 15 min / 250, in whole seconds
});

test("axe finds nothing in the query panel with a graph, and with an error", async ({ page }) => {
  await openPlayground(page);
  await fillQuarter(page);
  await panel(page).getByRole("button", { name: "Lines per second" }).click();
  await expect(panel(page).getByRole("img", { name: /Graph of 1 series/ })).toBeVisible();
  const check = async () => {
    const { violations } = await new AxeBuilder({ page }).include(".query-panel").analyze();
    expect(violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`))).toEqual([]);
  };
  await check();
  await clearEditor(page);
  await page.keyboard.type("sum(");
  await page.keyboard.press("Control+Enter");
  await expect(panel(page).getByRole("alert")).toBeVisible();
  await check();
});

for (const colorScheme of ["light", "dark"] as const)
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });
    test("a highlighted query reads with enough contrast (axe)", async ({ page }) => {
      await openPlayground(page);
      await clearEditor(page);
      // Every kind of token the PromQL grammar colours: aggregation, modifier, function, metric,
      // label, string, duration, number, operator, keyword operator and a comment.
      await page.keyboard.type('sum by (le) (rate(x_bucket{method="repl"}[5m])) > 0.5 and on() vector(1) # note');
      await page.keyboard.press("Escape");
      const { violations } = await new AxeBuilder({ page }).include(".query-editor").analyze();
      expect(violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`))).toEqual([]);
    });
  });
