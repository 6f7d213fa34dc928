// Lint: TypeScript-aware recommended rules, React hooks rules, and the one direction of
// imports (docs/architecture.md: engine → wire, repl → store → features → App), enforced per layer.
// Outside the engine, only its entry points may be imported (src/engine, src/engine/exposition,
// src/engine/lint): every other engine module is internal and free to change.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** The engine's internal modules, as import paths: all but its three entry points. */
const ENGINE_INTERNALS = {
  group: ["**/engine/*", "!**/engine/exposition", "!**/engine/lint", "**/engine/exposition/*", "**/engine/lint/*"],
  message: "import the engine only through its entry points: engine, engine/exposition, engine/lint",
};

/**
 * Features are independent of each other: a file in src/features/X/ imports no other feature,
 * neither as `../Y/…` (a sibling of its folder) nor by any path through `features/`. What two
 * features share belongs in src/components or the store. (A feature's files sit directly in its
 * folder, so `../` followed by a name is always another feature.)
 */
const OTHER_FEATURES = [String.raw`^\.\./(?!\.\.?(/|$))`, String.raw`(^|/)features(/|$)`].map((regex) => ({
  regex,
  message: "a feature imports no other feature: put what both need in src/components or the store",
}));

/** A layer's import rule: `forbidden` paths, and (outside the engine) the engine's internals. */
const layer = (files, forbidden, message, extra = [ENGINE_INTERNALS]) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: [...forbidden.map((group) => ({ group: [group], message })), ...extra] },
    ],
  },
});

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report", "bench/results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='eval']", message: "no eval: user text is data, never code" },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "render user text as text" },
      ],
    },
  },
  {
    files: ["src/**/*.tsx", "src/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(
    ["src/engine/**", "src/promql/**"],
    ["react", "react-dom", "react-dom/*", "zustand", "zustand/*", "recharts", "**/repl/**", "**/store/**", "**/features/**", "**/components/**", "node:*"],
    "the engine and the PromQL evaluator import nothing of the app and no runtime dependency",
    [],
  ),
  layer(
    ["src/wire/**"],
    ["react", "react-dom", "react-dom/*", "zustand", "zustand/*", "recharts", "**/repl/**", "**/store/**", "**/features/**", "**/components/**", "**/promql/**", "node:*"],
    "wire sits beside the engine: it imports the engine's entry points and @bufbuild/protobuf, nothing of the app",
  ),
  layer(
    ["src/repl/**"],
    ["react", "react-dom", "zustand", "zustand/*", "recharts", "**/store/**", "**/features/**", "**/components/**"],
    "repl imports only the engine",
  ),
  layer(["src/store/**"], ["**/features/**", "**/components/**", "recharts"], "store imports engine and repl only"),
  layer(["src/features/**"], ["**/App", "../App"], "nothing imports App", [ENGINE_INTERNALS, ...OTHER_FEATURES]),
  layer(["src/components/**"], ["**/App", "../App", "**/features/**"], "components are shared by features and import none of them, nor App"),
  layer(["src/*.tsx", "src/*.ts", "bench/**", "e2e/**", "e2e-prometheus/**"], [], ""),
);
