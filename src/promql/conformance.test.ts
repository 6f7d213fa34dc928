// The hand-computed PromQL test scripts in test/promql/cases (Prometheus's promql/test.go
// language, run by test/promql/script.ts): every eval must pass — none may be skipped or
// refused. Prometheus's own testdata runs in test/promql/conformance.ts (needs the git mirror).
// The scripts come in through Vite's import.meta.glob: this layer imports no node: module.

import { describe, expect, it } from "vitest";
import { runScript } from "../../test/promql/script";

const scripts = import.meta.glob<string>("../../test/promql/cases/*.test", { query: "?raw", import: "default", eager: true });

it("has the case files", () => {
  expect(Object.keys(scripts).length).toBeGreaterThanOrEqual(6);
});

for (const [path, text] of Object.entries(scripts)) {
  describe(path.replace(/^.*\//, ""), () => {
    const outcomes = runScript(text);
    it("has evals", () => expect(outcomes.length).toBeGreaterThan(0));
    for (const o of outcomes) {
      it(`line ${o.line}: ${o.expr}`, () => {
        expect(o.message ?? "").toBe("");
        expect(o.status).toBe("passed");
      });
    }
  });
}
