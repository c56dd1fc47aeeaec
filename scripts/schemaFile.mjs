// Writes scenario.schema.json, the file every bundled scenario's `$schema` names, as `mdmsim schema` prints
// it (the built program itself, so the two cannot differ). Part of `npm run build`; the file is committed so a
// clone's editor finds it before any build, and test/cli/schemaFile.test.ts fails when it is stale.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const FILE = "scenario.schema.json";
const text = execFileSync(process.execPath, ["bin/mdmsim", "schema"], { encoding: "utf8" });
let before = "";
try {
  before = readFileSync(FILE, "utf8");
} catch {
  // not written yet
}
if (text !== before) {
  writeFileSync(FILE, text);
  console.log(`wrote ${FILE}`);
}
