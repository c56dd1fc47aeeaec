// Helpers for command-line tests: run `main` in-process with a capturing CliIo, or the real bin/mdmsim
// (also under a heap bound, timed); a temporary folder of files for a test file.
import { afterAll, beforeAll, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FileTooLargeError, readBounded } from "../../src/cli/boundedRead.js";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

/** The repository root (computed, never hard-coded). */
export const REPO_ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

/** The installed program. */
export const BIN: string = fileURLToPath(new URL("../../bin/mdmsim", import.meta.url));

/** The bundled default scenario's text. */
export const BASELINE_TEXT: string = readFileSync(
  fileURLToPath(new URL("../../scenarios/baseline.json", import.meta.url)),
  "utf8",
);

/** What one command line produced. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `runCli`. */
export interface RunCliOptions {
  /** Virtual files by path; other paths are read from the real file system. */
  readonly files?: Readonly<Record<string, string>>;
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** Standard input, for the scenario file `-`. */
  readonly stdin?: string;
  /** A fake terminal for stdout: its width and whether it gets colour. */
  readonly stdoutLayout?: CliIo["stdoutLayout"];
  /** Replaces the capturing stdout (to inject failures). */
  readonly stdout?: (text: string) => void;
}

/** A CliIo that captures both streams and reads virtual files first. */
export function captureIo(options: RunCliOptions = {}): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  let out = "";
  let err = "";
  const files = options.files ?? {};
  const io: CliIo = {
    stdout:
      options.stdout ??
      ((text) => {
        out += text;
      }),
    stderr: (text) => {
      err += text;
    },
    readFile: (path, maxBytes) => {
      const virtual = Object.hasOwn(files, path) ? files[path] : undefined;
      if (virtual === undefined) return readBounded(path, maxBytes);
      if (Buffer.byteLength(virtual) > maxBytes) throw new FileTooLargeError(maxBytes);
      return virtual;
    },
    readStdin: () => options.stdin ?? "",
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    ...(options.stdoutLayout !== undefined ? { stdoutLayout: options.stdoutLayout } : {}),
  };
  return { io, stdout: () => out, stderr: () => err };
}

/** Runs `mdmsim ARGS` in-process. */
export async function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliOutcome> {
  const { io, stdout, stderr } = captureIo(options);
  const code = await main(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

/**
 * Runs the real `bin/mdmsim` with this Node. It imports `dist/`, so `npm run build` must have run
 * (`npm test` builds before vitest starts).
 */
export function runBin(args: readonly string[], env: Readonly<Record<string, string>> = {}): CliOutcome {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** The heap bound of `boundedBin`, in MB. */
export const BOUNDED_HEAP_MB = 300;

/** What one run of the program gave, and how long it took. */
export interface TimedOutcome extends CliOutcome {
  readonly seconds: number;
}

/** The real `bin/mdmsim` under a `BOUNDED_HEAP_MB` heap, through a shell when `pipe` feeds it; timed. */
export function boundedBin(args: readonly string[], pipe?: string): TimedOutcome {
  const node = [process.execPath, `--max-old-space-size=${BOUNDED_HEAP_MB}`, BIN, ...args];
  const options = { cwd: REPO_ROOT, encoding: "utf8", timeout: 90_000, maxBuffer: 1 << 28 } as const;
  const started = performance.now();
  const child =
    pipe === undefined
      ? spawnSync(node[0]!, node.slice(1), options)
      : spawnSync("sh", ["-c", `${pipe} | ${node.map(shellQuote).join(" ")}`], options);
  return {
    code: child.status ?? -1,
    stdout: child.stdout,
    stderr: child.stderr,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Refused as `expectBadInput` says (exit 2, one line naming each text), within `seconds`. */
export function refusedInBounds(outcome: TimedOutcome, seconds: number, ...mentions: string[]): void {
  expectBadInput(outcome, ...mentions);
  expect(outcome.seconds).toBeLessThan(seconds);
}

/** Ran cleanly (exit 0, nothing on stderr) within `seconds`; the outcome, for its output. */
export function ranInBounds(outcome: TimedOutcome, seconds: number): TimedOutcome {
  expect(outcome.stderr).toBe("");
  expect(outcome.code).toBe(0);
  expect(outcome.seconds).toBeLessThan(seconds);
  return outcome;
}

/**
 * A temporary folder for the tests of one file: made before them, removed after them. `file` writes a file
 * into it and returns its path.
 */
export function tempFolder(prefix: string): {
  readonly dir: () => string;
  readonly file: (name: string, content: string) => string;
} {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** A word for `sh -c`: single-quoted, each `'` in it written as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** A stack trace line as Node prints it. */
export const STACK_LINE: RegExp = /^ {4}at /m;

/** Parses a run's JSON output (fails the test loudly when it is not one JSON document). */
export function parseJson(text: string): Record<string, unknown> {
  const value = JSON.parse(text) as unknown;
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error(`expected a JSON object, got ${text.slice(0, 80)}`);
  return value as Record<string, unknown>;
}

/** Reads a dot path of plain data (arrays by index), for assertions. */
export function at(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Asserts exit code 2 with one `mdmsim: …` line on stderr, nothing on stdout, no stack, naming each text. */
export function expectBadInput(outcome: CliOutcome, ...mentions: string[]): void {
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(outcome.stdout).toBe("");
  expect(outcome.stderr).toMatch(/^mdmsim: /);
  expect(outcome.stderr).not.toMatch(STACK_LINE);
  expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
  for (const text of mentions) expect(outcome.stderr).toContain(text);
}

/** A user's outcome: exit 0, 1 or 2, no stack trace, and an exit 2's first line naming `source`. */
export function assertUserOutcome(outcome: { code: number; stderr: string }, source: string): void {
  expect([0, 1, 2]).toContain(outcome.code);
  expect(outcome.stderr).not.toMatch(STACK_LINE);
  if (outcome.code === 2) {
    expect(outcome.stderr.trim().split("\n")[0]).toContain(source);
  }
}
