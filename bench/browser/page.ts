// A page for one scenario: a new browser context on the playground with no stored settings
// (e2e's openPlayground: load, clear localStorage, reload), its errors collected, the in-page
// helpers the scenarios read (window.__bench), and a click that costs the page nothing extra.
// Rule: inside a measured window, scenarios click with clickOn (a CSS selector, then a real
// mouse click at the element's centre) and read the page with page.evaluate, never with
// getByRole/getByLabel locators: Playwright resolves those on the page's main thread (the
// accessibility tree, accessible names), which shows up as the page's own long tasks.
import type { Browser, Page } from "@playwright/test";

import { openPlayground } from "../../e2e/playground";
import { pageOptions } from "../../e2e/support/environment";

/** What a view card's `count` entry shows. */
export interface CardCount {
  present: boolean;
  /** The number in the card's `count` entry, when it is a plain whole number (commas allowed). */
  value: number | null;
  text: string | null;
}

interface BenchHelpers {
  cardCount(view: string): CardCount;
  /** The `data-value` of a Count/Sum card's big number (`[data-testid="scalar-value"]`), or null. */
  scalarValue(view: string): number | null;
  /** The value of the exposition sample named exactly `name` (no labels), or null. */
  sample(name: string): number | null;
  /** The simulator's "lines recorded" number (`[data-testid="sim-generated"]`), or null. */
  generated(): number | null;
  /** The simulator status line's text. */
  simulatorStatus(): string;
}

declare global {
  interface Window {
    __bench?: BenchHelpers;
  }
}

/** Runs in every page before the app's scripts. */
function installHelpers(): void {
  const digits = (text: string): number | null => {
    const d = text.trim().replace(/[\s,\u00a0\u202f]/g, "");
    return /^\d+$/.test(d) ? Number(d) : null;
  };
  window.__bench = {
    cardCount(view) {
      const card = document.querySelector(`[data-testid="view-card-${view}"]`);
      if (!card) return { present: false, value: null, text: null };
      for (const dt of Array.from(card.querySelectorAll("dt"))) {
        if ((dt.textContent ?? "").trim().toLowerCase() !== "count") continue;
        const dd = dt.nextElementSibling;
        const text = dd && dd.tagName === "DD" ? (dd.textContent ?? "").trim() : "";
        return { present: true, value: digits(text), text };
      }
      return { present: true, value: null, text: null };
    },
    scalarValue(view) {
      const dd = document.querySelector(`[data-testid="view-card-${view}"] [data-testid="scalar-value"]`);
      const raw = dd?.getAttribute("data-value");
      if (raw === null || raw === undefined || raw === "") return null;
      const n = Number(raw);
      return Number.isFinite(n) ? n : null;
    },
    sample(name) {
      const area = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Exposition text"]');
      if (!area) return null;
      const text = area.value;
      const head = name + " ";
      let i = text.startsWith(head) ? 0 : text.indexOf("\n" + head);
      if (i < 0) return null;
      if (i > 0) i += 1;
      const end = text.indexOf("\n", i);
      return Number(text.slice(i + head.length, end < 0 ? undefined : end));
    },
    generated() {
      const el = document.querySelector('[data-testid="sim-generated"]');
      return el ? digits(el.textContent ?? "") : null;
    },
    simulatorStatus() {
      return (document.querySelector('[role="status"][aria-label="Simulator status"]')?.textContent ?? "").trim();
    },
  };
}

export interface FreshPage {
  page: Page;
  /** Page errors, console errors and crashes, as they happen. */
  errors: string[];
  close: () => Promise<void>;
}

export async function freshPage(browser: Browser, url: string): Promise<FreshPage> {
  const context = await browser.newContext({ ...pageOptions, baseURL: url });
  // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`; the page
  // has no such helper, so functions passed to evaluate would throw without this shim.
  await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
  await context.addInitScript(installHelpers);
  const page = await context.newPage();
  const early: string[] = [];
  let errors: string[] | null = null;
  page.on("crash", () => (errors ?? early).push("page crashed"));
  errors = await openPlayground(page);
  errors.push(...early);
  // Let the first render, the first exposition refresh and the first charts settle.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), 500);
      }),
  );
  return { page, errors, close: () => context.close() };
}

/**
 * Clicks the element `selector` finds (which must contain `text`, when given) with the mouse at
 * its centre, scrolling it into view first if it is not wholly in the viewport: in the page, one
 * querySelector and a hit test; then CDP mouse events, as a person's click arrives.
 */
export async function clickOn(page: Page, selector: string, text?: string): Promise<void> {
  const at = await page.evaluate(
    ({ selector, text }) => {
      const el = document.querySelector(selector);
      if (!el) return `nothing matches ${selector}`;
      if (text !== undefined && !(el.textContent ?? "").includes(text))
        return `${selector} says ${JSON.stringify((el.textContent ?? "").trim())}, not ${JSON.stringify(text)}`;
      let r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
        el.scrollIntoView({ block: "center", inline: "nearest" });
        r = el.getBoundingClientRect();
      }
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) return `${selector} is covered at its centre by ${hit?.outerHTML.slice(0, 80) ?? "nothing"}`;
      return { x, y };
    },
    { selector, text },
  );
  if (typeof at === "string") throw new Error(`cannot click: ${at}`);
  await page.mouse.click(at.x, at.y);
}
