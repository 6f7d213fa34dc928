// What the round-trip specs ask of the real Prometheus and of the page: instant queries through
// the HTTP API, the exact number behind a card's statistic, and the 1e-9 agreement they demand.
import { expect, type Page } from "../e2e/fixtures";

export const PROMETHEUS = process.env.RT_PROMETHEUS_URL!;
export const JOB = 'job="metrics_playground"';

/** Every value an instant query returns (Prometheus's error text when it refuses). */
export async function query(expr: string): Promise<number[]> {
  const r = await fetch(`${PROMETHEUS}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await r.json()) as { status: string; data: { result: { value: [number, string] }[] }; error?: string };
  if (body.status !== "success") throw new Error(`Prometheus refused ${expr}: ${body.error}`);
  return body.data.result.map((s) => Number(s.value[1]));
}

/** The exact number behind a card's statistic (data-value), all rows. */
export async function stat(page: Page, view: string, name: string): Promise<number> {
  const dd = page.getByTestId(`view-card-${view}`).locator(`dt:text-is("${name}") + dd`);
  return Number(await dd.getAttribute("data-value"));
}

export function expectClose(actual: number, expected: number, what: string): void {
  const rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(rel, `${what}: Prometheus ${actual}, page ${expected}`).toBeLessThanOrEqual(1e-9);
}
