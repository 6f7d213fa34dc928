// Accessibility and phone layout. axe, with every default rule (WCAG 2 AA colour contrast
// included), finds nothing on: the empty page; the page with data (charts drawn, the transcript's
// latencies and a failed line), light and dark; the Lint tab listing problems; the push panel
// with its help open after a push; and a 390 px phone with data. On that phone the REPL hint
// shows whole, `:help` included, and every chart's Y-axis labels lie inside the chart.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "./fixtures";
import { openLint, openPlayground, paste, pasteToLint, PROBLEM_LINES } from "./playground";

const PHONE = { width: 390, height: 844 };

/** Runs axe over the whole page and fails listing each violation: rule, impact, where, why. */
async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? "no impact"}): ${v.help}\n  at ${n.target.join(" ")}\n  ${(n.failureSummary ?? "").replace(/\n/g, "\n  ")}`,
    ),
  );
  expect(found.length, `axe found ${found.length} violation(s):\n${found.join("\n")}\n`).toBe(0);
}

/** Typed lines (a failed one and a slow one among them), then the simulator for a moment:
 *  waits until every card draws its chart and the transcript shows the latencies. */
async function addData(page: Page): Promise<void> {
  await paste(page, "hello\nhéllo wörld\n:sleep 300\n:fail boom\nthe quick brown fox");
  const transcript = page.getByRole("log", { name: "Transcript" });
  await expect(transcript.getByText("error: boom")).toBeVisible();
  await expect(transcript.locator(".t-output", { hasText: "THE QUICK BROWN FOX" })).toBeVisible();
  await page.getByLabel("Lines per second").fill("200");
  await page.getByRole("button", { name: "Start simulator" }).click();
  await expect.poll(async () => Number((await page.getByTestId("sim-generated").innerText()).replace(/,/g, ""))).toBeGreaterThan(300);
  await page.getByRole("button", { name: "Stop simulator" }).click();
  await expect(page.getByRole("status", { name: "Simulator status" })).toContainText("Stopped");
  const cards = page.locator(".views-card");
  await expect(page.locator(".views-chart-waiting")).toHaveCount(0);
  await expect(cards.locator(".views-chart .recharts-surface")).toHaveCount(await cards.count());
  await expect(cards.getByRole("img", { name: /^Per-second rate of .*: now / })).not.toHaveCount(0);
  // Output and failed lines show their latency.
  await expect(transcript.locator(".t-output .t-latency").first()).toBeVisible();
  await expect(transcript.locator(".t-failed .t-latency")).toBeVisible();
}

/** How far the REPL hint overflows its box, in px (0 when it fits), measured in the page. */
function placeholderOverflow(page: Page): Promise<{ text: string; overflow: number }> {
  return page.getByRole("textbox", { name: "REPL input" }).evaluate((el: HTMLTextAreaElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const box = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: el.placeholder, overflow: Math.max(0, Math.ceil(context.measureText(el.placeholder).width - box)) };
  });
}

/** Every Y-axis tick label of every chart that is not wholly inside its chart's SVG. */
function clippedYTicks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGSVGElement>(".views-chart svg.recharts-surface")].flatMap((svg) => {
      const chart = svg.closest(".views-chart")?.getAttribute("aria-label") ?? "?";
      const box = svg.getBoundingClientRect();
      // Recharts 3 draws tick labels in their own layer, apart from the axis line and tick lines.
      return [...svg.querySelectorAll<SVGTextElement>(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")]
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
        })
        .map((t) => `"${t.textContent}" in ${chart}`);
    }),
  );
}

test.describe("light colour scheme", () => {
  test.use({ colorScheme: "light" });

  test("the empty page", async ({ page }) => {
    await openPlayground(page);
    await expectNoAxeViolations(page);
  });

  test("the page with data", async ({ page }) => {
    const errors = await openPlayground(page);
    await addData(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "test-results/a11y-desktop-light.png", fullPage: true });
    expect(errors).toEqual([]);
  });

  test("the Lint tab listing problems", async ({ page }) => {
    await openPlayground(page);
    await openLint(page);
    const problems = [
      ...PROBLEM_LINES,
      // Enough families without help to make the list scroll.
      ...Array.from({ length: 30 }, (_, i) => `# TYPE m${i} counter\nm${i} ${i}`),
      "",
    ].join("\n");
    await pasteToLint(page, problems);
    const result = page.getByRole("region", { name: "Lint result" });
    await expect(result).toContainText("problems in the pasted text");
    await expect(result.locator("tbody tr").filter({ hasText: "promtool" }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("region", { name: "Export" }).screenshot({ path: "test-results/a11y-lint-light.png" });
  });

  test("the push panel with its help open, after a push", async ({ page }) => {
    await openPlayground(page);
    await paste(page, "a\nb");
    await page.getByText("How Prometheus gets these metrics").click();
    await expect(page.getByLabel("prometheus.yml")).toContainText("honor_labels: true");
    await page.getByRole("button", { name: "Push to Pushgateway" }).click();
    await expect(page.getByRole("status", { name: "Push status" })).toContainText("Pushgateway unreachable");
    await expectNoAxeViolations(page);
    await page.getByRole("region", { name: "Send to Prometheus" }).screenshot({ path: "test-results/a11y-push-light.png" });
  });

  test("a 390 px phone with data: no violations, the REPL hint and chart labels whole", async ({ page }) => {
    await page.setViewportSize(PHONE);
    const errors = await openPlayground(page);
    expect(await placeholderOverflow(page)).toEqual({ text: expect.stringContaining(":help"), overflow: 0 });
    await addData(page);
    // The scrape config is wider than a phone: its box scrolls, so it must take keyboard focus.
    await page.getByText("How Prometheus gets these metrics").click();
    await expect(page.getByLabel("prometheus.yml")).toBeVisible();
    await expectNoAxeViolations(page);
    expect(await clippedYTicks(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/a11y-phone-light.png", fullPage: true });
    expect(errors).toEqual([]);
  });

  test("a 390 px phone: rate axis labels fit when the rate ticks need decimals", async ({ page }) => {
    // Time runs only when the test says, so history samples are exactly one second apart: 3 lines
    // a second make a rate of exactly 3/s (per second, or over a full 10 s window), whose axis
    // Recharts labelled 0, 0.75, 1.5, 2.25, 3 in an axis sized for "3".
    await page.setViewportSize(PHONE);
    await page.clock.install({ time: new Date("2025-03-01T12:00:00Z") });
    const errors = await openPlayground(page);
    await page.clock.pauseAt(new Date("2025-03-01T12:01:00Z"));
    await page.clock.runFor(1000);
    for (let second = 0; second < 11; second++) {
      await paste(page, "one\ntwo\nthree");
      await page.clock.runFor(1000);
    }
    const rate = page.getByRole("img", { name: /^Per-second rate of demo\/lines_in .*: now 3\/s$/ });
    await expect(rate).toBeVisible();
    await expect(rate.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")).not.toHaveCount(0);
    expect(await clippedYTicks(page)).toEqual([]);
    await rate.screenshot({ path: "test-results/a11y-phone-rate-3.png" });
    expect(errors).toEqual([]);
  });
});

test.describe("dark colour scheme", () => {
  test.use({ colorScheme: "dark" });

  test("the page with data", async ({ page }) => {
    const errors = await openPlayground(page);
    await addData(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "test-results/a11y-desktop-dark.png", fullPage: true });
    expect(errors).toEqual([]);
  });

  test("a 390 px phone with data", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await openPlayground(page);
    await addData(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "test-results/a11y-phone-dark.png", fullPage: true });
  });
});
