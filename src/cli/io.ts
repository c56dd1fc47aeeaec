// The shell's contact with the outside world, injectable so CLI tests run in-process.
import { readFileSync } from "node:fs";
import process from "node:process";
import { isatty } from "node:tty";
import type { TerminalOptions } from "../report/terminal.js";
import { terminalOptions } from "./terminal.js";

/** What a command may touch: output streams, files, terminals. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** All of standard input, for the scenario file `-`. */
  readonly readStdin: () => string;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** How tables on stdout are laid out: width and colour (none: unlimited, no colour, as for a pipe). */
  readonly stdoutLayout?: TerminalOptions;
  /** The width of stderr's terminal, for progress lines (asked when one is drawn). */
  readonly stderrColumns?: () => number | undefined;
  /** Calls `handler` on Ctrl-C (SIGINT) before the program ends as Ctrl-C ends it; returns the undo. */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

/** The real process's streams and file system. */
export function processIo(): CliIo {
  const stdoutIsTTY = isatty(1);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, "utf8"),
    readStdin: () => readFileSync(0, "utf8"),
    // isatty rather than process.stderr.isTTY: Node creates a standard stream on its first use (a socket
    // for a pipe, a few ms), and a run that succeeds never writes to stderr.
    stdoutIsTTY,
    stderrIsTTY: isatty(2),
    stdoutLayout: terminalOptions(stdoutIsTTY, stdoutIsTTY ? process.stdout.columns : undefined, process.env),
    stderrColumns: () => process.stderr.columns,
    onInterrupt: (handler) => {
      // Clean up, then end as Ctrl-C would have: the listener is gone, so the signal's default applies.
      const listener = () => {
        handler();
        process.kill(process.pid, "SIGINT");
      };
      process.once("SIGINT", listener);
      return () => {
        process.off("SIGINT", listener);
      };
    },
  };
}

/** Facts an internal-error report needs (set by commands as soon as they know them). */
export interface RunContext {
  seed: number | undefined;
  scenario: string | undefined;
}
