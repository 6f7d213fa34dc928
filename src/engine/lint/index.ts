// The engine's lint entry point: everything we know to check in an exposition text, promtool's
// checks in its own words among them.

export { lintExposition, detectFormat, type LintProblem, type LintResult, type LintRule } from "./lint";
