// The stderr text of `mdmsim import`: what was imported, the rows skipped, and the table of facts to fill in.
import { paragraph, table, wrapLine } from "../report/layout.js";
import type { ImportResult } from "./importSite.js";
import { plural } from "../report/plural.js";

const WHY_WIDTH = 60;

/** The line on the ConfigMgr clients written, when the export or the options name any. */
function clientsLine(s: ImportResult["summary"]): string[] {
  const c = s.clients;
  if (c === undefined) return [];
  const clients = plural(c.clients, "ConfigMgr client");
  if (c.source === "placeholder")
    return [`clients: ${clients} (--clients placeholders: the export counts none)`];
  if (c.groups === 0)
    return ["clients: the export counts no active ConfigMgr clients (--clients N adds placeholder clients)"];
  return [
    `clients: ${clients} counted by the export, in ${plural(c.groups, "device group")}` +
      (c.placeholderUnused ? " (--clients not used)" : ""),
  ];
}

/** The summary line, the clients line, the skipped rows and the notes table. */
export function renderImportNotes(result: Pick<ImportResult, "notes" | "skipped" | "summary">): string {
  const s = result.summary;
  const leftOut = [
    s.otherSiteRows > 0 ? `${plural(s.otherSiteRows, "row")} of other sites` : "",
    s.serversWithoutMdmRoles > 0
      ? `${plural(s.serversWithoutMdmRoles, "server")} without on-prem MDM roles`
      : "",
    result.skipped.length > 0 ? plural(result.skipped.length, "unreadable row") : "",
  ].filter((t) => t !== "");
  const lines = [
    `mdmsim import: site ${s.siteCode}: ${plural(s.servers, "server")} (${plural(s.roles, "role")}), ` +
      `${plural(s.boundaries, "boundary", "boundaries")}, ${plural(s.boundaryGroups, "boundary group")}` +
      (leftOut.length > 0 ? `; left out: ${leftOut.join(", ")}` : ""),
    ...clientsLine(s),
    ...result.skipped.map((r) => `skipped ${r.where}: ${r.reason}`),
  ].map((line) => paragraph(line)); // the site code and skipped rows quote the export file: shown, never obeyed
  if (result.notes.length === 0) return `${lines.join("\n")}\n`;
  // Notes that say the same thing of several places share a row: one path per line.
  const rows = new Map<string, string[][]>();
  for (const n of result.notes) {
    const written = n.value === undefined ? "(left out)" : JSON.stringify(n.value);
    const key = JSON.stringify([written, n.kind, n.why]);
    const row = rows.get(key);
    if (row === undefined) rows.set(key, [[n.path], [written], [n.kind], wrapLine(n.why, WHY_WIDTH)]);
    else row[0]?.push(n.path);
  }
  return (
    `${lines.join("\n")}\n` +
    `What the export could not tell (${plural(result.notes.length, "fact")}: fill in with --set PATH=VALUE or in the file):\n` +
    `${table(
      ["scenario path", "written", "kind", "why"],
      [...rows.values()].map((row) => row.map((lines) => ({ text: lines }))),
    )}\n`
  );
}
