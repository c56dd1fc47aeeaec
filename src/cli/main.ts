// The only place that decides how errors are reported and which exit code they give:
// 0 done, 1 an expectation or check failed, 2 bad input (one message, no stack), 3 a bug (stack and seed).
import { readFileSync } from "node:fs";
import yargs from "yargs";
import { ScenarioError, UsageError } from "../errors.js";
import { processIo, type CliIo, type RunContext } from "./io.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { checkCommand } from "./commands/check.js";
import { reachCommand } from "./commands/reach.js";
import { sweepCommand } from "./commands/sweep.js";
import { mergeCommand } from "./commands/merge.js";
import { probeCommand } from "./commands/probe.js";
import { reportCommand } from "./commands/report.js";
import { importCommand } from "./commands/import.js";
import { exportScriptCommand } from "./commands/exportScript.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** Exit codes of the command line. */
export const ExitCode = { OK: 0, FAILED: 1, BAD_INPUT: 2, INTERNAL: 3 } as const;

class YargsUsage extends Error {}

/**
 * yargs renders a command's whole help text after its handler returns, for a later showHelp() that mdmsim
 * never calls (`--help` renders afresh): about 30 ms of a 0.3 s run. Reaches into yargs' internal methods,
 * so it does nothing if they change shape.
 */
function skipHelpCache(parser: object): void {
  const internal = parser as {
    getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
  };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
}

const SINGLE_VALUED = [
  "seed",
  "format",
  "trace",
  "out",
  "timeout",
  "runs",
  "jobs",
  "shard",
  "quiet",
  "list",
  "name",
  "devices",
  "macs",
  "site",
];

const NO_COMMAND = "name a command (mdmsim run is the place to start)";

// yargs checks for a command before it checks options, so name what was given instead.
function noCommand(args: readonly string[]): string {
  const word = args.find((a) => !a.startsWith("-"));
  if (word !== undefined) return `unknown command "${word}"; ${NO_COMMAND}`;
  const option = args.find((a) => a.startsWith("-"));
  return option !== undefined ? `unknown option "${option}"; ${NO_COMMAND}` : NO_COMMAND;
}

/**
 * Runs the command line with `args` (without `node` and the script).
 * @returns the exit code; never throws and never calls process.exit
 */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const context: RunContext = { seed: undefined, scenario: undefined };
  let code: number = ExitCode.OK;
  const done = (c: number) => {
    code = c;
  };
  let helpText = "";
  try {
    const parser = yargs()
      .scriptName("mdmsim")
      .locale("en")
      .usage(
        "$0 <command> [options]\n\nSimulate Configuration Manager on-premises MDM: enrollment, database replicas, device management points.",
      )
      .completion("completion", "print a shell completion script")
      .command(runCommand(io, context, done))
      .command(checkCommand(io, context, done))
      .command(reachCommand(io, context, done))
      .command(sweepCommand(io, context, done))
      .command(mergeCommand(io, context, done))
      .command(probeCommand(io, context, done))
      .command(reportCommand(io, context, done))
      .command(schemaCommand(io, done))
      .command(exportScriptCommand(io, done))
      .command(importCommand(io, done))
      .demandCommand(1, NO_COMMAND)
      .strict()
      // A repeated single-valued option means its last value, as in most command lines.
      .middleware((argv) => {
        for (const key of SINGLE_VALUED) {
          const value: unknown = argv[key];
          if (Array.isArray(value)) argv[key] = value[value.length - 1] as unknown;
        }
      }, true)
      .version(VERSION)
      .help()
      .wrap(100)
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        // yargs' own parse errors (YError: a missing option value) are bad input; others come from handlers.
        if (error !== undefined && error.name !== "YError") throw error;
        throw new YargsUsage(
          message === NO_COMMAND ? noCommand(args) : (message ?? error?.message ?? "bad command line"),
        );
      });
    skipHelpCache(parser);
    await parser.parseAsync([...args], {}, (error: Error | undefined, _argv: unknown, output: string) => {
      if (error) throw error;
      helpText = output;
    });
    if (helpText !== "") io.stdout(helpText.endsWith("\n") ? helpText : `${helpText}\n`);
    return code;
  } catch (error) {
    return report(error, io, context);
  }
}

function report(error: unknown, io: CliIo, context: RunContext): number {
  if (error instanceof ScenarioError || error instanceof UsageError) {
    io.stderr(`mdmsim: ${error.message}\n`);
    return ExitCode.BAD_INPUT;
  }
  if (error instanceof YargsUsage) {
    // yargs words some messages over several lines: one line, as every bad-input message is.
    io.stderr(`mdmsim: ${error.message.replace(/\s*\n\s*/g, "; ")} (see "mdmsim --help")\n`);
    return ExitCode.BAD_INPUT;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(
    `mdmsim: internal error (a bug; please report it with this text)\n` +
      `  scenario: ${context.scenario ?? "(not loaded)"}\n  seed: ${context.seed ?? "(none)"}\n  version: ${VERSION}\n${stack}\n`,
  );
  return ExitCode.INTERNAL;
}
