// The exposition slice: how the data is written as text (Prometheus text 0.0.4 or OpenMetrics
// 1.0, OpenCensus or Prometheus naming) and under which namespace.
// Rules:
// - a namespace that is not valid (`namespaceProblem`) is explained and the last valid one
//   stays in use: `namespace` is always valid, `namespaceInput` is what the person typed;
// - a preset switch takes the preset's namespace (presets.ts).

import { namespaceProblem, type Naming } from "../engine/exposition";
import type { Slice } from "./playground";
import type { Format } from "./settings";

export interface ExpositionSlice {
  format: Format;
  naming: Naming;
  /** The namespace in use: always valid. */
  namespace: string;
  /** What the person typed in the namespace field, and why it is not used if it isn't. */
  namespaceInput: string;
  namespaceError: string | null;
  setFormat(format: Format): void;
  setNaming(naming: Naming): void;
  setNamespaceInput(text: string): void;
}

type NamespaceFields = Pick<ExpositionSlice, "namespaceInput" | "namespaceError"> & Partial<Pick<ExpositionSlice, "namespace">>;

/** The state after `text` is entered as the namespace: in use when valid, else explained. */
export function namespaceFields(text: string): NamespaceFields {
  const problem = namespaceProblem(text);
  return problem ? { namespaceInput: text, namespaceError: problem } : { namespaceInput: text, namespaceError: null, namespace: text };
}

export const expositionSlice: Slice<ExpositionSlice> = (ctx) => (set) => ({
  format: ctx.initial.format,
  naming: ctx.initial.naming,
  namespace: ctx.initial.namespace,
  namespaceInput: ctx.initial.namespace,
  namespaceError: null,
  setFormat: (format) => set({ format }),
  setNaming: (naming) => set({ naming }),
  setNamespaceInput: (text) => set(namespaceFields(text)),
});
