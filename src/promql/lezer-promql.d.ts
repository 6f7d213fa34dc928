// Types for @prometheus-io/lezer-promql 0.42.0, whose package.json "exports" map hides its own
// dist/index.d.ts from TypeScript's "Bundler" resolution. Rule: declares only what parser.ts
// uses — the generated LR parser (node names are read from the tree, not from numeric ids).

declare module "@prometheus-io/lezer-promql" {
  /** The PromQL grammar shipped with Prometheus 2.42, as a lezer LR parser. */
  export const parser: import("@lezer/lr").LRParser;
}
