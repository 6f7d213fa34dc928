// The histogram and rate charts as a person reads them: bars only where there are observations,
// and the tooltip (mounted only while the pointer is over a chart, to keep redraws cheap while
// data streams) showing a bar's bucket and count on hover.
import { expect, test } from "./fixtures";
import { openPlayground, typeLine } from "./playground";

test("a histogram draws one bar per filled bucket, and hovering a bar shows its bucket and count", async ({ page }) => {
  const errors = await openPlayground(page);
  await typeLine(page, "hello");
  await typeLine(page, "world");
  const chart = page.getByRole("img", { name: /^Histogram of demo\/line_lengths: 2 observations/ });
  await expect(chart).toBeVisible();
  const bars = chart.locator(".views-bar path.recharts-rectangle");
  await expect(bars).toHaveCount(1); // two 5-byte lines: one bucket; empty buckets draw nothing
  await expect(chart.locator(".recharts-default-tooltip")).toHaveCount(0);
  await bars.first().hover();
  const tooltip = chart.locator(".recharts-default-tooltip");
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText("count: 2");
  await expect(tooltip).toContainText("≤ 5");
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);
  expect(errors).toEqual([]);
});
