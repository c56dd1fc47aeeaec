// Writes mdmsim/testing's CommonJS face: dist/testing/*.d.cts beside the .d.ts files, and index.cjs.
// fast-check ships two declarations of its classes (lib/cjs/ for `require`, lib/ for `import`); a
// CommonJS file's `require("fast-check")` gets the first, and an ES module .d.ts of ours would import the
// second, so the arbitraries we return would not fit the user's `fc.property` ("types have separate
// declarations of a private property"). A .d.cts imports fast-check as `require` does, the user's own copy.
// Sibling imports point at the .d.cts files; the rest of the library (no fast-check in it) stays ES module.
// index.cjs is the module those types describe: the ES module itself, through require(esm) (Node 20.19+).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";

const DIR = "dist/testing/";
const declarations = readdirSync(DIR).filter((f) => f.endsWith(".d.ts"));
const siblings = new Set(declarations.map((f) => f.slice(0, -".d.ts".length)));
for (const file of declarations) {
  const text = readFileSync(`${DIR}${file}`, "utf8")
    .replace(/(from\s+["']\.\/)([\w-]+)\.js(["'])/g, (whole, head, name, tail) =>
      siblings.has(name) ? `${head}${name}.cjs${tail}` : whole,
    )
    // The source map describes the .d.ts; this copy has none of its own.
    .replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  writeFileSync(`${DIR}${file.slice(0, -".d.ts".length)}.d.cts`, text);
}
writeFileSync(
  `${DIR}index.cjs`,
  '"use strict";\n// mdmsim/testing for require(): the ES module itself (require(esm), Node 20.19+).\nmodule.exports = require("./index.js");\n',
);
