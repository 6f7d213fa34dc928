// A histogram bar's outline: from the baseline up, the top corners rounded by at most 3 px and
// never by more than half the bar's width or its height, so a thin or short bar stays a bar.
import { describe, expect, it } from "vitest";
import { barPath } from "./BarShape";

describe("barPath", () => {
  it("rounds the top corners by 3 px and keeps the bottom square", () => {
    expect(barPath(10, 20, 30, 40)).toBe("M10,60V23Q10,20 13,20H37Q40,20 40,23V60Z");
  });
  it("rounds by at most half the width or the height", () => {
    expect(barPath(0, 0, 4, 10)).toBe("M0,10V2Q0,0 2,0H2Q4,0 4,2V10Z");
    expect(barPath(0, 9, 10, 1)).toBe("M0,10V10Q0,9 1,9H9Q10,9 10,10V10Z");
  });
});
