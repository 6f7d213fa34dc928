// Golden files: the exposition of fixed sessions in both formats and both naming modes,
// compared byte for byte. Regenerate deliberately with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`
// and review the diff.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Naming, toOpenMetricsText, toPrometheusText } from "../src/engine/exposition";
import { goQuickstart, pythonQuickstart } from "../src/repl/quickstart";
import { goSession, pythonSession } from "./scenario";

const update = process.env.UPDATE_GOLDEN === "1";

function golden(file: string, actual: string): void {
  const url = new URL(`./golden/${file}`, import.meta.url);
  if (update) writeFileSync(url, actual);
  expect(existsSync(url), `golden file ${file} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(url, "utf8"));
}

const sessions = [
  { id: "go", make: goSession, namespace: goQuickstart.namespace },
  { id: "python", make: pythonSession, namespace: pythonQuickstart.namespace },
];

describe.each(sessions)("$id quickstart session", ({ id, make, namespace }) => {
  it.each(["opencensus", "prometheus"] as Naming[])("0.0.4, %s naming", (naming) => {
    golden(`${id}.${naming}.prom`, toPrometheusText(make().snapshot(), { namespace, naming }));
  });
  it.each(["opencensus", "prometheus"] as Naming[])("OpenMetrics, %s naming", (naming) => {
    golden(`${id}.${naming}.om.txt`, toOpenMetricsText(make().snapshot(), { namespace, naming }));
  });
});

it("no data writes nothing in 0.0.4 and only # EOF in OpenMetrics", () => {
  const stats = goSession();
  stats.reset();
  expect(toPrometheusText(stats.snapshot())).toBe("");
  expect(toOpenMetricsText(stats.snapshot())).toBe("# EOF\n");
});

it("an invalid namespace is refused, not silently rewritten", () => {
  expect(() => toPrometheusText(goSession().snapshot(), { namespace: "9 lives" })).toThrow(/namespace "9 lives" is not usable/);
});
