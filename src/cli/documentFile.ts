// A document written to a file beside the table (`--json FILE`, `run --records FILE`): checked before the
// work (never over an input, never a folder), written whole after it by the one writer of output files; a
// file that cannot be written is exit 4, as a full stdout is, not bad input.
import { text } from "./optionTable.js";
import { checkOutputPath, writeCheckedOutputFile } from "./outputFile.js";

/** `--json FILE`: the same document `--format json` prints, written to FILE while stdout shows the table. */
export const JSON_FILE = text({
  describe: "also write the JSON document (what --format json prints) to FILE",
});

/** Refuses, before the work, a file that is one of the inputs (`--json site.json`) or a folder. */
export function checkDocumentFile(path: string | undefined, option: string, inputs: readonly string[]): void {
  if (path !== undefined) checkOutputPath(path, `${option} ${path}`, inputs);
}

/**
 * Writes `text` to `path` whole (nothing when `path` is undefined), a path `checkDocumentFile` passed before
 * the work: a folder removed since is output that could not be written (exit 4).
 * @throws OutputFileError when the file cannot be written
 */
export async function writeDocumentFile(
  path: string | undefined,
  content: string,
  option: string,
  inputs: readonly string[],
): Promise<void> {
  if (path !== undefined) await writeCheckedOutputFile(path, content, `${option} ${path}`, inputs);
}
