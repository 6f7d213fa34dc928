import { describe, expect, it } from "vitest";
import { goFloatError, goQuote, goQuoteByte, firstUtf8Byte, isGoInt64, isWellFormed, parseGoFloat } from "./gostrconv";

describe("parseGoFloat: strconv.ParseFloat after Prometheus's refusal of p, P and _", () => {
  it.each([
    ["+Inf", Infinity],
    ["-Inf", -Infinity],
    ["+Infinity", Infinity],
    ["iNfInItY", Infinity],
    ["-inf", -Infinity],
    ["NAN", NaN],
    ["nan", NaN],
    ["1e-05", 1e-5],
    [".5", 0.5],
    ["7.", 7],
    ["+2E-3", 0.002],
    ["-0", -0],
    ["-1", -1],
    ["1e-400", 0],
  ])("reads %j", (text, value) => {
    expect(parseGoFloat(text)).toBe(value);
  });

  it.each([
    ["", "strconv.ParseFloat: parsing \"\": invalid syntax"],
    ["+NaN", 'strconv.ParseFloat: parsing "+NaN": invalid syntax'],
    ["infin", 'strconv.ParseFloat: parsing "infin": invalid syntax'],
    ["0x10", 'strconv.ParseFloat: parsing "0x10": invalid syntax'],
    ["0x1P4", "unsupported character in float"],
    ["1_000", "unsupported character in float"],
    ["1e", 'strconv.ParseFloat: parsing "1e": invalid syntax'],
    ["1e999", 'strconv.ParseFloat: parsing "1e999": value out of range'],
    ["-1e999", 'strconv.ParseFloat: parsing "-1e999": value out of range'],
    ["12\t3", 'strconv.ParseFloat: parsing "12\\t3": invalid syntax'],
  ])("refuses %j as Go does: %s", (text, message) => {
    expect(parseGoFloat(text)).toBeNull();
    expect(goFloatError(text)).toBe(message);
  });

  it("stays linear on a megabyte of digits", () => {
    expect(parseGoFloat("1".repeat(1_000_000) + "x")).toBeNull();
    expect(goFloatError("9".repeat(1_000_000))).toMatch(/…: value out of range$/);
  });
});

it("isGoInt64 is strconv.ParseInt(s, 10, 64)", () => {
  for (const s of ["0", "+5", "-9223372036854775808", "9223372036854775807", "007"]) expect(isGoInt64(s), s).toBe(true);
  for (const s of ["", "+", "1.0", "9223372036854775808", "-9223372036854775809", "1e3", " 1"]) expect(isGoInt64(s), s).toBe(false);
});

describe("quoting as Go's %q, invalid UTF-8 standing as lone surrogates", () => {
  it("quotes controls, quotes and pairs", () => {
    expect(goQuote('a"b\\c\n\t\x00\x7f\u0085é😀')).toBe('"a\\"b\\\\c\\n\\t\\x00\\x7f\\u0085é😀"');
    expect(goQuote("x".repeat(250))).toBe(`"${"x".repeat(200)}"…`);
  });

  it("shows U+DC80–U+DCFF as the byte it stands for, other lone surrogates as U+FFFD", () => {
    expect(goQuote("a\udcffb")).toBe('"a\\xffb"');
    expect(goQuote("\ud800")).toBe('"\\ufffd"');
    expect(isWellFormed("a\udcff")).toBe(false);
    expect(isWellFormed("😀")).toBe(true);
    expect(firstUtf8Byte("\udcc3", 0)).toBe(0xc3);
    expect(firstUtf8Byte("é", 0)).toBe(0xc3);
    expect(goQuoteByte(0xc3)).toBe("'Ã'");
    expect(goQuoteByte(0)).toBe("'\\x00'");
  });
});
