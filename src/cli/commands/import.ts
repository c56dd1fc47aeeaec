// `mdmsim import <export.json>`: a site export (written by the script `mdmsim export-script` prints) → a
// scenario on stdout or --out, and on stderr what the export could not tell.
import { ScenarioError, UsageError } from "../../errors.js";
import { importSite } from "../../import/importSite.js";
import { importNotesDocument } from "../../import/notes.js";
import { renderImportNotes } from "../../import/notesTable.js";
import { LOAD_LIMITS, parseScenarioText } from "../../scenario/load.js";
import { defineCommand } from "../command.js";
import type { CliIo } from "../io.js";
import { integer, requiredPositional, text } from "../optionTable.js";
import { checkOutputPath, writeOutputFile } from "../outputFile.js";
import { describeReadError, scenarioLabel, STDIN } from "../scenarioFile.js";
import { visible } from "../../report/terminal.js";

/** Reads and parses the export file (`-`: standard input, as for scenarios); every problem names the file. */
function readExport(io: CliIo, file: string): unknown {
  let text: string;
  const shown = scenarioLabel(file);
  try {
    text = file === STDIN ? io.readStdin(LOAD_LIMITS.maxBytes) : io.readFile(file, LOAD_LIMITS.maxBytes);
  } catch (error) {
    throw new ScenarioError(describeReadError(error), [], shown);
  }
  try {
    return parseScenarioText(text, "json");
  } catch (error) {
    if (error instanceof ScenarioError) throw error.withSource(shown);
    throw error;
  }
}

interface ImportArgs {
  readonly export: string;
  readonly out: string | undefined;
  readonly notes: string | undefined;
  readonly name: string | undefined;
  readonly devices: number | undefined;
  readonly macs: number | undefined;
  readonly clients: number | undefined;
  readonly site: string | undefined;
}

/** The `import` command. */
export const importCommand = defineCommand<ImportArgs>({
  name: "import",
  examples: [
    ["mdmsim import export.json --out site.json", "a scenario from the export; what to fill in on stderr"],
  ],
  describe: "turn a site export (see export-script) into a scenario; stderr lists what to fill in",
  options: {
    export: requiredPositional({ describe: "the JSON file the export script wrote (-: standard input)" }),
    out: text({ describe: "write the scenario here (default: stdout)" }),
    notes: text({
      describe: "also write what to fill in (the stderr table) to this file as JSON (mdmsim-import-notes/1)",
    }),
    name: text({ describe: "the scenario's name (default: site CODE)" }),
    devices: integer({
      min: 0,
      describe:
        "Windows MDM devices of the placeholder group (default 1000, none when the scenario gets ConfigMgr clients; 0 for none)",
    }),
    macs: integer({ min: 0, describe: "macOS clients of a placeholder group (default none)" }),
    clients: integer({
      min: 0,
      describe: "ConfigMgr clients of a placeholder group when the export counts none (default none)",
    }),
    site: text({ describe: "import this site's roles (default: the export's siteCode)" }),
  },
  run: async (args, { io }) => {
    const { export: file, name, site, devices, macs, clients, out, notes } = args;
    if (name?.trim() === "") throw new UsageError("--name: expected a non-empty name");
    if (site !== undefined && !/^[A-Za-z0-9]{3}$/.test(site))
      throw new UsageError(
        `--site: expected a site code of 3 letters or digits, got ${JSON.stringify(site)}`,
      );
    // Never over the export, nor over the scenario --out writes.
    const notesInputs = [file, ...(out !== undefined ? [out] : [])];
    if (notes !== undefined) checkOutputPath(notes, `--notes ${notes}`, notesInputs);
    const data = readExport(io, file);
    let result;
    try {
      result = importSite(data, {
        ...(name !== undefined ? { name } : {}),
        ...(devices !== undefined ? { devices } : {}),
        ...(macs !== undefined ? { macs } : {}),
        ...(clients !== undefined ? { clients } : {}),
        ...(site !== undefined ? { site } : {}),
      });
    } catch (error) {
      if (error instanceof ScenarioError) throw error.withSource(scenarioLabel(file));
      throw error;
    }
    const { text } = result;
    if (out !== undefined) await writeOutputFile(out, text, `--out ${out}`, [file]);
    else io.stdout(text);
    if (notes !== undefined)
      await writeOutputFile(
        notes,
        `${JSON.stringify(importNotesDocument(result), null, 2)}\n`,
        `--notes ${notes}`,
        notesInputs,
      );
    io.stderr(renderImportNotes(result));
    if (out !== undefined)
      io.stderr(`mdmsim import: wrote ${visible(out)}; next: mdmsim check ${visible(out)}\n`);
    return 0;
  },
});
