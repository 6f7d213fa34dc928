// Presets and reset drop recorded data, but only after the person confirms.
import { expect, test } from "./fixtures";
import { exposition, expectSample, openPlayground, paste } from "./playground";

test("Reset data asks first; Cancel keeps the data, Reset drops it", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb\nc");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 3");
  await page.getByRole("button", { name: "Reset data" }).click();
  await expect(page.getByRole("group", { name: "Drop all recorded data?" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expectSample(page, "ocmetricstutorial_demo_lines_in 3");
  await page.getByRole("button", { name: "Reset data" }).click();
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(exposition(page)).toHaveValue("");
  await expect(page.getByTestId("view-card-demo/lines_in")).toContainText("No data yet");
});

test("switching preset with data asks first, then uses the Python views and namespace", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  await page.getByLabel("Preset").selectOption("python");
  const confirm = page.getByRole("group", { name: "Switching to the Python quickstart drops the recorded data." });
  await expect(confirm).toContainText("drops the recorded data");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Preset")).toHaveValue("go");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  await page.getByLabel("Preset").selectOption("python");
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByLabel("Namespace")).toHaveValue("oc_python");
  await expect(page.getByTestId("view-card-demo_latency")).toBeVisible();
  await paste(page, "x\ny");
  await expectSample(page, 'oc_python_demo_lines_in{error="",method="repl",status="OK"} 2');
});

test("settings survive a reload; recorded data does not", async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel(/^Format/).selectOption("openmetrics");
  await page.getByLabel("Naming").selectOption("prometheus");
  await page.getByLabel("Lines per second").fill("2500");
  await paste(page, "a\nb");
  await page.reload();
  await expect(page.getByLabel(/^Format/)).toHaveValue("openmetrics");
  await expect(page.getByLabel("Naming")).toHaveValue("prometheus");
  await expect(page.getByLabel("Lines per second")).toHaveValue("2500");
  await expect(exposition(page)).toHaveValue("# EOF\n");
});
