// The calendar of PromQL's date functions (promql/functions.go dateWrapper and funcYear, funcMonth,
// … at v2.42.0): time.Unix(int64(v), 0).UTC() in Go's proleptic Gregorian calendar. Rules: the
// value is truncated toward zero as Go's int64 conversion does (NaN, ±Inf and values beyond the
// int64 range become the smallest int64, as on amd64), and Go's absolute-time arithmetic wraps
// modulo 2^64 exactly as it does there, so even those give Go's answer.

/** One instant's calendar fields, as Go's time.Time reports them in UTC. */
export interface CivilTime {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 1–366 */
  yearDay: number;
  /** 0 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

/** Seconds from Go's absolute zero (year -292277022399) to the Unix epoch: a whole number of days. */
const UNIX_TO_ABSOLUTE = 9223372028715321600n;
const UNIX_TO_ABSOLUTE_DAYS = UNIX_TO_ABSOLUTE / 86400n;
const INT64_MIN = -9223372036854775808;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar fields of a day number and second of day. */
function civil(days: number, secOfDay: number): CivilTime {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    yearDay: days - daysFromCivil(year, 1, 1) + 1,
    weekday: (((days + 4) % 7) + 7) % 7,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
  };
}

/** time.Unix(int64(seconds), 0).UTC() as calendar fields. */
export function civilFromUnixSeconds(seconds: number): CivilTime {
  if (Number.isFinite(seconds) && Math.abs(seconds) < 2 ** 53) {
    const sec = Math.trunc(seconds);
    const days = Math.floor(sec / 86400);
    return civil(days, sec - days * 86400);
  }
  // int64(x) for NaN, ±Inf or out of range is the smallest int64 on amd64; beyond 2^53 the
  // truncated value is exact in a double and converted to BigInt.
  const sec = Number.isNaN(seconds) || seconds >= 9223372036854775808 || seconds < INT64_MIN ? BigInt(INT64_MIN) : BigInt(seconds);
  const abs = BigInt.asUintN(64, sec + UNIX_TO_ABSOLUTE);
  const days = Number(abs / 86400n - UNIX_TO_ABSOLUTE_DAYS);
  return civil(days, Number(abs % 86400n));
}

/** Days in the month of `t` (funcDaysInMonth: 32 − time.Date(y, m, 32).Day()). */
export function daysInMonth(t: CivilTime): number {
  return [31, isLeap(t.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][t.month - 1]!;
}
