// The command line's machinery, for a list of commands (main.ts: all of them). The only place that decides
// how errors are reported and which exit code they give:
// 0 done, 1 an expectation or check failed, 2 bad input (one message, no stack), 3 a bug (stack and seed),
// 4 the output could not be written (a full disk; a reader that went away ends quietly instead).
import { readFileSync } from "node:fs";
import yargs from "yargs";
import { ScenarioError, UsageError } from "../errors.js";
import { visible } from "../report/terminal.js";
import { libraryFlag, type Command } from "./command.js";
import { COMPLETION_COMMAND, COMPLETION_REQUEST, completions } from "./completion.js";
import { didYouMean } from "./didYouMean.js";
import { OutputFileError } from "./outputFile.js";
import { protectDash } from "./optionTable.js";
import { processIo, type CliIo, type RunContext } from "./io.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** Exit codes of the command line. */
export const ExitCode = { OK: 0, FAILED: 1, BAD_INPUT: 2, INTERNAL: 3, OUTPUT: 4 } as const;

/**
 * The exit code once stdout is written: unchanged when it was, and unchanged but quiet when the reader went
 * away (EPIPE, as `mdmsim … | head` does: the run's outcome does not depend on who read it), else one line
 * and `OUTPUT`.
 */
async function afterOutput(io: CliIo, code: number): Promise<number> {
  const failure = await io.finishStdout?.();
  if (failure === undefined) return code;
  if (failure.code === "EPIPE") return code;
  io.stderr(`mdmsim: cannot write the output: ${failure.message}\n`);
  return ExitCode.OUTPUT;
}

/** What may stand before a command: help and version. */
const LEADING = /^(-h|--help|-v|--version)$/;

/** Help at most this wide, however wide the terminal: longer lines are hard to read. */
export const WIDEST_HELP = 120;
/** Help's width for a pipe (and the generated docs/commands.md). */
export const PIPE_HELP = 100;

/** A yargs parse error, with the help that explains the command line it came from. */
class YargsUsage extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

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

const NO_COMMAND = '"mdmsim --help" lists the commands; mdmsim run is the place to start';

// yargs right-aligns an option's hints (`[string] [required]`) after its description; a description
// that fills the line leaves them stuck to its last word ("apply[string]").
const STUCK_HINTS = /^(.*\S)((?:\[(?:string|array|boolean|number|required|default: [^\]]*)\] ?)+)$/;

/** Help text with hints stuck to a word moved to a line of their own, right-aligned to `width`. */
export function unstickHints(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => {
      const m = STUCK_HINTS.exec(line);
      if (m === null || line.length < width - 1 || m[1]?.endsWith(" ")) return [line];
      const hints = (m[2] ?? "").trimEnd();
      return [(m[1] ?? "").trimEnd(), hints.padStart(Math.min(width, line.length))];
    })
    .join("\n");
}

/** The command a command line names, checked before yargs sees it so a typo gets a suggestion. */
function checkCommandWord(args: readonly string[], commands: readonly Command[]): void {
  // Never empty: a bare `mdmsim` is asked as `mdmsim --help`.
  const first = args[0] ?? "--help";
  if (LEADING.test(first)) return;
  const names = [...commands.map((c) => c.name), COMPLETION_COMMAND];
  if (first.startsWith("-"))
    throw new UsageError(`${first}: options go after the command (mdmsim run ${first} …); ${NO_COMMAND}`);
  if (!names.includes(first)) {
    // "did you mean" ends in a question mark: the pointer to the list follows as a sentence of its own.
    const near = didYouMean(first, names);
    throw new UsageError(`unknown command "${first}"${near}${near === "" ? ";" : ""} ${NO_COMMAND}`);
  }
}

// A plural message is a { one, other } pair in yargs' locale files, which its type for updateStrings omits.
const YARGS_STRINGS = {
  "Not enough arguments following: %s": "--%s: expected a value",
  "Missing required argument: %s": {
    one: "--%s: missing; the option is required",
    other: "missing required options: %s",
  },
} as unknown as Record<string, string>;

const helpWidth = (columns: number | undefined): number =>
  columns === undefined ? PIPE_HELP : Math.min(columns, WIDEST_HELP);

function parser(
  args: readonly string[],
  commands: readonly Command[],
  columns: number | undefined,
): ReturnType<typeof yargs> {
  const y = yargs()
    .scriptName("mdmsim")
    .locale("en")
    // yargs' own messages in mdmsim's shape (`--seed: expected a value`); the rest are checked by the tables.
    .updateStrings(YARGS_STRINGS)
    .parserConfiguration({
      "parse-numbers": false,
      "parse-positional-numbers": false,
      "strip-dashed": true,
    })
    .usage(
      "$0 <command> [options]\n\nSimulate Configuration Manager on-premises MDM: enrollment, database replicas, device management points.",
    )
    .completion(
      COMPLETION_COMMAND,
      "print a shell completion script (bash or zsh): mdmsim completion >> ~/.bashrc",
    );
  for (const command of commands) y.command(command.usage, command.describe, (c) => command.declare(c));
  return (
    y
      .demandCommand(1, NO_COMMAND)
      .version(VERSION)
      .alias("v", "version")
      .help()
      .alias("h", "help")
      // The terminal's width (at most WIDEST_HELP), so no line wraps where the terminal would break it.
      .wrap(helpWidth(columns))
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        // yargs' own parse errors (YError: a missing option value) are bad input; others are bugs.
        if (error !== undefined && error.name !== "YError") throw error;
        const named = commands.find((c) => c.name === args[0]);
        throw new YargsUsage(
          missingArgument(args, message ?? error?.message ?? "bad command line", commands),
          named === undefined ? "mdmsim --help" : `mdmsim ${named.name} --help`,
        );
      })
  );
}

/** yargs counts a command's words; name the missing one instead (`check: missing <scenario>`). */
function missingArgument(args: readonly string[], message: string, commands: readonly Command[]): string {
  const command = commands.find((c) => c.name === args[0]);
  if (command === undefined || !message.startsWith("Not enough non-option arguments")) return message;
  const missing = command.usage.split(" ").filter((w) => w.startsWith("<"));
  return `${command.name}: missing ${missing.join(" ")}; usage: mdmsim ${command.usage} [options]`;
}

/** A command line: runs `args` (without `node` and the script), never throws, never calls process.exit. */
export type Program = (args: readonly string[], io?: CliIo) => Promise<number>;

/**
 * The command line of `commands`: `main` (every command) is the one users run; `bin/mdmsim` starts `run` from
 * a program of that command alone (runMain.ts), which answers every `run` command line the same way.
 */
export function program(commands: readonly Command[]): Program {
  return (args, io = processIo()) => execute(args, io, commands);
}

async function execute(args: readonly string[], io: CliIo, commands: readonly Command[]): Promise<number> {
  const context: RunContext = { seed: undefined, scenario: undefined };
  try {
    if (args[0] === COMPLETION_REQUEST) {
      const offered = completions(args.slice(1), commands);
      io.stdout(offered.map((word) => `${word}\n`).join(""));
      return await afterOutput(io, ExitCode.OK);
    }
    // A bare `mdmsim` asks what there is: the command list, as --help prints it, and no error.
    const words = args.length === 0 ? ["--help"] : args;
    checkCommandWord(words, commands);
    const y = parser(words, commands, io.stdoutLayout?.columns);
    skipHelpCache(y);
    let output = "";
    const parsed = await y.parseAsync(
      protectDash(words),
      {},
      (error: Error | undefined, _argv: unknown, text: string) => {
        if (error) throw error;
        output = text;
      },
    );
    // --help, --version and the completion script: yargs wrote them, and no command runs.
    if (output !== "") {
      const shown = unstickHints(output, helpWidth(io.stdoutLayout?.columns));
      io.stdout(shown.endsWith("\n") ? shown : `${shown}\n`);
      return await afterOutput(io, ExitCode.OK);
    }
    const command = commands.find((c) => c.name === parsed._[0]);
    if (command === undefined) return ExitCode.OK;
    return await afterOutput(io, await command.execute(parsed, args, { io, context }));
  } catch (error) {
    return afterOutput(io, report(error, io, context));
  }
}

/** A library UsageError names the library's argument (`runs`): the command line names the flag. */
function usageMessage(error: UsageError): string {
  if (error.about === undefined) return error.message;
  const { argument, value } = error.about;
  return `${libraryFlag(argument)}${value !== undefined ? ` ${value}` : ""}: ${error.detail}`;
}

function report(error: unknown, io: CliIo, context: RunContext): number {
  if (error instanceof ScenarioError) {
    // Messages quote values from files (group names, --trace devices): shown, never obeyed. A file's
    // problems are one a line; the breaks between them are the message's own.
    io.stderr(`mdmsim: ${error.message.split("\n").map(visible).join("\n")}\n`);
    return ExitCode.BAD_INPUT;
  }
  if (error instanceof OutputFileError) {
    io.stderr(`mdmsim: ${visible(error.message)}\n`);
    return ExitCode.OUTPUT;
  }
  if (error instanceof UsageError) {
    io.stderr(`mdmsim: ${visible(usageMessage(error))}\n`);
    return ExitCode.BAD_INPUT;
  }
  if (error instanceof YargsUsage) {
    // yargs words some messages over several lines: one line, as every bad-input message is.
    io.stderr(`mdmsim: ${visible(error.message.replace(/\s*\n\s*/g, "; "))} (see "${error.help}")\n`);
    return ExitCode.BAD_INPUT;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(
    `mdmsim: internal error (a bug; please report it with this text)\n` +
      `  scenario: ${visible(context.scenario ?? "(not loaded)")}\n  seed: ${context.seed ?? "(none)"}\n  version: ${VERSION}\n${stack.split("\n").map(visible).join("\n")}\n`,
  );
  return ExitCode.INTERNAL;
}
