// A command of the command line: its verb, its argument table and a handler that receives the typed
// arguments and returns the exit code. yargs only parses and prints help; this module checks what yargs
// lets through (unknown options, extra words) and decodes the arguments through the table.
import type { Argv } from "yargs";
import { UsageError } from "../errors.js";
import { didYouMean } from "./didYouMean.js";
import type { CliIo, RunContext } from "./io.js";
import {
  argumentLabel,
  decodeArguments,
  flagName,
  type OptionSpec,
  type OptionTable,
} from "./optionTable.js";

/** What a command may use besides its arguments. */
export interface CommandEnv {
  readonly io: CliIo;
  /** Facts for an internal-error report: set them as soon as they are known. */
  readonly context: RunContext;
}

/** A command as its file declares it. */
export interface CommandSpec<A> {
  /** The verb: `run`. */
  readonly name: string;
  /** One line for `mdmsim --help`. */
  readonly describe: string;
  /** Every argument, positional ones first in the order they are typed. */
  readonly options: OptionTable<A>;
  /** Command lines shown under `--help` (`mdmsim run baseline --seed 7`), each with what it does: every command has some. */
  readonly examples: readonly (readonly [command: string, does: string])[];
  /** The work: returns the exit code (0 done, 1 an expectation or a check failed). */
  readonly run: (args: A, env: CommandEnv) => number | Promise<number>;
}

/** An option as completion sees it: its spelling, whether a value follows, and the values it accepts. */
export interface CompletionFlag {
  /** `--format`. */
  readonly flag: string;
  readonly takesValue: boolean;
  /** The values of a choice (`table`, `json`, `csv`); none for free text. */
  readonly choices?: readonly string[] | undefined;
}

/** A command ready for `main`: the table is inside, so commands of different argument types form a list. */
export interface Command {
  readonly name: string;
  readonly describe: string;
  /** yargs' command string: `run [scenario]`, `merge <files..>`. */
  readonly usage: string;
  /** Declares the arguments to yargs (for parsing and `--help`). */
  readonly declare: (y: Argv) => Argv;
  /** The options as the shell completes them (completion.ts). */
  readonly flags: readonly CompletionFlag[];
  /**
   * Checks and decodes what yargs parsed, then runs the command.
   * @throws UsageError for an unknown option, an extra argument or a bad value
   */
  readonly execute: (
    parsed: Readonly<Record<string, unknown>>,
    words: readonly string[],
    env: CommandEnv,
  ) => Promise<number>;
}

/** Keys yargs adds to every parse. */
const YARGS_KEYS = new Set(["_", "$0", "help", "h", "version", "v"]);

function entries<A>(table: OptionTable<A>): [string, OptionSpec<unknown>][] {
  return Object.entries<OptionSpec<unknown>>(table);
}

function usage(name: string, table: [string, OptionSpec<unknown>][]): string {
  const words = table
    .filter(([, spec]) => spec.positional)
    .map(([key, spec]) => {
      const shown = spec.kind === "list" ? `${key}..` : key;
      return spec.required ? `<${shown}>` : `[${shown}]`;
    });
  return [name, ...words].join(" ");
}

function declare(
  y: Argv,
  table: [string, OptionSpec<unknown>][],
  examples: readonly (readonly [string, string])[],
): Argv {
  // Each example whole on its own line, what it does above it as a shell comment: a command wrapped in a
  // narrow column could not be copied.
  for (const [command, does] of examples) y.example(`# ${does}\n${command}`, "");
  for (const [key, spec] of table) {
    if (spec.positional) {
      // An explicit undefined default: yargs would give a `<files..>` list `[default: []]`, shown beside
      // `[required]`; the table reads a missing list as empty anyway.
      y.positional(key, { type: "string", describe: spec.describe, default: undefined });
      continue;
    }
    y.option(flagName(key), {
      describe: spec.describe,
      // Integers and choices reach the table as text (no numbers parsed), which checks them and words the
      // message; without a yargs type their help shows no misleading [string].
      ...(spec.kind === "flag" ? { type: "boolean" as const } : {}),
      ...(spec.kind === "text" || spec.kind === "list" ? { type: "string" as const } : {}),
      array: spec.kind === "list",
      requiresArg: spec.kind !== "flag",
      // `--help` shows [required]; yargs checks it first, with its message in mdmsim's words (program.ts).
      ...(spec.required ? { demandOption: true } : {}),
      ...(spec.shownDefault !== undefined ? { default: spec.shownDefault } : {}),
      ...(spec.kind === "flag" ? { default: false } : {}),
    });
  }
  return y;
}

/** The option as the command line spelt it (`--sed`, `--no-verify`, `-k`), found by the key yargs made of it. */
function typedOption(key: string, words: readonly string[]): string {
  const flag = flagName(key);
  const spellings = key.length === 1 ? [`-${key}`] : [`--${flag}`, `--no-${flag}`, `--${key}`, `--no-${key}`];
  for (const word of words) {
    const name = word.split("=")[0] ?? word;
    if (spellings.includes(name)) return name;
  }
  return spellings[0] ?? key;
}

function checkParsed(
  name: string,
  table: [string, OptionSpec<unknown>][],
  parsed: Readonly<Record<string, unknown>>,
  words: readonly string[],
): void {
  const known = new Set(table.map(([key]) => key));
  const flags = table.filter(([, spec]) => !spec.positional).map(([key]) => `--${flagName(key)}`);
  for (const key of Object.keys(parsed)) {
    if (known.has(key) || YARGS_KEYS.has(key)) continue;
    const typed = typedOption(key, words);
    throw new UsageError(
      `${name}: unknown option ${typed}${didYouMean(typed, [...flags, "--help"], (f) => f)}`,
    );
  }
  const rest: unknown = parsed._;
  const extra: unknown = Array.isArray(rest) ? rest[1] : undefined;
  if (typeof extra === "string" || typeof extra === "number")
    throw new UsageError(`${name}: unexpected argument "${extra}"`);
}

/** A command from its declaration; the handler's argument type is checked against the table's. */
export function defineCommand<A>(spec: CommandSpec<A>): Command {
  const table = entries(spec.options);
  return {
    name: spec.name,
    describe: spec.describe,
    usage: usage(spec.name, table),
    declare: (y) => declare(y, table, spec.examples),
    flags: table
      .filter(([, s]) => !s.positional)
      .map(([key, s]) => ({ flag: `--${flagName(key)}`, takesValue: s.kind !== "flag", choices: s.choices })),
    execute: async (parsed, words, env) => {
      checkParsed(spec.name, table, parsed, words);
      return spec.run(decodeArguments(spec.options, parsed), env);
    },
  };
}

/** How the command line names a library argument in a message (`metrics` is typed `--metric`). */
export function libraryFlag(argument: string): string {
  return LIBRARY_FLAGS[argument] ?? argumentLabel(argument, { positional: false });
}

const LIBRARY_FLAGS: Readonly<Record<string, string>> = { metrics: "--metric", expectations: "--expect" };
