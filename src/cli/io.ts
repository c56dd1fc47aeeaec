// The shell's contact with the outside world, injectable so CLI tests run in-process.
import { readFileSync } from "node:fs";
import process from "node:process";
import { isatty } from "node:tty";

/** What a command may touch: output streams, files, terminals. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** All of standard input, for the scenario file `-`. */
  readonly readStdin: () => string;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

/** The real process's streams and file system. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, "utf8"),
    readStdin: () => readFileSync(0, "utf8"),
    // isatty rather than process.stderr.isTTY: Node creates a standard stream on its first use (a socket
    // for a pipe, a few ms), and a run that succeeds never writes to stderr.
    stdoutIsTTY: isatty(1),
    stderrIsTTY: isatty(2),
  };
}

/** Facts an internal-error report needs (set by commands as soon as they know them). */
export interface RunContext {
  seed: number | undefined;
  scenario: string | undefined;
}
