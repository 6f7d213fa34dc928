// Exemplars on the page: a line's measurements carry its transcript line (line_id) and the trace
// id set with `:trace`; a distribution card lists a bucket's exemplars as text, and choosing one
// highlights its line in the transcript (or says it left the window); the OpenMetrics export
// writes them, 0.0.4 says it cannot; a trace id too long for the 128-character rule is refused.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { exposition, openPlayground, paste, typeLine } from "./playground";

const transcript = (page: import("@playwright/test").Page) => page.getByRole("log", { name: "Transcript" });

test("a bucket's exemplar leads to its line: highlighted and in view", async ({ page }) => {
  const errors = await openPlayground(page);
  await typeLine(page, "first line");
  await typeLine(page, ":trace 4bf92f3577b34da6");
  await expect(transcript(page)).toContainText('trace id set: the following lines\' exemplars carry trace_id="4bf92f3577b34da6"');
  await typeLine(page, ":sleep 1500"); // 1,500 ms and the typing time: the only line in (1,000, 2,000]
  // enough later lines that the traced one is scrolled out of the transcript's view
  await paste(page, Array.from({ length: 60 }, (_, i) => `later ${i}`).join("\n"));
  await expect(transcript(page)).toContainText("LATER 59");

  const section = page.getByRole("region", { name: "Exemplars of demo/latency" });
  await section.getByRole("button", { name: /> 1,000 and ≤ 2,000 ms \(1\)/ }).click();
  const list = section.getByRole("list", { name: "Exemplars in bucket > 1,000 and ≤ 2,000 ms" });
  const exemplar = list.getByRole("button");
  await expect(exemplar).toHaveCount(1);
  await expect(exemplar).toContainText(/^\S+ (ms|s) · line \d+ · trace 4bf92f3577b34da6 · \d\d:\d\d:\d\d\.\d{3} UTC$/);

  const line = transcript(page).locator("li.t-input", { hasText: ":sleep 1500" });
  await expect(line).not.toBeInViewport();
  await exemplar.click();
  await expect(section.getByRole("status")).toContainText(/Line \d+ is highlighted in the transcript/);
  await expect(line).toHaveClass(/t-highlight/);
  await expect(line).toHaveAttribute("aria-current", "true");
  await expect(line).toBeInViewport();
  expect(errors).toEqual([]);
});

test("an exemplar whose line left the transcript window says so", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, "x".repeat(900)); // the only line in the 800–1,000 bytes bucket
  // 600 more lines are 1,200 entries: the window (1,000) no longer has the first line
  await paste(page, Array.from({ length: 600 }, () => "a").join("\n"));
  await expect(transcript(page)).toContainText("earlier line");
  const section = page.getByRole("region", { name: "Exemplars of demo/line_lengths" });
  await section.getByRole("button", { name: /> 800 and ≤ 1,000 B \(1\)/ }).click();
  await section.getByRole("listitem").getByRole("button").click();
  await expect(section.getByRole("status")).toContainText(/Line \d+ left the transcript window \(it keeps its last 1,000 entries\)/);
});

test("OpenMetrics export writes the exemplars; 0.0.4 says it cannot", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, "hello");
  await page.getByLabel(/^Format/).selectOption("prometheus");
  await expect(page.getByTestId("exemplars-left-out")).toHaveText(
    "Exemplars left out: Prometheus text 0.0.4 cannot carry them; choose OpenMetrics 1.0 to see them.",
  );
  await expect.poll(async () => (await exposition(page).inputValue()).includes(" # {")).toBe(false);
  await page.getByLabel(/^Format/).selectOption("openmetrics");
  await expect(page.getByTestId("exemplars-left-out")).toHaveCount(0);
  await expect
    .poll(async () => (await exposition(page).inputValue()).split("\n").filter((l) => / # \{line_id="\d+"\} [\d.e+-]+ \d+\.\d{3}$/.test(l)).length)
    .toBeGreaterThanOrEqual(3); // latency and line-length buckets, lines_in _total
});

test("a trace id that would break the 128-character rule is refused, naming it", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, `:trace ${"t".repeat(98)}`);
  await expect(transcript(page)).toContainText(
    "not set: an exemplar's labels (names and values: line_id, up to 16 digits, and trace_id) are at most 128 UTF-8 characters (OpenMetrics), which leaves 97 for a trace id; this one has 98",
  );
  await typeLine(page, "after");
  const section = page.getByRole("region", { name: "Exemplars of demo/latency" });
  await section.getByRole("group").getByRole("button").first().click();
  await expect(section.getByRole("listitem").first()).not.toContainText("trace");
});

test("axe: no violations with a bucket's exemplars open", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, ":trace abc");
  await typeLine(page, "hello");
  const section = page.getByRole("region", { name: "Exemplars of demo/latency" });
  await section.getByRole("group").getByRole("button").first().click();
  await section.getByRole("listitem").first().getByRole("button").click();
  await expect(section.getByRole("status")).toContainText("is highlighted");
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`));
  expect(found, found.join("\n")).toEqual([]);
});
