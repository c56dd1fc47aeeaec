// The table format of `reach`: device groups down, server roles across. At a narrow terminal each group
// becomes a block of `server role: result` lines.
import { reachRows, type Reachability } from "../model/reachability.js";
import { section, table, type Cell } from "./layout.js";
import { ROLE_SHORT } from "./roleNames.js";
import type { TerminalOptions } from "./terminal.js";

/**
 * The part of a matrix that fails: the groups with a failing cell, the columns with a failing cell, and
 * their cells (ok ones included, so the rows stay complete).
 */
export function failingPart(r: Reachability): Reachability {
  const bad = r.cells.filter((c) => c.result !== "ok");
  const groups = new Set(bad.map((c) => c.group));
  const columns = new Set(bad.map((c) => `${c.server}\n${c.role}`));
  const column = (c: { server: string; role: string }) => columns.has(`${c.server}\n${c.role}`);
  return {
    ...r,
    columns: r.columns.filter(column),
    cells: r.cells.filter((c) => groups.has(c.group) && column(c)),
  };
}

/** Renders the reachability matrix. */
export function renderReachTable(r: Reachability, options: TerminalOptions = {}): string {
  const head: Cell[] = ["group", ...r.columns.map((c) => ({ text: [c.server, ROLE_SHORT[c.role]] }))];
  // reachRows walks the cells once, so a large matrix renders in linear time.
  const rows = reachRows(r).map(({ group, results }): Cell[] => [
    group,
    ...results.map((result): Cell => ({ text: result, tone: result === "ok" ? "good" : "bad" })),
  ]);
  return section(
    `mdmsim reach: ${r.scenario} (rules at t = ${r.timeSeconds} s)`,
    table(head, rows, options),
    options,
  );
}
