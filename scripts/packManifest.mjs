// The packed package.json carries no `prepare` script. The repository needs it (`npm ci` on a clone builds
// dist/, which `npx mdmsim` runs), but a tarball already holds dist/, and npm lists a `prepare` of a
// tarball or git dependency among the install scripts it warns consumers about (npm 11 runs it only for
// links and git sources; a registry install neither runs nor lists it). `prepack` strips it, `postpack`
// puts the file back byte for byte.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const FILE = "package.json";
const SAVED = "package.json.prepack";

const [command] = process.argv.slice(2);
if (command === "strip") {
  if (existsSync(SAVED)) throw new Error(`${SAVED} exists: a previous pack did not finish; restore it first`);
  const text = readFileSync(FILE, "utf8");
  const manifest = JSON.parse(text);
  delete manifest.scripts.prepare;
  writeFileSync(SAVED, text);
  writeFileSync(FILE, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (command === "restore") {
  if (existsSync(SAVED)) renameSync(SAVED, FILE);
} else {
  throw new Error("usage: node scripts/packManifest.mjs strip|restore");
}
