// `mdmsim import <export.json>`: a site export (written by the script `mdmsim export-script` prints) → a
// scenario on stdout or --out, and on stderr what the export could not tell.
import type { Argv, CommandModule } from "yargs";
import { ScenarioError, UsageError } from "../../errors.js";
import { importSite } from "../../import/importSite.js";
import { renderImportNotes } from "../../import/notesTable.js";
import { parseScenarioText } from "../../scenario/load.js";
import type { CliIo } from "../io.js";
import { writeOutputFile } from "../outputFile.js";
import { describeReadError } from "../scenarioFile.js";

function count(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw new UsageError(`${option}: expected an integer >= 0, got ${JSON.stringify(value)}`);
  return value;
}

/** Reads and parses the export file; every problem names the file. */
function readExport(io: CliIo, file: string): unknown {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    throw new ScenarioError(describeReadError(error), [], file);
  }
  // Windows PowerShell's Out-File writes UTF-16: read as UTF-8, it is full of NUL characters.
  if (text.includes("\u0000"))
    throw new ScenarioError(
      "the file is UTF-16 encoded: save it as UTF-8 (the export script writes UTF-8)",
      [],
      file,
    );
  try {
    return parseScenarioText(text, "json");
  } catch (error) {
    if (error instanceof ScenarioError) throw error.withSource(file);
    throw error;
  }
}

/** The `import` command. */
export function importCommand(io: CliIo, done: (code: number) => void): CommandModule {
  return {
    command: "import <export>",
    describe: "turn a site export (see export-script) into a scenario; stderr lists what to fill in",
    builder: (y: Argv) =>
      y
        .positional("export", { type: "string", describe: "the JSON file the export script wrote" })
        .option("out", {
          type: "string",
          requiresArg: true,
          describe: "write the scenario here (default: stdout)",
        })
        .option("name", {
          type: "string",
          requiresArg: true,
          describe: "the scenario's name (default: site CODE)",
        })
        .option("devices", {
          type: "number",
          requiresArg: true,
          describe: "Windows devices of the placeholder group (default 1000; 0 for none)",
        })
        .option("macs", {
          type: "number",
          requiresArg: true,
          describe: "macOS clients of a placeholder group (default none)",
        })
        .option("site", {
          type: "string",
          requiresArg: true,
          describe: "import this site's roles (default: the export's siteCode)",
        }),
    handler: (argv) => {
      const file = argv.export as string;
      const name = argv.name as string | undefined;
      if (name?.trim() === "") throw new UsageError("--name: expected a non-empty name");
      const site = argv.site as string | undefined;
      if (site !== undefined && !/^[A-Za-z0-9]{3}$/.test(site))
        throw new UsageError(
          `--site: expected a site code of 3 letters or digits, got ${JSON.stringify(site)}`,
        );
      const devices = count(argv.devices, "--devices");
      const macs = count(argv.macs, "--macs");
      if (devices === 0 && (macs ?? 0) === 0)
        throw new UsageError("--devices 0: expected some devices (or --macs N)");
      const data = readExport(io, file);
      let result;
      try {
        result = importSite(data, {
          ...(name !== undefined ? { name } : {}),
          ...(devices !== undefined ? { devices } : {}),
          ...(macs !== undefined ? { macs } : {}),
          ...(site !== undefined ? { site } : {}),
        });
      } catch (error) {
        if (error instanceof ScenarioError) throw error.withSource(file);
        throw error;
      }
      const text = `${JSON.stringify(result.scenario, null, 2)}\n`;
      const out = argv.out as string | undefined;
      if (out !== undefined) writeOutputFile(out, text, `--out ${out}`, [file]);
      else io.stdout(text);
      io.stderr(renderImportNotes(result));
      if (out !== undefined) io.stderr(`mdmsim import: wrote ${out}; next: mdmsim check ${out}\n`);
      done(0);
    },
  };
}
