// Preloaded by bench/run.mjs (`node --require bench/rss.cjs bin/mdmsim …`): reports the process's peak RSS
// on fd 3 when it exits, so the command measured is exactly bin/mdmsim. Not part of the package.
"use strict";
const { writeSync } = require("node:fs");

process.on("exit", () => {
  writeSync(3, `${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
});
