// The cardinality guard as a person meets it (OpenTelemetry metrics SDK specification,
// cardinality limits): a view of repl/latency by the error tag, designed with the Row limit field
// (default 2,000 rows, a bad limit explained at the field with the engine's message, the rows
// the designer predicts capped by the limit); then 2,100 pasted `:fail msg<i>` lines, each
// message a new error tag value, put the view past its limit at once: its card says "2,100
// combinations seen; 101 merged into the overflow row", the overflow row is in the row picker
// and holds the 101 measurements, the Cardinality panel shows 2,000 rows and the overflow, and the
// exposition has the otel_metric_overflow="true" series. axe finds nothing on the page with the
// panel and the warning.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "./fixtures";
import { exposition, expectSample, openPlayground, paste } from "./playground";

const designer = (page: Page) => page.getByRole("region", { name: "View designer" });
const candidate = (page: Page) => designer(page).getByTestId("designer-candidate");
const field = (page: Page, label: string) => candidate(page).getByLabel(label, { exact: true });
const transcript = (page: Page) => page.getByRole("log", { name: "Transcript" });
const VIEW = "errors_by_message";

async function expectProblem(control: Locator, message: RegExp): Promise<void> {
  await expect(control).toHaveAttribute("aria-invalid", "true");
  await expect(control).toHaveAccessibleDescription(message);
}

test("2,100 varied :fail messages overflow a view keyed by the error tag: card, panel and exposition say so", async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openPlayground(page);

  // A few failures first, so the designer has error values to count.
  await paste(page, ":fail first\n:fail second\n:fail third");
  await expect(transcript(page)).toContainText("third");

  await designer(page).getByRole("button", { name: "New view" }).click();
  await field(page, "Name").fill(VIEW);
  await field(page, "Aggregation").selectOption("count");
  await field(page, "New tag key").fill("error");
  await field(page, "New tag key").press("Enter");
  await expect(candidate(page).getByRole("checkbox", { name: "error" })).toBeChecked();

  // The Row limit field: OpenTelemetry's default, its unit beside it, bad input at the field.
  const limit = field(page, "Row limit");
  await expect(limit).toHaveValue("2,000");
  await expect(limit.locator("xpath=..")).toHaveText("rows"); // the unit beside the box
  for (const [text, message] of [
    ["0", /row limit must be a whole number of at least 1 \(the overflow row counts toward it\), got 0$/],
    ["-1", /got -1$/],
    ["1.5", /got 1\.5$/],
    ["many", /Row limit “many” is not a number \(e\.g\. 2,000\)$/],
  ] as const) {
    await limit.fill(text);
    await expectProblem(limit, message);
  }
  // The rows the designer predicts are capped by the limit: 3 error values, limit 2 → 1 row + overflow.
  await limit.fill("2");
  await expect(limit).not.toHaveAttribute("aria-invalid", "true");
  await expect(candidate(page).getByTestId("cost-rows")).toHaveAttribute("data-value", "2");
  await expect(candidate(page).getByTestId("cost-rows")).toContainText("past the row limit of 2: 1 row and the overflow row, which merges 2");
  await limit.fill("2,000");
  await expect(candidate(page).getByTestId("cost-rows")).toHaveAttribute("data-value", "3");
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  const card = page.getByTestId(`view-card-${VIEW}`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("overflow-warning")).toHaveCount(0);

  // 2,100 distinct messages (msg0 … msg2099) beside the three above: 2,103 combinations, the
  // first 1,999 keep their rows, 104 are merged. All of it in one paste, shown within seconds.
  const lines = Array.from({ length: 2_100 }, (_, i) => `:fail msg${i}`).join("\n");
  await paste(page, lines);
  const warning = card.getByTestId("overflow-warning");
  await expect(warning).toContainText("2,103 combinations seen; 104 merged into the overflow row", { timeout: 10_000 });
  await expect(warning).toContainText("row limit 2,000: the first 1,999 kept their rows; 104 measurements went to the row");

  // The overflow row is a row of the picker like any other, and holds the 104 measurements.
  const picker = card.getByLabel("Row", { exact: true });
  await expect(picker.locator("option")).toHaveCount(2_001); // all rows + 2,000 rows
  await picker.selectOption({ label: "otel_metric_overflow=true (the overflow row)" });
  await expect(card).toContainText("104");

  // The Cardinality panel: rows, series and the overflow, with the same numbers.
  const panel = page.getByRole("region", { name: "Cardinality" });
  const row = panel.getByTestId(`cardinality-${VIEW}`);
  await expect(row.getByTestId("cardinality-rows")).toHaveAttribute("data-value", "2000");
  await expect(row.getByTestId("cardinality-series")).toHaveAttribute("data-value", "2000");
  await expect(row.getByTestId("cardinality-top-key")).toHaveText("error: 1,999 values");
  await expect(row.getByTestId("cardinality-limit")).toHaveText(
    "over 2,000: 2,103 combinations seen, 104 merged into the overflow row (104 measurements)",
  );
  await expect(row.getByTestId("cardinality-bytes")).toHaveAttribute("data-value", /^\d{5,}$/);

  // The exposition: the overflow series with its one label.
  await expectSample(page, `ocmetricstutorial_${VIEW}{otel_metric_overflow="true"} 104`);
  const text = await exposition(page).inputValue();
  expect(text.split("\n").filter((l) => l.startsWith(`ocmetricstutorial_${VIEW}{`))).toHaveLength(2_000);

  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? "no impact"}): ${v.help}\n  at ${n.target.join(" ")}`));
  expect(found.length, `axe found ${found.length} violation(s):\n${found.join("\n")}\n`).toBe(0);
  expect(errors).toEqual([]);
});
