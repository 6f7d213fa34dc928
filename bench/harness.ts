// Timing harness for the benchmarks: a seeded PRNG, interleaved warm-up + timed passes, and
// table formatting. Kept apart so each scenario file reads as its contestants and checks.

/** mulberry32, shared with the tests (test/seeded.ts). */
export { mulberry32 } from "../test/seeded";

export interface Contestant {
  readonly name: string;
  /** One timed pass; may be async (prom-client's registry.metrics() is). */
  readonly run: () => void | Promise<void>;
}

export interface Timing {
  readonly name: string;
  /** Wall time of each timed pass, ms. */
  readonly passesMs: readonly number[];
  readonly medianMs: number;
  readonly bestMs: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs `warmup` untimed then `timed` timed passes of every contestant, interleaved: pass p runs
 * all contestants, starting at a rotating offset, so drift (thermal, GC, neighbours) hits all alike.
 */
export async function race(
  contestants: readonly Contestant[],
  warmup: number,
  timed: number,
): Promise<Timing[]> {
  const samples = contestants.map(() => [] as number[]);
  const n = contestants.length;
  for (let p = 0; p < warmup + timed; p++) {
    for (let k = 0; k < n; k++) {
      const idx = (p + k) % n;
      const c = contestants[idx]!;
      const t0 = process.hrtime.bigint();
      const r = c.run();
      if (r instanceof Promise) await r;
      const t1 = process.hrtime.bigint();
      if (p >= warmup) samples[idx]!.push(Number(t1 - t0) / 1e6);
    }
  }
  return contestants.map((c, i) => {
    const passesMs = samples[i]!;
    return { name: c.name, passesMs, medianMs: median(passesMs), bestMs: Math.min(...passesMs) };
  });
}

/** Left-aligned text columns; numeric-looking cells are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const numeric = /^[-+]?[\d.,]+ ?(×|%|ms|ns|M\/s|\/s)?$/;
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => (numeric.test(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export const fmt = (x: number, digits = 2): string =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
