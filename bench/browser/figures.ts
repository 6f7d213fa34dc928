// Arithmetic and wording shared by the scenarios' figures: medians, per-second counts, units.
// Rule: one spelling for each unit in every table (ms with one decimal, kB and MB of 1,000 and
// 1,000,000 bytes, whole counts with thousands separators, "—" for a figure that has no value).
import { fmt } from "../harness";

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** How many of `times` fall in each whole second after `start`, for `seconds` seconds. */
export function perSecond(times: readonly number[], start: number, seconds: number): number[] {
  const out = new Array<number>(seconds).fill(0);
  for (const t of times) {
    const s = Math.floor((t - start) / 1000);
    if (s >= 0 && s < seconds) out[s]!++;
  }
  return out;
}

/** "min a, median b, max c" of per-second counts. */
export function spread(xs: readonly number[]): string {
  return xs.length ? `min ${Math.min(...xs)}, median ${median(xs)}, max ${Math.max(...xs)}` : "—";
}

export const ms = (x: number | null): string => (x === null || Number.isNaN(x) ? "—" : `${fmt(x, 1)} ms`);
export const kB = (bytes: number): string => `${fmt(bytes / 1000, 2)} kB`;
export const MB = (bytes: number | null): string => (bytes === null ? "—" : `${fmt(bytes / 1e6, 2)} MB`);
export const int = (n: number): string => n.toLocaleString("en-US");
export const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));
