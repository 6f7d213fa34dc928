// Printable-ASCII checks shared by tag keys, tag values, measure and view names.
// Rule (opencensus-go tag/validate.go): only 0x20–0x7E, at most 255 characters.
// Returns the first offending index so messages can point at it.

export const MAX_NAME_LENGTH = 255;

/** Index of the first character outside printable ASCII, or -1. */
export function firstNonPrintable(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return i;
  }
  return -1;
}

/** `0x0a`-style code of the character at `i` (code point, so emoji show whole). */
export function hexAt(s: string, i: number): string {
  const cp = s.codePointAt(i) ?? 0;
  return "0x" + cp.toString(16).padStart(2, "0");
}

/** Describes why `s` is not a valid printable name, or returns null when it is. */
export function printableProblem(
  s: string,
  what: string,
  opts: { allowEmpty: boolean },
): string | null {
  const rule = `${opts.allowEmpty ? "at most " : "1–"}${MAX_NAME_LENGTH} printable ASCII characters (0x20–0x7E)`;
  if (typeof s !== "string") return `${what} must be a string of ${rule}`;
  if (!opts.allowEmpty && s.length === 0) return `${what} is empty; it must be ${rule}`;
  if (s.length > MAX_NAME_LENGTH)
    return `${what} is ${s.length} characters long; it must be ${rule}`;
  const bad = firstNonPrintable(s);
  if (bad >= 0)
    return `${what} has a non-printable character at index ${bad} (${hexAt(s, bad)}); it must be ${rule}`;
  return null;
}
