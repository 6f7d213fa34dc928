import fc from "fast-check";
import { expect, it } from "vitest";
import { utf8Length } from "./utf8";

it("counts UTF-8 bytes like Go's len, not UTF-16 units", () => {
  expect(utf8Length("")).toBe(0);
  expect(utf8Length("hello")).toBe(5);
  expect(utf8Length("héllo")).toBe(6);
  expect(utf8Length("✓")).toBe(3);
  expect(utf8Length("😀")).toBe(4);
  expect(utf8Length("\ud800")).toBe(3); // lone surrogate → U+FFFD
});

it("equals TextEncoder's byte count for any string, lone surrogates included", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.oneof(fc.constantFrom("\ud800", "\udc00"), fc.string({ unit: "grapheme" })) }), (s) => {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }),
    { numRuns: 500 },
  );
});
