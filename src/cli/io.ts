// The shell's contact with the outside world, injectable so CLI tests run in-process.
import process from "node:process";
import { isatty } from "node:tty";
import type { TerminalOptions } from "../report/terminal.js";
import { terminalOptions } from "./terminal.js";
import { readBounded } from "./boundedRead.js";

/** What a command may touch: output streams, files, terminals. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as UTF-8; more than `maxBytes` is refused (`readBounded`), so every reader names its bound. */
  readonly readFile: (path: string, maxBytes: number) => string;
  /** All of standard input, for the scenario file `-`; more than `maxBytes` is refused. */
  readonly readStdin: (maxBytes: number) => string;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** How tables on stdout are laid out: width and colour (none: unlimited, no colour, as for a pipe). */
  readonly stdoutLayout?: TerminalOptions;
  /** The width of stderr's terminal, for progress lines (asked when one is drawn). */
  readonly stderrColumns?: () => number | undefined;
  /** Calls `handler` on Ctrl-C (SIGINT) before the program ends as Ctrl-C ends it; returns the undo. */
  readonly onInterrupt?: (handler: () => void) => () => void;
  /**
   * Waits until everything written to stdout has been handed to the system, and returns the first error
   * writing it met (ENOSPC, EPIPE, …), if any. Absent for outputs that cannot fail (tests' captures).
   */
  readonly finishStdout?: () => Promise<NodeJS.ErrnoException | undefined>;
}

/** The real process's streams and file system. */
export function processIo(): CliIo {
  const stdoutIsTTY = isatty(1);
  // Write errors arrive later, in callbacks and an 'error' event (which would otherwise end the process with
  // a stack): keep the first and write nothing more once the output is gone.
  let failure: NodeJS.ErrnoException | undefined;
  const failed = (error: Error | null | undefined) => {
    if (error) failure ??= error;
  };
  let listening = false;
  return {
    stdout: (text) => {
      if (failure !== undefined) return;
      if (!listening) {
        process.stdout.on("error", failed);
        listening = true;
      }
      process.stdout.write(text, failed);
    },
    finishStdout: () =>
      new Promise((resolve) => {
        if (!listening || failure !== undefined) resolve(failure);
        else
          process.stdout.write("", () => {
            resolve(failure);
          });
      }),
    stderr: (text) => process.stderr.write(text),
    readFile: readBounded,
    readStdin: (maxBytes) => readBounded(0, maxBytes),
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
