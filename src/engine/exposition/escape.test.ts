import { expect, it } from "vitest";
import { escapeHelp, escapeLabelValue, escapeOpenMetricsHelp } from "./escape";

it("label values escape backslash, double quote and newline only", () => {
  expect(escapeLabelValue(`a\\b"c\nd\te`)).toBe(`a\\\\b\\"c\\nd\te`);
  expect(escapeLabelValue("plain")).toBe("plain");
});

it("0.0.4 HELP escapes backslash and newline but not the double quote", () => {
  expect(escapeHelp(`a\\b"c\nd`)).toBe(`a\\\\b"c\\nd`);
});

it("OpenMetrics HELP escapes all three", () => {
  expect(escapeOpenMetricsHelp(`a\\b"c\nd`)).toBe(`a\\\\b\\"c\\nd`);
});
