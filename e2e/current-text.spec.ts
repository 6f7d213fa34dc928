// Always the text that is shown: whatever is copied, downloaded or linted is the exposition for
// the data and settings of that moment, even right after a change; an older lint is marked stale.
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { exposition, expectSample, openPlayground, paste, replInput, withoutExemplar } from "./playground";

test("Copy right after format and naming changes copies the new text, and the box shows it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPlayground(page);
  await paste(page, "a\nb");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  // Two changes in quick succession, then Copy at once: no waiting for a redraw.
  await page.getByLabel(/^Format/).selectOption("openmetrics");
  await page.getByLabel("Naming").selectOption("prometheus");
  await page.getByRole("button", { name: "Copy" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n").map(withoutExemplar)).toContain("ocmetricstutorial_demo_lines_in_total 2");
  expect(copied.endsWith("# EOF\n")).toBe(true);
  expect(await exposition(page).inputValue()).toBe(copied);
});

test("Copy right after new lines copies them", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPlayground(page);
  for (const line of ["one", "two", "three"]) {
    await replInput(page).fill(line);
    await replInput(page).press("Enter");
  }
  await page.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("ocmetricstutorial_demo_lines_in 3\n");
});

test("Download right after a namespace change saves the new text", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  await page.getByLabel("Namespace").fill("shop");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download", exact: true }).click()]);
  const saved = readFileSync(await download.path(), "utf8");
  expect(saved).toContain("shop_demo_lines_in 2\n");
  expect(saved).toBe(await exposition(page).inputValue());
});

test("Lint current output lints the text of that moment, and says when it went stale", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  await page.getByRole("tab", { name: "Lint" }).click();
  // OpenCensus naming breaks promtool's counter rule; Prometheus naming is clean. Lint at once.
  await page.getByLabel("Naming").selectOption("prometheus");
  await page.getByRole("button", { name: "Lint current output" }).click();
  const result = page.getByRole("region", { name: "Lint result" });
  await expect(result).toContainText("No problems in the current output");
  await expect(result).not.toContainText("Stale");

  await replInput(page).fill("more");
  await replInput(page).press("Enter");
  await expect(result).toContainText("Stale: the output has changed since this lint");
  await page.getByRole("button", { name: "Lint current output" }).click();
  await expect(result).not.toContainText("Stale");
  await expect(result).toContainText("No problems in the current output");
});
