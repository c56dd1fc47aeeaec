// The table format of `reach`: device groups down, server roles across. At a narrow terminal each group
// becomes a block of `server role: result` lines.
import type { Reachability } from "../model/reachability.js";
import { section, table, type Cell } from "./layout.js";
import type { TerminalOptions } from "./terminal.js";

/** Short role names for the matrix columns (the table and the HTML report). */
export const ROLE_SHORT = {
  enrollmentProxyPoint: "EPP",
  enrollmentPoint: "EP",
  distributionPoint: "DP",
  managementPoint: "MP",
} as const;

/** Renders the reachability matrix. */
export function renderReachTable(r: Reachability, options: TerminalOptions = {}): string {
  // Cells by group, then by column key: one pass, so a large matrix renders in linear time.
  const byGroup = new Map<string, Map<string, string>>();
  for (const c of r.cells) {
    let row = byGroup.get(c.group);
    if (row === undefined) byGroup.set(c.group, (row = new Map<string, string>()));
    row.set(`${c.server}\n${c.role}`, c.result);
  }
  const head: Cell[] = ["group", ...r.columns.map((c) => ({ text: [c.server, ROLE_SHORT[c.role]] }))];
  const rows = [...byGroup].map(([group, cells]): Cell[] => [
    group,
    ...r.columns.map((c): Cell => {
      const result = cells.get(`${c.server}\n${c.role}`) ?? "";
      return { text: result, tone: result === "ok" ? "good" : "bad" };
    }),
  ]);
  return section(
    `mdmsim reach: ${r.scenario} (rules at t = ${r.timeSeconds} s)`,
    table(head, rows, options),
    options,
  );
}
