// The remote-write panel when no receiver answers (this suite's preview server proxies to a free
// port nobody listens on; the real Prometheus round trip is e2e-prometheus/remote-write.spec.ts):
// it says where the server sends, refuses settings it cannot use, and a history send to a
// receiver that is down is retried with its samples kept until the person stops it.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "./fixtures";
import { openPlayground, paste, typeLine, expectSample } from "./playground";

const panel = (page: Page) => page.getByRole("region", { name: "Remote write" });

test("a history send to a receiver that is down is retried, keeps its samples, and stops when asked", async ({ page }) => {
  await openPlayground(page);
  await expect(panel(page).getByTestId("rw-target")).toHaveText(
    `Receiver: http://127.0.0.1:${process.env.E2E_NO_RECEIVER_PORT}/api/v1/write, no credentials (set by the server's environment).`,
  );
  await expect(panel(page).getByRole("status", { name: "Remote write status" })).toHaveText("Nothing sent yet.");
  await paste(page, "a\nb");
  // The first scrape gives the history something to send.
  const send = panel(page).getByRole("button", { name: "Send history" });
  await expect(send).toBeEnabled({ timeout: 5_000 });
  await expect(panel(page).getByTestId("rw-span")).toContainText(/of the history \(\d+ series, [\d,]+ samples in all\)/);
  await send.click();

  const status = panel(page).getByRole("status", { name: "Remote write status" });
  await expect(status).toContainText(/Sending the history \d\d:\d\d:\d\d–\d\d:\d\d:\d\d: 0 of [\d,]+ samples sent \(0%\)/);
  await expect(panel(page).getByTestId("rw-error")).toContainText(/The receiver was unreachable at \d\d:\d\d:\d\d: Remote-write receiver at http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write is unreachable \(ECONNREFUSED\)\. Sending the same [\d,]+ samples again at \d\d:\d\d:\d\d; nothing queued is lost meanwhile\./);
  await expect.poll(async () => Number(await panel(page).getByTestId("prometheus_remote_storage_samples_retried_total").innerText())).toBeGreaterThan(0);
  const pending = Number((await panel(page).getByTestId("prometheus_remote_storage_samples_pending").innerText()).replace(/,/g, ""));
  const total = Number(await panel(page).getByTestId("rw-history").getAttribute("data-total"));
  expect(pending).toBe(total); // nothing lost, nothing sent
  // Typing goes on while it retries.
  await typeLine(page, "still recording");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 3");

  await panel(page).getByRole("button", { name: "Stop sending" }).click();
  await expect(panel(page).getByTestId("rw-history")).toContainText(`stopped at`);
  await expect(panel(page).getByTestId("rw-history")).toContainText(`0 of ${total.toLocaleString("en-US")} samples`);
  await expect(panel(page).getByTestId("prometheus_remote_storage_samples_pending")).toHaveText("0");
  await expect(panel(page).getByRole("button", { name: "Send history" })).toBeVisible();
});

test("settings out of range are refused where they are typed, and the receivers are listed", async ({ page }) => {
  await openPlayground(page);
  const batch = panel(page).getByLabel("Samples per request");
  await batch.fill("0");
  await expect(panel(page)).toContainText("Samples per request must be a number from 1 to 100,000; still using 2,000");
  await batch.fill("2.5");
  await expect(panel(page).getByRole("alert")).toHaveText("Not changed: samples per request must be a whole number from 1 to 100,000.");
  await batch.fill("500");
  await expect(panel(page).getByRole("alert")).toHaveCount(0);
  await panel(page).getByLabel("Queue capacity").fill("50");
  await expect(panel(page)).toContainText("Queue capacity must be a number from 100 to 1,000,000 samples; still using 10,000");

  await panel(page).getByText("Receivers and how to point the page at one").click();
  const receivers = panel(page).getByRole("table").filter({ hasText: "Turned on by" });
  await expect(receivers).toContainText("prometheus --web.enable-remote-write-receiver");
  await expect(receivers).toContainText("http://127.0.0.1:8080/api/v1/push");
  await expect(receivers).toContainText("http://127.0.0.1:19291/api/v1/receive");
  await expect(receivers).toContainText("http://127.0.0.1:8428/api/v1/write");

  const { violations } = await new AxeBuilder({ page }).include(".rw-panel").analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
