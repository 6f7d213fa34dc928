// The arguments of REPL commands: words (a measure name, a number) and `key=value` tags.
// Pure: no recording, no clock. Rules:
// - words are separated by whitespace; a word is either bare (a run of non-whitespace without
//   quotes) or quoted: `"a b"`, where `\"` is a quote and `\\` a backslash, and no other
//   backslash escape exists (a `\n` inside quotes is refused, not guessed at);
// - a tag is `key=value`: the key is bare and not empty; the value is bare (it ends at
//   whitespace) or quoted (`key="a b"`); `key=` is the empty value; a quote inside a bare value,
//   text glued to a closing quote, a word without `=`, a quote left open are each refused with
//   the reason, never read some other way;
// - a tag key follows the engine's rules (tagKey: 1–255 printable ASCII; a new key is simply
//   created), a value the engine's too (tagValueProblem); a key given twice is refused;
// - everything is checked before anything is used: a parse either gives every tag or one
//   message saying what is wrong and where.

import { TagMap, tagKey, tagValueProblem } from "../engine";

export interface Tag {
  key: string;
  value: string;
}

export type Parsed<T> = { ok: true; value: T; end: number } | { ok: false; error: string };

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** The index of the first non-whitespace character at or after `from` (text.length at the end). */
export function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

/** `"…"` starting at `from` (a quote): its content with escapes read, and where it ended. */
function readQuoted(text: string, from: number, what: string): Parsed<string> {
  let out = "";
  let i = from + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { ok: true, value: out, end: i + 1 };
    if (c === "\\") {
      const next = text[i + 1];
      if (next === '"' || next === "\\") {
        out += next;
        i += 2;
        continue;
      }
      const shown = next === undefined ? "\\ at the end" : `\\${next}`;
      return { ok: false, error: `${what} has ${shown} inside quotes; the only escapes are \\" and \\\\` };
    }
    out += c;
    i++;
  }
  return { ok: false, error: `${what} opens a quote that is never closed` };
}

/** After a closing quote, a word ends: whitespace or the end must follow. */
function endsAfterQuote(text: string, end: number, what: string): string | null {
  if (end >= text.length || isSpace(text[end])) return null;
  return `${what} has text right after its closing quote (${JSON.stringify(text.slice(end, end + 20))}); put a space between words`;
}

/**
 * One word starting at `from` (after any whitespace): quoted (`"a b"`, escapes `\"` `\\`) or
 * bare (up to whitespace; a quote inside a bare word is refused). `what` names it in messages.
 */
export function readWord(text: string, from: number, what: string): Parsed<{ text: string; quoted: boolean }> {
  const start = skipSpaces(text, from);
  if (start >= text.length) return { ok: false, error: `${what} is missing` };
  if (text[start] === '"') {
    const q = readQuoted(text, start, what);
    if (!q.ok) return q;
    const glued = endsAfterQuote(text, q.end, what);
    if (glued) return { ok: false, error: glued };
    return { ok: true, value: { text: q.value, quoted: true }, end: q.end };
  }
  let i = start;
  while (i < text.length && !isSpace(text[i])) {
    if (text[i] === '"')
      return { ok: false, error: `${what} ${JSON.stringify(text.slice(start, i + 1))}… has a quote inside it; quote the whole word: "…"` };
    i++;
  }
  return { ok: true, value: { text: text.slice(start, i), quoted: false }, end: i };
}

/**
 * Every `key=value` from `from` to the end of `text`, checked by the engine's rules (keys are
 * created with tagKey, values checked with tagValueProblem) and for repeats.
 */
export function parseTags(text: string, from = 0): Parsed<Tag[]> {
  const tags: Tag[] = [];
  let i = skipSpaces(text, from);
  while (i < text.length) {
    const start = i;
    while (i < text.length && text[i] !== "=" && text[i] !== '"' && !isSpace(text[i])) i++;
    const key = text.slice(start, i);
    if (text[i] === '"')
      return { ok: false, error: `tag key ${JSON.stringify(key + '"')}… has a quote; only values may be quoted (key="a b")` };
    if (text[i] !== "=") {
      return {
        ok: false,
        error: `${JSON.stringify(key)} has no "="; tags are written key=value, e.g. method=GET or region="eu west"`,
      };
    }
    if (key === "") return { ok: false, error: `a tag has no key before "=" (at ${JSON.stringify(text.slice(start, start + 20))})` };
    i++; // the "="
    const what = `the value of tag ${JSON.stringify(key)}`;
    let value: string;
    if (text[i] === '"') {
      const q = readQuoted(text, i, what);
      if (!q.ok) return q;
      const glued = endsAfterQuote(text, q.end, what);
      if (glued) return { ok: false, error: glued };
      value = q.value;
      i = q.end;
    } else {
      const valueStart = i;
      while (i < text.length && !isSpace(text[i])) {
        if (text[i] === '"')
          return {
            ok: false,
            error: `${what} has a quote inside it; quote the whole value: ${key}="…" (with \\" for a quote inside)`,
          };
        i++;
      }
      value = text.slice(valueStart, i);
    }
    try {
      tagKey(key); // the engine's rule for keys; a new key is created here
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    const problem = tagValueProblem(key, value);
    if (problem) return { ok: false, error: problem };
    if (tags.some((t) => t.key === key)) return { ok: false, error: `tag ${JSON.stringify(key)} is given twice` };
    tags.push({ key, value });
    i = skipSpaces(text, i);
  }
  return { ok: true, value: tags, end: i };
}

/** The tags as the engine's TagMap (every key and value already checked by parseTags). */
export function tagMapOf(tags: readonly Tag[]): TagMap {
  let map = TagMap.empty();
  for (const t of tags) map = map.insert(tagKey(t.key), t.value);
  return map;
}

/** Tags as Prometheus writes labels: `{method="x",region="eu \"west\""}`; "" for none. */
export function formatTags(tags: readonly Tag[]): string {
  if (tags.length === 0) return "";
  return `{${tags.map((t) => `${t.key}="${t.value.replace(/[\\"]/g, (c) => "\\" + c)}"`).join(",")}}`;
}
