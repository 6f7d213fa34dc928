// The REPL as a person uses it: each line is a loop that prints and records.
import { expect, test } from "./fixtures";
import { exposition, expectSample, openPlayground, paste, replInput, sampleValue, typeLine } from "./playground";

const LENGTHS = "ocmetricstutorial_demo_line_lengths_bucket";

test("typing hello prints < HELLO, and three lines count 3", async ({ page }) => {
  const errors = await openPlayground(page);
  await typeLine(page, "hello");
  await expect(page.getByRole("log", { name: "Transcript" })).toContainText("< HELLO");
  await typeLine(page, "metrics");
  await typeLine(page, "playground");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 3");
  await expect(replInput(page)).toHaveValue("");
  expect(errors).toEqual([]);
});

test("héllo counts 6 UTF-8 bytes: le=10, not le=5", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, "héllo");
  await expectSample(page, `${LENGTHS}{le="10"} 1`);
  await expectSample(page, `${LENGTHS}{le="5"} 0`);
  await expectSample(page, "ocmetricstutorial_demo_line_lengths_sum 6");
});

test("an empty line is a line of length 0: le=0", async ({ page }) => {
  await openPlayground(page);
  await replInput(page).press("Enter");
  await expectSample(page, `${LENGTHS}{le="0"} 1`);
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
});

test(":sleep 300 moves a latency observation into the 400 bucket", async ({ page }) => {
  await openPlayground(page);
  // In a pasted block each loop starts when the previous output was printed, so the second
  // line's latency is the 300 ms it slept plus almost nothing.
  await paste(page, "warm up\n:sleep 300");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  const transcript = page.getByRole("log", { name: "Transcript" });
  const slept = transcript.locator("li", { hasText: "< :SLEEP 300" });
  const ms = Number((await slept.locator(".t-latency").innerText()).replace(/[^\d.]/g, ""));
  expect(ms).toBeGreaterThanOrEqual(300);
  expect(ms).toBeLessThan(400);
  const b = (le: string) => sampleValue(page, `ocmetricstutorial_demo_latency_bucket{method="repl",le="${le}"}`);
  const [le200, le400] = [await b("200"), await b("400")];
  expect(le400! - le200!).toBeGreaterThanOrEqual(1);
});

test(":fail boom records a row with status=ERROR in the Python preset; bad messages are refused", async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel("Preset").selectOption("python");
  await typeLine(page, ":fail boom");
  await expect(page.getByRole("log", { name: "Transcript" })).toContainText("error: boom");
  await expectSample(page, 'oc_python_demo_lines_in{error="boom",method="repl",status="ERROR"} 1');
  await typeLine(page, ":fail café");
  await expect(page.getByRole("log", { name: "Transcript" })).toContainText(
    'not recorded: tag value for "error" has a non-printable character at index 3 (0xe9)',
  );
  await typeLine(page, ":nope");
  await expect(page.getByRole("log", { name: "Transcript" })).toContainText("unknown command :nope; nothing recorded");
  await typeLine(page, "ok");
  await expectSample(page, 'oc_python_demo_lines_in{error="",method="repl",status="OK"} 1');
  await expectSample(page, 'oc_python_demo_lines_in{error="boom",method="repl",status="ERROR"} 1');
});

test("Shift+Enter adds a line; Enter then runs both", async ({ page }) => {
  await openPlayground(page);
  const input = replInput(page);
  await input.pressSequentially("first");
  await input.press("Shift+Enter");
  await input.pressSequentially("second");
  await expect(input).toHaveValue("first\nsecond");
  await input.press("Enter");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
});

test("pasting 1,000 lines records exactly 1,000", async ({ page }) => {
  await openPlayground(page);
  await paste(page, Array.from({ length: 1000 }, (_, i) => `pasted line ${i + 1}`).join("\n") + "\n");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1000");
  await expect(page.getByRole("log", { name: "Transcript" })).toContainText("< PASTED LINE 1000");
});

test(":help lists the commands and :clear clears only the transcript", async ({ page }) => {
  await openPlayground(page);
  await typeLine(page, "keep me");
  await typeLine(page, ":help");
  const log = page.getByRole("log", { name: "Transcript" });
  for (const c of [":fail <message>", ":sleep <ms>", ":clear", ":help"]) await expect(log).toContainText(c);
  await typeLine(page, ":clear");
  await expect(log).not.toContainText("KEEP ME");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 1");
  await expect(exposition(page)).toBeVisible();
});

test("100,000 pasted lines: all recorded, the transcript keeps a bounded window and says so", async ({ page }) => {
  await openPlayground(page);
  await paste(page, Array.from({ length: 100_000 }, (_, i) => `l${i + 1}`).join("\n"));
  await expectSample(page, "ocmetricstutorial_demo_lines_in 100000");
  const log = page.getByRole("log", { name: "Transcript" });
  await expect(log).toContainText("< L100000");
  // 100,000 lines and their outputs; the window keeps 1,000 entries: the last 500 lines.
  await expect(log).toContainText("99,500 earlier lines are not shown, with their output");
  expect(await log.locator("li.t-input").count()).toBe(500);
  expect(await log.locator("li").count()).toBeLessThanOrEqual(1000);
  await typeLine(page, "still typing");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 100001");
});

test("the transcript follows new output unless the person scrolled up", async ({ page }) => {
  await openPlayground(page);
  const log = page.getByRole("log", { name: "Transcript" });
  const atBottom = () => log.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 8);
  await paste(page, Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n"));
  await expect(log).toContainText("< LINE 199");
  await expect.poll(atBottom).toBe(true);
  await log.evaluate((el) => {
    el.scrollTop = 0;
    el.dispatchEvent(new Event("scroll"));
  });
  await typeLine(page, "while scrolled up");
  await expect(log).toContainText("< WHILE SCROLLED UP");
  expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
  await log.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
    el.dispatchEvent(new Event("scroll"));
  });
  await typeLine(page, "back at the bottom");
  await expect(log).toContainText("< BACK AT THE BOTTOM");
  await expect.poll(atBottom).toBe(true);
});
