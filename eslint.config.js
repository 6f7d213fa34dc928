// Lint: TypeScript-aware recommended rules, React hooks rules, and the one direction of
// imports from DESIGN.md §1 (engine → repl → store → features → App), enforced per layer.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
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
  ),
  layer(
    ["src/repl/**"],
    ["react", "react-dom", "zustand", "zustand/*", "recharts", "**/store/**", "**/features/**", "**/components/**"],
    "repl imports only the engine",
  ),
  layer(["src/store/**"], ["**/features/**", "**/components/**", "recharts"], "store imports engine and repl only"),
  layer(["src/features/**", "src/components/**"], ["**/App", "../App"], "nothing imports App"),
);
