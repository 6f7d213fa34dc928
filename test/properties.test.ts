// Property tests (fast-check) for the engine's invariants: histogram exposition round-trips
// through the one parser of each format, the linter's (parseExposition over
// exposition/parse-text.ts, promtool's grammar, and exposition/parse-openmetrics.ts,
// Prometheus 2.42's), which must accept it whole (cumulative buckets, +Inf = _count, exact
// _sum, upper-inclusive buckets, exact `le`); histogram_quantile stays inside the bucket it
// picks and grows with q; label values of any printable ASCII survive escaping; and floats
// print as Go's expfmt does and parse back to the same number with the one Go float parser.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  count,
  createStats,
  cumulativeBuckets,
  distribution,
  histogramQuantile,
  measureFloat64,
  tagKey,
  TagMap,
  type Stats,
  type TagKey,
} from "../src/engine";
import {
  formatFloat,
  formatOpenMetricsFloat,
  parseExposition,
  toOpenMetricsText,
  toPrometheusText,
  type ExpositionFormat,
  type ParsedSample,
} from "../src/engine/exposition";
import { parseGoFloat } from "../src/engine/exposition/gostrconv";
import { sanitizeName } from "../src/engine/naming";

const NUM_RUNS = 200;
const T0 = 1_700_000_000_000;

function newStats(): Stats {
  return createStats({ now: () => T0 });
}

/** Parses `text` and fails the property on any parse problem. */
function parseClean(text: string, format: ExpositionFormat): ParsedSample[] {
  const parsed = parseExposition(text, format);
  expect(parsed.problems, `${format} parse problems in:\n${text}`).toEqual([]);
  return parsed.samples;
}

const plain = (labels: Record<string, string>): Record<string, string> => ({ ...labels });

/** A label set as a string that does not depend on the order of its labels. */
const labelKey = (labels: Record<string, string>): string =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function withoutLe(labels: Record<string, string>): Record<string, string> {
  const out = plain(labels);
  delete out.le;
  return out;
}

/** The `le` string a writer must produce for a bound in `format`. */
const formatLe = (format: ExpositionFormat, b: number): string =>
  format === "prometheus" ? formatFloat(b) : formatOpenMetricsFloat(b);

function render(stats: Stats, format: ExpositionFormat): string {
  const data = stats.snapshot();
  return format === "prometheus" ? toPrometheusText(data) : toOpenMetricsText(data);
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Finite doubles in a range where sums cannot overflow (includes tiny and subnormal values). */
const finiteValue = fc.double({ min: -1e12, max: 1e12, noNaN: true });
const integerValue = fc.integer({ min: -1_000_000, max: 1_000_000 });

/** Strictly increasing finite bounds, 1–16 of them. */
const boundsArb = fc
  .uniqueArray(fc.oneof(finiteValue, integerValue), {
    minLength: 1,
    maxLength: 16,
    comparator: "SameValueZero", // 0 and -0 are the same bound
  })
  .map((bs) => [...bs].sort((a, b) => a - b));

/** A value to record: a double, an integer, or exactly one of the bounds (by index). */
type ValueSpec = { v: number } | { bound: number };
const valueSpecArb: fc.Arbitrary<ValueSpec> = fc.oneof(
  finiteValue.map((v) => ({ v })),
  integerValue.map((v) => ({ v })),
  fc.nat().map((i) => ({ bound: i })),
);
const resolve = (bounds: readonly number[], s: ValueSpec): number =>
  "v" in s ? s.v : bounds[s.bound % bounds.length]!;

// ---------------------------------------------------------------------------------------------

describe("histogram exposition round trip (property)", () => {
  const measure = measureFloat64("prop/values", { description: "Random values", unit: "1" });
  const keySeries = tagKey("series");
  const SERIES = ["", "a", "b"] as const;
  const NAME = "prop_values";

  it.each<ExpositionFormat>(["prometheus", "openmetrics"])(
    "%s text parses back to cumulative, upper-inclusive buckets with exact le, _sum and _count",
    (format) => {
      fc.assert(
        fc.property(
          boundsArb,
          fc.array(
            fc.record({ spec: valueSpecArb, series: fc.nat({ max: 2 }), explicitTag: fc.boolean() }),
            { minLength: 1, maxLength: 60 },
          ),
          (bounds, recs) => {
            const stats = newStats();
            stats.registerView({
              name: "prop/values",
              measure,
              aggregation: distribution(bounds),
              tagKeys: [keySeries],
            });
            const bySeries = new Map<string, number[]>();
            for (const r of recs) {
              const v = resolve(bounds, r.spec);
              const series = SERIES[r.series]!;
              // A missing tag is the same row as an explicit "".
              const tags = series === "" && !r.explicitTag ? TagMap.empty() : TagMap.of({ series });
              stats.record(tags, measure.m(v));
              const list = bySeries.get(series) ?? [];
              list.push(v);
              bySeries.set(series, list);
            }

            const samples = parseClean(render(stats, format), format);
            const seenSeries = new Set(
              samples.filter((s) => s.name.startsWith(NAME)).map((s) => s.labels.series),
            );
            expect([...seenSeries].sort()).toEqual([...bySeries.keys()].sort());

            for (const [series, values] of bySeries) {
              const mine = samples.filter((s) => s.labels.series === series);
              const buckets = mine.filter((s) => s.name === `${NAME}_bucket`);
              const sums = mine.filter((s) => s.name === `${NAME}_sum`);
              const counts = mine.filter((s) => s.name === `${NAME}_count`);
              expect(buckets.length).toBe(bounds.length + 1);
              expect(sums.length).toBe(1);
              expect(counts.length).toBe(1);
              for (const b of buckets) expect(Object.keys(plain(b.labels)).sort()).toEqual(["le", "series"]);

              // le: exactly the formatted bounds, in order, parsing back to the bounds; +Inf last.
              const les = buckets.map((b) => b.labels.le!);
              expect(les[les.length - 1]).toBe("+Inf");
              for (let i = 0; i < bounds.length; i++) {
                expect(les[i]).toBe(formatLe(format, bounds[i]!));
                // === so that a -0 bound, written "0", still counts as exact
                expect(parseGoFloat(les[i]!) === bounds[i], `le ${les[i]} vs bound ${bounds[i]}`).toBe(true);
              }

              // cumulative (non-decreasing in le order)
              for (let i = 1; i < buckets.length; i++)
                expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);

              const countValue = counts[0]!.value;
              expect(buckets[buckets.length - 1]!.value).toBe(countValue);
              expect(countValue).toBe(values.length);

              // _sum: the JS sum in recording order, exactly (floats round-trip).
              let expectedSum = 0;
              for (const v of values) expectedSum += v;
              expect(sums[0]!.value).toBe(expectedSum);

              // upper-inclusive: bucket at le=b holds exactly the values ≤ b.
              for (let i = 0; i < bounds.length; i++) {
                const b = bounds[i]!;
                expect(buckets[i]!.value, `le=${les[i]}`).toBe(values.filter((v) => v <= b).length);
              }
            }
            stats.close();
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe("histogramQuantile (property)", () => {
  const measure = measureFloat64("prop/quantile", { description: "Random values for quantiles", unit: "1" });

  /** Records `values` into a fresh distribution view and returns its cumulative buckets. */
  function bucketsOf(bounds: number[], values: number[]) {
    const stats = newStats();
    stats.registerView({ name: "prop/quantile", measure, aggregation: distribution(bounds) });
    for (const v of values) stats.record(undefined, measure.m(v));
    const row = stats.viewData("prop/quantile")!.rows[0]!;
    if (row.data.type !== "distribution") throw new Error("expected distribution data");
    stats.close();
    return cumulativeBuckets(bounds, row.data.bucketCounts);
  }

  // Bounds on a binary grid k·2^e (|k| ≤ 2^30, one e per histogram): every bucket width
  // end − start is then exact in float64, which is what makes PromQL's interpolation
  // start + (end − start)·(rank/count) provably stay in [start, end]. With arbitrary doubles it
  // need not: bounds [-1, -5e-324] give (-5e-324 − -1) = 1 after rounding and an answer of 0,
  // above the bucket (PromQL computes the same; see the report to the lead).
  const gridBoundsArb = fc
    .tuple(
      fc.integer({ min: -40, max: 40 }),
      fc.uniqueArray(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), { minLength: 1, maxLength: 16 }),
    )
    .map(([e, ks]) => [...ks].sort((a, b) => a - b).map((k) => k * 2 ** e));
  const histogramArb = gridBoundsArb.chain((bounds) =>
    fc.tuple(
      fc.constant(bounds),
      fc
        .array(
          fc.oneof(
            valueSpecArb.map((s) => resolve(bounds, s)),
            // somewhere inside a bucket (or just beyond the last bound)
            fc.nat().map((i) => {
              const j = i % bounds.length;
              const hi = bounds[j]!;
              const lo = j === 0 ? hi - 1 : bounds[j - 1]!;
              return lo + (hi - lo) / 2;
            }),
          ),
          { minLength: 1, maxLength: 60 },
        ),
    ),
  );
  const qArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.25, 0.5, 0.9, 0.99, 1));

  it("lies within the bucket it selects (bucket rules of promql/quantile.go)", () => {
    fc.assert(
      fc.property(histogramArb, qArb, ([bounds, values], q) => {
        const buckets = bucketsOf(bounds, values);
        const total = buckets[buckets.length - 1]!.count;
        expect(total).toBe(values.length);
        const r = histogramQuantile(q, buckets);

        // The bucket the rules select: first finite bucket with cumulative count ≥ rank, else +Inf.
        const rank = q * total;
        let sel = buckets.findIndex((b, i) => i < buckets.length - 1 && b.count >= rank);
        if (sel < 0) sel = buckets.length - 1;
        const ctx = `q=${q} bounds=${JSON.stringify(bounds)} buckets=${JSON.stringify(buckets)} r=${r} sel=${sel}`;

        expect(r, ctx).not.toBe(Infinity);
        expect(r, ctx).not.toBe(-Infinity);
        if (sel === buckets.length - 1) {
          // +Inf bucket: the highest finite bound.
          expect(r, ctx).toBe(bounds[bounds.length - 1]);
        } else if (sel === 0 && bounds[0]! <= 0) {
          // first bucket with an upper bound ≤ 0: that bound.
          expect(r, ctx).toBe(bounds[0]);
        } else if (rank === 0 && buckets[sel]!.count === 0) {
          // q = 0 with an empty first bucket: 0/0 interpolation, NaN as in PromQL.
          expect(r, ctx).toBeNaN();
        } else {
          expect(Number.isFinite(r), ctx).toBe(true);
          const lower = sel === 0 ? 0 : bounds[sel - 1]!;
          expect(r, ctx).toBeGreaterThanOrEqual(lower);
          expect(r, ctx).toBeLessThanOrEqual(bounds[sel]!);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("is non-decreasing in q", () => {
    fc.assert(
      fc.property(histogramArb, fc.array(qArb, { minLength: 2, maxLength: 12 }), ([bounds, values], qs) => {
        const buckets = bucketsOf(bounds, values);
        const sorted = [...qs].sort((a, b) => a - b);
        const results = sorted.map((q) => histogramQuantile(q, buckets));
        // NaN only arises at q = 0 (see above); every other result is comparable.
        const finite = results.filter((r, i) => !(Number.isNaN(r) && sorted[i] === 0));
        for (const r of finite) expect(Number.isFinite(r)).toBe(true);
        for (let i = 1; i < finite.length; i++)
          expect(
            finite[i]!,
            `qs=${JSON.stringify(sorted)} results=${JSON.stringify(results)} buckets=${JSON.stringify(buckets)}`,
          ).toBeGreaterThanOrEqual(finite[i - 1]!);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("label values round trip (property)", () => {
  const measure = measureFloat64("prop/labels", { description: "Label value round trip", unit: "1" });
  const KEYS: TagKey[] = [tagKey("method"), tagKey("http.status"), tagKey("error-msg")];

  /** Printable ASCII 0x20–0x7E, with the characters that need escaping (or look like syntax) favoured. */
  const printableChar = fc.oneof(
    { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 3 },
    { arbitrary: fc.constantFrom("\\", '"', "n", "{", "}", ",", "=", " ", "#"), weight: 1 },
  );
  const labelValue = fc.string({ unit: printableChar, minLength: 0, maxLength: 40 });

  it.each<ExpositionFormat>(["prometheus", "openmetrics"])(
    "%s text parses back to the same label values for every series, without problems",
    (format) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 3 }),
          fc.array(fc.tuple(labelValue, labelValue, labelValue), { minLength: 1, maxLength: 8 }),
          (nKeys, rows) => {
            const keys = KEYS.slice(0, nKeys);
            const labelNames = keys.map((k) => sanitizeName(k.name));
            const stats = newStats();
            stats.registerView(
              { name: "prop/labels_count", measure, aggregation: count(), tagKeys: keys },
              { name: "prop/labels_dist", measure, aggregation: distribution([0, 10]), tagKeys: keys },
            );
            const expected = new Map<string, { labels: Record<string, string>; n: number }>();
            rows.forEach((row, i) => {
              const values = row.slice(0, nKeys);
              const pairs: Record<string, string> = {};
              keys.forEach((k, j) => (pairs[k.name] = values[j]!));
              stats.record(TagMap.of(pairs), measure.m(i));
              const labels: Record<string, string> = {};
              labelNames.forEach((l, j) => (labels[l] = values[j]!));
              const id = JSON.stringify(values);
              const e = expected.get(id) ?? { labels, n: 0 };
              e.n++;
              expected.set(id, e);
            });

            const text = render(stats, format);
            const samples = parseClean(text, format);
            const counterSample = format === "openmetrics" ? "prop_labels_count_total" : "prop_labels_count";
            const sortedNames = [...labelNames].sort();

            const counters = samples.filter((s) => s.name === counterSample);
            const histCounts = samples.filter((s) => s.name === "prop_labels_dist_count");
            const histBuckets = samples.filter((s) => s.name === "prop_labels_dist_bucket");
            expect(counters.length, text).toBe(expected.size);
            expect(histCounts.length, text).toBe(expected.size);
            expect(histBuckets.length, text).toBe(expected.size * 3);
            for (const s of counters) expect(s.labelOrder).toEqual(sortedNames);
            for (const s of histBuckets) expect(s.labelOrder).toEqual([...sortedNames, "le"]);

            for (const { labels, n } of expected.values()) {
              const c = counters.filter((s) => labelKey(s.labels) === labelKey(labels));
              expect(c.map((s) => plain(s.labels)), text).toEqual([labels]);
              expect(c[0]!.value).toBe(n);
              const h = histCounts.filter((s) => labelKey(s.labels) === labelKey(labels));
              expect(h.length, text).toBe(1);
              expect(h[0]!.value).toBe(n);
              const b = histBuckets.filter((s) => labelKey(withoutLe(s.labels)) === labelKey(labels));
              expect(b.map((s) => s.labels.le)).toEqual(
                format === "prometheus" ? ["0", "10", "+Inf"] : ["0.0", "10.0", "+Inf"],
              );
            }
            stats.close();
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe("float formatting (property)", () => {
  /** Decimal exponent of x's shortest round-trip digits (what Go's 'g' format decides on). */
  const decimalExponent = (x: number): number => Number(x.toExponential().split("e")[1]);

  const edges = fc.constantFrom(
    1e-4, 9.999999999999999e-5, -1e-4, 1e-5, 1e6, 999999.9999999999, -999999, 1e5, 123456.7,
    1e21, 1e-7, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE,
    0.1, 0.30000000000000004, 1.5e300, 2 ** 53, 0, -0,
  );
  const doubles = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), edges);

  it("formatFloat round-trips, uses the exponent form iff exponent < −4 or ≥ 6, with ≥ 2 exponent digits", () => {
    fc.assert(
      fc.property(doubles, (x) => {
        const s = formatFloat(x);
        // === so -0 (written "0" like expfmt) counts as a round trip
        expect(parseGoFloat(s) === x, `${x} → ${s}`).toBe(true);
        const exp = decimalExponent(x);
        const expForm = x !== 0 && (exp < -4 || exp >= 6);
        if (expForm) {
          expect(s, `${x}`).toMatch(/^-?[1-9](\.\d*[1-9])?e[+-]\d{2,3}$/);
          const [mantissa, e] = s.split("e") as [string, string];
          // shortest digits: the same mantissa JavaScript's shortest exponential form has
          expect(mantissa).toBe(x.toExponential().split("e")[0]);
          expect(Number(e)).toBe(exp);
          expect(e.replace(/^[+-]/, "").length).toBeGreaterThanOrEqual(2);
        } else {
          expect(s, `${x}`).toMatch(/^-?\d+(\.\d+)?$/);
          expect(s).toBe(x === 0 ? "0" : String(x));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("formatOpenMetricsFloat round-trips and adds .0 exactly when there is neither . nor e", () => {
    fc.assert(
      fc.property(doubles, (x) => {
        const g = formatFloat(x);
        const s = formatOpenMetricsFloat(x);
        expect(parseGoFloat(s) === x, `${x} → ${s}`).toBe(true);
        expect(s).toBe(/[.e]/.test(g) ? g : g + ".0");
      }),
      { numRuns: 1000 },
    );
  });

  it("writes NaN and infinities as expfmt does", () => {
    expect(formatFloat(NaN)).toBe("NaN");
    expect(formatFloat(Infinity)).toBe("+Inf");
    expect(formatFloat(-Infinity)).toBe("-Inf");
    expect(formatFloat(-0)).toBe("0");
    expect(formatOpenMetricsFloat(NaN)).toBe("NaN");
    expect(formatOpenMetricsFloat(Infinity)).toBe("+Inf");
    expect(formatOpenMetricsFloat(-Infinity)).toBe("-Inf");
    expect(formatOpenMetricsFloat(-0)).toBe("0.0");
  });
});
