// Scenario 4a: what keeping exemplars costs the page's record. The page's configuration: an
// engine with the measurement log (capacity N), the Go quickstart's views, and each line
// recording its latency and line length under method=repl, status=OK with `line_id` = a new
// transcript entry id per line, a number, as session.ts passes it. "ours" is the same engine with exemplars
// off recording through `record`; "ours, exemplars on" uses recordWithExemplarId with the
// page's template (no trace id) and the line's id, as session.ts records a line. Goal: at most
// 20% slower (main.ts).
// Both engines must hold the same data, and the "on" one an exemplar in every bucket it filled.
import { createStats, type DistributionData, TagMap } from "../../src/engine";
import { goQuickstart, keyMethod, keyStatus } from "../../src/repl/quickstart";
import { type Contestant, race } from "../harness";
import { fail, N, out, RECORD_PASSES, values } from "./data";
import type { ScenarioResult } from "./scenario";

function engine(exemplars: boolean) {
  const stats = createStats({ log: { capacity: N }, exemplars });
  stats.registerView(...goQuickstart.views);
  return stats;
}

export async function recordWithExemplars(): Promise<ScenarioResult> {
  const off = engine(false);
  const on = engine(true);
  const tags = TagMap.empty().insert(keyMethod, "repl").insert(keyStatus, "OK");
  const { latency, lineLength } = goQuickstart;
  const lengths = Array.from({ length: 64 }, (_, i) => (i * 37) % 120);
  let lineId = 0;
  const template = on.exemplarTemplate({});
  const contestants: Contestant[] = [
    {
      name: "ours",
      run: () => {
        for (let i = 0; i < N; i++) off.record(tags, latency.m(values[i]!), lineLength.m(lengths[i & 63]!));
      },
    },
    {
      name: "ours, exemplars on",
      run: () => {
        for (let i = 0; i < N; i++)
          on.recordWithExemplarId(tags, template, ++lineId, latency.m(values[i]!), lineLength.m(lengths[i & 63]!));
      },
    },
  ];
  const timings = await race(contestants, RECORD_PASSES.warmup, RECORD_PASSES.timed);
  const a = off.snapshot();
  const b = on.snapshot();
  const strip = (data: unknown) => JSON.stringify(data, (k, v: unknown) => (k === "exemplars" || k === "exemplar" || k === "end" ? undefined : v));
  if (strip(a.map((v) => v.rows)) !== strip(b.map((v) => v.rows))) fail("4a: the engine with exemplars recorded other data than the one without");
  for (const vd of b)
    for (const row of vd.rows)
      if (row.data.type === "distribution") {
        const d = row.data as DistributionData;
        if (d.bucketCounts.some((c, i) => c > 0 && d.exemplars?.[i] === undefined)) fail(`4a: ${vd.view.name} has a filled bucket without an exemplar`);
      }
  out.sink += lineId;
  return { id: "4a", title: "record (page: log, Go views), exemplars on vs off", unit: "op", opsPerPass: N, timings, notes: [] };
}
