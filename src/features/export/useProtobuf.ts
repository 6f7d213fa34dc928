// The current protobuf exposition for the export panel, kept live but cheap, and exact whenever
// it is used.
// Rules:
// - the wire layer is loaded by a dynamic import the first time Protobuf is chosen (never on the
//   first load: the protobuf library is a chunk of its own); until it has loaded the view says so,
//   and a failed load is said, not left blank;
// - like the text (useExposition): a change of naming or namespace shows at once, new data at most
//   once per REFRESH_MS; Download and Copy take the exposition for the data and settings of that
//   moment (`takeCurrent`), which becomes the one shown, so the view never disagrees with what left it.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useThrottled } from "../../components/useThrottled";
import { playgroundStore, type PlaygroundState, selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";
import type { ProtobufExposition } from "./protobufExport";
import { REFRESH_MS } from "./useExposition";

type Module = typeof import("./protobufExport");

let loading: Promise<Module> | null = null;
/** The wire layer, loaded once (a failed load may be tried again). */
function loadWire(): Promise<Module> {
  loading ??= import("./protobufExport").catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

export interface ProtobufShown {
  /** null until the wire layer has loaded (or when it failed). */
  exposition: ProtobufExposition | null;
  /** Why it could not be loaded or written. */
  error: string | null;
  contentType: string | null;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function render(m: Module, s: PlaygroundState): { exposition: ProtobufExposition | null; error: string | null; version: number; settings: string } {
  const settings = `${s.naming}|${s.namespace}`;
  try {
    return { exposition: m.protobufExposition(s.stats.snapshot(), { namespace: s.namespace, naming: s.naming }), error: null, version: s.stats.version, settings };
  } catch (e) {
    return { exposition: null, error: messageOf(e), version: s.stats.version, settings };
  }
}

/** The shown protobuf exposition (while `active`), and a function that writes the current one and shows it. */
export function useProtobuf(active: boolean): [ProtobufShown, () => Promise<ProtobufExposition>] {
  const [wire, setWire] = useState<Module | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const version = usePlaygroundInTransition(selectDataVersion);
  const naming = usePlayground((s) => s.naming);
  const namespace = usePlayground((s) => s.namespace);
  const dueVersion = useThrottled(version, REFRESH_MS);
  const [taken, setTaken] = useState<ReturnType<typeof render> | null>(null);

  useEffect(() => {
    if (!active || wire) return;
    let live = true;
    loadWire().then(
      (m) => live && setWire(m),
      (e: unknown) => live && setLoadError(`the protobuf writer could not be loaded: ${messageOf(e)}`),
    );
    return () => {
      live = false;
    };
  }, [active, wire]);

  const settings = `${naming}|${namespace}`;
  // The memo keys name what is due; the data itself is read from the store.
  const rendered = useMemo(
    () => (active && wire ? render(wire, playgroundStore.getState()) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [active, wire, dueVersion, settings],
  );
  const shown = taken && rendered && taken.settings === rendered.settings && taken.version > rendered.version ? taken : rendered;

  const takeCurrent = useCallback(async () => {
    const m = await loadWire();
    const fresh = render(m, playgroundStore.getState());
    setTaken(fresh);
    if (!fresh.exposition) throw new Error(fresh.error ?? "nothing was written");
    return fresh.exposition;
  }, []);

  return [
    { exposition: shown?.exposition ?? null, error: loadError ?? shown?.error ?? null, contentType: wire?.PROTOBUF_CONTENT_TYPE ?? null },
    takeCurrent,
  ];
}
