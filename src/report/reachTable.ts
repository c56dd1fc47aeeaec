// The table format of `reach`: device groups down, server roles across.
import type { Reachability } from "../model/reachability.js";
import { section, table } from "./format.js";

/** Short role names for the matrix columns (the table and the HTML report). */
export const ROLE_SHORT = {
  enrollmentProxyPoint: "EPP",
  enrollmentPoint: "EP",
  distributionPoint: "DP",
  managementPoint: "MP",
} as const;

/** Renders the reachability matrix. */
export function renderReachTable(r: Reachability): string {
  const groups = [...new Set(r.cells.map((c) => c.group))];
  const head = ["group", ...r.columns.map((c) => `${c.server}\n${ROLE_SHORT[c.role]}`)];
  const rows = groups.map((g) => [
    g,
    ...r.columns.map(
      (c) => r.cells.find((x) => x.group === g && x.server === c.server && x.role === c.role)?.result ?? "",
    ),
  ]);
  return section(`mdmsim reach: ${r.scenario} (rules at t = ${r.timeSeconds} s)`, table(head, rows));
}
