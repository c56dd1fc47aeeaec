// Files the package ships beside dist/, located from here: dist/cli/ and the bundle's dist/bin/ sit at the
// same depth, so one relative path serves both.
import { fileURLToPath } from "node:url";

/** The PowerShell export script that `mdmsim export-script` prints (shipped as scripts/Export-MdmSite.ps1). */
export const EXPORT_SCRIPT: string = fileURLToPath(
  new URL("../../scripts/Export-MdmSite.ps1", import.meta.url),
);

/** The folder of the studio page's two browser scripts (`studio-app.js`, `studio-worker.js`), built by `npm run build`. */
export const STUDIO_SCRIPTS: string = fileURLToPath(new URL("../../dist/bin/", import.meta.url));
