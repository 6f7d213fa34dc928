// The production build opens in Chromium and shows the engine's rendering of the seed's views.
import { expect, test } from "@playwright/test";

test("shows the seed's three views and their Prometheus text", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Metrics Playground");
  for (const name of ["demo/latency", "demo/lines_in", "demo/line_lengths"])
    await expect(page.getByText(name, { exact: true })).toBeVisible();
  const text = page.getByLabel("Exposition text");
  await expect(text).toContainText("# TYPE ocmetricstutorial_demo_latency histogram");
  await expect(text).toContainText('ocmetricstutorial_demo_latency_bucket{method="repl",le="+Inf"} 6');
  await expect(text).toContainText("ocmetricstutorial_demo_lines_in 6");
  await expect(text).toContainText("ocmetricstutorial_demo_line_lengths_sum 1263");
  await page.screenshot({ path: "test-results/page.png", fullPage: true });
  expect(errors).toEqual([]);
});
