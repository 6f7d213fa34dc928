// Says which views a text format leaves out, and why: an exponential histogram view is exposed as
// a native histogram, which neither Prometheus text 0.0.4 nor OpenMetrics 1.0 can carry (the
// engine's text writers leave it out), so a person reading the text learns where it went.
// Rule: one line per such registered view, naming the view as text, pointing at Protobuf.
import { useMemo } from "react";
import { usePlayground } from "../../store";

export function NativeLeftOut(props: { formatLabel: string }) {
  const stats = usePlayground((s) => s.stats);
  const designs = usePlayground((s) => s.designs);
  const presetId = usePlayground((s) => s.presetId);
  const names = useMemo(
    () => stats.views().filter((v) => v.aggregation.type === "exponentialHistogram").map((v) => v.name),
    // The registered views change with the designs and the preset.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stats, designs, presetId],
  );
  if (names.length === 0) return null;
  return (
    <ul className="export-left-out" aria-label={`Left out of ${props.formatLabel}`} data-testid="native-left-out">
      {names.map((name) => (
        <li key={name}>
          Left out: “{name}” is a native histogram: Prometheus text 0.0.4 and OpenMetrics 1.0 cannot carry it; choose Protobuf to see it.
        </li>
      ))}
    </ul>
  );
}
