// The traffic simulator moves the counters, and stops when told.
import { expect, test } from "./fixtures";
import { exposition, expectSample, openPlayground, sampleValue, typeLine } from "./playground";

test("at 1,000 lines/s for 2 s the counter moves; stop stops it", async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel("Lines per second").fill("1000");
  await page.getByRole("button", { name: "Start simulator" }).click();
  const generated = page.getByTestId("sim-generated");
  await expect.poll(async () => Number((await generated.innerText()).replace(/,/g, "")), { timeout: 10_000 }).toBeGreaterThanOrEqual(2000);
  await expect.poll(async () => (await sampleValue(page, "ocmetricstutorial_demo_lines_in")) ?? 0).toBeGreaterThanOrEqual(2000);
  await page.getByRole("button", { name: "Stop simulator" }).click();
  await expect(page.getByRole("status", { name: "Simulator status" })).toContainText("Stopped");
  const stoppedAt = Number((await generated.innerText()).replace(/,/g, ""));
  await expectSample(page, `ocmetricstutorial_demo_lines_in ${stoppedAt}`);
  // One typed line later, the count is exactly one more: nothing else was recorded meanwhile.
  await typeLine(page, "after stop");
  await expectSample(page, `ocmetricstutorial_demo_lines_in ${stoppedAt + 1}`);
  expect(await exposition(page).inputValue()).toContain('ocmetricstutorial_demo_latency_bucket{method="repl",le="+Inf"}');
});
