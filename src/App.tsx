// The page. For now: the seed's three views as the engine defines them, fed with the
// quickstart's sample lines, and the Prometheus text the engine writes for them.
import { useMemo } from "react";
import {
  createStats,
  describeView,
  ENGINE_VERSION,
  TagMap,
  toPrometheusText,
} from "./engine";
import { goQuickstart, keyMethod } from "./repl/quickstart";

/** The sample REPL loops of the quickstart: latency in ms and the line typed. */
const SAMPLE_LOOPS: [number, string][] = [
  [1523.4, "hello"],
  [0.05, ""],
  [312.25, "metrics rock"],
  [25, "abcdef"],
  [7000.5, "x".repeat(1200)],
  [88.125, "the quick brown fox jumps over the lazy!"], // 40 bytes
];

function useSampleExposition() {
  return useMemo(() => {
    const stats = createStats();
    stats.registerView(...goQuickstart.views);
    const tags = TagMap.empty().insert(keyMethod, "repl");
    for (const [ms, line] of SAMPLE_LOOPS)
      stats.record(
        tags,
        goQuickstart.latency.m(ms),
        goQuickstart.lineLength.m(new TextEncoder().encode(line).length),
      );
    return {
      views: stats.views(),
      text: toPrometheusText(stats.snapshot(), { namespace: goQuickstart.namespace }),
    };
  }, []);
}

export default function App() {
  const { views, text } = useSampleExposition();
  return (
    <main className="page">
      <header>
        <h1>Metrics Playground</h1>
        <p className="lede">
          The OpenCensus metrics quickstart, in your browser: a typed stats engine records
          measures, aggregates them into views and writes Prometheus exposition text.
        </p>
      </header>
      <section aria-labelledby="views-title">
        <h2 id="views-title">Views of the Go quickstart</h2>
        <ul className="views">
          {views.map((v) => (
            <li key={v.name}>
              <code>{v.name}</code>: {describeView(v)} — <em>{v.description}</em>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="exposition-title">
        <h2 id="exposition-title">Prometheus text for {SAMPLE_LOOPS.length} sample lines</h2>
        <pre aria-label="Exposition text" className="exposition">
          {text}
        </pre>
      </section>
      <footer>engine {ENGINE_VERSION}</footer>
    </main>
  );
}
