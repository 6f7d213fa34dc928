// Runs Prometheus v2.42.0's own PromQL test scripts (promql/testdata/*.test, read with `git show`
// from the mirror, never copied here) through this evaluator and prints, per file, how many
// evals passed, failed, or were refused as not supported, with the first failures.
// Usage: npx tsx test/promql/conformance.ts [--all-failures] [file-substring]
// Rule: a refusal counts only when the evaluator itself says "not supported"; anything else that
// differs from Prometheus's expected answer is a failure.

import { execFileSync } from "node:child_process";
import { runScript, type EvalOutcome } from "./script";

const MIRROR = process.env.PROMETHEUS_MIRROR ?? "/work/.mirror/prometheus+prometheus/repo";
const TAG = "v2.42.0";

function git(...args: string[]): string {
  return execFileSync("git", ["-C", MIRROR, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

const args = process.argv.slice(2);
const allFailures = args.includes("--all-failures");
const filter = args.find((a) => !a.startsWith("--"));
const files = git("ls-tree", "--name-only", `${TAG}:promql/testdata`)
  .split("\n")
  .filter((f) => f.endsWith(".test") && (filter === undefined || f.includes(filter)));

const totals = { passed: 0, failed: 0, unsupported: 0 };
const unsupportedReasons = new Map<string, number>();
for (const file of files) {
  const text = git("show", `${TAG}:promql/testdata/${file}`);
  let outcomes: EvalOutcome[];
  try {
    outcomes = runScript(text);
  } catch (e) {
    console.log(`${file}: script error: ${(e as Error).message}`);
    totals.failed++;
    continue;
  }
  const count = (s: EvalOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const passed = count("passed");
  const failed = count("failed");
  const unsupported = count("unsupported");
  totals.passed += passed;
  totals.failed += failed;
  totals.unsupported += unsupported;
  console.log(`${file}: ${passed} passed, ${failed} failed, ${unsupported} refused as not supported`);
  const failures = outcomes.filter((o) => o.status === "failed");
  for (const f of allFailures ? failures : failures.slice(0, 5)) console.log(`  FAIL line ${f.line}: ${f.expr}\n       ${f.message}`);
  for (const u of outcomes.filter((o) => o.status === "unsupported")) {
    const reason = u.message!.replace(/"[^"]*"/g, "…");
    unsupportedReasons.set(reason, (unsupportedReasons.get(reason) ?? 0) + 1);
    if (allFailures) console.log(`  REFUSED line ${u.line}: ${u.expr}\n       ${u.message}`);
  }
}
console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.unsupported} refused as not supported`);
for (const [reason, n] of unsupportedReasons) console.log(`  refused ${n}×: ${reason}`);
process.exitCode = totals.failed === 0 ? 0 : 1;
