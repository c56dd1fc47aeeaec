// Writes the generated files of docs/ (scenario, results, checks, commands) from the built program.
// Run through `npm run docs`, which compiles first; test/docs.test.ts fails when a committed file is stale.
import { writeFileSync } from "node:fs";
import { generatedDocs } from "../dist/cli/generatedDocs.js";

for (const [file, text] of Object.entries(await generatedDocs())) {
  writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  console.log(`wrote ${file}`);
}
