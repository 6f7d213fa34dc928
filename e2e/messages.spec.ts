// What the page says must be true: each test here is a message a new user or an adversary
// found untrue, checked against what the page really did.
import { expect, test } from "./fixtures";
import { expectSample, openPlayground, paste, replInput, sampleValue, typeLine } from "./playground";

const transcript = (page: import("@playwright/test").Page) => page.getByRole("log", { name: "Transcript" });

test("a failed one-off push promises no retry; periodic pushing says when it retries, in whole sentences", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb");
  await page.getByRole("button", { name: "Push to Pushgateway" }).click();
  const status = page.getByRole("status", { name: "Push status" });
  await expect(status).toContainText("Pushgateway unreachable");
  await expect(status).toContainText("Not retried");
  await expect(status).not.toContainText("Retrying");
  await page.getByLabel("Push every reporting period").check();
  await expect(status).toContainText(/\. Retrying at \d\d?:\d\d:\d\d/);
  await page.getByLabel("Push every reporting period").uncheck();
});

test("the first line's latency counts from the first keystroke, not from page load", async ({ page }) => {
  await page.clock.install();
  await openPlayground(page);
  await page.clock.fastForward(30_000); // half a minute reading the page before typing
  await typeLine(page, "hello");
  const latency = transcript(page).locator("li", { hasText: "< HELLO" }).locator(".t-latency");
  await expect(latency).toBeVisible();
  const ms = Number((await latency.innerText()).replace(/[^\d.]/g, ""));
  expect(ms).toBeLessThan(30_000);
  await typeLine(page, ":help");
  await expect(transcript(page)).toContainText("the first loop from your");
  await expect(transcript(page)).toContainText("first keystroke, click or paste in the prompt");
});

test(":sleep takes decimal numbers only, as :help says", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, ":sleep 0x10");
  await expect(transcript(page)).toContainText('usage: :sleep <ms>, a decimal number from 0 to 3600000; got "0x10", nothing recorded');
  await typeLine(page, ":sleep 1e3");
  await expect(transcript(page)).toContainText('got "1e3"');
  await typeLine(page, ":sleep 2.5");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
});

test("an estimate above every observation is said on the card, not only in a tooltip", async ({ page }) => {
  await openPlayground(page);
  // One loop of about 1,081 ms: the paste starts the loop, :sleep adds the latency.
  await paste(page, ":sleep 1081\n");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
  const card = page.getByTestId("view-card-demo/latency");
  const notes = card.getByRole("list", { name: "About these estimates" });
  await expect(notes).toContainText("p50, p90 and p99");
  // The loop also took the moment between the paste and the output (well under a millisecond).
  await expect(notes).toContainText(/are above the largest observation, 1,08[12] ms/);
  await expect(notes).toContainText("here 1,000–2,000 ms");
});

test("rates say their window, and the docs and labels agree", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, "one");
  const card = page.getByTestId("view-card-demo/lines_in");
  await expect(card.getByText("rate over 10 s", { exact: true })).toBeVisible();
  await expect(card.locator("figcaption")).toContainText("rate(…[10s]) at each 1-second sample");
  // Two history samples give a first rate point; until then the card says it is collecting.
  await expect(card.getByRole("img")).toHaveAttribute("aria-label", /Per-second rate of demo\/lines_in over 10 s windows/, {
    timeout: 10_000,
  });
});

test("the Errors setting says where errors show: nowhere in the Go preset's views", async ({ page }) => {
  await openPlayground(page);
  const hint = page.getByTestId("errors-hint");
  await expect(hint).toContainText("No view has a status or error tag");
  await page.getByLabel("Preset").selectOption("python"); // no data yet: switches at once
  await expect(page.getByLabel("Namespace")).toHaveValue("oc_python");
  await expect(hint).toBeHidden();
});

test("after a preset switch while the simulator runs, its count restarts with the views", async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel("Lines per second").fill("500");
  await page.getByRole("button", { name: "Start simulator" }).click();
  const generated = page.getByTestId("sim-generated");
  const count = async () => Number((await generated.innerText()).replace(/,/g, ""));
  await expect.poll(count).toBeGreaterThan(300);
  await page.getByLabel("Preset").selectOption("python");
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByLabel("Namespace")).toHaveValue("oc_python");
  await page.getByRole("button", { name: "Stop simulator" }).click();
  await expect(page.getByRole("status", { name: "Simulator status" })).toContainText("Stopped");
  const stoppedAt = await count();
  // One number, one meaning: the simulator's count is what the views now hold.
  const onCard = () =>
    page.getByTestId("view-card-demo_lines_in").getByTestId("scalar-value").getAttribute("data-value").then(Number);
  await expect.poll(onCard).toBe(stoppedAt);
  await expect(replInput(page)).toBeVisible();
  expect(await sampleValue(page, "oc_python_demo_lines_in_total")).toBeUndefined(); // opencensus naming: no _total
});
