// The whole page after some activity, at desktop and phone widths: screenshots to look at, and
// no horizontal overflow on a phone.
import { expect, test } from "./fixtures";
import { openPlayground, paste, sampleValue } from "./playground";

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`full page after activity, ${name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const errors = await openPlayground(page);
    await paste(page, "hello\nhéllo wörld\n\n:sleep 300\n:fail boom\nthe quick brown fox jumps over the lazy dog\n:help");
    await page.getByLabel("Lines per second").fill("200");
    await page.getByRole("button", { name: "Start simulator" }).click();
    await expect.poll(async () => Number((await page.getByTestId("sim-generated").innerText()).replace(/,/g, ""))).toBeGreaterThan(300);
    await page.getByRole("button", { name: "Stop simulator" }).click();
    await expect
      .poll(async () => (await sampleValue(page, 'ocmetricstutorial_demo_latency_bucket{method="repl",le="+Inf"}')) ?? 0)
      .toBeGreaterThan(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/playground-${name}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}
