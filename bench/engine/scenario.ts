// What one engine scenario reports: its timings per contestant and how to read them.
import type { Timing } from "../harness";

export interface ScenarioResult {
  id: string;
  title: string;
  /** "op" for record scenarios (ns/op, ops/s), "exposition" for text rendering (ms, renders/s). */
  unit: "op" | "exposition";
  opsPerPass: number;
  timings: Timing[];
  notes: string[];
}

/** A contestant's median pass, ms; undefined when it did not run in that scenario. */
export function medianOf(s: ScenarioResult, name: string): number | undefined {
  return s.timings.find((t) => t.name === name)?.medianMs;
}
