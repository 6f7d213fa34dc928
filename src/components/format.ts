// Number formatting for people (not for exposition, which follows Go's rules exactly).
const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const significant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

/** 12,345 for whole numbers; 4 significant digits otherwise; "—" for NaN. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "—";
  if (!Number.isFinite(n)) return n > 0 ? "+∞" : "−∞";
  return Number.isInteger(n) ? grouped.format(n) : significant.format(n);
}

/** Milliseconds with one decimal below 100 ms, whole above. */
export function formatMs(ms: number): string {
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${grouped.format(Math.round(ms))} ms`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
