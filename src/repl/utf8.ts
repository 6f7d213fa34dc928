// The length of a line as the Go quickstart measures it: `len(line)`, i.e. UTF-8 bytes,
// not JavaScript's UTF-16 code units. A lone surrogate counts as U+FFFD (3 bytes), which is
// what encoding the text as UTF-8 (TextEncoder) produces.

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
