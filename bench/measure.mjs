// Runs the CLI in this process exactly as bin/mdmsim does, then reports the process's peak RSS on fd 3
// (stderr and stdout stay the command's own). Used by bench/run.mjs; not part of the package.
import { writeSync } from "node:fs";
import process from "node:process";
import { main } from "../dist/bin/mdmsim.js";

process.exitCode = await main(process.argv.slice(2));
process.on("exit", () => {
  writeSync(3, `${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
});
