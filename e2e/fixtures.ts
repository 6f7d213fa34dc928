// The `test` and `expect` every e2e spec imports: Playwright's, plus an automatic check that no
// page broke the Content-Security-Policy.
// Rule: before each test, an init script in every page of the test's browser context records each
// `securitypolicyviolation` event (directive, blocked URI, page); after the test, any violation
// still recorded fails it, listed one per line. A test that causes violations on purpose reads
// them through the `cspViolations` fixture and clears them once it has checked them.
import { test as base, type BrowserContext } from "@playwright/test";

// Everything else (expect, types) is Playwright's own, so a spec changes only its import line.
export * from "@playwright/test";

export interface CspViolation {
  /** e.g. `script-src-elem` (the effective directive that refused). */
  directive: string;
  /** What was refused: a URL, or `inline` / `eval`. */
  blockedURI: string;
  /** The document it happened in. */
  page: string;
  /** The policy that refused (the header's and the <meta>'s each report their own). */
  policy: string;
  /** Where it happened (script file and line) and the first characters of what was refused, when the browser says. */
  source: string;
  sample: string;
}

export interface CspViolations {
  /** Every violation recorded in this test and not cleared, from every page of its context. */
  read(): Promise<CspViolation[]>;
  /** Declares every violation recorded so far expected: the check after the test ignores them. */
  clear(): Promise<void>;
}

type Recorded = CspViolation & { key: string };

const BINDING = "__playgroundCspViolation";
const LIST = "__playgroundCspViolations";

/** Runs in every document before its own scripts (as an init script: the page's CSP does not apply). */
function recordViolations(names: { binding: string; list: string }): void {
  const doc = `${Date.now()}-${Math.random()}`;
  const recorded: Recorded[] = [];
  Object.defineProperty(window, names.list, { value: recorded });
  window.addEventListener(
    "securitypolicyviolation",
    (e) => {
      const v: Recorded = {
        key: `${doc}#${recorded.length}`,
        directive: e.effectiveDirective,
        blockedURI: e.blockedURI,
        page: e.documentURI,
        policy: e.originalPolicy,
        source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : "",
        sample: e.sample,
      };
      recorded.push(v);
      // Reported at once too, so that a violation survives a reload or navigation.
      const report = (window as unknown as Record<string, ((v: Recorded) => Promise<void>) | undefined>)[names.binding];
      void report?.(v);
    },
    true,
  );
}

async function watch(context: BrowserContext): Promise<CspViolations> {
  const seen = new Map<string, Recorded>();
  const cleared = new Set<string>();
  await context.exposeBinding(BINDING, (_source, v: Recorded) => void seen.set(v.key, v));
  await context.addInitScript(recordViolations, { binding: BINDING, list: LIST });
  // Also collect what the open documents hold, in case a report is still on its way.
  const collect = async () => {
    for (const page of context.pages())
      for (const frame of page.frames()) {
        const list = await frame.evaluate((name) => (window as unknown as Record<string, Recorded[] | undefined>)[name] ?? [], LIST).catch(() => []);
        for (const v of list) seen.set(v.key, v);
      }
    return [...seen.values()].filter((v) => !cleared.has(v.key));
  };
  return {
    read: async () => (await collect()).map(({ key: _key, ...v }) => v),
    clear: async () => {
      for (const v of await collect()) cleared.add(v.key);
    },
  };
}

/** The check the automatic fixture makes after each test: throws, listing them, if there are any. */
export function assertNoCspViolations(violations: readonly CspViolation[]): void {
  if (violations.length === 0) return;
  throw new Error(
    `${violations.length} Content-Security-Policy violation(s):\n` +
      violations
        .map((v) => `  ${v.directive} refused ${v.blockedURI || "(no URI)"} on ${v.page}${v.source ? ` from ${v.source}` : ""}${v.sample ? `: ${v.sample}` : ""}`)
        .join("\n"),
  );
}

export const test = base.extend<{ cspViolations: CspViolations; failOnCspViolations: void }>({
  cspViolations: async ({ context }, use) => {
    await use(await watch(context));
  },
  failOnCspViolations: [
    async ({ cspViolations }, use) => {
      await use();
      assertNoCspViolations(await cspViolations.read());
    },
    { auto: true },
  ],
});
