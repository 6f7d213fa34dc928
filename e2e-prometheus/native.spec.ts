// Native histograms through a real Prometheus (2.42, --enable-feature=native-histograms): two
// exponential histogram views designed on repl/latency (one at the default 160 buckets, one at
// 5,000, whose scale 10 is merged to schema 8 when exposed, with a zero threshold that catches the
// fastest values), 5,000 log-normal latencies generated, pushed (as protobuf: the text cannot
// carry them), scraped, and queried. Prometheus's histogram_count, histogram_sum and
// histogram_quantile must equal what the cards show (1e-9 relative), and, bit for bit, what
// src/wire nativeHistogramQuantile computes in Node from the bytes the Pushgateway holds: so the
// page's numbers are proved, not only Prometheus's.
import { expect, type Page, test } from "../e2e/fixtures";
import { expectClose, JOB, query, stat } from "./prometheus";
import { openPlayground, sampleValue, typeLine } from "../e2e/playground";
import {
  decodePrometheusProtobuf,
  type ExponentialHistogramData,
  type Histogram,
  type MetricFamily,
  nativeHistogramCount,
  nativeHistogramQuantile,
  nativeHistogramSum,
  PROTOBUF_CONTENT_TYPE,
} from "../src/wire";

const GATEWAY = `http://127.0.0.1:${process.env.RT_GATEWAY_PORT}`;
const QUANTILES = [
  ["p50", 0.5],
  ["p90", 0.9],
  ["p99", 0.99],
] as const;

async function one(expr: string): Promise<number> {
  const v = await query(expr);
  expect(v, expr).toHaveLength(1);
  return v[0]!;
}

/** A native histogram read back, as the engine's data at scale = schema (Prometheus index − 1). */
function asData(h: Histogram): ExponentialHistogramData {
  const side = (spans: Histogram["positiveSpan"], deltas: number[]) => {
    const counts: number[] = [];
    let index = 0;
    let count = 0;
    let k = 0;
    let first: number | undefined;
    for (const span of spans) {
      index += span.offset;
      for (let j = 0; j < span.length; j++, index++) {
        count += deltas[k++]!;
        first ??= index;
        while (first + counts.length < index) counts.push(0);
        counts.push(count);
      }
    }
    return { offset: (first ?? 1) - 1, counts };
  };
  return {
    type: "exponentialHistogram",
    scale: h.schema!,
    zeroThreshold: h.zeroThreshold ?? 0,
    zeroCount: h.zeroCount ?? 0,
    positive: side(h.positiveSpan, h.positiveDelta),
    negative: side(h.negativeSpan, h.negativeDelta),
    count: h.sampleCount,
    sum: h.sampleSum,
    min: NaN,
    max: NaN,
  };
}

/** What the Pushgateway serves Prometheus, as Prometheus asks for it (protobuf). */
async function gatewayFamilies(): Promise<MetricFamily[]> {
  const r = await fetch(`${GATEWAY}/metrics`, { headers: { accept: PROTOBUF_CONTENT_TYPE } });
  expect(r.headers.get("content-type")).toContain("application/vnd.google.protobuf");
  return decodePrometheusProtobuf(new Uint8Array(await r.arrayBuffer()));
}

const designer = (page: Page) => page.getByRole("region", { name: "View designer" });
const candidate = (page: Page) => designer(page).getByTestId("designer-candidate");
const field = (page: Page, label: string) => candidate(page).getByLabel(label, { exact: true });

/** Designs and applies an exponential histogram view of repl/latency. */
async function designNative(page: Page, name: string, options: Record<string, string> = {}): Promise<void> {
  await designer(page).getByRole("button", { name: "New view" }).click();
  await field(page, "Name").fill(name);
  await expect(field(page, "Measure")).toHaveValue("repl/latency");
  await field(page, "Aggregation").selectOption({ label: "Exponential histogram (native)" });
  await expect(field(page, "Aggregation")).toHaveValue("exponentialHistogram");
  for (const [label, value] of Object.entries(options)) await field(page, label).fill(value);
  await candidate(page).getByRole("button", { name: "Apply" }).click();
  await expect(candidate(page)).toHaveCount(0);
  await expect(page.getByTestId(`view-card-${name}`)).toBeVisible();
}

test("Prometheus's native histogram_count, _sum and _quantile agree with the page and with nativeHistogramQuantile", async ({ page }) => {
  test.setTimeout(120_000);
  await openPlayground(page);
  const views = [
    { view: "native/latency", family: "ocmetricstutorial_native_latency" },
    { view: "native/fine", family: "ocmetricstutorial_native_fine" },
  ];
  await designNative(page, "native/latency");
  await designNative(page, "native/fine", { "Max buckets": "5000", "Zero threshold": "0.02" });

  await typeLine(page, ":gen repl/latency 5000 lognormal(80,0.5) seed=7");
  await expect(page.getByRole("log", { name: "Transcript" })).toContainText("generated 5,000 values of repl/latency", { timeout: 30_000 });
  // Settled: both cards and the classic demo/latency family count every recorded latency.
  await expect
    .poll(async () => {
      const text = await sampleValue(page, `ocmetricstutorial_demo_latency_count{method=""}`);
      return [await stat(page, "native/latency", "count"), await stat(page, "native/fine", "count")].map((c) => c === text && c >= 5000);
    })
    .toEqual([true, true]);

  const shown = new Map<string, Record<string, number>>();
  for (const { view } of views) {
    const numbers: Record<string, number> = {};
    for (const name of ["count", "sum", "p50", "p90", "p99"]) numbers[name] = await stat(page, view, name);
    shown.set(view, numbers);
  }

  await page.getByRole("button", { name: "Push to Pushgateway" }).click();
  const status = page.getByRole("status", { name: "Push status" });
  await expect(status).toContainText("Pushed");
  await expect(status).toContainText("Sent as protobuf: native/latency and native/fine are native histograms, which the text format cannot carry.");

  // Wait (bounded) until Prometheus has scraped this push.
  const count = shown.get("native/latency")!.count!;
  for (const { family } of views)
    await expect.poll(async () => (await query(`histogram_count(${family}{${JOB}})`))[0], { timeout: 30_000 }).toBe(count);

  const families = await gatewayFamilies();
  for (const { view, family } of views) {
    const page_ = shown.get(view)!;
    const f = families.find((x) => x.name === family);
    expect(f, `the gateway holds ${family}`).toBeDefined();
    const metric = f!.metric.find((m) => m.label.some((l) => l.name === "job" && l.value === "metrics_playground"))!;
    const data = asData(metric.histogram!);
    if (view === "native/fine") {
      // Scale 10 in the engine, merged to schema 8 on the wire; the zero bucket holds the fastest.
      expect(data.scale).toBe(8);
      expect(data.zeroCount).toBeGreaterThan(0);
    }

    const promCount = await one(`histogram_count(${family}{${JOB}})`);
    const promSum = await one(`histogram_sum(${family}{${JOB}})`);
    expect(promCount).toBe(page_.count);
    expect(promCount).toBe(nativeHistogramCount(data));
    expectClose(promSum, page_.sum!, `${view} histogram_sum`);
    expect(promSum).toBe(nativeHistogramSum(data));
    for (const [name, q] of QUANTILES) {
      const prom = await one(`histogram_quantile(${q}, ${family}{${JOB}})`);
      expectClose(prom, page_[name]!, `${view} histogram_quantile(${q})`);
      // Bit for bit: the same float operations on the same buckets and bounds.
      expect(nativeHistogramQuantile(data, q), `${view} nativeHistogramQuantile(${q}) in Node`).toBe(prom);
      expect(page_[name], `${view} ${name} on the card`).toBe(prom);
    }
  }
});
