// The Lint view: the page's own output lints clean in Prometheus naming, pasted text gets its
// problems listed with line, metric and message, and hostile input never breaks the page.
import { expect, type Page, test } from "@playwright/test";
import { expectSample, openPlayground, paste, typeLine } from "./playground";

/** The lines counted on the demo/lines_in card (visible whichever export tab is open). */
const linesOnCard = (page: Page) =>
  page.getByTestId("view-card-demo/lines_in").getByTestId("scalar-value").getAttribute("data-value").then(Number);

async function openLint(page: Page) {
  await page.getByRole("tab", { name: "Lint" }).click();
}

/** Puts `text` in the "Text to lint" box as a paste (which lints it at once). */
async function pasteToLint(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Text to lint" }).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    // A real paste inserts the text unless the page takes it; an untrusted event inserts nothing.
    if (el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })))
      (el as HTMLTextAreaElement).value = t;
  }, text);
}

test("the current output lints clean in Prometheus naming, both formats", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "hello\nhéllo\n\n:fail boom\n:sleep 250");
  await page.getByLabel("Naming").selectOption("prometheus");
  await expectSample(page, "ocmetricstutorial_demo_lines_in_total 5");
  await openLint(page);
  for (const format of ["prometheus", "openmetrics"] as const) {
    await page.getByLabel("Format").selectOption(format);
    await page.getByRole("button", { name: "Lint current output" }).click();
    await expect(page.getByRole("status", { name: "Lint result" })).toContainText("No problems in the current output");
  }
});

test("pasted text: problems with line, metric and message, promtool's and ours", async ({ page }) => {
  await openPlayground(page);
  await openLint(page);
  await pasteToLint(
    page,
    [
      "# TYPE http_requests counter",
      'http_requests{code="200"} 10',
      "# HELP latency_ms Latency.",
      "# TYPE latency_ms histogram",
      'latency_ms_bucket{le="100"} 5',
      'latency_ms_bucket{le="50"} 3',
      "latency_ms_sum 400",
      "latency_ms_count 5",
      "",
    ].join("\n"),
  );
  const result = page.getByRole("status", { name: "Lint result" });
  await expect(result).toContainText("in the pasted text (Prometheus text 0.0.4");
  const rows = result.locator("tbody tr");
  await expect(rows.filter({ hasText: 'counter metrics should have "_total" suffix' })).toContainText("http_requests");
  await expect(rows.filter({ hasText: "no help text" })).toContainText("http_requests");
  await expect(rows.filter({ hasText: "metric names should not contain abbreviated units" })).toContainText("latency_ms");
  // What promtool misses: le not increasing, +Inf missing.
  await expect(rows.filter({ hasText: "+Inf" }).first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(5);
  const firstLine = Number(await rows.first().locator("td").first().innerText());
  expect(firstLine).toBeGreaterThanOrEqual(1);
});

test("5 MB of text, binary junk and a 1 MB line are linted or refused, and the page stays usable", async ({ page }) => {
  await openPlayground(page);
  await openLint(page);
  const outcome = page.locator('[aria-label="Lint result"], [role="alert"]').first();
  const held = page.getByText("too large to show here, linted as pasted");

  const big = Array.from({ length: 100_000 }, (_, i) => `# TYPE m${i}_total counter\nm${i}_total{path="/p/${i}"} ${i}`).join("\n") + "\n";
  expect(big.length).toBeGreaterThan(5_000_000);
  await pasteToLint(page, big);
  await expect(held).toContainText("Pasted 6.");
  await typeLine(page, "typing while linting");
  await expect.poll(() => linesOnCard(page)).toBe(1);
  await expect(outcome).toContainText("100,000 problems in the pasted text", { timeout: 15_000 });
  await expect(page.getByText("more not shown")).toBeVisible();
  await page.getByRole("button", { name: "Clear pasted text" }).click();

  await pasteToLint(page, "\u0000\u0001\u0002binary\u0000junk\u00ff".repeat(300_000));
  await expect(held).toContainText("with control characters");
  await expect(page.getByRole("alert")).toContainText("Not linted:");
  await page.getByRole("button", { name: "Clear pasted text" }).click();

  await pasteToLint(page, "x" + "y".repeat(1_000_000) + " 1\n");
  await expect(outcome).toContainText(/problem|No problems/, { timeout: 15_000 });
  await typeLine(page, "still fine");
  await expect.poll(() => linesOnCard(page)).toBe(2);
});
