// Unit tests for command arguments: words (bare and quoted, with escapes) and key=value tags,
// every refusal with its message, and how tags are written back.
import { describe, expect, it } from "vitest";
import { formatTags, parseTags, readWord, tagMapOf } from "./args";
import { tagKey } from "../engine";

const tags = (text: string) => {
  const r = parseTags(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const refusal = (text: string) => {
  const r = parseTags(text);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(text)}`);
  return r.error;
};

describe("parseTags", () => {
  it("reads bare values up to whitespace, and none at all", () => {
    expect(tags("method=GET  status=200\tregion=eu")).toEqual([
      { key: "method", value: "GET" },
      { key: "status", value: "200" },
      { key: "region", value: "eu" },
    ]);
    expect(tags("")).toEqual([]);
    expect(tags("   ")).toEqual([]);
    expect(tags("a=x=y")).toEqual([{ key: "a", value: "x=y" }]); // only the first "=" splits
  });

  it("reads quoted values with spaces, \\\" and \\\\ inside; key= and key=\"\" are the empty value", () => {
    expect(tags('region="eu west" quote="say \\"hi\\"" path="C:\\\\tmp"')).toEqual([
      { key: "region", value: "eu west" },
      { key: "quote", value: 'say "hi"' },
      { key: "path", value: "C:\\tmp" },
    ]);
    expect(tags('a= b=""')).toEqual([
      { key: "a", value: "" },
      { key: "b", value: "" },
    ]);
    expect(tags('a="=x y"')).toEqual([{ key: "a", value: "=x y" }]);
  });

  it("creates keys that are new, as the engine's tagKey", () => {
    const name = `brand_new_key_${Date.now()}`;
    expect(tags(`${name}=1`)).toEqual([{ key: name, value: "1" }]);
    expect(tagKey(name).name).toBe(name);
  });

  it("refuses every mistake with the reason", () => {
    expect(refusal("method")).toBe('"method" has no "="; tags are written key=value, e.g. method=GET or region="eu west"');
    expect(refusal("a=1 b")).toBe('"b" has no "="; tags are written key=value, e.g. method=GET or region="eu west"');
    expect(refusal("=x")).toBe('a tag has no key before "=" (at "=x")');
    expect(refusal('a="open')).toBe('the value of tag "a" opens a quote that is never closed');
    expect(refusal('a="x\\n"')).toBe('the value of tag "a" has \\n inside quotes; the only escapes are \\" and \\\\');
    expect(refusal('a="x\\')).toBe('the value of tag "a" has \\ at the end inside quotes; the only escapes are \\" and \\\\');
    expect(refusal('a="x"y')).toBe('the value of tag "a" has text right after its closing quote ("y"); put a space between words');
    expect(refusal('a=x"y"')).toBe('the value of tag "a" has a quote inside it; quote the whole value: a="…" (with \\" for a quote inside)');
    expect(refusal('"a"=1')).toBe('tag key "\\""… has a quote; only values may be quoted (key="a b")');
    expect(refusal("a=1 a=2")).toBe('tag "a" is given twice');
    expect(refusal("clé=1")).toMatch(/^tag key "clé" has a non-printable character at index 2 \(0xe9\)/);
    expect(refusal("k=café")).toMatch(/^tag value for "k" has a non-printable character at index 3 \(0xe9\)/);
    expect(refusal(`k="${"x".repeat(256)}"`)).toMatch(/^tag value for "k" is 256 characters long/);
    expect(refusal(`${"k".repeat(256)}=1`)).toMatch(/is 256 characters long/);
  });

  it("reads from a position, and says where it ended", () => {
    const r = parseTags(":x a=1 b=2", 3);
    expect(r).toEqual({ ok: true, value: [{ key: "a", value: "1" }, { key: "b", value: "2" }], end: 10 });
  });
});

describe("readWord", () => {
  it("reads a bare or quoted word after any whitespace", () => {
    expect(readWord("  repl/latency 12", 0, "the measure name")).toEqual({ ok: true, value: { text: "repl/latency", quoted: false }, end: 14 });
    expect(readWord('"my latency" 12', 0, "the measure name")).toEqual({ ok: true, value: { text: "my latency", quoted: true }, end: 12 });
    expect(readWord('"a \\"b\\""', 0, "w")).toMatchObject({ ok: true, value: { text: 'a "b"' } });
  });

  it("refuses a missing word, an open quote, glued text and a stray quote", () => {
    expect(readWord("   ", 0, "the value")).toEqual({ ok: false, error: "the value is missing" });
    expect(readWord('"abc', 0, "the measure name")).toEqual({ ok: false, error: "the measure name opens a quote that is never closed" });
    expect(readWord('"a"b', 0, "w")).toMatchObject({ ok: false, error: expect.stringMatching(/text right after its closing quote/) });
    expect(readWord('ab"c', 0, "w")).toEqual({ ok: false, error: 'w "ab\\""… has a quote inside it; quote the whole word: "…"' });
  });
});

describe("formatTags and tagMapOf", () => {
  it("write tags as Prometheus labels, escaping quotes and backslashes", () => {
    expect(formatTags([])).toBe("");
    expect(formatTags([{ key: "m", value: 'a "b" \\c' }, { key: "n", value: "" }])).toBe('{m="a \\"b\\" \\\\c",n=""}');
  });

  it("builds the engine's TagMap", () => {
    const map = tagMapOf([{ key: "method", value: "x" }, { key: "region", value: "eu west" }]);
    expect(map.get(tagKey("method"))).toBe("x");
    expect(map.get(tagKey("region"))).toBe("eu west");
    expect(map.size).toBe(2);
  });
});
