// Lint for correctness, not taste: type-aware rules, plus the functional-core boundary.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const ioModules = [
  "node:fs",
  "node:fs/promises",
  "fs",
  "node:process",
  "process",
  "undici",
  "node:child_process",
  "node:worker_threads",
  "worker_threads",
  "piscina",
  "node:net",
  "node:tls",
  "node:dns",
  "node:http",
  "node:https",
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/explicit-module-boundary-types": "error",
      // Template literals with numbers are how messages name the bad value.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    // The functional core: no files, console, process, network, clock or Math.random.
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: ioModules }],
      "no-restricted-globals": ["error", "process", "console"],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use a named seedrandom substream." },
        { object: "Date", property: "now", message: "The simulation has no clock." },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "bin/**"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly", console: "readonly", URL: "readonly", performance: "readonly" },
    },
  },
  {
    // CommonJS scripts (bench/rss.cjs; bin/mdmsim is CommonJS too but has no extension to lint by).
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", __filename: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**/*.ts", "bench/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off", // tests assert presence by failing loudly
      "@typescript-eslint/explicit-module-boundary-types": "off",
    },
  },
);
