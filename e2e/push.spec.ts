// Pushing when no Pushgateway answers: the page says so, backs off, and nothing else suffers.
// (This suite's preview server proxies to a free port nobody listens on; the real gateway
// round trip is `npm run test:prometheus`.)
import { expect, test } from "./fixtures";
import { expectSample, openPlayground, paste, typeLine } from "./playground";

test("an unreachable gateway is reported, periodic push backs off, typing goes on", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb");
  await page.getByRole("button", { name: "Push to Pushgateway" }).click();
  const status = page.getByRole("status", { name: "Push status" });
  await expect(status).toContainText("Pushgateway unreachable");
  await expect(status).toContainText("ECONNREFUSED");

  await page.getByLabel("Push every reporting period").check();
  await expect(status).toContainText("Retrying at");
  await typeLine(page, "still recording");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 3");
  await page.getByLabel("Push every reporting period").uncheck();
});

test("the panel shows the scrape config Prometheus needs, with honor_labels", async ({ page }) => {
  await openPlayground(page);
  await page.getByText("How Prometheus gets these metrics").click();
  const yml = page.getByLabel("prometheus.yml");
  await expect(yml).toContainText("honor_labels: true");
  await expect(yml).toContainText("job_name: pushgateway");
});

test("the push format setting is kept, and the status says which format was sent and why", async ({ page }) => {
  await openPlayground(page);
  const format = page.getByLabel("Push format");
  await expect(format).toHaveValue("auto");
  await expect(format.locator("option")).toHaveText(["Text, or protobuf when a native histogram needs it", "Always protobuf"]);
  await paste(page, "a");
  const status = page.getByRole("status", { name: "Push status" });
  await page.getByRole("button", { name: "Push to Pushgateway" }).click();
  // No gateway answers in this suite: the attempt's format is said as tried.
  await expect(status).toContainText("Tried as text 0.0.4: no view holds a native histogram.");

  await format.selectOption({ label: "Always protobuf" });
  await page.getByRole("button", { name: "Push to Pushgateway" }).click();
  await expect(status).toContainText("Tried as protobuf: the push format is set to always protobuf.");
  await page.reload();
  await expect(page.getByLabel("Push format")).toHaveValue("protobuf");
});
