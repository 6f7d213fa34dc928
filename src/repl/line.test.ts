import { describe, expect, it } from "vitest";
import { meaningOf, splitLines } from "./line";

describe("meaningOf", () => {
  it("processes ordinary lines by upper-casing them, the empty line too", () => {
    expect(meaningOf("hello")).toEqual({ kind: "process", output: "HELLO", extraLatencyMs: 0 });
    expect(meaningOf("")).toEqual({ kind: "process", output: "", extraLatencyMs: 0 });
    expect(meaningOf("  : not a command")).toMatchObject({ kind: "process" });
  });

  it(":fail takes the rest of the line as the error message", () => {
    expect(meaningOf(":fail boom")).toEqual({ kind: "fail", error: "boom" });
    expect(meaningOf(':fail disk "full" \\o/')).toEqual({ kind: "fail", error: 'disk "full" \\o/' });
  });

  it(":fail refuses a message that is not a valid tag value, and a missing one", () => {
    const r = meaningOf(":fail café");
    expect(r.kind).toBe("refused");
    expect(r.kind === "refused" && r.reason).toMatch(/not recorded: tag value for "error" has a non-printable character at index 3 \(0xe9\)/);
    expect(meaningOf(":fail " + "x".repeat(256))).toMatchObject({ kind: "refused" });
    expect(meaningOf(":fail")).toMatchObject({ kind: "refused", reason: expect.stringMatching(/usage: :fail <message>/) });
  });

  it(":sleep adds simulated latency; bad arguments are refused", () => {
    expect(meaningOf(":sleep 300")).toEqual({ kind: "process", output: ":SLEEP 300", extraLatencyMs: 300 });
    expect(meaningOf(":sleep 0.5")).toMatchObject({ extraLatencyMs: 0.5 });
    expect(meaningOf(":sleep .5")).toMatchObject({ extraLatencyMs: 0.5 });
    expect(meaningOf(":sleep  12 ")).toMatchObject({ extraLatencyMs: 12 });
    // Decimal numbers only, as :help says: no hex, octal, binary, exponents, signs or words.
    for (const bad of [":sleep", ":sleep -1", ":sleep abc", ":sleep 1e99", ":sleep Infinity", ":sleep 0x10", ":sleep 0o7", ":sleep 0b1", ":sleep 1e3", ":sleep +5", ":sleep 5.", ":sleep 1_000", ":sleep 3600001"])
      expect(meaningOf(bad)).toMatchObject({ kind: "refused", reason: expect.stringMatching(/usage: :sleep <ms>/) });
  });

  it(":help and :clear, case-insensitive; unknown commands are explained", () => {
    expect(meaningOf(":help")).toEqual({ kind: "help" });
    expect(meaningOf(":CLEAR")).toEqual({ kind: "clear" });
    expect(meaningOf(":frobnicate now")).toMatchObject({
      kind: "refused",
      reason: expect.stringMatching(/^unknown command :frobnicate; nothing recorded/),
    });
  });
});

describe("splitLines", () => {
  it("splits on any line break; a final break ends the last line", () => {
    expect(splitLines("a\nb\r\nc\rd")).toEqual(["a", "b", "c", "d"]);
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\n\n")).toEqual(["a", ""]);
    expect(splitLines("")).toEqual([""]);
    expect(splitLines("\n")).toEqual([""]);
  });
});
