import { describe, expect, it } from "vitest";
import { MeasureError } from "./errors";
import { measureFloat64, measureInt64 } from "./measure";

describe("measures", () => {
  it("carry name, description, unit and type", () => {
    const m = measureFloat64("repl/latency", { description: "The latency in milliseconds per REPL loop", unit: "ms" });
    expect(m).toMatchObject({ name: "repl/latency", unit: "ms", type: "float64" });
    expect(measureInt64("repl/line_lengths", { description: "d", unit: "By" }).type).toBe("int64");
  });

  it("make measurements of finite values", () => {
    const m = measureFloat64("f", { unit: "1" });
    expect(m.m(1.5)).toEqual({ measure: m, value: 1.5 });
    expect(m.m(-0.25).value).toBe(-0.25);
  });

  it.each([NaN, Infinity, -Infinity])("refuse %s", (v) => {
    const m = measureFloat64("f", { unit: "1" });
    expect(() => m.m(v)).toThrow(MeasureError);
    expect(() => m.m(v)).toThrow(`measure "f" (float64) cannot record ${v}; its values must be a finite number`);
  });

  it("Int64 refuses non-integers and unsafe integers", () => {
    const m = measureInt64("repl/line_lengths", { unit: "By" });
    expect(m.m(12).value).toBe(12);
    expect(() => m.m(1.5)).toThrow(
      'measure "repl/line_lengths" (int64) cannot record 1.5; its values must be a safe integer',
    );
    expect(() => m.m(2 ** 53)).toThrow(MeasureError);
    expect(() => m.m(NaN)).toThrow(MeasureError);
  });

  it("refuse bad names and units", () => {
    expect(() => measureFloat64("", { unit: "ms" })).toThrow(/measure name "" is empty/);
    expect(() => measureFloat64("x".repeat(256), { unit: "ms" })).toThrow(/256 characters long/);
    expect(() => measureFloat64("lat\u00e9ncy", { unit: "ms" })).toThrow(/non-printable character at index 3 \(0xe9\)/);
    expect(() => measureFloat64("ok", { unit: "µs" })).toThrow(/unit of measure "ok" has a non-printable character/);
    try {
      measureFloat64("", { unit: "ms" });
    } catch (e) {
      expect((e as MeasureError).code).toBe("MEASURE_NAME");
    }
  });
});
