// Writing an output file whole or not at all: a temporary file beside it, then a rename, and never over
// one of the command's inputs.
import { realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import process from "node:process";
import { UsageError } from "../errors.js";

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

/**
 * Refuses an output file that is one of the command's inputs: before the work, so nothing runs in vain.
 * @throws UsageError naming the option
 */
export function checkOutputPath(path: string, option: string, inputs: readonly string[]): void {
  const target = canonical(path);
  if (inputs.some((input) => canonical(input) === target))
    throw new UsageError(`${option}: is one of the command's input files; write to another file`);
}

/**
 * Writes `text` to `path` atomically (temporary file in the same folder, then rename).
 * @param option - how the path is named in messages (`--out scenario.json`)
 * @param inputs - files the command reads: writing over one of them is refused
 * @throws UsageError when `path` is an input or cannot be written
 */
export function writeOutputFile(path: string, text: string, option: string, inputs: readonly string[]): void {
  checkOutputPath(path, option, inputs);
  const target = canonical(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Not ours to remove (something else holds that name): the target is untouched either way.
    }
    throw new UsageError(
      `${option}: cannot write the file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
