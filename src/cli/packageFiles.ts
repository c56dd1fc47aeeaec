// Files the package ships beside dist/, located from here: dist/cli/ and the bundle's dist/bin/ sit at the
// same depth, so one relative path serves both.
import { fileURLToPath } from "node:url";

/** The PowerShell export script that `mdmsim export-script` prints (shipped as scripts/Export-MdmSite.ps1). */
export const EXPORT_SCRIPT: string = fileURLToPath(
  new URL("../../scripts/Export-MdmSite.ps1", import.meta.url),
);
