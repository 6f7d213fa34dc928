// Recording anything, as a person does it: create a measure in the Measures panel (keyboard
// only), `:record` into it with a quoted tag value, `:gen` 100,000 seeded values into it, `:gen`
// into a preset measure moving its view's count by exactly n, queued :gen lines and :stop, the
// refused delete naming the view, bad input for every field and command said where the person
// looks, stored measures surviving a reload (and invalid ones named once), and axe over the panel.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "./fixtures";
import { expectSample, openPlayground, paste, replInput, typeLine } from "./playground";

const transcript = (page: Page) => page.getByRole("log", { name: "Transcript" });
const panel = (page: Page) => page.getByRole("region", { name: "Measures" });
const field = (page: Page, label: string) => panel(page).getByLabel(label, { exact: true });

/** The `count` a view's card shows for all its rows (the exact number, from its data-value). */
async function cardCount(page: Page, view: string): Promise<number> {
  const dd = page
    .getByTestId(`view-card-${view}`)
    .locator(".views-stat")
    .filter({ has: page.locator("dt", { hasText: /^count$/ }) })
    .locator("dd");
  return Number(await dd.getAttribute("data-value"));
}

/** Presses Tab until `target` has focus, as a person would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

async function createMeasure(page: Page, name: string, unit = "ms"): Promise<void> {
  await field(page, "Name").fill(name);
  await field(page, "Unit").fill(unit);
  await panel(page).getByRole("button", { name: "Create measure" }).click();
  await expect(panel(page).getByTestId(`measure-${name}`)).toBeVisible();
}

async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? "no impact"}): ${v.help}\n  at ${n.target.join(" ")}`));
  expect(found.length, `axe found ${found.length} violation(s):\n${found.join("\n")}\n`).toBe(0);
}

test("create a measure with the keyboard, :record into it with a quoted tag, :gen 100,000 seeded values", async ({ page }) => {
  const errors = await openPlayground(page);
  const name = field(page, "Name");
  await tabTo(page, name);
  await page.keyboard.type("shop/checkout");
  await page.keyboard.press("Tab");
  await expect(field(page, "Description")).toBeFocused();
  await page.keyboard.type("Time to check out");
  await page.keyboard.press("Tab");
  await expect(field(page, "Unit")).toBeFocused();
  await expect(field(page, "Unit")).toHaveValue("ms"); // offered first; any printable ASCII may be typed
  await page.keyboard.press("Tab");
  await expect(field(page, "Type")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter"); // Enter in a field creates
  const row = panel(page).getByTestId("measure-shop/checkout");
  await expect(row).toContainText("float64");
  await expect(row).toContainText("unit ms");
  await expect(row).toContainText("Time to check out");
  await expect(row).not.toContainText("preset’s");
  await expect(panel(page).getByRole("status", { name: "Measures status" })).toContainText("Created measure “shop/checkout” (float64, ms)");
  await expect(name).toBeFocused();
  await expect(name).toHaveValue("");

  await replInput(page).click();
  await typeLine(page, ':record shop/checkout 12.5 step="pay now"');
  await expect(transcript(page)).toContainText('recorded shop/checkout 12.5 {step="pay now"}');
  await typeLine(page, ":gen shop/checkout 100000 lognormal(80,0.4) seed=7");
  await expect(transcript(page)).toContainText(/generated 100,000 values of shop\/checkout lognormal\(80,0\.4\) seed=7 in \d+\.\d+ s/, {
    timeout: 20_000,
  });

  // The measure survives a reload; recorded data does not.
  await page.reload();
  await expect(panel(page).getByTestId("measure-shop/checkout")).toContainText("Time to check out");
  await typeLine(page, ":record shop/checkout 3");
  await expect(transcript(page)).toContainText("recorded shop/checkout 3");
  expect(errors).toEqual([]);
});

test(":gen into repl/latency moves the demo/latency card's count by exactly n", async ({ page }) => {
  const errors = await openPlayground(page);
  await typeLine(page, "hello");
  await expect.poll(() => cardCount(page, "demo/latency")).toBe(1);
  await typeLine(page, ":gen repl/latency 100000 lognormal(80,0.4) seed=7");
  await expect(transcript(page)).toContainText("generated 100,000 values of repl/latency lognormal(80,0.4) seed=7 in", { timeout: 20_000 });
  await expect.poll(() => cardCount(page, "demo/latency")).toBe(100_001);
  // Untagged values are the row method="": the typed line's row is untouched, and no loop was added.
  await expectSample(page, 'ocmetricstutorial_demo_latency_count{method=""} 100000');
  await expectSample(page, 'ocmetricstutorial_demo_latency_count{method="repl"} 1');
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
  // A mix, tagged, into an int64 measure: rounded, counted exactly.
  await typeLine(page, ":gen repl/line_lengths 2500 mix(0.9*lognormal(80,0.4), 0.1*lognormal(900,0.6)) seed=3");
  await expect(transcript(page)).toContainText("generated 2,500 values of repl/line_lengths mix(0.9*lognormal(80,0.4),0.1*lognormal(900,0.6)) seed=3 in");
  await expect.poll(() => cardCount(page, "demo/line_lengths")).toBe(2501);
  expect(errors).toEqual([]);
});

test("a :gen entered while one runs is queued and runs next; :stop with nothing running says so", async ({ page }) => {
  await openPlayground(page);
  await paste(page, ":gen repl/latency 200000 uniform(0,100) seed=1\n:gen repl/latency 10 uniform(0,1) seed=2\n");
  await expect(transcript(page)).toContainText("queued: 10 values of repl/latency uniform(0,1) seed=2 (starts after the :gen running now)");
  await expect(transcript(page)).toContainText("generated 10 values of repl/latency uniform(0,1) seed=2 in", { timeout: 20_000 });
  await expect.poll(() => cardCount(page, "demo/latency")).toBe(200_010);
  await typeLine(page, ":stop");
  await expect(transcript(page)).toContainText("nothing to stop: no :gen is running");
  // A :gen without seed= prints the seed it used.
  await typeLine(page, ":gen repl/latency 5 exponential(10)");
  await expect(transcript(page)).toContainText(/generated 5 values of repl\/latency exponential\(10\) seed=\d+ in/);
});

test("deleting: a measure a view uses is refused naming the view; one of the person's is deleted", async ({ page }) => {
  await openPlayground(page);
  const preset = panel(page).getByTestId("measure-repl/latency");
  await expect(preset).toContainText("preset’s");
  const del = panel(page).getByRole("button", { name: "Delete measure repl/latency" });
  await del.click();
  const refusal = preset.getByRole("alert");
  await expect(refusal).toHaveText(`cannot delete "repl/latency": view demo/latency uses it (the preset's views)`);
  await expect(del).toHaveAccessibleDescription(`cannot delete "repl/latency": view demo/latency uses it (the preset's views)`);
  await expect(del).toBeFocused();
  await panel(page).getByRole("button", { name: "Delete measure repl/line_lengths" }).click();
  await expect(panel(page).getByTestId("measure-repl/line_lengths").getByRole("alert")).toHaveText(
    `cannot delete "repl/line_lengths": views demo/lines_in and demo/line_lengths use it (the preset's views)`,
  );
  await expect(panel(page).getByTestId("measure-repl/latency")).toBeVisible();

  await createMeasure(page, "tmp/a");
  await createMeasure(page, "tmp/b");
  const delA = panel(page).getByRole("button", { name: "Delete measure tmp/a" });
  await delA.focus();
  await page.keyboard.press("Enter");
  await expect(panel(page).getByTestId("measure-tmp/a")).toHaveCount(0);
  await expect(panel(page).getByRole("status", { name: "Measures status" })).toHaveText("Deleted measure “tmp/a”.");
  await expect(panel(page).getByRole("button", { name: "Delete measure tmp/b" })).toBeFocused(); // the next row, not <body>
  await page.keyboard.press("Enter");
  await expect(panel(page).getByRole("button", { name: "Delete measure repl/line_lengths" })).toBeFocused(); // the previous one
  await page.reload();
  await expect(panel(page).getByTestId("measure-tmp/b")).toHaveCount(0);
});

test("bad input in the form is explained at its field, and focus goes to the first", async ({ page }) => {
  await openPlayground(page);
  const create = panel(page).getByRole("button", { name: "Create measure" });
  const name = field(page, "Name");
  const unit = field(page, "Unit");
  const description = field(page, "Description");

  await create.click();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/measure name "" is empty; it must be 1–255 printable ASCII characters/);

  await name.fill("repl/latency");
  await expect(name).not.toHaveAttribute("aria-invalid", "true"); // editing clears its message
  await create.click();
  await expect(name).toHaveAccessibleDescription(/a measure named "repl\/latency" already exists/);

  await name.fill("repl_latency");
  await create.click();
  await expect(name).toHaveAccessibleDescription(/"repl_latency" is a measure of the Python quickstart preset; choose another name/);

  await name.fill("latência");
  await create.click();
  await expect(name).toHaveAccessibleDescription(/measure name "latência" has a non-printable character at index 3 \(0xea\)/);

  await name.fill("fine/name");
  await unit.fill("µs");
  await description.fill("d".repeat(1001));
  await create.click();
  await expect(description).toBeFocused(); // the first refused field, in order
  await expect(description).toHaveAccessibleDescription(/the description is 1001 characters long; at most 1000/);
  await expect(unit).toHaveAccessibleDescription(/the unit has "µ" \(0xb5\) at position 1, which is not printable ASCII; use e\.g\. ms, s, By or 1/);
  await expect(panel(page).getByTestId("measure-fine/name")).toHaveCount(0); // nothing created

  await description.fill("ok");
  await unit.fill("By");
  await field(page, "Type").selectOption("int64");
  await create.click();
  await expect(panel(page).getByTestId("measure-fine/name")).toContainText("int64");
  await typeLine(page, ":record fine/name 2.5");
  await expect(transcript(page)).toContainText('not recorded: measure "fine/name" (int64) cannot record 2.5; its values must be a safe integer');
});

test("bad command lines are explained in the transcript and record nothing", async ({ page }) => {
  await openPlayground(page);
  const cases: [string, string][] = [
    [":record", "usage: :record <measure> <value> [key=value ...]"],
    [":record nope 1", 'not recorded: unknown measure "nope"; known measures: repl/latency, repl/line_lengths (create one in the Measures panel)'],
    [":record repl/latency", "not recorded: the value is missing"],
    [":record repl/latency 1e3", 'not recorded: the value must be a decimal number (digits, an optional fraction, an optional leading -), e.g. 12.5 or -3; got "1e3"'],
    [":record repl/latency 0x10", 'got "0x10"'],
    [":record repl/line_lengths 1.5", 'not recorded: measure "repl/line_lengths" (int64) cannot record 1.5; its values must be a safe integer'],
    [":record repl/latency 1 method", 'not recorded: "method" has no "="; tags are written key=value'],
    [':record repl/latency 1 method="open', 'not recorded: the value of tag "method" opens a quote that is never closed'],
    [':record repl/latency 1 method="a\\tb"', 'not recorded: the value of tag "method" has \\t inside quotes; the only escapes are \\" and \\\\'],
    [":record repl/latency 1 clé=x", 'not recorded: tag key "clé" has a non-printable character at index 2 (0xe9)'],
    [":record repl/latency 1 a=1 a=2", 'not recorded: tag "a" is given twice'],
    [":gen", "usage: :gen <measure> <n> <distribution> [key=value ...] [seed=N]"],
    [":gen nope 10 uniform(0,1)", 'not generated: unknown measure "nope"'],
    [":gen repl/latency 1e5 uniform(0,1)", 'not generated: n must be a whole number from 1 to 1000000 (digits only); got "1e5"'],
    [":gen repl/latency 2000000 uniform(0,1)", 'not generated: n must be a whole number from 1 to 1000000 (digits only); got "2000000"'],
    [":gen repl/latency 10 gauss(0,1)", 'not generated: unknown distribution "gauss"; use uniform(a,b)'],
    [":gen repl/latency 10 lognormal(80,0)", "not generated: lognormal: sigma must be > 0; got 0"],
    [":gen repl/latency 10 uniform(5,1)", "not generated: uniform(a,b) needs a < b; got a=5, b=1"],
    [":gen repl/latency 10 lognormal(80,0.4", 'not generated: lognormal( is never closed: a ")" is missing'],
    [":gen repl/latency 10 mix(0.9*lognormal(80,0.4), 0.05*lognormal(900,0.6))", "not generated: mix weights must sum to 1; they sum to 0.95"],
    [":gen repl/latency 10 pareto(1,0.01)", "not generated: pareto(1,0.01) can draw values too large for a number"],
    [":gen repl/latency 10 uniform(0,1) seed=x", 'not generated: seed must be a whole number from 0 to 4294967295; got "x"'],
    [":stop now", ':stop takes nothing after it; got "now"'],
    [":frobnicate", "unknown command :frobnicate; nothing recorded. Commands: :help, :record, :gen, :stop"],
  ];
  await paste(page, cases.map(([line]) => line).join("\n") + "\n");
  for (const [line, message] of cases) {
    const input = transcript(page).locator("li.t-input", { hasText: line }).first();
    await expect(input, line).toBeVisible();
    await expect(transcript(page), line).toContainText(message);
  }
  // Nothing was recorded: every view is empty and the exposition has nothing to write.
  await expect(page.getByTestId("view-card-demo/latency")).toContainText("No data yet");
  await expect(page.getByTestId("view-card-demo/lines_in")).toContainText("No data yet");
});

test(":help lists every command with an example", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, ":help");
  for (const text of [
    ':record repl/latency 12.5 method="a b"',
    ":gen repl/latency 100000 lognormal(80,0.4) seed=7",
    "e.g. :stop",
    "e.g. :fail boom",
    "e.g. :sleep 300",
    "e.g. :clear",
    "e.g. :help",
    "rounded to the nearest integer",
    "not the loop's latency or line length",
  ])
    await expect(transcript(page)).toContainText(text);
});

test("invalid stored measures are removed and named once; valid ones are kept", async ({ page }) => {
  await openPlayground(page);
  await page.evaluate(() =>
    localStorage.setItem(
      "metrics-playground:measures:v1",
      JSON.stringify([
        { name: "kept", description: "", unit: "1", type: "float64" },
        { name: "bad", description: "", unit: "µs", type: "float64" },
        { name: "repl/latency", description: "", unit: "ms", type: "float64" },
      ]),
    ),
  );
  await page.reload();
  const notice = page.getByRole("status").filter({ hasText: "could not be used and were reset" });
  await expect(notice).toContainText(`saved measure "bad" (not a valid measure, removed), saved measure "repl/latency" (a preset's measure name, removed)`);
  await expect(panel(page).getByTestId("measure-kept")).toBeVisible();
  await page.reload();
  await expect(notice).toHaveCount(0); // said once
  await expect(panel(page).getByTestId("measure-kept")).toBeVisible();
});

for (const scheme of ["light", "dark"] as const)
  test(`axe finds nothing in the Measures panel (${scheme}), with a refusal, field errors and a created measure`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openPlayground(page);
    await createMeasure(page, "shop/checkout");
    await panel(page).getByRole("button", { name: "Delete measure repl/latency" }).click();
    await expect(panel(page).getByRole("alert")).toBeVisible();
    await field(page, "Unit").fill("µs");
    await panel(page).getByRole("button", { name: "Create measure" }).click();
    await expect(field(page, "Name")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, "section.measures-panel");
    await panel(page).screenshot({ path: `test-results/measures-panel-${scheme}.png` });
  });
