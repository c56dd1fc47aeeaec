// The table format of `check`: one row per finding, then a count by severity. At a narrow terminal the
// findings become a list (their prose does not wrap well in a column).
import { SEVERITY_RANK, type Finding, type Severity } from "../checks/finding.js";
import { section, table, type Cell } from "./layout.js";
import { plural } from "./plural.js";
import type { TerminalOptions, Tone } from "./terminal.js";

const TONE: Readonly<Record<Severity, Tone>> = { error: "bad", warning: "warn", info: "info" };

/** Renders findings as a table with a summary line. */
export function renderCheckTable(
  scenario: string,
  findings: readonly Finding[],
  options: TerminalOptions & { readonly quiet?: boolean } = {},
): string {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  // Quiet: the counts of everything, the rows that need action (errors and warnings), nothing at all when
  // there are none.
  const kept = options.quiet === true ? findings.filter((f) => f.severity !== "info") : findings;
  if (options.quiet === true && kept.length === 0) return "";
  // What needs action first: errors, then warnings, then info (a stable sort keeps the catalogue's order).
  const shown = [...kept].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const title = `mdmsim check: ${scenario}: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info`;
  const rows = shown.map((f): Cell[] => [
    { text: f.severity, tone: TONE[f.severity] },
    f.id,
    f.path,
    { text: [f.message, `Fix: ${f.fix}`, `Source: ${f.source}`] },
  ]);
  return section(
    title,
    table(["severity", "id", "where", "finding"], rows, { ...options, overflow: "list", keyColumns: 2 }),
    options,
  );
}
