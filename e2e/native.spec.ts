// Native histograms as a person uses them: 10,000 log-normal latencies generated into
// repl/latency, an exponential histogram view designed on them (bad input in its three fields
// explained at the field, the cost summary saying the text formats do not carry it), its card
// (count, scale, buckets, p50/p90/p99 in seconds, the exact quantiles, the comparison with the
// preset's classic distribution), the export panel saying the text leaves it out, the Protobuf
// view showing the native histogram, Download saving bytes that decode back to 10,000
// observations; axe over the card and the Protobuf view.
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { decodePrometheusProtobuf } from "../src/wire";
import { expect, type Locator, type Page, test } from "./fixtures";
import { openPlayground, typeLine } from "./playground";

const transcript = (page: Page) => page.getByRole("log", { name: "Transcript" });
const designer = (page: Page) => page.getByRole("region", { name: "View designer" });
const candidate = (page: Page) => designer(page).getByTestId("designer-candidate");
const field = (page: Page, label: string) => candidate(page).getByLabel(label, { exact: true });
const card = (page: Page) => page.getByTestId("view-card-native/latency");
const stat = (page: Page, name: string): Locator =>
  card(page).locator(".views-stat").filter({ has: page.locator("dt", { hasText: new RegExp(`^${name}$`) }) }).locator("dd");
const decoded = (page: Page) => page.getByRole("textbox", { name: "Protobuf exposition, decoded" });

async function valueOf(cell: Locator): Promise<number> {
  await expect(cell).toHaveAttribute("data-value", /./);
  return Number(await cell.getAttribute("data-value"));
}

async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? "no impact"}): ${v.help}\n  at ${n.target.join(" ")}`));
  expect(found.length, `axe found ${found.length} violation(s):\n${found.join("\n")}\n`).toBe(0);
}

/** Designs native/latency through the designer, checking each field's refusals on the way, and applies it. */
async function designNative(page: Page): Promise<void> {
  await designer(page).getByRole("button", { name: "New view" }).click();
  await expect(field(page, "Name")).toBeFocused();
  await field(page, "Name").fill("native/latency");
  await field(page, "Aggregation").selectOption({ label: "Exponential histogram (native)" });
  await expect(field(page, "Aggregation")).toHaveValue("exponentialHistogram");
  await expect(field(page, "Max buckets")).toHaveValue("160");
  await expect(field(page, "Max scale")).toHaveValue("20");
  await expect(field(page, "Zero threshold")).toHaveValue("2^-128");

  // Bad input in each field is said under it, with the engine's message.
  const refused = async (label: string, text: string, message: string) => {
    await field(page, label).fill(text);
    await expect(field(page, label)).toHaveAttribute("aria-invalid", "true");
    await expect(field(page, label)).toHaveAccessibleDescription(new RegExp(message.replace(/[()^.]/g, "\\$&")));
  };
  await refused("Max buckets", "1", "exponentialHistogram maxBuckets must be a whole number of at least 2, got 1");
  await refused("Max buckets", "lots", "Max buckets “lots” is not a number");
  await refused("Max scale", "21", "exponentialHistogram maxScale must be a whole number from -10 to 20, got 21");
  await refused("Max scale", "2.5", "exponentialHistogram maxScale must be a whole number from -10 to 20, got 2.5");
  await refused("Zero threshold", "-1", "exponentialHistogram zeroThreshold must be a finite number >= 0, got -1");
  // Apply with problems applies nothing and focuses the first refused field.
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(field(page, "Max buckets")).toBeFocused();
  await expect(candidate(page).getByRole("status", { name: "Candidate status" })).toHaveText("Not applied: fix the marked fields first.");

  await field(page, "Max buckets").fill("160");
  await field(page, "Max scale").fill("20");
  await field(page, "Zero threshold").fill("2^-128");
  for (const label of ["Max buckets", "Max scale", "Zero threshold"]) await expect(field(page, label)).not.toHaveAttribute("aria-invalid");
  // The text formats do not carry it: the cost summary says so instead of a text size.
  await expect(candidate(page).getByTestId("cost-bytes")).toContainText("native histograms are exposed in the protobuf format only");
  await expect(candidate(page).getByTestId("cost-series")).toContainText("1 (one native histogram per row");
  await expect(candidate(page).getByTestId("exponential-accuracy-note")).toBeVisible();
  await expect(candidate(page).getByTestId("accuracy")).toHaveCount(0);
  // Enter in a field applies, as in every one-line field of the form.
  await field(page, "Zero threshold").press("Enter");
  await expect(designer(page).getByRole("status", { name: "Designer status" })).toContainText("Applied view “native/latency”");
}

test("design a native histogram, read its card, see it left out of the text and in the protobuf exposition", async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openPlayground(page);
  await typeLine(page, ":gen repl/latency 10000 lognormal(80,0.5) seed=7");
  await expect(transcript(page)).toContainText("generated 10,000 values of repl/latency lognormal(80,0.5) seed=7", { timeout: 30_000 });

  await designNative(page);

  // The card: count, scale, buckets and the estimates, in seconds.
  await expect(stat(page, "count")).toHaveAttribute("data-value", "10000");
  await expect(card(page).getByTestId("kept-in-seconds")).toHaveText(
    "Kept in seconds: a native histogram’s bucket bounds are powers of its base and cannot be rescaled later.",
  );
  const scale = await valueOf(stat(page, "scale"));
  expect(Number.isInteger(scale) && scale <= 20 && scale >= -10).toBe(true);
  const buckets = await valueOf(stat(page, "buckets"));
  expect(buckets).toBeGreaterThan(1);
  expect(buckets).toBeLessThanOrEqual(160);
  const sum = await valueOf(stat(page, "sum"));
  expect(sum).toBeGreaterThan(10_000 * 0.05); // ~80 ms each, in seconds
  expect(sum).toBeLessThan(10_000 * 0.15);
  await expect(stat(page, "sum")).toHaveText(/ s$/);
  const p50 = await valueOf(stat(page, "p50"));
  const p90 = await valueOf(stat(page, "p90"));
  const p99 = await valueOf(stat(page, "p99"));
  // lognormal(80, 0.5): median 80 ms, p90 ≈ 152 ms, p99 ≈ 256 ms, here in seconds.
  expect(p50).toBeGreaterThan(0.07);
  expect(p50).toBeLessThan(0.09);
  expect(p90).toBeGreaterThan(p50);
  expect(p99).toBeGreaterThan(p90);
  expect(p99).toBeLessThan(0.4);
  await expect(stat(page, "p99")).toHaveText(/ s$/);
  // The exact quantiles of the log, taken to seconds, close to the estimates.
  const exactP50 = await valueOf(card(page).getByTestId("exact-p50"));
  expect(Math.abs(p50 - exactP50) / exactP50).toBeLessThan(0.05);
  // Side by side with the preset's classic distribution of the same measure.
  await expect(card(page).getByTestId("compare-native-p99")).toHaveAttribute("data-value", /./);
  await expect(card(page).getByTestId("classic-comparison-sentence")).toContainText("demo/latency");
  const nativeError = await valueOf(card(page).getByTestId("compare-native-p99"));
  expect(nativeError).toBeLessThan(0.05);
  await expect(card(page).getByRole("img", { name: /^Exponential histogram of native\/latency: 10,000 observations in \d+ buckets at scale -?\d+$/ })).toBeVisible();

  // The export panel: the text leaves the view out and says why.
  await expect(page.getByTestId("native-left-out")).toHaveText(
    "Left out: “native/latency” is a native histogram: Prometheus text 0.0.4 and OpenMetrics 1.0 cannot carry it; choose Protobuf to see it.",
  );
  await page.getByRole("region", { name: "Export" }).getByLabel("Format").selectOption({ label: "Protobuf" });
  await expect(decoded(page)).toHaveValue(/positive_span \{ offset: -?\d+ length: \d+ \}/, { timeout: 15_000 });
  const text = await decoded(page).inputValue();
  expect(text).toMatch(/name: "ocmetricstutorial_native_latency"\n {2}help: ".*"\n {2}type: HISTOGRAM/);
  expect(text).toContain("sample_count: 10000");
  expect(text).toMatch(/schema: \d+/);
  expect(text).toContain("zero_threshold: 2.938735877055719e-39");
  expect(text).toMatch(/positive_delta: \[-?\d+(, -?\d+)*\]/);
  await expect(page.getByTestId("protobuf-meta")).toContainText("1 native histogram");
  await expect(page.getByRole("button", { name: "Copy readable view" })).toBeEnabled();

  // Download: the binary, which the wire layer's decoder reads back to the same 10,000.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe("metrics.pb");
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  await expect(page.getByTestId("protobuf-meta")).toHaveAttribute("data-bytes", String(bytes.length));
  const families = decodePrometheusProtobuf(bytes);
  const native = families.find((f) => f.name === "ocmetricstutorial_native_latency");
  expect(native?.metric[0]?.histogram?.sampleCount).toBe(10_000);
  expect(native?.metric[0]?.histogram?.schema).toBe(Math.min(scale, 8));

  // Lint is for the text formats: it says so for protobuf.
  await page.getByRole("tab", { name: "Lint" }).click();
  await expect(page.getByTestId("lint-protobuf-note")).toContainText("Lint is for the text formats");
  expect(errors).toEqual([]);
});

test("axe finds nothing on the page with the exponential card and the protobuf view", async ({ page }) => {
  test.setTimeout(60_000);
  await openPlayground(page);
  await typeLine(page, ":gen repl/latency 10000 lognormal(80,0.5) seed=7");
  await expect(transcript(page)).toContainText("generated 10,000 values", { timeout: 30_000 });
  await designer(page).getByRole("button", { name: "New view" }).click();
  await field(page, "Name").fill("native/latency");
  await field(page, "Aggregation").selectOption({ label: "Exponential histogram (native)" });
  await field(page, "Max buckets").fill("1");
  await expect(field(page, "Max buckets")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "section.designer-panel");
  await field(page, "Max buckets").fill("160");
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(card(page).getByTestId("compare-native-p50")).toHaveAttribute("data-value", /./);
  await page.getByRole("region", { name: "Export" }).getByLabel("Format").selectOption({ label: "Protobuf" });
  await expect(decoded(page)).toHaveValue(/sample_count: 10000/, { timeout: 15_000 });
  await expectNoAxeViolations(page, "body");
});
