// Fixed scenarios shared by the golden and reference tests: the Go quickstart's sample REPL
// loops (the values client_golang's reference output was made from), and a Python-preset
// session with failed lines.
import { createStats, type Stats, TagMap } from "../src/engine";
import { goQuickstart, keyError, keyMethod, keyStatus, pythonQuickstart } from "../src/repl/quickstart";

/** 2023-11-14T22:13:20.123Z: a fixed clock so `_created` is stable. */
export const FIXED_NOW = 1_700_000_000_123;

/** [latency ms, line typed]; line lengths 5, 0, 12, 6, 1200, 40 bytes (as the reference). */
export const GO_LOOPS: readonly [number, string][] = [
  [1523.4, "hello"],
  [0.05, ""],
  [312.25, "naïve café"], // 12 UTF-8 bytes, 10 UTF-16 units
  [25, "abcdef"],
  [7000.5, "x".repeat(1200)],
  [88.125, "the quick brown fox jumps over the lazy!"],
];

export const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

export function goSession(): Stats {
  const stats = createStats({ now: () => FIXED_NOW });
  stats.registerView(...goQuickstart.views);
  const tags = TagMap.empty().insert(keyMethod, "repl");
  for (const [ms, line] of GO_LOOPS)
    stats.record(tags, goQuickstart.latency.m(ms), goQuickstart.lineLength.m(utf8Length(line)));
  return stats;
}

/** Lines of the Python preset: [latency ms, line, error message or null]. */
export const PYTHON_LOOPS: readonly [number, string, string | null][] = [
  [12.5, "hello", null],
  [420, "SELECT 1", null],
  [3.25, ":fail boom", "boom"],
  [7.75, ':fail quote " and back\\slash', 'quote " and back\\slash'],
  [66, "", null],
];

export function pythonSession(): Stats {
  const stats = createStats({ now: () => FIXED_NOW });
  stats.registerView(...pythonQuickstart.views);
  const base = TagMap.empty().insert(keyMethod, "repl");
  for (const [ms, line, error] of PYTHON_LOOPS) {
    const tags =
      error === null ? base.upsert(keyStatus, "OK") : base.upsert(keyStatus, "ERROR").upsert(keyError, error);
    stats.record(tags, pythonQuickstart.latency.m(ms), pythonQuickstart.lineLength.m(utf8Length(line)));
  }
  return stats;
}
