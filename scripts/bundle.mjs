// Bundles the compiled CLI for a fast start (ARCHITECTURE.md, "Start-up"). Node 20 spends most of a short
// run starting up: resolving and compiling modules, then evaluating them. So the program is
//
// - dist/bin/mdmsim.cjs: one CommonJS bundle of dist/cli/main.js (every command) that bin/mdmsim compiles
//   through bin/loadCli.cjs. Modules reached only through import() (probe's network layer, the chart
//   renderer) are in it but evaluated only when first required.
// - dist/bin/run.cjs: the same for dist/cli/runMain.js, `mdmsim run` alone, which bin/mdmsim starts for a
//   command line beginning with `run`: two thirds of the size, so it is read and evaluated sooner.
// - dist/bin/<bundle>.cjs.cache: V8's code cache for each, made here by running the commands users start
//   with through the same loader (BENCHMARKS.md, "Start-up").
// - dist/bin/vega.cjs, vega-lite.cjs, undici.cjs: large third-party packages, each a bundle of its own that
//   the CLI requires on first use (report, probe).
// - dist/bin/sweepWorker.js: the sweep's worker thread entry, an ES module bundle of its own (piscina
//   loads it by file name in a thread with its own module instances); dist/bin/worker.js: piscina's own
//   thread entry, which the bundled piscina starts from beside itself.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";

const OUT = "dist/bin";
/** The program bundles: entry, and the commands that train each one's code cache with their exit codes. */
const PROGRAMS = {
  mdmsim: {
    entry: "dist/cli/main.js",
    // A build whose CLI cannot run its own scenarios fails here.
    training: [
      [["run"], 0],
      [["check", "scenarios/baseline.json"], 0],
      [["reach", "scenarios/baseline.json", "--format", "json"], 0],
      [["run", "scenarios/no-such-file.json"], 2],
    ],
  },
  run: {
    entry: "dist/cli/runMain.js",
    // `run` never shows the schema: its fields' descriptions (each a clone of its schema) are left out.
    define: { MDMSIM_WITHOUT_DESCRIPTIONS: "true" },
    training: [
      [["run"], 0],
      [["run", "--format", "json"], 0],
      [["run", "--format", "csv"], 0],
      [["run", "scenarios/no-such-file.json"], 2],
    ],
  },
};

// Chunk names of earlier builds carried content hashes: clear them so the package holds only this build's.
rmSync(OUT, { recursive: true, force: true });

const common = {
  bundle: true,
  minify: true,
  platform: "node",
  target: "node20",
  legalComments: "none",
  // piscina's worker loads this optional native module only for a `niceIncrement`, which mdmsim never sets.
  external: ["@napi-rs/nice"],
  // ES module builds first: jsonc-parser's UMD build requires files by computed paths.
  mainFields: ["module", "main"],
  // vega-canvas's Node build awaits import("canvas") at its top level, which CommonJS cannot express. mdmsim
  // renders SVG and never draws on a canvas; without the optional canvas package (not a dependency) that
  // build finds none and vega measures text by estimate. The browser build finds none either (no document),
  // so charts are the same, and they no longer depend on whether canvas happens to be installed.
  alias: { "vega-canvas": "./node_modules/vega-canvas/build/vega-canvas.browser.js" },
  logLevel: "warning",
};

/**
 * Modules that are costly to evaluate and rarely needed get a stand-in that exports the same functions and
 * loads the real module on the first call (esbuild evaluates a module reached only through require() when
 * it is first required):
 *
 * - string-width (under yargs' cliui and wrap-ansi) builds an Intl.Segmenter and a /\p{RGI_Emoji}/v regular
 *   expression when evaluated: about 30 ms of every start, for help text mdmsim prints only on --help or a
 *   usage error. A CommonJS require of string-width (an older, cheap copy) is left alone.
 * - The scenario loader imports the YAML parser and the JSON error locator, which only a YAML file or a
 *   JSON syntax error needs. The core imports them plainly (it runs in a browser too, without require).
 */
const fromOurCode = (args) => !args.importer.includes("/node_modules/");
const LAZY = {
  "string-width": { exports: ["default"], when: (args) => args.kind === "import-statement" },
  yaml: { exports: ["parseDocument", "isAlias", "isCollection", "isPair", "isScalar"], when: fromOurCode },
  "jsonc-parser": {
    exports: ["createScanner", "parse", "printParseErrorCode", "stripComments", "visit"],
    when: fromOurCode,
  },
};
const lazyModules = {
  name: "lazy-modules",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join("|")})$`);
    b.onResolve({ filter }, async (args) => {
      // The stand-in's own require of a separately bundled package goes on to the separate-bundles plugin.
      if (args.pluginData === "real" || args.namespace === "lazy-modules" || !LAZY[args.path].when(args))
        return undefined;
      const real = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "real",
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: "lazy-modules", pluginData: args.path };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-modules" }, (args) => ({
      contents:
        `let real;\n` +
        `const load = () => (real ??= require(${JSON.stringify(SEPARATE[args.pluginData] ? args.pluginData : args.path)}));\n` +
        LAZY[args.pluginData].exports
          .map((name) =>
            name === "default"
              ? `export default function (...args) {\n  return (load().default ?? load())(...args);\n}\n`
              : `export function ${name}(...args) {\n  return load().${name}(...args);\n}\n`,
          )
          .join(""),
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/**
 * yargs imports notStrictEqual and strictEqual from node:assert for checks on its own calls, and loading
 * node:assert costs about 5 ms of every start. The stand-in makes the same comparison (assert's strict
 * equality is Object.is) and calls the real function only when it is about to throw, so behaviour is the
 * same, error included.
 */
const lazyAssert = {
  name: "lazy-assert",
  setup(b) {
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      args.importer.includes("/node_modules/yargs/") && args.kind === "import-statement"
        ? { path: "assert", namespace: "lazy-assert" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-assert" }, () => ({
      contents:
        `export function notStrictEqual(actual, expected, message) {\n` +
        `  if (Object.is(actual, expected)) require("node:assert").notStrictEqual(actual, expected, message);\n` +
        `}\n` +
        `export function strictEqual(actual, expected, message) {\n` +
        `  if (!Object.is(actual, expected)) require("node:assert").strictEqual(actual, expected, message);\n` +
        `}\n`,
      loader: "js",
    }));
  },
};

// Large packages that only some commands use get bundles of their own, required on first use: the main
// script stays small, so reading and compiling it stays cheap. Each holds third-party code only, so no
// module of mdmsim's exists twice.
const SEPARATE = {
  vega: "vega.cjs",
  "vega-lite": "vega-lite.cjs",
  undici: "undici.cjs",
  yaml: "yaml.cjs",
  piscina: "piscina.cjs",
};
const separate = {
  name: "separate-bundles",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(SEPARATE).join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: `./${SEPARATE[args.path]}`, external: true }));
  },
};

for (const [name, { entry, define }] of Object.entries(PROGRAMS)) {
  await build({
    ...common,
    entryPoints: [entry],
    outfile: `${OUT}/${name}.cjs`,
    format: "cjs",
    plugins: [lazyModules, lazyAssert, separate],
    // import() becomes require() (of the separate bundles, and of piscina), which needs no ES module loader.
    supported: { "dynamic-import": false },
    // The sources are ES modules: give them import.meta.url from __filename. dist/bin/ sits at the same
    // depth as dist/cli/, so paths relative to it still hold.
    define: { "import.meta.url": "__mdmsimUrl", ...define },
    banner: { js: `"use strict";const __mdmsimUrl = require("node:url").pathToFileURL(__filename).href;` },
  });
}

for (const [name, file] of Object.entries(SEPARATE)) {
  await build({ ...common, entryPoints: [name], outfile: `${OUT}/${file}`, format: "cjs" });
}

// piscina is bundled into the CLI, where its __dirname is dist/bin/, and starts each thread from worker.js
// beside its __dirname: that file is piscina's own thread entry, bundled here, so the program needs no
// piscina package at run time (it is a development dependency).
await build({
  ...common,
  entryPoints: [join(dirname(createRequire(import.meta.url).resolve("piscina")), "worker.js")],
  outfile: `${OUT}/worker.js`,
  format: "esm",
  banner: {
    js: "import { createRequire as __mdmsimRequire } from 'node:module'; const require = __mdmsimRequire(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: ["dist/cli/sweepWorker.js"],
  outfile: `${OUT}/sweepWorker.js`,
  format: "esm",
  // Some bundled CommonJS dependencies call require(); give ES module output one.
  banner: {
    js: "import { createRequire as __mdmsimRequire } from 'node:module'; const require = __mdmsimRequire(import.meta.url);",
  },
});

// The studio page's two scripts: the page's own and its worker's (the simulator, the report's chart builders,
// vega and vega-lite). Browser bundles of the functional core: a Node built-in anywhere in them fails here,
// since a browser has none. `mdmsim studio` embeds their text in the page it writes.
for (const [entry, file] of [
  ["dist/studio/app.js", "studio-app.js"],
  ["dist/studio/worker.js", "studio-worker.js"],
]) {
  await build({
    entryPoints: [entry],
    outfile: `${OUT}/${file}`,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["chrome110", "firefox110", "safari16"],
    legalComments: "none",
    // ASCII output: the text goes into a page and a JSON string unchanged.
    charset: "ascii",
    logLevel: "warning",
  });
}

// The code caches: compile each program through bin/mdmsim's own loader, run the commands users start with
// (their output discarded), then ask V8 for everything compiled so far, the functions those commands ran
// included.
const { loadCli, cacheOf } = createRequire(import.meta.url)("../bin/loadCli.cjs");
const quiet = {
  stdout: () => undefined,
  stderr: () => undefined,
  readFile: (path) => readFileSync(path, "utf8"),
  readStdin: () => "",
  stdoutIsTTY: false,
  stderrIsTTY: false,
};
for (const [name, { training }] of Object.entries(PROGRAMS)) {
  const cli = loadCli(name, undefined);
  for (const [args, expected] of training) {
    const code = await cli.main(args, quiet);
    if (code !== expected)
      throw new Error(`${name}: mdmsim ${args.join(" ")} exited ${code}, expected ${expected}`);
  }
  writeFileSync(cacheOf(name), cli.script.createCachedData());
}
