// The target quantiles the designer measures layouts against (its accuracy table, the compare and
// the bucket advisor), as typed: `0.5, 0.9, 0.99`.
// Rules: 1–MAX_TARGETS numbers, each strictly between 0 and 1 (what the advisor takes), no
// repeats, separated by commas and/or spaces; each refusal names the target and says why.
// Pure: unit-tested in Node.

export const DEFAULT_TARGETS: readonly number[] = [0.5, 0.9, 0.99];
export const MAX_TARGETS = 6;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type ParsedTargets = { ok: true; value: number[] } | { ok: false; problem: string };

export function parseTargets(text: string): ParsedTargets {
  const t = text.trim();
  if (t === "") return { ok: false, problem: "no target quantiles: list one or more, e.g. 0.5, 0.9, 0.99" };
  const items = t.split(/\s*,\s*|\s+/);
  if (items.length > MAX_TARGETS) return { ok: false, problem: `${items.length} target quantiles: at most ${MAX_TARGETS}` };
  const value: number[] = [];
  for (const item of items) {
    if (item === "") return { ok: false, problem: "a target quantile is empty: two commas in a row, or a comma at either end" };
    const q = Number(item);
    if (!DECIMAL.test(item) || !(q > 0 && q < 1))
      return { ok: false, problem: `target quantile "${item}" must be a number strictly between 0 and 1, such as 0.5 or 0.99` };
    if (value.includes(q)) return { ok: false, problem: `target quantile ${item} is listed twice` };
    value.push(q);
  }
  return { ok: true, value };
}

/** p50, p90, p99, p99.9: a quantile as people name it. */
export function quantileName(q: number): string {
  return `p${Number((q * 100).toPrecision(10))}`;
}
