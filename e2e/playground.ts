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

/** A sample line without its OpenMetrics exemplar (` # {labels} value timestamp`), if any. */
export const withoutExemplar = (line: string): string => line.replace(/ # \{.*$/, "");

/**
 * Waits until the exposition text contains `sample` (a whole sample line, name to value; an
 * OpenMetrics exemplar after the value is not part of the sample).
 */
export async function expectSample(page: Page, sample: string): Promise<void> {
  await expect
    .poll(async () => (await exposition(page).inputValue()).split("\n").map(withoutExemplar), { message: `exposition has "${sample}"` })
    .toContain(sample);
}

/** The value of the sample whose line starts with `prefix` (name and labels), or undefined. */
export async function sampleValue(page: Page, prefix: string): Promise<number | undefined> {
  const line = (await exposition(page).inputValue()).split("\n").find((l) => l.startsWith(prefix + " "));
  return line === undefined ? undefined : Number(line.slice(prefix.length + 1));
}

export async function openLint(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Lint" }).click();
}

/** Puts `text` in the "Text to lint" box as a paste (which lints it at once). */
export async function pasteToLint(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Text to lint" }).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    // A real paste inserts the text unless the page takes it; an untrusted event inserts nothing.
    if (el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })))
      (el as HTMLTextAreaElement).value = t;
  }, text);
}

/** An exposition with problems of each kind: promtool's (no _total, no help, `_ms`) and ours (`le` order, no +Inf). */
export const PROBLEM_LINES: readonly string[] = [
  "# TYPE http_requests counter",
  'http_requests{code="200"} 10',
  "# HELP latency_ms Latency.",
  "# TYPE latency_ms histogram",
  'latency_ms_bucket{le="100"} 5',
  'latency_ms_bucket{le="50"} 3',
  "latency_ms_sum 400",
  "latency_ms_count 5",
];
