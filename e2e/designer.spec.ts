// The view designer as a person uses it: 100,000 log-normal latencies generated into repl/latency,
// a view with 10 exponential buckets designed on them — its rows, series, exact exposition bytes
// and accuracy shown before Apply — its card filled from the log with exact against estimated
// quantiles, the bucket advisor bringing the p99 error below the exponential layout's, the new
// family in the exposition (promtool takes it in Prometheus naming), an edit compared with the
// current layout and discarded; bad input for every field explained at the field; Delete asking
// first; designs kept through a preset switch, a reset and a reload (invalid stored ones named
// once, one whose measure is missing listed with the reason); axe over the designer with a
// candidate, the compare and the advisor's table open.
import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { expect, type Locator, type Page, test } from "./fixtures";
import { exposition, openPlayground, typeLine } from "./playground";

const transcript = (page: Page) => page.getByRole("log", { name: "Transcript" });
const panel = (page: Page) => page.getByRole("region", { name: "View designer" });
const candidate = (page: Page) => panel(page).getByTestId("designer-candidate");
const field = (page: Page, label: string) => candidate(page).getByLabel(label, { exact: true });
const designStatus = (page: Page) => panel(page).getByRole("status", { name: "Designer status" });

/** The number a cell holds in its data-value, once it has one. */
async function valueOf(cell: Locator): Promise<number> {
  await expect(cell).toHaveAttribute("data-value", /./);
  return Number(await cell.getAttribute("data-value"));
}

/** Waits until the candidate's figures are computed for what it shows now. */
async function figuresCurrent(page: Page): Promise<void> {
  await expect(candidate(page).getByTestId("cost-bytes")).toHaveAttribute("data-current", "true", { timeout: 15_000 });
  await expect(candidate(page).getByTestId("cost-bytes")).toHaveAttribute("data-value", /^\d+$/);
}

async function generate(page: Page, line: string, done: string): Promise<void> {
  await typeLine(page, line);
  await expect(transcript(page)).toContainText(done, { timeout: 30_000 });
}

async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? "no impact"}): ${v.help}\n  at ${n.target.join(" ")}`));
  expect(found.length, `axe found ${found.length} violation(s):\n${found.join("\n")}\n`).toBe(0);
}

/** Opens a new candidate: a distribution of repl/latency with 10 exponential buckets from 10 ms. */
async function designExponential(page: Page, name: string): Promise<void> {
  await panel(page).getByRole("button", { name: "New view" }).click();
  await expect(field(page, "Name")).toBeFocused();
  await field(page, "Name").fill(name);
  await expect(field(page, "Measure")).toHaveValue("repl/latency");
  await expect(field(page, "Aggregation")).toHaveValue("distribution");
  await field(page, "Bounds from").selectOption("exponential");
  await field(page, "Start").fill("10");
  await field(page, "Factor").fill("2");
  await field(page, "Count").fill("10");
  await expect(candidate(page).getByTestId("designer-bounds-summary")).toHaveText("Gives 10, 20, 40, 80, … 5,120 (10 bounds), then +Inf.");
}

test("design a view on 100,000 logged latencies, see its cost and accuracy, apply, advise, compare, discard", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openPlayground(page);
  await generate(page, ":gen repl/latency 100000 lognormal(120,0.8) seed=7", "generated 100,000 values of repl/latency lognormal(120,0.8) seed=7 in");

  await designExponential(page, "designed/latency");
  // What it costs, before it is applied: one row (the values carry no tags), 10 bounds + +Inf +
  // _sum + _count series, the exact bytes of its text, and its accuracy on the logged values.
  await figuresCurrent(page);
  await expect(candidate(page).getByTestId("cost-values")).toHaveText("100,000 logged measurements of repl/latency");
  await expect(candidate(page).getByTestId("cost-rows")).toHaveAttribute("data-value", "1");
  await expect(candidate(page).getByTestId("cost-series")).toHaveText("1 × (11 buckets + _sum + _count) = 13");
  await expect(candidate(page).getByTestId("cost-bytes")).toContainText("13 sample lines of Prometheus text 0.0.4, OpenCensus naming, namespace “ocmetricstutorial”");
  // Choosing a key that the logged values lack still makes one row (method="").
  await candidate(page).getByRole("checkbox", { name: "method" }).check();
  await expect(candidate(page).getByTestId("cost-rows")).toHaveText(/^1 \(distinct method among the logged tag sets\)$/);
  await candidate(page).getByRole("checkbox", { name: "method" }).uncheck();
  const accuracy = candidate(page).getByTestId("accuracy");
  await expect(accuracy).toHaveAttribute("data-current", "true", { timeout: 15_000 });
  const exponentialP99 = await valueOf(candidate(page).getByTestId("accuracy-p99"));
  expect(exponentialP99).toBeGreaterThan(0.01); // 10 exponential buckets: a coarse p99

  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(candidate(page)).toHaveCount(0);
  await expect(designStatus(page)).toContainText("Applied view “designed/latency”: distribution (10 bounds) of repl/latency. It was filled from 100,000 logged measurements since");
  await expect(panel(page).getByRole("button", { name: "Edit view designed/latency" })).toBeFocused();
  const card = page.getByTestId("view-card-designed/latency");
  await expect(card.getByTestId("filled-from-log")).toContainText(/^Filled from 100,000 logged measurements since \d\d:\d\d:\d\d, when the view was registered\.$/);
  await expect(card.locator(".views-stat").filter({ has: page.locator("dt", { hasText: /^count$/ }) }).locator("dd")).toHaveAttribute("data-value", "100000");
  // The card's exact quantiles (from the log) beside its estimates, with the error.
  const exactP99 = await valueOf(card.getByTestId("exact-p99"));
  expect(exactP99).toBeGreaterThan(500);
  await expect(card.getByTestId("error-p99")).toHaveText(/^[+−]\d/);
  await expect(exposition(page)).toHaveValue(/# TYPE ocmetricstutorial_designed_latency histogram\n/);
  await expect(exposition(page)).toHaveValue(/\nocmetricstutorial_designed_latency_count 100000\n/);

  // Edit it: the current layout and the candidate side by side; the advisor beats exponential.
  await panel(page).getByRole("button", { name: "Edit view designed/latency" }).click();
  await expect(field(page, "Name")).toHaveValue("designed/latency");
  await expect(field(page, "Bounds")).toHaveValue("10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120");
  const compare = candidate(page).getByTestId("designer-compare");
  await expect(compare.getByTestId("compare-current")).toContainText("Current: designed/latency");
  await expect(compare.getByTestId("compare-current-accuracy")).toHaveAttribute("data-current", "true", { timeout: 15_000 });
  expect(await valueOf(compare.getByTestId("compare-current-accuracy-p99"))).toBe(exponentialP99);
  await expect(compare.getByRole("list", { name: "Current: designed/latency: logged values per bucket" }).getByRole("listitem")).toHaveCount(11);

  await expect(field(page, "Buckets")).toHaveValue("10");
  await candidate(page).getByRole("button", { name: "Advise" }).click();
  const advice = candidate(page).getByTestId("advisor-row-advice");
  await expect(advice).toBeVisible({ timeout: 15_000 });
  const adviceP99 = await valueOf(candidate(page).getByTestId("advisor-advice-p99"));
  const rivalP99 = await valueOf(candidate(page).getByTestId("advisor-exponential-p99"));
  expect(adviceP99).toBeLessThan(rivalP99);
  expect(adviceP99).toBeLessThan(exponentialP99);
  await expect(candidate(page).getByTestId("advisor-method")).toHaveText(/^The advisor’s answer is .*\(method “(brackets|exponential|linear)”\)\.$/);
  await expect(candidate(page).getByTestId("advisor-row-defbuckets")).toContainText("client_golang DefBuckets");
  await expect(candidate(page).getByTestId("advisor-row-otel")).toContainText("OpenTelemetry defaults");
  await expect(candidate(page).getByTestId("advisor-row-linear")).toContainText("Linear over the logged range");
  await advice.getByRole("button", { name: /^Use these bounds/ }).click();
  await expect(candidate(page).getByRole("status", { name: "Candidate status" })).toContainText("The candidate’s bounds are now Advisor");
  await expect(field(page, "Bounds from")).toHaveValue("list");
  await expect(compare.getByTestId("compare-candidate-accuracy")).toHaveAttribute("data-current", "true", { timeout: 15_000 });
  expect(await valueOf(compare.getByTestId("compare-candidate-accuracy-p99"))).toBe(adviceP99);
  await figuresCurrent(page);
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(designStatus(page)).toContainText("It was filled from 100,000 logged measurements since");
  // The card's own p99 error (its estimate against the log's exact value) dropped with it.
  await expect(card.getByTestId("error-p99")).toHaveText(/^([+−]\d[\d.]*|0)%$/);
  const cardP99Error = Math.abs(Number((await card.getByTestId("error-p99").innerText()).replace(/[+−%]/g, "")));
  expect(cardP99Error).toBeLessThan(exponentialP99 * 100);

  // Prometheus naming: the new family passes promtool check metrics with nothing to say.
  await page.getByLabel("Naming").selectOption("prometheus");
  await expect(exposition(page)).toHaveValue(/# TYPE ocmetricstutorial_designed_latency_seconds histogram\n/);
  const text = await exposition(page).inputValue();
  const run = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8", timeout: 20_000 });
  if (run.error) throw new Error(`promtool is needed (sudo apt-get install prometheus): ${run.error.message}`);
  expect({ status: run.status, out: (run.stdout + run.stderr).trim() }).toEqual({ status: 0, out: "" });
  await expect(exposition(page)).toHaveValue(/\nocmetricstutorial_designed_latency_seconds_count 100000\n/);

  // Edit, compare, discard: nothing changes, and focus returns to Edit.
  const bounds = (await page.getByTestId("view-card-designed/latency").locator(".views-card-definition").innerText()).trim();
  await panel(page).getByRole("button", { name: "Edit view designed/latency" }).click();
  await field(page, "Bounds").fill("100, 200, 300");
  await expect(compare.getByTestId("compare-candidate")).toContainText("100, 200, 300 (3 bounds)");
  await expect(compare.getByTestId("compare-candidate-accuracy")).toHaveAttribute("data-current", "true", { timeout: 15_000 });
  await candidate(page).getByRole("button", { name: "Discard" }).click();
  await expect(candidate(page)).toHaveCount(0);
  await expect(designStatus(page)).toHaveText("Discarded the candidate; nothing was applied.");
  await expect(panel(page).getByRole("button", { name: "Edit view designed/latency" })).toBeFocused();
  await expect(page.getByTestId("view-card-designed/latency").locator(".views-card-definition")).toHaveText(bounds);
  expect(errors).toEqual([]);
});

test("bad input in every field is explained at the field; Apply applies nothing and goes to the first", async ({ page }) => {
  await openPlayground(page);
  await panel(page).getByRole("button", { name: "New view" }).click();
  const name = field(page, "Name");
  const expectProblem = async (control: Locator, message: string | RegExp) => {
    await expect(control).toHaveAttribute("aria-invalid", "true");
    await expect(control).toHaveAccessibleDescription(message);
  };

  await name.fill("");
  await expectProblem(name, /view name "" is empty; it must be 1–255 printable ASCII characters/);
  await name.fill("latência");
  await expectProblem(name, /view name "latência" has a non-printable character at index 3 \(0xea\)/);
  await name.fill("demo/latency");
  await expectProblem(name, /a different view named "demo\/latency" is already registered: it is distribution\(0, 25, 50/);
  await name.fill("demo_latency");
  await expectProblem(name, /views "demo\/latency" and "demo_latency" would both be exposed as metric "demo_latency\w*"; rename one/);

  const description = field(page, "Description");
  await description.fill("a\u0007b");
  await expectProblem(description, /the description has a control character \(0x07\) at position 2; use plain text on one line/);
  await description.fill("d".repeat(1001));
  await expectProblem(description, /the description is 1001 characters long; at most 1000/);
  await description.fill("");

  // Tag keys: the engine's rules for one key, then for the keys together.
  const newKey = field(page, "New tag key");
  await newKey.fill("clé");
  await newKey.press("Enter"); // adds (never applies)
  await expectProblem(newKey, /tag key "clé" has a non-printable character at index 2 \(0xe9\)/);
  await newKey.fill("");
  await candidate(page).getByRole("button", { name: "Add key" }).click();
  await expectProblem(newKey, /tag key "" is empty/);
  await newKey.fill("le");
  await newKey.press("Enter");
  const keys = candidate(page).getByRole("group", { name: "Tag keys" });
  await expect(keys).toHaveAccessibleDescription(/a distribution cannot have a tag key exposed as "le", which histograms reserve for bucket bounds/);
  await newKey.fill("le");
  await newKey.press("Enter");
  await expectProblem(newKey, /tag key "le" is already chosen/);
  await candidate(page).getByRole("checkbox", { name: "le" }).uncheck();
  await newKey.fill("a-b");
  await newKey.press("Enter");
  await newKey.fill("a_b");
  await newKey.press("Enter");
  await expect(keys).toHaveAccessibleDescription(/tag keys "a-b" and "a_b" would both be exposed as label "a_b"/);
  await candidate(page).getByRole("checkbox", { name: "a_b" }).uncheck();
  await expect(keys).not.toHaveAttribute("aria-invalid", "true");

  // The free list.
  const bounds = field(page, "Bounds");
  for (const [text, message] of [
    ["", "no bounds: list at least one, e.g. 0, 25, 50, 100"],
    ["0, 25, 10", "distribution bounds must be strictly increasing, but bound 2 (10) is below bound 1 (25)"],
    ["1, 1", "distribution bounds must be strictly increasing, but bound 1 (1) repeats bound 0 (1)"],
    ["1, abc", 'bound 1 is "abc", not a number: write decimal numbers such as 25, 0.5 or 1e-3'],
    ["1, NaN", 'bound 1 is "NaN", not a number: write decimal numbers such as 25, 0.5 or 1e-3'],
    ["1, Infinity", 'bound 1 is "Infinity": it must be a finite number (the +Inf bucket is always there; do not list it)'],
    ["1,,2", "bound 1 is empty: two commas in a row, or a comma at either end"],
    [Array.from({ length: 1001 }, (_, i) => i).join(", "), "1,001 bounds: at most 1,000"],
  ] as const) {
    await bounds.fill(text);
    // After the field's hint, the problem.
    await expectProblem(bounds, new RegExp(`${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  }
  await expect(candidate(page).getByTestId("cost-bytes")).toHaveText("fix the marked fields to see it");

  // The generators: their own parsing, then the engine's refusals, at the parameter concerned.
  const mode = field(page, "Bounds from");
  await mode.selectOption("linear");
  await field(page, "Width").fill("0");
  await expectProblem(field(page, "Width"), /linearBuckets: width must be > 0, got 0$/);
  await field(page, "Width").fill("5");
  await field(page, "Start").fill("x");
  await expectProblem(field(page, "Start"), /start is "x", not a number/);
  await field(page, "Start").fill("0");
  await field(page, "Count").fill("1001");
  await expectProblem(field(page, "Count"), /count must be a whole number from 1 to 1,000; got "1001"/);
  await mode.selectOption("exponential");
  await field(page, "Factor").fill("1");
  await expectProblem(field(page, "Factor"), /exponentialBuckets: factor must be > 1, got 1/);
  await field(page, "Factor").fill("2");
  await field(page, "Start").fill("0");
  await expectProblem(field(page, "Start"), /exponentialBuckets: start must be > 0, got 0/);
  await mode.selectOption("range");
  await field(page, "Min").fill("100");
  await field(page, "Max").fill("10");
  await expectProblem(field(page, "Max"), /exponentialBucketsRange: max \(10\) must be greater than min \(100\)/);
  await field(page, "Count").fill("0");
  await expectProblem(field(page, "Count"), /count must be a whole number from 1 to 1,000; got "0"/);

  // The target quantiles and the advisor's bucket count.
  await field(page, "Target quantiles").fill("0.5, 1.5");
  await expectProblem(field(page, "Target quantiles"), /target quantile "1.5" must be a number strictly between 0 and 1/);
  await field(page, "Buckets").fill("2");
  await expectProblem(field(page, "Buckets"), /buckets must be a whole number from 3 to 60; got "2"/);
  await field(page, "Buckets").fill("61");
  await expectProblem(field(page, "Buckets"), /buckets must be a whole number from 3 to 60; got "61"/);

  // Apply with problems applies nothing and moves focus to the first refused field.
  await name.fill("fine/name");
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(field(page, "Count")).toBeFocused(); // the count is read first, so it is the one refused
  await expect(candidate(page).getByRole("status", { name: "Candidate status" })).toHaveText("Not applied: fix the marked fields first.");
  await expect(page.getByTestId("view-card-fine/name")).toHaveCount(0);
  await name.fill("demo/latency");
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(name).toBeFocused();
  await expect(page.locator('[data-testid^="view-card-"]')).toHaveCount(3);
});

test("the keyboard alone designs a view: Tab through labelled fields, Enter applies", async ({ page }) => {
  await openPlayground(page);
  await panel(page).getByRole("button", { name: "New view" }).focus();
  await page.keyboard.press("Enter");
  await expect(field(page, "Name")).toBeFocused();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("keyed/count");
  await page.keyboard.press("Tab");
  await expect(field(page, "Description")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(field(page, "Measure")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(field(page, "Aggregation")).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp"); // distribution → last value → sum → count
  await expect(field(page, "Aggregation")).toHaveValue("count");
  await page.keyboard.press("Tab");
  await expect(candidate(page).getByRole("checkbox", { name: "method" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(candidate(page).getByTestId("cost-series")).toHaveText(/one per row/);
  await field(page, "Name").focus();
  await page.keyboard.press("Enter");
  await expect(designStatus(page)).toContainText("Applied view “keyed/count”: count of repl/latency by method. Nothing of its measure is logged yet.");
  await typeLine(page, "hello");
  await expect(page.getByTestId("view-card-keyed/count").getByTestId("scalar-value")).toHaveAttribute("data-value", "1");
});

test("Delete asks first; designs survive a preset switch, a reset and a reload; stored ones are checked", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, "hello");
  // Duplicate a preset's view (the preset's own are not edited): its layout is the current one.
  await panel(page).getByRole("button", { name: "Duplicate view demo/latency" }).click();
  await expect(field(page, "Name")).toHaveValue("demo/latency copy");
  await expect(candidate(page).getByTestId("designer-compare")).toContainText("Current: demo/latency");
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("view-card-demo/latency copy").getByTestId("filled-from-log")).toContainText("Filled from 1 logged measurement since");
  await panel(page).getByRole("button", { name: "New view" }).click();
  await field(page, "Name").fill("lines/sum");
  await field(page, "Measure").selectOption("repl/line_lengths");
  await field(page, "Aggregation").selectOption("sum");
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(panel(page).getByTestId("design-lines/sum")).toContainText("registered");

  // A reset drops data, keeps designs.
  await page.getByRole("button", { name: "Reset data" }).click();
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(page.getByTestId("view-card-demo/latency copy")).toContainText("No data yet");
  // A preset switch: the Go preset's measures are gone, so its designs wait, saying why.
  await page.getByLabel("Preset").selectOption("python");
  await expect(panel(page).getByTestId("design-lines/sum")).toContainText(
    `Not registered: its measure "repl/line_lengths" is the Go quickstart preset's, which is not in use: switch to it to register this view`,
  );
  await expect(page.getByTestId("view-card-lines/sum")).toHaveCount(0);
  await page.getByLabel("Preset").selectOption("go");
  await expect(page.getByTestId("view-card-lines/sum")).toContainText("No data yet");

  // Delete asks first; Escape and Cancel keep it, focus back on Delete.
  const del = panel(page).getByRole("button", { name: "Delete view demo/latency copy" });
  await del.click();
  const confirm = panel(page).getByRole("group", { name: "Delete view “demo/latency copy”? Its recorded data goes with it." });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(del).toBeFocused();
  await del.click();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("view-card-demo/latency copy")).toHaveCount(0);
  await expect(designStatus(page)).toHaveText("Deleted view “demo/latency copy”.");
  await expect(panel(page).getByRole("button", { name: "Delete view lines/sum" })).toBeFocused();

  // A reload keeps the design (registered again); invalid stored ones are named once; one whose
  // measure is missing is kept and says why.
  await page.evaluate(() => {
    const kept = JSON.parse(localStorage.getItem("metrics-playground:views:v1") ?? "[]") as unknown[];
    localStorage.setItem(
      "metrics-playground:views:v1",
      JSON.stringify([
        ...kept,
        { name: "checkout", description: "", measure: "shop/checkout", aggregation: "count", bounds: [], tagKeys: [] },
        { name: "broken", description: "", measure: "repl/latency", aggregation: "distribution", bounds: [5, 1], tagKeys: [] },
      ]),
    );
  });
  await page.reload();
  await expect(page.getByTestId("view-card-lines/sum")).toBeVisible();
  const notice = page.getByRole("status").filter({ hasText: "could not be used and were reset" });
  await expect(notice).toContainText(`saved view "broken" (not a valid view, removed)`);
  await expect(panel(page).getByTestId("design-checkout")).toContainText(
    `Not registered: there is no measure named "shop/checkout": create it in the Measures panel to register this view`,
  );
  await panel(page).getByRole("button", { name: "Edit view checkout" }).click();
  await expect(field(page, "Measure")).toHaveAccessibleDescription(/there is no measure named "shop\/checkout"; choose one of the list, or create it in the Measures panel/);
  await candidate(page).getByRole("button", { name: "Discard" }).click();
  const measures = page.getByRole("region", { name: "Measures" });
  await measures.getByLabel("Name", { exact: true }).fill("shop/checkout");
  await measures.getByRole("button", { name: "Create measure" }).click();
  await expect(panel(page).getByTestId("design-checkout")).not.toContainText("Not registered");
  await expect(page.getByTestId("view-card-checkout")).toBeVisible();
  await page.reload();
  await expect(notice).toHaveCount(0); // said once
  await expect(page.getByTestId("view-card-checkout")).toBeVisible();
});

for (const scheme of ["light", "dark"] as const)
  test(`axe finds nothing in the designer (${scheme}) with a candidate, the compare and the advisor open`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme });
    await openPlayground(page);
    await generate(page, ":gen repl/latency 20000 lognormal(120,0.8) seed=7", "generated 20,000 values");
    await panel(page).getByRole("button", { name: "Duplicate view demo/latency" }).click();
    await figuresCurrent(page);
    await expect(candidate(page).getByTestId("compare-candidate-accuracy")).toHaveAttribute("data-current", "true", { timeout: 15_000 });
    await candidate(page).getByRole("button", { name: "Advise" }).click();
    await expect(candidate(page).getByTestId("advisor-row-advice")).toBeVisible({ timeout: 15_000 });
    await field(page, "Name").fill("demo/latency");
    await expect(field(page, "Name")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, "section.designer-panel");
    await panel(page).screenshot({ path: `test-results/designer-panel-${scheme}.png` });
  });
