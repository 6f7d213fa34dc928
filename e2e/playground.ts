// Helpers for driving the playground as a person would, and for reading what it shows.
import { expect, type Locator, type Page } from "@playwright/test";

export const replInput = (page: Page): Locator => page.getByRole("textbox", { name: "REPL input" });
export const exposition = (page: Page): Locator => page.getByRole("textbox", { name: "Exposition text" });

/** Opens a fresh playground (no stored settings) and fails the test on any page error. */
export async function openPlayground(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(replInput(page)).toBeVisible();
  return errors;
}

export async function typeLine(page: Page, line: string): Promise<void> {
  const input = replInput(page);
  await input.fill(line);
  await input.press("Enter");
}

/** Pastes `text` into the REPL input as a clipboard paste event. */
export async function paste(page: Page, text: string): Promise<void> {
  await replInput(page).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Waits until the exposition text contains `sample` (a whole sample line, name to value). */
export async function expectSample(page: Page, sample: string): Promise<void> {
  await expect
    .poll(async () => (await exposition(page).inputValue()).split("\n"), { message: `exposition has "${sample}"` })
    .toContain(sample);
}

/** The value of the sample whose line starts with `prefix` (name and labels), or undefined. */
export async function sampleValue(page: Page, prefix: string): Promise<number | undefined> {
  const line = (await exposition(page).inputValue()).split("\n").find((l) => l.startsWith(prefix + " "));
  return line === undefined ? undefined : Number(line.slice(prefix.length + 1));
}
