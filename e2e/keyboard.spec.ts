// Nothing the person recorded is lost by a keyboard slip, and the keyboard alone can do
// everything: these tests press keys only (no clicks, no programmatic focus or fills).
import { expect, type Locator, type Page, test } from "./fixtures";
import { expectSample, openPlayground, replInput } from "./playground";

/** Presses Tab (or Shift+Tab) until `target` has focus, as a person would. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${target.toString()} with ${key}`);
}

/** Types a line into the REPL, which has focus on load, and runs it. */
async function typeAndRun(page: Page, line: string): Promise<void> {
  await expect(replInput(page)).toBeFocused();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

test("ArrowDown on the Preset select only proposes a switch; Enter and Escape drop nothing", async ({ page }) => {
  await openPlayground(page);
  await typeAndRun(page, "keep me");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
  const preset = page.getByLabel("Preset");
  await tabTo(page, preset, "Shift+Tab");

  const confirm = page.getByRole("group", { name: /Switching to the .* drops the recorded data/ });
  /** Proposes a switch with ArrowDown, withdraws it with `withdraw`, and checks nothing was lost. */
  async function proposeAndWithdraw(withdraw: () => Promise<void>) {
    await page.keyboard.press("ArrowDown");
    await expect(confirm).toBeVisible();
    await expect(preset).toBeFocused(); // focus did not jump to "Switch"
    await withdraw();
    await expect(confirm).toBeHidden();
    await expect(preset).toBeFocused();
    await expect(preset).toHaveValue("go");
    await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
  }
  await proposeAndWithdraw(() => page.keyboard.press("Escape"));
  // Choosing the current preset again withdraws the proposal too.
  await proposeAndWithdraw(() => page.keyboard.press("ArrowUp"));
  // Cancel, and Escape from inside the confirmation: focus comes back to the select.
  await proposeAndWithdraw(async () => {
    await tabTo(page, confirm.getByRole("button", { name: "Cancel" }));
    await page.keyboard.press("Enter");
  });
  await proposeAndWithdraw(async () => {
    await tabTo(page, confirm.getByRole("button", { name: "Switch" }));
    await page.keyboard.press("Escape");
  });

  // Only pressing Switch switches; focus stays on the select, never <body>.
  await page.keyboard.press("ArrowDown");
  await tabTo(page, confirm.getByRole("button", { name: "Switch" }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Namespace")).toHaveValue("oc_python");
  await expect(preset).toBeFocused();
  expect(await focusIsOnBody(page)).toBe(false);
});

test("Reset data: the confirmation opens on Cancel, Escape cancels, focus returns to the button", async ({ page }) => {
  await openPlayground(page);
  await typeAndRun(page, "keep me");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
  const reset = page.getByRole("button", { name: "Reset data" });
  await tabTo(page, reset, "Shift+Tab");
  const confirm = page.getByRole("group", { name: "Drop all recorded data?" });

  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter"); // a second Enter cancels, it never confirms
  await expect(confirm).toBeHidden();
  await expect(reset).toBeFocused();
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");

  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(reset).toBeFocused();
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");

  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await expect(confirm.getByRole("button", { name: "Reset", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeHidden();
  await expect(reset).toBeFocused();
  await expect(page.getByTestId("view-card-demo/lines_in")).toContainText("No data yet");
});

test("Shift+Enter grows the prompt with its lines, up to a limit, then it scrolls", async ({ page }) => {
  await openPlayground(page);
  const input = replInput(page);
  await expect(input).toBeFocused();
  const box = () =>
    input.evaluate((el) => ({ height: el.clientHeight, content: el.scrollHeight, top: el.scrollTop }));
  const oneLine = await box();
  await page.keyboard.type("first");
  for (const word of ["second", "third"]) {
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type(word);
  }
  const threeLines = await box();
  expect(threeLines.height).toBeGreaterThanOrEqual(oneLine.height * 2.5);
  expect(threeLines.content).toBeLessThanOrEqual(threeLines.height); // nothing hidden: "first" is whole
  for (let i = 4; i <= 14; i++) {
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type(`line ${i}`);
  }
  const many = await box();
  expect(many.height).toBeLessThan(many.content); // capped: it scrolls now
  expect(many.height).toBeLessThanOrEqual(oneLine.height * 9);
  await page.keyboard.press("Enter");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 14");
  const after = await box();
  expect(after.height).toBe(oneLine.height);
});
