// The current exposition text, kept live but cheap, and exact whenever it is used.
// Rules:
// - a change of format, naming or namespace shows at once; new data shows at most once per
//   REFRESH_MS (large texts, thousands of series, cost a few renders a second, never one per
//   record);
// - whatever is copied, downloaded, linted or otherwise handed on is the text for the data and
//   settings of that moment: `takeCurrent()` writes it afresh and makes it the shown text too, so
//   the box never disagrees with what left it.
import { useCallback, useMemo, useState } from "react";
import { toOpenMetricsText, toPrometheusText } from "../../engine/exposition";
import { useThrottled } from "../../components/useThrottled";
import { utf8Length } from "../../repl/utf8";
import { playgroundStore, type PlaygroundState, selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";

export const REFRESH_MS = 200;

export interface Exposition {
  text: string;
  bytes: number;
  samples: number;
  /** A rendering failure, shown instead of a blank panel. */
  error: string | null;
  /** The engine's data version it was written from. */
  version: number;
  /** The format, naming and namespace it was written in. */
  settings: string;
}

const settingsOf = (format: string, naming: string, namespace: string): string => `${format}|${naming}|${namespace}`;

export function renderExposition(s: PlaygroundState): Exposition {
  const base = { version: s.stats.version, settings: settingsOf(s.format, s.naming, s.namespace) };
  try {
    const options = { namespace: s.namespace, naming: s.naming };
    const data = s.stats.snapshot();
    const text = s.format === "openmetrics" ? toOpenMetricsText(data, options) : toPrometheusText(data, options);
    let samples = 0;
    for (let i = text.indexOf("\n"), start = 0; i >= 0; start = i + 1, i = text.indexOf("\n", start))
      if (text[start] !== "#") samples++;
    return { text, bytes: utf8Length(text), samples, error: null, ...base };
  } catch (error) {
    return { text: "", bytes: 0, samples: 0, error: error instanceof Error ? error.message : String(error), ...base };
  }
}

/** The shown exposition, and a function that writes the current one and shows it. */
export function useExposition(): [Exposition, () => Exposition] {
  const version = usePlaygroundInTransition(selectDataVersion);
  const format = usePlayground((s) => s.format);
  const naming = usePlayground((s) => s.naming);
  const namespace = usePlayground((s) => s.namespace);
  const settings = settingsOf(format, naming, namespace);
  const dueVersion = useThrottled(version, REFRESH_MS);
  const [taken, setTaken] = useState<Exposition | null>(null);
  // The memo keys name what is due; the text itself is read from the store.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rendered = useMemo(() => renderExposition(playgroundStore.getState()), [dueVersion, settings]);
  // A text taken on demand stays shown until the throttled one has caught up with its data.
  const shown = taken !== null && taken.settings === rendered.settings && taken.version > rendered.version ? taken : rendered;
  const takeCurrent = useCallback(() => {
    const fresh = renderExposition(playgroundStore.getState());
    setTaken(fresh);
    return fresh;
  }, []);
  return [shown, takeCurrent];
}
