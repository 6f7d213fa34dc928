import { describe, expect, it } from "vitest";
import { StatsError, TagError } from "./errors";
import { TagMap, tagKey, tagValueProblem } from "./tags";

describe("tagKey", () => {
  it("accepts 1–255 printable ASCII characters and interns by name", () => {
    expect(tagKey("method").name).toBe("method");
    expect(tagKey("method")).toBe(tagKey("method"));
    expect(tagKey(" ~").name).toBe(" ~");
    expect(tagKey("k".repeat(255)).name).toHaveLength(255);
  });

  it.each([
    ["", /tag key "" is empty; it must be 1–255 printable ASCII characters/],
    ["k".repeat(256), /is 256 characters long; it must be 1–255 printable ASCII/],
    ["bad\nkey", /tag key "bad\\nkey" has a non-printable character at index 3 \(0x0a\)/],
    ["café", /non-printable character at index 3 \(0xe9\)/],
    ["tab\tkey", /index 3 \(0x09\)/],
    ["del\x7f", /index 3 \(0x7f\)/],
  ])("refuses %j with a message naming the rule", (name, message) => {
    const err = (() => {
      try {
        tagKey(name);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TagError);
    expect(err).toBeInstanceOf(StatsError);
    expect((err as TagError).code).toBe("TAG_KEY");
    expect((err as Error).message).toMatch(message);
  });
});

describe("TagMap", () => {
  const k = tagKey("k");
  const other = tagKey("other");

  it("is immutable: every mutator returns a new map and leaves the old one alone", () => {
    const empty = TagMap.empty();
    const one = empty.insert(k, "a");
    expect(empty.size).toBe(0);
    expect(one.get(k)).toBe("a");
    const two = one.upsert(other, "b");
    expect(one.has(other)).toBe(false);
    expect(two.get(other)).toBe("b");
    const gone = two.delete(k);
    expect(two.get(k)).toBe("a");
    expect(gone.has(k)).toBe(false);
  });

  it("insert only adds an absent key", () => {
    const m = TagMap.empty().insert(k, "first").insert(k, "second");
    expect(m.get(k)).toBe("first");
  });

  it("update only changes a present key", () => {
    expect(TagMap.empty().update(k, "x").has(k)).toBe(false);
    expect(TagMap.empty().insert(k, "x").update(k, "y").get(k)).toBe("y");
  });

  it("upsert sets either way; delete of an absent key is a no-op", () => {
    expect(TagMap.empty().upsert(k, "x").upsert(k, "y").get(k)).toBe("y");
    const m = TagMap.empty().insert(k, "x");
    expect(m.delete(other)).toBe(m);
  });

  it("accepts empty and 255-character printable values", () => {
    expect(TagMap.empty().insert(k, "").get(k)).toBe("");
    expect(TagMap.empty().insert(k, "v".repeat(255)).get(k)).toHaveLength(255);
    expect(TagMap.empty().insert(k, ` !"#\\~`).get(k)).toBe(` !"#\\~`);
  });

  it.each(["insert", "update", "upsert"] as const)(
    "%s refuses an invalid value, naming the key, the index and the rule",
    (op) => {
      const base = TagMap.empty().insert(tagKey("error"), "ok");
      expect(() => base[op](tagKey("error"), "bad\nvalue")).toThrow(
        'tag value for "error" has a non-printable character at index 3 (0x0a); it must be at most 255 printable ASCII characters (0x20–0x7E)',
      );
      expect(() => base[op](tagKey("error"), "v".repeat(256))).toThrow(/is 256 characters long/);
      expect(base.get(tagKey("error"))).toBe("ok");
    },
  );

  it("of() validates every pair before building anything", () => {
    expect(TagMap.of({ a: "1", b: "2" }).size).toBe(2);
    expect(() => TagMap.of({ a: "1", b: "é" })).toThrow(TagError);
    expect(() => TagMap.of({ "": "1" })).toThrow(/tag key "" is empty/);
  });

  it("tagValueProblem explains or returns null", () => {
    expect(tagValueProblem("error", "fine")).toBeNull();
    expect(tagValueProblem("error", "✓")).toMatch(/tag value for "error" has a non-printable character at index 0 \(0x2713\)/);
  });
});
