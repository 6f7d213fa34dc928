// Number formatting for people (not for exposition, which follows Go's rules exactly):
// readable and stable across locales (tests read it).
// Rule: at most 4 significant digits, but never fewer than the whole-number digits
// (1,523 not 1,520), thousands separators, "—" for NaN, a unit suffix from the measure's unit
// ("ms" → " ms", "By" → " B", "1" or "" → none).

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const significant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });
const scientific = new Intl.NumberFormat("en-US", { notation: "scientific", maximumSignificantDigits: 4 });

/** 3, 12.35, 1,523, 123,457, 0.05; scientific below 0.0001 and from 1e15; "—" for NaN. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "—";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "−Inf";
  if (n === 0) return "0"; // also -0
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-4) return scientific.format(n);
  return abs >= 1000 ? whole.format(n) : significant.format(n);
}

/** The suffix a measure unit gets after a number: "ms" → "ms", "By" → "B", "1" → "". */
export function unitSuffix(unit: string): string {
  if (unit === "" || unit === "1") return "";
  return unit.endsWith("By") ? `${unit.slice(0, -2)}B` : unit;
}

/** A count of things: "1 problem", "1,024 observations". */
export function formatCount(n: number, one: string): string {
  return `${formatNumber(n)} ${one}${n === 1 ? "" : "s"}`;
}

/** A number with its unit, e.g. "12.5 ms", "40 B", "3". */
export function formatValue(n: number, unit: string): string {
  const text = formatNumber(n);
  const suffix = unitSuffix(unit);
  return suffix && !Number.isNaN(n) ? `${text} ${suffix}` : text;
}

/** A per-second rate: "0.5/s", "12 B/s". */
export function formatRate(n: number, unit: string): string {
  const suffix = unitSuffix(unit);
  return `${formatNumber(n)}${suffix ? ` ${suffix}` : ""}/s`;
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** Wall-clock time of a history sample, HH:MM:SS in the local time zone. */
export function formatClock(t: number): string {
  return clock.format(t);
}

/** Milliseconds with one decimal below 100 ms, whole above. */
export function formatMs(ms: number): string {
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${whole.format(Math.round(ms))} ms`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
