// The command line users run: every command (program.ts holds the machinery).
import type { Command } from "./command.js";
import { program } from "./program.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { explainCommand } from "./commands/explain.js";
import { checkCommand } from "./commands/check.js";
import { reachCommand } from "./commands/reach.js";
import { sweepCommand } from "./commands/sweep.js";
import { compareCommand } from "./commands/compare.js";
import { mergeCommand } from "./commands/merge.js";
import { probeCommand } from "./commands/probe.js";
import { reportCommand } from "./commands/report.js";
import { studioCommand } from "./commands/studio.js";
import { importCommand } from "./commands/import.js";
import { exportScriptCommand } from "./commands/exportScript.js";
import { scenariosCommand } from "./commands/scenarios.js";

/** Every command, in `--help` order. */
export const COMMANDS: readonly Command[] = [
  runCommand,
  scenariosCommand,
  checkCommand,
  reachCommand,
  sweepCommand,
  compareCommand,
  mergeCommand,
  probeCommand,
  reportCommand,
  studioCommand,
  schemaCommand,
  explainCommand,
  exportScriptCommand,
  importCommand,
];

/**
 * Runs the command line with `args` (without `node` and the script).
 * @returns the exit code; never throws and never calls process.exit
 */
export const main = program(COMMANDS);

export { ExitCode } from "./program.js";
