// Texts the linter refuses to look at, so bad input can never hang or flood it.
// Rules: more than 10 MiB of UTF-8 is refused; so is a text where more than 10% of the
// characters, and at least MIN_BINARY of them, are control characters other than tab, newline
// and carriage return (NUL included), or U+FFFD, what undecodable bytes become: that is
// binary, not an exposition. A few NULs or other controls are not refused: both formats allow
// them in label values (OpenMetrics requires NUL there), and the format's parser says where
// it does not.

export const MAX_BYTES = 10 * 1024 * 1024;
/** Fewer control characters than this never make a text binary, however short it is. */
export const MIN_BINARY = 16;

/** Why `text` is refused, or null when it can be linted. */
export function refusal(text: string): string | null {
  const tooLarge = `the text is larger than ${MAX_BYTES / 1024 / 1024} MiB`;
  if (text.length > MAX_BYTES) return tooLarge;
  let bytes = 0;
  let binary = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
      if (c < 0x20) {
        if (c !== 9 && c !== 10 && c !== 13) binary++;
      } else if (c === 0x7f) binary++;
    } else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
      if (c === 0xfffd) binary++;
    }
  }
  if (bytes > MAX_BYTES) return tooLarge;
  if (binary >= MIN_BINARY && binary * 10 > text.length)
    return `${binary} of ${text.length} characters are control characters: it looks binary, not like an exposition`;
  return null;
}
