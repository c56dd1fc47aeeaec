// The csv format of `reach`: one row per (group, server, role) cell of the matrix.
import type { Reachability } from "../model/reachability.js";
import { quote } from "./csv.js";

/** Renders the reachability matrix as CSV: `group,server,role,result`, fields quoted where needed. */
export function renderReachCsv(matrix: Reachability): string {
  const rows = matrix.cells.map((c) => [c.group, c.server, c.role, c.result].map(quote).join(","));
  return ["group,server,role,result", ...rows].join("\n") + "\n";
}
