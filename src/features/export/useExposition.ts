// The current exposition text, kept live but cheap: recomputed after data or settings change,
// at most once per REFRESH_MS. Large texts (thousands of series) thus cost a few renders a
// second, never one per record.
import { useMemo } from "react";
import { toOpenMetricsText, toPrometheusText } from "../../engine";
import { useThrottled } from "../../components/useThrottled";
import { playgroundStore, type PlaygroundState, usePlayground } from "../../store";

export const REFRESH_MS = 200;

export interface Exposition {
  text: string;
  bytes: number;
  samples: number;
  /** A rendering failure, shown instead of a blank panel. */
  error: string | null;
}

function render(s: PlaygroundState): Exposition {
  try {
    const options = { namespace: s.namespace, naming: s.naming };
    const data = s.stats.snapshot();
    const text = s.format === "openmetrics" ? toOpenMetricsText(data, options) : toPrometheusText(data, options);
    let samples = 0;
    for (let i = text.indexOf("\n"), start = 0; i >= 0; start = i + 1, i = text.indexOf("\n", start))
      if (text[start] !== "#") samples++;
    return { text, bytes: new TextEncoder().encode(text).length, samples, error: null };
  } catch (error) {
    return { text: "", bytes: 0, samples: 0, error: error instanceof Error ? error.message : String(error) };
  }
}

export function useExposition(): Exposition {
  const version = usePlayground((s) => s.dataVersion);
  const format = usePlayground((s) => s.format);
  const naming = usePlayground((s) => s.naming);
  const namespace = usePlayground((s) => s.namespace);
  const due = useThrottled(`${version}|${format}|${naming}|${namespace}`, REFRESH_MS);
  // `due` names what changed; the text is read from the store when it is due.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => render(playgroundStore.getState()), [due]);
}
