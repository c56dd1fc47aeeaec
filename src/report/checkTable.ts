// The table format of `check`: one row per finding, then a count by severity.
import type { Finding } from "../checks/finding.js";
import { section, table } from "./format.js";

/** Renders findings as a table with a summary line. */
export function renderCheckTable(scenario: string, findings: readonly Finding[]): string {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const title = `mdmsim check: ${scenario}: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info`;
  const rows = findings.map((f) => [
    f.severity,
    f.id,
    f.path,
    `${f.message}\nFix: ${f.fix}\nSource: ${f.source}`,
  ]);
  return section(title, table(["severity", "id", "where", "finding"], rows));
}
