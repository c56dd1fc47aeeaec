// `mdmsim export-script`: prints the PowerShell script that exports a site for `mdmsim import`. The text is
// the shipped scripts/Export-MdmSite.ps1 itself, so the printed and the packaged script cannot differ.
import { LOAD_LIMITS } from "../../scenario/load.js";
import { defineCommand } from "../command.js";
import { EXPORT_SCRIPT } from "../packageFiles.js";

/** The `export-script` command. */
export const exportScriptCommand = defineCommand<Record<string, never>>({
  name: "export-script",
  examples: [
    ["mdmsim export-script > Export-MdmSite.ps1", "save the script, then run it where the console is"],
  ],
  describe:
    "print the PowerShell script that exports a site for import (run it where the ConfigMgr console is installed)",
  options: {},
  run: (_args, { io }) => {
    io.stdout(io.readFile(EXPORT_SCRIPT, LOAD_LIMITS.maxBytes));
    return 0;
  },
});
