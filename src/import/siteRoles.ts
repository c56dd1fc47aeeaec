// SMS_SCI_SysResUse rows (Get-CMSiteRole -AllSite, or the AdminService class) → the site's servers, their
// four on-prem MDM roles and the replicas their management points read.
import { formatPath } from "../errors.js";
import { hostNameProblem, isIpLiteral } from "../model/fqdn.js";
import type { ScenarioInput } from "../scenario/schema.js";
import { asString, field, isRow, serverFromPath, type ExportRow } from "./exportRows.js";
import type { ImportLog } from "./notes.js";
import { mapRoles, type ReplicaInput, type ReplicaSchedules, type ServerRows } from "./roles.js";

/** A server as the scenario writes it. */
export type ServerInput = ScenarioInput["site"]["servers"][number];

/** RoleName → the scenario's role key; other roles are not imported. */
export const MDM_ROLES: Readonly<Record<string, keyof ServerInput["roles"]>> = {
  "sms management point": "managementPoint",
  "sms distribution point": "distributionPoint",
  "sms enrollment server": "enrollmentPoint",
  "sms enrollment web site": "enrollmentProxyPoint",
};
const DEVICE_MANAGEMENT_POINT = "sms device management point";
const SITE_SYSTEM = "sms site system";

/** What the site's rows gave. */
export interface SiteRoles {
  readonly servers: ServerInput[];
  readonly replicas: ReplicaInput[];
  /** Rows of other sites, left out. */
  readonly otherSiteRows: number;
  /** Servers of the site with none of the four roles, left out. */
  readonly serversWithoutMdmRoles: number;
}

/** Groups the site's rows by server (lower-cased name), skipping the rows that cannot be read. */
function rowsByServer(
  rows: readonly unknown[],
  siteCode: string,
  log: ImportLog,
): { byServer: Map<string, ServerRows>; otherSiteRows: number } {
  const byServer = new Map<string, ServerRows>();
  let otherSiteRows = 0;
  rows.forEach((row, i) => {
    const where = formatPath(["siteRoles", i]);
    if (!isRow(row)) {
      log.skip(where, "expected an object (an SMS_SCI_SysResUse row)");
      return;
    }
    const site = asString(field(row, "SiteCode"))?.trim();
    if (site !== undefined && site !== "" && site.toUpperCase() !== siteCode) {
      otherSiteRows++;
      return;
    }
    const roleName = asString(field(row, "RoleName"))?.trim();
    if (roleName === undefined || roleName === "") {
      log.skip(where, "no RoleName");
      return;
    }
    const path = asString(field(row, "NetworkOSPath"));
    if (path === undefined) {
      log.skip(where, `no NetworkOSPath (expected "\\\\server.fqdn") in the ${roleName} row`);
      return;
    }
    const server = serverFromPath(path);
    if (server === undefined) {
      log.skip(where, `NetworkOSPath ${JSON.stringify(path)} names no server`);
      return;
    }
    // A name devices could never resolve would only fail every run: left out, with the reason.
    const problem = hostNameProblem(server);
    if (problem !== undefined) {
      log.skip(where, `NetworkOSPath names ${JSON.stringify(server)}, not a host name: ${problem}`);
      return;
    }
    let entry = byServer.get(server);
    if (entry === undefined) {
      entry = { name: server, roles: new Map(), deviceManagementPoint: false, siteSystem: undefined };
      byServer.set(server, entry);
    }
    addRow(entry, roleName, row, where, log);
  });
  return { byServer, otherSiteRows };
}

function addRow(entry: ServerRows, roleName: string, row: ExportRow, where: string, log: ImportLog): void {
  const lower = roleName.toLowerCase();
  if (lower === DEVICE_MANAGEMENT_POINT) entry.deviceManagementPoint = true;
  else if (lower === SITE_SYSTEM) entry.siteSystem ??= row;
  const key = MDM_ROLES[lower];
  if (key === undefined) return;
  const first = entry.roles.get(key);
  if (first !== undefined) {
    log.skip(where, `a second ${roleName} row for ${entry.name} (${first.where} is used)`);
    return;
  }
  entry.roles.set(key, { row, where });
}

/**
 * The servers of site `siteCode` that hold at least one of the four roles, sorted by name.
 * @param schedules - the export's replica schedules, already read
 */
export function mapSiteRoles(
  rows: readonly unknown[],
  siteCode: string,
  schedules: ReplicaSchedules,
  log: ImportLog,
): SiteRoles {
  const { byServer, otherSiteRows } = rowsByServer(rows, siteCode, log);
  const names = [...byServer.keys()].sort();
  const servers: ServerInput[] = [];
  const replicas = new Map<string, ReplicaInput>();
  let serversWithoutMdmRoles = 0;
  for (const name of names) {
    const entry = byServer.get(name);
    if (entry === undefined) continue;
    if (entry.roles.size === 0) {
      serversWithoutMdmRoles++;
      continue;
    }
    servers.push(mapRoles(entry, schedules, replicas, log));
    // A server named by its address is real, but devices need its FQDN (its certificate names that).
    if (isIpLiteral(name))
      log.note(
        `site.servers.${name}.name`,
        "to confirm",
        "the export names this server by its IP address: set its FQDN, which devices need (name-not-fqdn)",
        name,
      );
  }
  return { servers, replicas: [...replicas.values()], otherSiteRows, serversWithoutMdmRoles };
}
