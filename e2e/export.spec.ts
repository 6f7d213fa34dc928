// The export panel: formats, naming, namespace, copy, and a real linter on what it shows.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { exposition, expectSample, openPlayground, paste } from "./playground";

test("OpenMetrics text ends with # EOF", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "one\ntwo\n:sleep 50");
  await page.getByLabel(/^Format/).selectOption("openmetrics");
  await expectSample(page, "ocmetricstutorial_demo_lines_in_total 3");
  expect(await exposition(page).inputValue()).toMatch(/\n# EOF\n$/);
});

test("Copy puts exactly the shown text on the clipboard, and it passes promtool in Prometheus naming", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPlayground(page);
  await paste(page, 'hello\nhéllo wörld\n\n:fail oops\n:sleep 120\nquote " and back\\slash');
  await page.getByLabel("Naming").selectOption("prometheus");
  await expectSample(page, "ocmetricstutorial_demo_lines_in_total 6");
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await exposition(page).inputValue());

  const dir = mkdtempSync(join(tmpdir(), "playground-promtool-"));
  try {
    const file = join(dir, "metrics.prom");
    writeFileSync(file, copied);
    const run = spawnSync("promtool", ["check", "metrics"], { input: copied, encoding: "utf8", timeout: 20_000 });
    if (run.error) throw new Error(`promtool is needed (sudo apt-get install prometheus): ${run.error.message}`);
    expect({ status: run.status, out: (run.stdout + run.stderr).trim() }).toEqual({ status: 0, out: "" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an invalid namespace is explained and the last valid one stays in use", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb");
  const ns = page.getByLabel("Namespace");
  await ns.fill("my app");
  await expect(page.getByRole("alert")).toContainText('namespace "my app" is not usable');
  await expect(page.getByRole("alert")).toContainText('Still using "ocmetricstutorial"');
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  await ns.fill("shop");
  await expectSample(page, "shop_demo_lines_in 2");
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("Download saves the shown text as metrics.prom / metrics.om.txt", async ({ page }) => {
  await openPlayground(page);
  await paste(page, "a\nb");
  await expectSample(page, "ocmetricstutorial_demo_lines_in 2");
  for (const [format, name] of [
    ["prometheus", "metrics.prom"],
    ["openmetrics", "metrics.om.txt"],
  ] as const) {
    await page.getByLabel(/^Format/).selectOption(format);
    await expect.poll(async () => (await exposition(page).inputValue()).endsWith("# EOF\n")).toBe(format === "openmetrics");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download", exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(name);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(path, "utf8")).toBe(await exposition(page).inputValue());
  }
});
