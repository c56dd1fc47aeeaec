// Fixtures of test/import/: site exports shaped like the records the ConfigMgr cmdlets and the AdminService
// print, read as data, and a golden-file comparison (UPDATE_GOLDEN=1 rewrites the files).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** The fixtures folder. */
export const FIXTURES: string = fileURLToPath(new URL("./fixtures/", import.meta.url));
const GOLDEN = fileURLToPath(new URL("./golden/", import.meta.url));

/** The exports: a one-server lab, a larger site (CAS above, secondary below), the same as AdminService answers, the larger site with its active clients counted. */
export const EXPORTS = ["lab-site", "large-site", "large-site-adminservice", "client-site"] as const;

/** The path of an export fixture. */
export function exportFile(name: string): string {
  return `${FIXTURES}${name}.export.json`;
}

/** An export fixture as parsed JSON (a fresh copy each call). */
export function readExport(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(exportFile(name), "utf8")) as Record<string, unknown>;
}

/** Compares `actual` with the golden file `name` (created when missing outside CI). */
export function golden(name: string, actual: string): void {
  const file = `${GOLDEN}${name}`;
  if (process.env.UPDATE_GOLDEN === "1" || (!existsSync(file) && process.env.CI !== "true"))
    writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/** The golden scenario text of an export (the AdminService variant has the large site's). */
export function goldenScenarioName(name: string): string {
  return `${name === "large-site-adminservice" ? "large-site" : name}.scenario.json`;
}
