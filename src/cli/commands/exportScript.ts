// `mdmsim export-script`: prints the PowerShell script that exports a site for `mdmsim import`. The text is
// the shipped scripts/Export-MdmSite.ps1 itself, so the printed and the packaged script cannot differ.
import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import { EXPORT_SCRIPT } from "../packageFiles.js";

/** The `export-script` command. */
export function exportScriptCommand(io: CliIo, done: (code: number) => void): CommandModule {
  return {
    command: "export-script",
    describe:
      "print the PowerShell script that exports a site for import (run it where the ConfigMgr console is installed)",
    handler: () => {
      io.stdout(io.readFile(EXPORT_SCRIPT));
      done(0);
    },
  };
}
