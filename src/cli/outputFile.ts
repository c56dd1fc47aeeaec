// Writing an output file whole or not at all, and never through a name someone else could have planted.
// A regular file (or none yet) is replaced: a temporary file created exclusively beside it ("wx": a planted
// symlink is not followed; a random name cannot be guessed), then renamed over it. Anything else (a FIFO,
// /dev/null, /dev/stdout into a pipe, a terminal) is opened and written into, as a shell's `>` does:
// renaming over it would replace the device itself. A folder is refused, and so is one of the inputs.
import { randomBytes } from "node:crypto";
import { constants, realpathSync, rmSync, statSync, type Stats } from "node:fs";
import { open, rename, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import process from "node:process";
import { UsageError } from "../errors.js";

/**
 * A file that could not be written (a missing folder, a full disk): exit 4, as a stdout that cannot be
 * written, not the bad input of exit 2. A UsageError still, to the library's callers.
 */
export class OutputFileError extends UsageError {}

/** Characters encoded and written at a time: between two chunks a signal can end the write. */
const CHUNK_CHARS = 1 << 20;

/** The signals that end a write and remove its temporary file (Ctrl-C, `kill`). */
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
type EndingSignal = (typeof SIGNALS)[number];

/** Where signals come from and how the program then ends (the process; a fake in tests). */
export interface SignalSource {
  readonly on: (signal: EndingSignal, listener: () => void) => void;
  readonly off: (signal: EndingSignal, listener: () => void) => void;
  /** Ends the program as the signal would have (its default action: exit 130 or 143). */
  readonly kill: (signal: EndingSignal) => void;
}

const PROCESS_SIGNALS: SignalSource = {
  on: (signal, listener) => process.on(signal, listener),
  off: (signal, listener) => process.off(signal, listener),
  kill: (signal) => process.kill(process.pid, signal),
};

/** What a test may replace: the signals, and a look at each chunk as it is written. */
export interface WriteHooks {
  readonly signals?: SignalSource;
  readonly chunkWritten?: (temporary: string | undefined) => void;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Not there yet: its folder's real path and its own name.
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

// What an output may never be, before the work or at its end: one of the command's inputs, or a folder.
function refuseInputOrFolder(path: string, option: string, inputs: readonly string[]): Stats | undefined {
  const target = canonical(path);
  if (inputs.some((input) => canonical(input) === target))
    throw new UsageError(`${option}: is one of the command's input files; write to another file`);
  const stats = statOf(path);
  if (stats?.isDirectory() === true) throw new UsageError(`${option}: is a folder; name a file to write`);
  return stats;
}

/**
 * Refuses, before the work so that nothing runs in vain, what the command line gets wrong: an output file
 * that is one of the command's inputs, a folder, or in a folder that does not exist (exit 2). What fails
 * only while writing (a full disk) is `OutputFileError`, exit 4.
 * @param option - how the path is named in messages (`--out report.html`)
 * @throws UsageError naming the option
 */
export function checkOutputPath(path: string, option: string, inputs: readonly string[]): void {
  const stats = refuseInputOrFolder(path, option, inputs);
  const folder = dirname(resolve(path));
  if (stats === undefined && statOf(folder)?.isDirectory() !== true)
    throw new UsageError(`${option}: cannot write the file: its folder ${folder} does not exist`);
}

/** `.NAME.RANDOM.tmp` beside the target: hidden, and no one can name it in advance. */
function temporaryName(target: string): string {
  const name = basename(target);
  // Room for the suffix within a file name's 255 bytes.
  const stem = Buffer.byteLength(name) > 200 ? name.slice(0, 50) : name;
  return join(dirname(target), `.${stem}.${randomBytes(8).toString("hex")}.tmp`);
}

/** A write under way: its temporary file while there is one, the signal that ended it. */
interface WriteState {
  temporary?: string;
  signal?: EndingSignal;
}

async function writeAll(handle: FileHandle, text: string, hooks: WriteHooks, state: WriteState) {
  for (let from = 0; from < text.length && state.signal === undefined;) {
    let to = Math.min(from + CHUNK_CHARS, text.length);
    // A surrogate pair stays in one chunk, or each half would be encoded as U+FFFD.
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to--;
    const bytes = Buffer.from(text.slice(from, to), "utf8");
    for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done)).bytesWritten;
    hooks.chunkWritten?.(state.temporary);
    from = to;
  }
}

/**
 * Writes into a target that is not a regular file; undefined when it turns out to be one after all
 * (it was replaced since it was looked at), for the caller to replace instead.
 */
async function writeInto(
  path: string,
  text: string,
  hooks: WriteHooks,
  state: WriteState,
): Promise<true | undefined> {
  // No O_CREAT, no O_TRUNC: only what is there is written into; O_NOCTTY: a terminal stays no one's.
  const handle = await open(path, constants.O_WRONLY | constants.O_NOCTTY);
  try {
    if ((await handle.stat()).isFile()) return undefined;
    await writeAll(handle, text, hooks, state);
    return true;
  } finally {
    await handle.close();
  }
}

async function replace(path: string, text: string, hooks: WriteHooks, state: WriteState) {
  const target = canonical(path);
  const existing = statOf(target);
  const temporary = temporaryName(target);
  const handle = await open(temporary, "wx");
  state.temporary = temporary;
  try {
    // The new file keeps the old one's permissions: a private file does not become readable by all.
    if (existing !== undefined) await handle.chmod(existing.mode & 0o777);
    await writeAll(handle, text, hooks, state);
  } finally {
    await handle.close();
  }
  // A signal while the file was being opened found no temporary file to remove yet.
  if (state.signal !== undefined) rmSync(temporary, { force: true });
  else await rename(temporary, target);
  delete state.temporary;
}

/**
 * Writes `text` to `path` whole or not at all (see the top of this file), its path checked first
 * (`checkOutputPath`). SIGINT or SIGTERM during the write removes the temporary file, then ends the program
 * as the signal would.
 * @param option - how the path is named in messages (`--out scenario.json`)
 * @param inputs - files the command reads: writing over one of them is refused
 * @throws UsageError when `path` is an input, a folder or in a missing folder; OutputFileError when it cannot
 *   be written
 */
export async function writeOutputFile(
  path: string,
  text: string,
  option: string,
  inputs: readonly string[],
  hooks: WriteHooks = {},
): Promise<void> {
  checkOutputPath(path, option, inputs);
  await writeCheckedOutputFile(path, text, option, inputs, hooks);
}

/**
 * `writeOutputFile` for a path `checkOutputPath` passed before the work: what changed since (its folder
 * removed during a long sweep) is the output that could not be written, exit 4, not bad input.
 * @throws UsageError when `path` is an input or a folder; OutputFileError when it cannot be written
 */
export async function writeCheckedOutputFile(
  path: string,
  text: string,
  option: string,
  inputs: readonly string[],
  hooks: WriteHooks = {},
): Promise<void> {
  refuseInputOrFolder(path, option, inputs);
  const signals = hooks.signals ?? PROCESS_SIGNALS;
  const state: WriteState = {};
  const removeTemporary = () => {
    if (state.temporary !== undefined) rmSync(state.temporary, { force: true });
    delete state.temporary;
  };
  const listeners = SIGNALS.map((signal) => {
    const listener = () => {
      state.signal = signal;
      removeTemporary();
      for (const [s, l] of listeners) signals.off(s, l);
      signals.kill(signal);
    };
    signals.on(signal, listener);
    return [signal, listener] as const;
  });
  try {
    const stats = statOf(path);
    const written =
      stats !== undefined && !stats.isFile() ? await writeInto(path, text, hooks, state) : undefined;
    if (written === undefined) await replace(path, text, hooks, state);
    if (state.signal !== undefined) throw new Error(`interrupted by ${state.signal}`);
  } catch (error) {
    try {
      removeTemporary();
    } catch {
      // Gone already, or not ours to remove: the target is untouched either way.
    }
    throw new OutputFileError(
      `${option}: cannot write the file: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    for (const [signal, listener] of listeners) signals.off(signal, listener);
  }
}
