// Replay is live recording, bit for bit (property): for any interleaving of records and view
// registrations, a view filled from the log holds exactly the rows — counts, sums, means, squared
// deviations, buckets, row order; an exponential histogram's scale, offsets and counts, in seconds
// for the measure in ms — that it would hold had it been registered before the first measurement
// the log still holds; with a small row limit, the same overflow row and the same counts of what
// it merged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Aggregation, count, distribution, lastValue, sum } from "./aggregation";
import { exponentialHistogram } from "./exponential";
import { measureFloat64 } from "./measure";
import { createStats } from "./stats";
import { tagKey } from "./tags";
import type { ViewDefinition } from "./view";

const measures = [measureFloat64("r/a", { unit: "ms" }), measureFloat64("r/b", { unit: "By" })];
const keys = [tagKey("k1"), tagKey("k2")];
const aggregations: Aggregation[] = [
  count(),
  sum(),
  lastValue(),
  distribution([-1, 0, 0.5, 3, 100]),
  exponentialHistogram(),
  exponentialHistogram({ maxBuckets: 4, maxScale: 3, zeroThreshold: 0.001 }),
];

const record = fc.record({
  kind: fc.constant("record" as const),
  measure: fc.integer({ min: 0, max: 1 }),
  value: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  k1: fc.constantFrom(undefined, "", "x", "y"),
  k2: fc.constantFrom(undefined, "p", "q"),
});
const register = fc.record({
  kind: fc.constant("register" as const),
  measure: fc.integer({ min: 0, max: 1 }),
  aggregation: fc.integer({ min: 0, max: aggregations.length - 1 }),
  keys: fc.subarray([0, 1]),
  rowLimit: fc.constantFrom(undefined, 1, 2, 3),
});
const steps = fc.array(fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: register }), { maxLength: 120 });

type Step = fc.Arbitrary<unknown> extends never ? never : { kind: "record" | "register" } & Record<string, unknown>;

function tagsOf(s: { k1?: string; k2?: string }): Record<string, string> {
  const t: Record<string, string> = {};
  if (s.k1 !== undefined) t.k1 = s.k1;
  if (s.k2 !== undefined) t.k2 = s.k2;
  return t;
}

function check(capacity: number, run: Step[]) {
  const logged = createStats({ log: { capacity, resolutionMs: 0 } });
  const records: { measure: number; value: number; tags: Record<string, string> }[] = [];
  const views: ViewDefinition[] = [];
  for (const step of run) {
    if (step.kind === "record") {
      const s = step as unknown as { measure: number; value: number; k1?: string; k2?: string };
      const tags = tagsOf(s);
      logged.record(tags, measures[s.measure]!.m(s.value));
      records.push({ measure: s.measure, value: s.value, tags });
    } else {
      const s = step as unknown as { measure: number; aggregation: number; keys: number[]; rowLimit?: number };
      const def: ViewDefinition = {
        name: `v${views.length}`,
        measure: measures[s.measure]!,
        aggregation: aggregations[s.aggregation]!,
        tagKeys: s.keys.map((i) => keys[i]!),
        rowLimit: s.rowLimit,
      };
      views.push(def);
      // The live engine: the view registered before the measurements the log still holds.
      const live = createStats();
      live.registerView(def);
      for (const r of records.slice(-capacity)) live.record(r.tags, measures[r.measure]!.m(r.value));
      logged.registerView(def);
      const replayed = logged.viewData(def.name!)!;
      const recorded = live.viewData(def.name!)!;
      expect(replayed.rows).toEqual(recorded.rows);
      expect([replayed.combinations, replayed.overflow]).toEqual([recorded.combinations, recorded.overflow]);
    }
  }
}

describe("replay from the measurement log (property)", () => {
  it("equals live recording when the log holds everything", () => {
    fc.assert(fc.property(steps, (run) => check(1_000, run as Step[])), { numRuns: 300 });
  });

  it("equals live recording of the measurements still held when the log has wrapped", () => {
    fc.assert(fc.property(steps, fc.integer({ min: 1, max: 20 }), (run, capacity) => check(capacity, run as Step[])), {
      numRuns: 300,
    });
  });
});
