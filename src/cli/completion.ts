// What the shell's TAB offers. The script `mdmsim completion` prints calls `mdmsim --get-yargs-completions
// WORDS…` (the words typed so far, the one being completed last, "" after a space); mdmsim answers here,
// from the command tables, rather than through yargs: yargs parses the words as a command line and so
// prints errors for a half-typed one. Nothing printed lets the shell complete file names, which is what a
// scenario, a shard or an output file wants.
import type { Command } from "./command.js";

/** yargs' own name for the request (its completion script sends it). */
export const COMPLETION_REQUEST = "--get-yargs-completions";

/** The command that prints the completion script. */
export const COMPLETION_COMMAND = "completion";

const HELP_FLAGS = ["--help"];

/**
 * The words the shell may offer for the last of `words` (the program's name first, as the script sends it).
 * @returns one candidate a line; the shell keeps those that begin with what was typed
 */
export function completions(words: readonly string[], commands: readonly Command[]): string[] {
  const typed = words.slice(1);
  const current = typed[typed.length - 1] ?? "";
  const before = typed.slice(0, -1);
  const verb = before[0];
  if (verb === undefined) {
    if (current.startsWith("-")) return ["--help", "--version"];
    return [COMPLETION_COMMAND, ...commands.map((c) => c.name)];
  }
  const command = commands.find((c) => c.name === verb);
  if (command === undefined) return [];
  // The value of an option: its choices, or nothing (file names, numbers, paths are the shell's or the user's).
  // bash splits `--format=js` at the "=" (COMP_WORDBREAKS): the option is then the word before it.
  const last = before.length > 1 ? before[before.length - 1] : undefined;
  const previous = last === "=" && before.length > 2 ? before[before.length - 2] : last;
  const option = command.flags.find((f) => f.flag === previous);
  if (option?.takesValue === true) return [...(option.choices ?? [])];
  // `--format=` written as one word.
  const eq = current.indexOf("=");
  if (current.startsWith("--") && eq > 0) {
    const named = command.flags.find((f) => f.flag === current.slice(0, eq));
    return (named?.choices ?? []).map((c) => `${current.slice(0, eq + 1)}${c}`);
  }
  if (current.startsWith("-")) return [...command.flags.map((f) => f.flag), ...HELP_FLAGS];
  return [];
}
