// The Lint view: the page's own output lints clean in Prometheus naming, pasted text gets its
// problems listed with line, metric and message, and hostile input never breaks the page.
import { expect, type Page, test } from "./fixtures";
import { expectSample, openLint, openPlayground, paste, pasteToLint, PROBLEM_LINES, typeLine } from "./playground";

/** The lines counted on the demo/lines_in card (visible whichever export tab is open). */
const linesOnCard = (page: Page) =>
  page.getByTestId("view-card-demo/lines_in").getByTestId("scalar-value").getAttribute("data-value").then(Number);

test("the current output lints clean in Prometheus naming, both formats", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "hello\nhéllo\n\n:fail boom\n:sleep 250");
  await page.getByLabel("Naming").selectOption("prometheus");
  await expectSample(page, "ocmetricstutorial_demo_lines_in_total 5");
  await openLint(page);
  for (const format of ["prometheus", "openmetrics"] as const) {
    await page.getByLabel(/^Format/).selectOption(format);
    await page.getByRole("button", { name: "Lint current output" }).click();
    await expect(page.getByRole("region", { name: "Lint result" })).toContainText("No problems in the current output");
  }
});

test("pasted text: problems with line, metric and message, promtool's and ours", async ({ page }) => {
  await openPlayground(page);
  await openLint(page);
  await pasteToLint(page, [...PROBLEM_LINES, ""].join("\n"));
  const result = page.getByRole("region", { name: "Lint result" });
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
  const held = page.getByText("so it is not shown; it was linted as pasted");

  const big = Array.from({ length: 100_000 }, (_, i) => `# TYPE m${i}_total counter\nm${i}_total{path="/p/${i}"} ${i}`).join("\n") + "\n";
  expect(big.length).toBeGreaterThan(5_000_000);
  await pasteToLint(page, big);
  await expect(held).toContainText("The pasted text (6.");
  await expect(held).toContainText("is too large to show here");
  await typeLine(page, "typing while linting");
  await expect.poll(() => linesOnCard(page)).toBe(1);
  await expect(outcome).toContainText("100,000 problems in the pasted text", { timeout: 15_000 });
  await expect(page.getByText("Listing the first 500 of 100,000, by line.")).toBeVisible();
  await page.getByRole("button", { name: "Clear pasted text" }).click();

  await pasteToLint(page, "\u0000\u0001\u0002binary\u0000junk\u00ff".repeat(300_000));
  await expect(held).toContainText("has control characters a text box cannot show");
  await expect(page.getByRole("alert")).toContainText("Not linted:");
  await page.getByRole("button", { name: "Clear pasted text" }).click();

  await pasteToLint(page, "x" + "y".repeat(1_000_000) + " 1\n");
  await expect(outcome).toContainText(/problem|No problems/, { timeout: 15_000 });
  await typeLine(page, "still fine");
  await expect.poll(() => linesOnCard(page)).toBe(2);
});

test("the summary counts every problem, per check and overall, and says how many it lists", async ({ page }) => {
  await openPlayground(page);
  await openLint(page);
  // 1,200 counters without _total (promtool's check, never capped) whose values are negative
  // (our structural check, listed up to 1,000 but counted in full).
  await pasteToLint(
    page,
    Array.from({ length: 1200 }, (_, i) => `# HELP c${i} C.\n# TYPE c${i} counter\nc${i} -1`).join("\n") + "\n",
  );
  const result = page.getByRole("region", { name: "Lint result" });
  await expect(result).toContainText("2,400 problems in the pasted text");
  await expect(result).toContainText(": 1,200 promtool, 1,200 structure");
  await expect(result).toContainText("Listing the first 500 of 2,400, by line.");
  await expect(result.locator("tbody tr")).toHaveCount(500);
});

test("a small paste held out of the box says why: its control characters, not its size", async ({ page }) => {
  await openPlayground(page);
  await openLint(page);
  const text = 'x{a="b\u0000c"} 1\n';
  expect(new TextEncoder().encode(text).length).toBeLessThan(30);
  await pasteToLint(page, text);
  const held = page.getByText("so it is not shown; it was linted as pasted");
  await expect(held).toContainText("has control characters a text box cannot show");
  await expect(held).not.toContainText("too large");
});

test("a text Prometheus would refuse whole says so first, with the parser's line and message", async ({ page }) => {
  await openPlayground(page);
  await openLint(page);
  await page.getByLabel("Read as").selectOption("openmetrics");
  // No `# EOF`: Prometheus's OpenMetrics parser refuses the whole text.
  await pasteToLint(page, "# TYPE a counter\na_total 1\n");
  const result = page.getByRole("region", { name: "Lint result" });
  await expect(result).toContainText("Prometheus would refuse this text: its OpenMetrics 1.0 parser stops at line 3");
  await expect(result).toContainText("data does not end with # EOF");
});
