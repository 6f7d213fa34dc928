// Settings that cannot hurt: what storage hands back is parsed with the fields' own limits, an
// invalid value is reset and said once, push settings persist, and units stand by the fields.
import { expect, test } from "./fixtures";
import { openPlayground } from "./playground";

const notice = (page: import("@playwright/test").Page) =>
  page.getByRole("status").filter({ hasText: "could not be used and were reset" });

test("invalid stored settings fall back to defaults and the page says once which", async ({ page }) => {
  await openPlayground(page);
  await page.evaluate(() => {
    localStorage.setItem(
      "metrics-playground:settings:v1",
      // 1e999 is Infinity to JSON.parse; the median is far past the field's 600,000 ms.
      '{"rate":1e999,"errorRatio":-5,"format":"openmetrics","model":{"kind":"lognormal","median":1e300,"spread":1}}',
    );
    localStorage.setItem("metrics-playground:push:v1", '{"job":"","periodMs":-1}');
  });
  await page.reload();
  await expect(notice(page)).toContainText(
    "Some saved settings could not be used and were reset to their defaults: lines per second, errors, latency model, push job, reporting period.",
  );
  await expect(page.getByLabel("Lines per second")).toHaveValue("100");
  await expect(page.getByLabel("Errors")).toHaveValue("5");
  await expect(page.getByLabel("Latency model")).toHaveValue("seed");
  await expect(page.getByLabel(/^Format/)).toHaveValue("openmetrics"); // the valid one is kept
  await expect(page.getByLabel("Job")).toHaveValue("metrics_playground");
  await expect(page.getByRole("spinbutton", { name: "Reporting period", exact: true })).toHaveValue("10");

  await page.reload();
  await expect(page.getByLabel(/^Format/)).toHaveValue("openmetrics");
  await expect(notice(page)).toHaveCount(0); // said once
});

test("a negative stored rate gives the default, and the notice can be dismissed", async ({ page }) => {
  await openPlayground(page);
  await page.evaluate(() => localStorage.setItem("metrics-playground:settings:v1", '{"rate":-5}'));
  await page.reload();
  await expect(page.getByLabel("Lines per second")).toHaveValue("100");
  await notice(page).getByRole("button", { name: "Dismiss" }).click();
  await expect(notice(page)).toHaveCount(0);
});

test("push settings (job, instance, period) survive a reload", async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel("Job").fill("shop");
  await page.getByLabel("Instance").fill("web/1");
  await page.getByRole("spinbutton", { name: "Reporting period", exact: true }).fill("15");
  await page.reload();
  await expect(page.getByLabel("Job")).toHaveValue("shop");
  await expect(page.getByLabel("Instance")).toHaveValue("web/1");
  await expect(page.getByRole("spinbutton", { name: "Reporting period", exact: true })).toHaveValue("15");
});

test("number fields show their unit next to the box", async ({ page }) => {
  await openPlayground(page);
  for (const [label, unit] of [
    ["Errors", "%"],
    ["Reporting period", "s"],
    ["Lines per second", "lines/s"],
  ] as const) {
    const box = page.getByRole("spinbutton", { name: label, exact: true });
    const unitText = box.locator("xpath=following-sibling::*[contains(@class, 'number-field-unit')]");
    await expect(unitText).toHaveText(unit);
    await expect(unitText).toBeVisible();
  }
  await page.getByLabel("Latency model").selectOption("lognormal");
  await expect(page.getByLabel("Median").locator("xpath=following-sibling::*[1]")).toHaveText("ms");
});
