// The remote-write encoder (remoteWrite.ts, snappy.ts): round trips through snappy, StaleNaN's
// exact bits, the refusals, field numbers pinned by hand-computed bytes, metadata, and the
// timestamp varint against BinaryWriter.int64's.
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { describe, expect, it } from "vitest";
import {
  decodeWriteRequest,
  encodeWriteRequest,
  type LabelPair,
  type MetadataType,
  type MetricMetadata,
  REMOTE_WRITE_HEADERS,
  remoteWriteBody,
  type WriteSeries,
} from "./remoteWrite";
import { snappyCompress, snappyUncompress } from "./snappy";

const STALE_BYTES = [0x02, 0, 0, 0, 0, 0, 0xf0, 0x7f];
const NORMAL_NAN_BYTES = [0x01, 0, 0, 0, 0, 0, 0xf8, 0x7f];

/** A NaN built from exact bits (it may or may not keep them once copied around). */
function nanWithBits(hi: number, lo: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

/** Every offset at which `needle` occurs in `bytes`. */
function occurrences(bytes: Uint8Array, needle: readonly number[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (needle.every((b, k) => bytes[i + k] === b)) at.push(i);
  }
  return at;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

function series(labels: LabelPair[], samples: [t: number, v: number][], stale: number[] | null = null): WriteSeries {
  return { labels, timestamps: samples.map(([t]) => t), values: samples.map(([, v]) => v), stale };
}

const UP: LabelPair[] = [
  ["__name__", "up"],
  ["instance", "localhost:9090"],
  ["job", "prometheus"],
];

describe("round trip: encode → snappy → uncompress → decode", () => {
  const input: WriteSeries[] = [
    series(UP, [
      [1_700_000_000_000, 1],
      [1_700_000_001_000, 0],
      [1_700_000_002_000, -0],
      [1_700_000_003_000, Infinity],
      [1_700_000_004_000, -Infinity],
      [1_700_000_005_000, 5e-324],
      [1_700_000_006_000, -1.7976931348623157e308],
    ]),
    series(
      [
        ["__name__", "http_requests_total"],
        ["code", "200"],
        ["path", "/ünïcödé/😀"],
      ],
      [
        [-9_007_199_254_740_991, 1],
        [-1, 2],
        [0, 3],
        [1, 4],
        [0x0fffffff, 5],
        [0x10000000, 6],
        [2 ** 35, 7],
        [9_007_199_254_740_991, 8],
      ],
      [0, 0, 0, 1, 0, 0, 1, 0],
    ),
    series([["__name__", "empty_series"]], []),
  ];

  const body = remoteWriteBody(input);
  const decoded = decodeWriteRequest(snappyUncompress(body));

  it("the body is snappy of the encoding, and uncompresses to it", () => {
    const raw = encodeWriteRequest(input);
    expect(body).toEqual(snappyCompress(raw));
    expect(snappyUncompress(body)).toEqual(raw);
    expect(body.length).toBeLessThan(raw.length);
  });

  it("gives back every series' labels and samples, in order", () => {
    expect(decoded.metadata).toEqual([]);
    expect(decoded.timeseries).toHaveLength(input.length);
    input.forEach((s, k) => {
      const got = decoded.timeseries[k]!;
      expect(got.labels).toEqual(s.labels);
      expect(got.samples.map((x) => x.timestamp)).toEqual(Array.from(s.timestamps));
      got.samples.forEach((x, i) => {
        const stale = s.stale !== null && s.stale[i] === 1;
        expect(x.stale).toBe(stale);
        // Object.is: -0 stays -0 (gogoproto would drop it; see remoteWrite.ts), NaN for markers.
        expect(Object.is(x.value, stale ? NaN : s.values[i])).toBe(true);
      });
    });
  });

  it("writes timestamps exactly as BinaryWriter.int64 does, across every varint length and sign", () => {
    for (const t of [-9_007_199_254_740_991, -1, 1, 127, 128, 0x0fffffff, 0x10000000, 0x10000001, 2 ** 35 - 1, 2 ** 35, 2 ** 49, 1_700_000_000_123, 9_007_199_254_740_991]) {
      const ours = encodeWriteRequest([series([["__name__", "x"]], [[t, 1]])]);
      const reference = new BinaryWriter().tag(2, WireType.Varint).int64(t).finish();
      expect(hex(ours.subarray(ours.length - reference.length)), `t = ${t}`).toBe(hex(reference));
      expect(decodeWriteRequest(ours).timeseries[0]!.samples[0]!.timestamp).toBe(t);
    }
  });

  it("a Node Buffer in gives a plain Uint8Array out (snappyjs would answer with a Buffer)", () => {
    const raw = encodeWriteRequest(input);
    const compressed = snappyCompress(Buffer.from(raw));
    expect(compressed.constructor).toBe(Uint8Array);
    expect(compressed).toEqual(snappyCompress(raw));
    const back = snappyUncompress(Buffer.from(compressed));
    expect(back.constructor).toBe(Uint8Array);
    expect(back).toEqual(raw);
    // A view into a larger buffer compresses only its own bytes.
    const padded = new Uint8Array(raw.length + 10);
    padded.set(raw, 5);
    expect(snappyUncompress(snappyCompress(padded.subarray(5, 5 + raw.length)))).toEqual(raw);
  });

  it("snappyUncompress refuses a block announcing more than maxLength, and a broken block", () => {
    const raw = encodeWriteRequest(input);
    expect(() => snappyUncompress(snappyCompress(raw), raw.length - 1)).toThrow(/too big/);
    expect(snappyUncompress(snappyCompress(raw), raw.length)).toEqual(raw);
    expect(() => snappyUncompress(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff))).toThrow();
  });
});

describe("staleness markers", () => {
  it("are written with StaleNaN's exact bits even when the value is a canonical NaN, and read back stale", () => {
    const bytes = encodeWriteRequest([
      series(
        [["__name__", "m"]],
        [
          [1000, 1],
          [2000, NaN],
          [3000, 7],
        ],
        [0, 1, 1],
      ),
    ]);
    // Value tag 0x09 then the 8 bytes, for both markers (the third's value 7 is ignored).
    expect(occurrences(bytes, [0x09, ...STALE_BYTES])).toHaveLength(2);
    const samples = decodeWriteRequest(bytes).timeseries[0]!.samples;
    expect(samples.map((s) => s.stale)).toEqual([false, true, true]);
    expect(samples[1]!.value).toBeNaN();
    expect(samples[2]!.value).toBeNaN();
  });

  it("a NaN that is not flagged stale is written as NormalNaN and read back not stale, whatever its payload", () => {
    const staleBits = nanWithBits(0x7ff00000, 0x00000002);
    const bytes = encodeWriteRequest([
      series(
        [["__name__", "m"]],
        [
          [1000, NaN],
          [2000, staleBits],
        ],
      ),
    ]);
    expect(occurrences(bytes, STALE_BYTES)).toEqual([]);
    expect(occurrences(bytes, [0x09, ...NORMAL_NAN_BYTES])).toHaveLength(2);
    const samples = decodeWriteRequest(bytes).timeseries[0]!.samples;
    expect(samples.map((s) => s.stale)).toEqual([false, false]);
    expect(samples.every((s) => Number.isNaN(s.value))).toBe(true);
  });

  it("the reader decides from the raw bytes: StaleNaN's bits from any writer read as stale, other NaNs not", () => {
    const sample = (bits: number[]) => {
      const w = new BinaryWriter();
      w.tag(1, WireType.LengthDelimited).fork();
      w.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string("__name__").tag(2, WireType.LengthDelimited).string("m").join();
      w.tag(2, WireType.LengthDelimited).fork().tag(1, WireType.Bit64).raw(Uint8Array.from(bits)).tag(2, WireType.Varint).int64(5).join();
      w.join();
      return decodeWriteRequest(w.finish()).timeseries[0]!.samples[0]!;
    };
    expect(sample(STALE_BYTES)).toEqual({ value: NaN, timestamp: 5, stale: true });
    expect(sample(NORMAL_NAN_BYTES).stale).toBe(false);
    expect(sample([0x03, 0, 0, 0, 0, 0, 0xf0, 0x7f]).stale).toBe(false); // a neighbour of StaleNaN
  });
});

describe("refusals (RangeError naming the rule)", () => {
  const ok = (labels: LabelPair[]) => series(labels, [[1000, 1]]);
  const cases: [string, WriteSeries, RegExp][] = [
    ["unsorted labels", ok([["__name__", "m"], ["job", "a"], ["instance", "b"]]), /series 0 .*not sorted by name: instance comes after job/],
    ["duplicate names", ok([["__name__", "m"], ["job", "a"], ["job", "b"]]), /duplicate label name job/],
    ["an empty value", ok([["__name__", "m"], ["job", ""]]), /label job has an empty value/],
    ["an empty name", ok([["", "x"], ["__name__", "m"]]), /label 0 has an empty name/],
    ["no __name__", ok([["job", "a"]]), /no __name__ label/],
    ["a name that is not a Prometheus label name", ok([["__name__", "m"], ["a😀", "1"]]), /label name "a😀" is not \[a-zA-Z_\]\[a-zA-Z0-9_\]\*/],
    ["a name starting with a digit", ok([["1a", "1"], ["__name__", "m"]]), /label name "1a" is not/],
    ["decreasing timestamps", series(UP, [[2000, 1], [1000, 2]]), /timestamp 1000 of sample 1 is not after the previous one \(2000\)/],
    ["a repeated timestamp", series(UP, [[2000, 1], [2000, 1]]), /timestamp 2000 of sample 1 is not after/],
    ["a non-integer timestamp", series(UP, [[1000.5, 1]]), /timestamp 1000.5 of sample 0 is not an integer/],
    ["a NaN timestamp", series(UP, [[NaN, 1]]), /timestamp NaN of sample 0 is not an integer/],
    ["an unsafe timestamp", series(UP, [[2 ** 53, 1]]), /is not an integer/],
    ["fewer values than timestamps", { labels: UP, timestamps: [1, 2], values: [1], stale: null }, /2 timestamps but 1 values/],
    ["fewer stale flags than timestamps", { labels: UP, timestamps: [1, 2], values: [1, 2], stale: [0] }, /2 timestamps but 1 stale flags/],
    ["a stale flag that is not 0 or 1", { labels: UP, timestamps: [1], values: [1], stale: [2] }, /stale flag 2 of sample 0/],
  ];
  it.each(cases)("%s", (_, s, message) => {
    expect(() => encodeWriteRequest([s])).toThrow(RangeError);
    expect(() => encodeWriteRequest([s])).toThrow(message);
  });

  it("names the series by index, and leaves the encoder usable afterwards", () => {
    const good = ok(UP);
    expect(() => encodeWriteRequest([good, good, ok([["__name__", "m"], ["a", ""]])])).toThrow(/series 2 \{__name__="m", a=""\}/);
    expect(encodeWriteRequest([good])).toEqual(encodeWriteRequest([ok([...UP])]));
  });

  it("sorts as Prometheus does: byte order, so uppercase before _ before lowercase", () => {
    const labels: LabelPair[] = [["Zone", "eu"], ["__name__", "m"], ["a", "1"]];
    expect(decodeWriteRequest(encodeWriteRequest([ok(labels)])).timeseries[0]!.labels).toEqual(labels);
    expect(() => encodeWriteRequest([ok([["__name__", "m"], ["Zone", "eu"]])])).toThrow(/not sorted by name: Zone comes after __name__/);
  });

  it("an unknown metadata type", () => {
    const bad = { type: "bogus", metricFamilyName: "m", help: "", unit: "" } as unknown as MetricMetadata;
    expect(() => encodeWriteRequest([], [bad])).toThrow(/metadata of m: unknown type bogus/);
  });

  it("a label array changed in place after a first encoding is checked and encoded again", () => {
    const labels: [string, string][] = [["__name__", "m"], ["job", "a"]];
    const s = ok(labels);
    expect(decodeWriteRequest(encodeWriteRequest([s])).timeseries[0]!.labels).toEqual([["__name__", "m"], ["job", "a"]]);
    labels[1] = ["job", "b"];
    expect(decodeWriteRequest(encodeWriteRequest([s])).timeseries[0]!.labels).toEqual([["__name__", "m"], ["job", "b"]]);
    labels[1]![1] = "";
    expect(() => encodeWriteRequest([s])).toThrow(/label job has an empty value/);
    labels.push(["aaa", "x"]);
    labels[1] = ["job", "c"];
    expect(() => encodeWriteRequest([s])).toThrow(/not sorted by name: aaa comes after job/);
  });
});

describe("bytes pinned by hand (prompb/remote.proto, prompb/types.proto)", () => {
  it("one series, two samples and one metadata entry", () => {
    const bytes = encodeWriteRequest(
      [
        series(
          [["__name__", "up"]],
          [
            [0, 0],
            [1000, 1],
          ],
        ),
      ],
      [{ type: "gauge", metricFamilyName: "up", help: "h", unit: "s" }],
    );
    // Tag byte = field << 3 | wire type (0 varint, 1 64-bit, 2 length-delimited).
    // Label {name = 1: "__name__", value = 2: "up"}:
    //   0a 08 "__name__" (5f 5f 6e 61 6d 65 5f 5f)  12 02 "up" (75 70)          → 14 bytes
    // TimeSeries.labels = 1:        0a 0e <label>                                   → 16 bytes
    // Sample {0, 0}: both fields zero, left out as proto3 does: an empty message
    // TimeSeries.samples = 2:       12 00                                           →  2 bytes
    // Sample {value = 1: 1.0 (double, little-endian 00 00 00 00 00 00 f0 3f), timestamp = 2: 1000}:
    //   09 00 00 00 00 00 00 f0 3f  10 e8 07 (1000 = 0b111_1101000 → e8 07)        → 12 bytes
    // TimeSeries.samples = 2:       12 0c <sample>                                  → 14 bytes
    // WriteRequest.timeseries = 1:  0a 20 <16 + 2 + 14 = 32 bytes>
    // MetricMetadata {type = 1: GAUGE = 2, metric_family_name = 2: "up", help = 4: "h", unit = 5: "s"}:
    //   08 02  12 02 75 70  22 01 68  2a 01 73                                      → 12 bytes
    // WriteRequest.metadata = 3:    1a 0c <metadata>
    const expected = [
      "0a 20",
      "0a 0e 0a 08 5f 5f 6e 61 6d 65 5f 5f 12 02 75 70",
      "12 00",
      "12 0c 09 00 00 00 00 00 00 f0 3f 10 e8 07",
      "1a 0c 08 02 12 02 75 70 22 01 68 2a 01 73",
    ].join(" ");
    expect(hex(bytes)).toBe(expected);
  });

  it("a -0 value is written (gogoproto would leave it out) and a stale marker at t = 0 keeps its value", () => {
    const bytes = encodeWriteRequest([series([["__name__", "z"]], [[0, -0], [1, 0]], [0, 0]), series([["__name__", "z"]], [[0, 0]], [1])]);
    // Label 0a 05 0a 08 …name… 12 01 7a = 0a 0d <13 bytes> = 15 bytes.
    const label = "0a 0d 0a 08 5f 5f 6e 61 6d 65 5f 5f 12 01 7a";
    expect(hex(bytes)).toBe(
      [
        "0a 1e", label, "12 09 09 00 00 00 00 00 00 00 80", "12 02 10 01", // -0 (sign bit), then {t=1, v=+0}
        "0a 1a", label, "12 09 09 02 00 00 00 00 00 f0 7f", // StaleNaN at t = 0
      ].join(" "),
    );
  });
});

describe("metadata", () => {
  const types: MetadataType[] = ["unknown", "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset"];

  it("round-trips every type, with the enum's numbers (UNKNOWN = 0 … STATESET = 7)", () => {
    const metadata: MetricMetadata[] = types.map((type, i) => ({
      type,
      metricFamilyName: `family_${i}`,
      help: i % 2 === 0 ? `Help with "quotes" and\nnewline ${i}` : "",
      unit: i % 3 === 0 ? "seconds" : "",
    }));
    const bytes = encodeWriteRequest([], metadata);
    expect(decodeWriteRequest(snappyUncompress(snappyCompress(bytes)))).toEqual({ timeseries: [], metadata });
    types.forEach((type, i) => {
      const one = encodeWriteRequest([], [{ type, metricFamilyName: "f", help: "", unit: "" }]);
      // 1a <len> [08 <type>] 12 01 66: the type field only when it is not UNKNOWN.
      expect(hex(one), type).toBe(i === 0 ? "1a 03 12 01 66" : `1a 05 08 0${i} 12 01 66`);
    });
  });

  it("series first, then metadata, in one request", () => {
    const decoded = decodeWriteRequest(
      encodeWriteRequest([series(UP, [[1, 1]])], [{ type: "counter", metricFamilyName: "up", help: "x", unit: "" }]),
    );
    expect(decoded.timeseries).toHaveLength(1);
    expect(decoded.metadata).toEqual([{ type: "counter", metricFamilyName: "up", help: "x", unit: "" }]);
  });
});

describe("reading", () => {
  it("skips fields it does not model (reserved 2, exemplars, histograms) and reads an unknown enum as unknown", () => {
    const w = new BinaryWriter();
    w.tag(2, WireType.LengthDelimited).string("cortex source"); // WriteRequest: reserved 2
    w.tag(1, WireType.LengthDelimited).fork();
    w.tag(3, WireType.LengthDelimited).fork().tag(2, WireType.Bit64).double(9).join(); // exemplar
    w.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string("__name__").tag(2, WireType.LengthDelimited).string("m").join();
    w.tag(4, WireType.LengthDelimited).fork().tag(3, WireType.Bit64).double(1).join(); // histogram
    w.tag(2, WireType.LengthDelimited).fork().tag(2, WireType.Varint).int64(7).join(); // value absent: 0
    w.join();
    w.tag(3, WireType.LengthDelimited).fork().tag(1, WireType.Varint).int32(42).tag(2, WireType.LengthDelimited).string("f").join();
    expect(decodeWriteRequest(w.finish())).toEqual({
      timeseries: [{ labels: [["__name__", "m"]], samples: [{ value: 0, timestamp: 7, stale: false }] }],
      metadata: [{ type: "unknown", metricFamilyName: "f", help: "", unit: "" }],
    });
  });

  it("refuses a timestamp beyond the safe integers", () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).fork();
    w.tag(2, WireType.LengthDelimited).fork().tag(2, WireType.Varint).int64("9007199254740993").join();
    w.join();
    expect(() => decodeWriteRequest(w.finish())).toThrow(RangeError);
  });
});

it("REMOTE_WRITE_HEADERS are storage/remote/client.go Store's", () => {
  expect(REMOTE_WRITE_HEADERS).toEqual({
    "Content-Encoding": "snappy",
    "Content-Type": "application/x-protobuf",
    "X-Prometheus-Remote-Write-Version": "0.1.0",
  });
  expect(Object.isFrozen(REMOTE_WRITE_HEADERS)).toBe(true);
});
