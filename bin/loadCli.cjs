"use strict";
// Compiles and evaluates a bundled program (dist/bin/mdmsim.cjs, every command; dist/bin/run.cjs, `mdmsim run`
// alone) as Node would a CommonJS module, but through
// vm.Script, which takes V8's code cache: most of a short run is compiling the bundle and the functions it
// calls on the way. bin/mdmsim runs the CLI through here and scripts/bundle.mjs makes the cache through here,
// so both compile the same source: V8 takes a cache only for the source it was made from, and ignores one
// made by another V8 version or with other flags (the CLI then compiles from source, a little slower).
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const DIR = join(__dirname, "..", "dist", "bin");

/** The bundle of program `name` (`mdmsim`, `run`). */
const bundleOf = (name) => join(DIR, `${name}.cjs`);
/** Where the build writes the code cache of program `name`. */
const cacheOf = (name) => `${bundleOf(name)}.cache`;

/**
 * @param {string} name - the program: `mdmsim` (every command) or `run`
 * @param {Buffer | undefined} cachedData - V8's code cache for its bundle, if there is one
 * @returns {{ main: (args: readonly string[], io?: object) => Promise<number>, script: import("node:vm").Script }}
 */
function loadCli(name, cachedData) {
  const FILE = bundleOf(name);
  // The bundle is ASCII (esbuild escapes the rest), so latin1 reads it exactly, and faster than utf8. The
  // wrapper is Node's own for CommonJS, on the bundle's first line, so line numbers in stacks stay true.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(FILE, "latin1")}\n})`;
  const script = new vm.Script(source, { filename: FILE, cachedData });
  const cli = { exports: {} };
  script.runInThisContext()(cli.exports, createRequire(FILE), cli, FILE, DIR);
  return { main: cli.exports.main, script };
}

module.exports = { loadCli, cacheOf };
