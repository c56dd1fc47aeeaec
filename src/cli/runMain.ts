// The command line of `mdmsim run` alone, which bin/mdmsim starts for a command line beginning with `run`:
// a bundle of its own holds only what `run` needs, so it starts sooner (the command is the one architects
// run most, and most often on small scenarios, where starting is most of the time). It answers every `run`
// command line as main.ts does: yargs reads only the named command's declaration.
import { runCommand } from "./commands/run.js";
import { program } from "./program.js";

/** `mdmsim run …` (`args` starts with `run`). */
export const main = program([runCommand]);
