// The csv format of `reach`: one row per (group, server, role) cell of the matrix.
import type { Reachability } from "../model/reachability.js";
import { csvText } from "./csv.js";

/** Renders the reachability matrix as CSV: `group,server,role,result`, fields quoted where needed. */
export function renderReachCsv(matrix: Reachability): string {
  return csvText([
    ["group", "server", "role", "result"],
    ...matrix.cells.map((c) => [c.group, c.server, c.role, c.result]),
  ]);
}
