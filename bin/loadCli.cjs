"use strict";
// Compiles and evaluates the bundled CLI (dist/bin/mdmsim.cjs, a function expression), with V8's code cache
// when one is given. bin/mdmsim runs the CLI through it and scripts/bundle.mjs makes the cache through it,
// so both compile the same source the same way: V8 refuses a cache made from anything else.
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const DIR = join(__dirname, "..", "dist", "bin");
const FILE = join(DIR, "mdmsim.cjs");
/** Where the build writes the code cache. */
const CACHE = `${FILE}.cache`;

/**
 * @param {Buffer | undefined} cachedData - V8's code cache for the bundle, if there is one
 * @returns {{ main: (args: readonly string[], io?: object) => Promise<number>, script: import("node:vm").Script }}
 */
function loadCli(cachedData) {
  // The bundle is ASCII (esbuild escapes the rest), so latin1 reads it exactly, and faster than utf8.
  const script = new vm.Script(readFileSync(FILE, "latin1"), { filename: FILE, cachedData });
  const cli = { exports: {} };
  script.runInThisContext()(cli.exports, createRequire(FILE), cli, FILE, DIR);
  return { main: cli.exports.main, script };
}

module.exports = { loadCli, CACHE };
