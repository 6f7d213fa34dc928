// Number formatting exactly as Prometheus's Go client writes it (prometheus/common expfmt).
// Rules:
// - 0.0.4: strconv.FormatFloat(v, 'g', -1, 64): shortest round-trip digits, exponent form
//   when the decimal exponent is < −4 or ≥ 6 (not JavaScript's 21), exponent with a sign and
//   at least two digits (`1e+06`, `1e-05`); NaN, +Inf, -Inf; negative zero prints `0`.
// - OpenMetrics: the same, plus `.0` when the result has neither `.` nor `e` (`25.0`, `1e+06`).
// - Counts (bucket counts, `_count`) are integers and print as integers, as client_golang's uint64.

/** A float as Prometheus text 0.0.4 writes it (Go's strconv.FormatFloat(v, 'g', -1, 64)): `1e+06`, `0.0001`, `NaN`, `+Inf`. */
export function formatFloat(v: number): string {
  if (v === 0) return "0"; // also -0: expfmt tests f == 0 first
  const a = v < 0 ? -v : v;
  if (a >= 1e-4 && a < 1e6) return String(v); // JS uses fixed notation here, with shortest digits
  if (v !== v) return "NaN";
  if (a === Infinity) return v > 0 ? "+Inf" : "-Inf";
  // toExponential() without an argument gives the shortest round-trip digits.
  const s = v.toExponential();
  const e = s.indexOf("e");
  const digits = s.slice(e + 2);
  return s.slice(0, e + 2) + (digits.length < 2 ? "0" + digits : digits);
}

/** A float as OpenMetrics writes it: formatFloat, plus `.0` on whole numbers (`25.0`). */
export function formatOpenMetricsFloat(v: number): string {
  const s = formatFloat(v);
  if (v !== v || v === Infinity || v === -Infinity) return s;
  return s.indexOf(".") < 0 && s.indexOf("e") < 0 ? s + ".0" : s;
}

/** A count of observations: always a whole number, written without exponent. */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : formatFloat(n);
}
