// `npx tsx bench/wire/remoteWrite.ts`: the remote-write encoder (src/wire/remoteWrite.ts,
// remoteWriteBatches.ts) on an hour of 1 s scrapes of 500 series (3,600 samples each,
// 1,800,000 samples), cut into batches of 2,000 samples as the app cuts a history (slabs of
// 10 min, series by series within a slab), and, for comparison, in strict time order.
// Measures:
//   throughput  samples/s of encode + snappy over the prepared batches (the goal: ≥ 2,000,000/s
//               in Node; the real goal is measured in Chromium), each of the two alone, cutting
//               the batches alone, and the whole pipeline. Median of timed passes after warm-up,
//               interleaved (bench/harness.ts race).
//   wire size   bytes per sample after snappy of (a) our layout, one TimeSeries per series per
//               batch (and a', the same cut in strict time order), against (b) what Prometheus 2.42's own remote write sends for the same
//               samples: one TimeSeries per sample with its labels repeated
//               (storage/remote/queue_manager.go populateTimeSeries), in batches of
//               MaxSamplesPerSend, 500 by default in 2.42 (config/config.go DefaultQueueConfig)
//               and 2,000 in later versions.
// Goals are reported, never asserted.
// The history (bench/wire/history.ts) and the layouts' sizes (bench/wire/layouts.ts) are shared
// with the Chromium scenario (`npm run bench:browser -- --only remote-write`).
import {
  encodeWriteRequest,
  remoteWriteBody,
  samplesInRange,
  snappyCompress,
  slabBatches,
  timeOrderedBatches,
} from "../../src/wire";
import { HISTORY_SLAB_MS } from "../../src/store/remoteWrite";
import { fmt, race, table } from "../harness";
import { SAMPLES, SERIES, history } from "./history";
import { perSample, sizes, type WireSize } from "./layouts";

const BATCH = 2000;
const RUNS = { warmup: 2, timed: 7 };
const GOAL = 2_000_000;

async function main(): Promise<void> {
  const columns = history();
  const all = { fromMs: -Infinity, toMs: Infinity };
  const total = samplesInRange(columns, all);
  let sink = 0;

  // The streaming pipelines first, while nothing else is held: the prepared batches below keep
  // 450,000 WriteSeries alive, which makes every major GC (and so these passes) slower.
  const streaming = await race(
    [
      { name: "cut batches only", run: () => { for (const b of slabBatches(columns, all, BATCH, HISTORY_SLAB_MS)) sink += b.samples; } },
      { name: "cut + encode + snappy", run: () => { for (const b of slabBatches(columns, all, BATCH, HISTORY_SLAB_MS)) sink += remoteWriteBody(b.series).length; } },
      { name: "cut in strict time order + encode + snappy", run: () => { for (const b of timeOrderedBatches(columns, all, BATCH)) sink += remoteWriteBody(b.series).length; } },
    ],
    RUNS.warmup,
    RUNS.timed,
  );

  const batches = [...slabBatches(columns, all, BATCH, HISTORY_SLAB_MS)];
  const bodies = batches.map((b) => encodeWriteRequest(b.series));
  console.log(`${SERIES} series × ${SAMPLES} samples = ${total.toLocaleString("en-US")} samples, ${batches.length} batches of ≤ ${BATCH}\n`);
  const prepared = await race(
    [
      { name: "encode + snappy (prepared batches)", run: () => { for (const b of batches) sink += remoteWriteBody(b.series).length; } },
      { name: "encode only (prepared batches)", run: () => { for (const b of batches) sink += encodeWriteRequest(b.series).length; } },
      { name: "snappy only (prepared bodies)", run: () => { for (const body of bodies) sink += snappyCompress(body).length; } },
    ],
    RUNS.warmup,
    RUNS.timed,
  );
  console.log(
    table(
      ["pipeline", "median ms", "best ms", "samples/s (median)", "goal"],
      [...prepared, ...streaming].map((t) => [
        t.name,
        fmt(t.medianMs, 1),
        fmt(t.bestMs, 1),
        fmt(total / (t.medianMs / 1000), 0),
        t.name.startsWith("encode + snappy") ? (total / (t.medianMs / 1000) >= GOAL ? "met (≥ 2,000,000/s)" : "missed (< 2,000,000/s)") : "",
      ]),
    ),
  );

  const ours = sizes(batches.map((b) => b.series));
  const rows: [string, WireSize][] = [
    [`(a) ours: slabs of ${HISTORY_SLAB_MS / 60_000} min, one TimeSeries per series per batch of ${BATCH}`, ours],
    [`(a') strict time order, one TimeSeries per series per batch of ${BATCH}`, sizes([...timeOrderedBatches(columns, all, BATCH)].map((b) => b.series))],
  ];
  for (const per of [500, 2000]) {
    const requests = [...timeOrderedBatches(columns, all, per)].map(perSample);
    rows.push([`(b-${per}) Prometheus 2.42: one TimeSeries per sample, batch of ${per}`, sizes(requests)]);
  }
  console.log(
    "\n" +
      table(
        ["layout", "requests", "raw B/sample", "snappy B/sample", "snappy vs (a)"],
        rows.map(([name, s]) => [
          name,
          s.requests.toLocaleString("en-US"),
          fmt(s.raw / total),
          fmt(s.snappy / total),
          `${fmt(s.snappy / ours.snappy)} ×`,
        ]),
      ),
  );
  if (sink === 0) console.log("(nothing written)");
}

await main();
