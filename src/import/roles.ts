// One server's role rows → its scenario roles. Each fact the rows do not carry takes the console's default
// for a new role and is noted; the facts read from community-known property names are listed in docs/import.md.
import type { ScenarioInput } from "../scenario/schema.js";
import {
  asNumber,
  embeddedProperties,
  embeddedText,
  field,
  type EmbeddedProperty,
  type ExportRow,
} from "./exportRows.js";
import type { ImportLog } from "./notes.js";
import { replicaFor, type ReplicaInput, type ReplicaSchedules } from "./replicas.js";

export type { ReplicaInput, ReplicaSchedule, ReplicaSchedules } from "./replicas.js";

type ServerInput = ScenarioInput["site"]["servers"][number];
type Roles = ServerInput["roles"];
type Connections = "intranet" | "internet" | "intranetAndInternet";

/** The rows of one server of the site. */
export interface ServerRows {
  readonly name: string;
  /** The first row of each of the four roles, with its place in the export. */
  readonly roles: Map<keyof Roles, { readonly row: ExportRow; readonly where: string }>;
  /** The server has an `SMS Device Management Point` row. */
  deviceManagementPoint: boolean;
  /** Its `SMS Site System` row (server-wide properties). */
  siteSystem: ExportRow | undefined;
}

type Props = ReadonlyMap<string, EmbeddedProperty> | undefined;

const NOT_IN_ROW = "the row carries no";

/** Top-level SslState: 1 HTTPS and 3 always HTTPS; 0 HTTP, 2 not applicable, 4 always HTTP. */
function topLevelHttps(row: ExportRow): boolean | undefined {
  const state = asNumber(field(row, "SslState"));
  return state === undefined ? undefined : state === 1 || state === 3;
}

function managementPoint(
  server: ServerRows,
  row: ExportRow,
  schedules: ReplicaSchedules,
  replicas: Map<string, ReplicaInput>,
  log: ImportLog,
): NonNullable<Roles["managementPoint"]> {
  const at = `site.servers.${server.name}.roles.managementPoint`;
  const props = embeddedProperties(row);
  let https = topLevelHttps(row);
  if (https === undefined) {
    https = false;
    log.note(
      `${at}.https`,
      "not in the export",
      `${NOT_IN_ROW} SslState: HTTP, the default of a new management point`,
      false,
    );
  }
  const allow = server.deviceManagementPoint;
  log.note(
    `${at}.allowMobileDevicesAndMacs`,
    "to confirm",
    allow
      ? 'read from the server\'s "SMS Device Management Point" row (an undocumented signal): confirm "Allow mobile devices and Mac computers to use this management point" on its General tab'
      : 'the server has no "SMS Device Management Point" row (an undocumented signal): confirm that "Allow mobile devices and Mac computers to use this management point" is off',
    allow,
  );
  return {
    https,
    connections: mpConnections(props, at, log),
    allowMobileDevicesAndMacs: allow,
    database: mpDatabase(server.name, props, at, schedules, replicas, log),
  };
}

function mpConnections(props: Props, at: string, log: ImportLog): Connections {
  const intranet = props?.get("MPIntranetFacing")?.value;
  const internet = props?.get("MPInternetFacing")?.value;
  if (intranet === 1 && internet === 1) return "intranetAndInternet";
  if (internet === 1 && intranet !== 1) return "internet";
  if (intranet === 1) return "intranet";
  log.note(
    `${at}.connections`,
    "not in the export",
    `${NOT_IN_ROW} MPIntranetFacing or MPInternetFacing set to 1: intranet, the default of a new management point`,
    "intranet",
  );
  return "intranet";
}

function mpDatabase(
  name: string,
  props: Props,
  at: string,
  schedules: ReplicaSchedules,
  replicas: Map<string, ReplicaInput>,
  log: ImportLog,
): string {
  const useSite = props?.get("UseSiteDatabase")?.value;
  if (useSite === 0) {
    const sql = embeddedText(props?.get("SQLServerName"));
    return replicaFor(name, sql, embeddedText(props?.get("DatabaseName")), schedules, replicas, log);
  }
  if (useSite !== 1)
    log.note(
      `${at}.database`,
      "not in the export",
      `${NOT_IN_ROW} UseSiteDatabase: the site database, the default`,
      "site",
    );
  return "site";
}

function distributionPoint(
  server: ServerRows,
  row: ExportRow,
  log: ImportLog,
): NonNullable<Roles["distributionPoint"]> {
  const at = `site.servers.${server.name}.roles.distributionPoint`;
  const props = embeddedProperties(row);
  const propState = props?.get("SslState")?.value;
  const top = topLevelHttps(row);
  let https = propState === 63 || top === true;
  if (propState === undefined && top === undefined) {
    https = false;
    log.note(
      `${at}.https`,
      "not in the export",
      `${NOT_IN_ROW} SslState: HTTP, the default of a new distribution point`,
      false,
    );
  }
  const token = props?.get("TokenAuthEnabled")?.value;
  if (token === undefined)
    log.note(
      `${at}.allowMobileDevices`,
      "not in the export",
      `${NOT_IN_ROW} TokenAuthEnabled: off, the default ("Allow mobile devices to connect to this distribution point")`,
      false,
    );
  log.note(
    `${at}.connections`,
    "not in the export",
    "no exported property tells a distribution point's client connections: intranet, the default; see its Communication tab",
    "intranet",
  );
  return { https, connections: "intranet", allowMobileDevices: token === 1 };
}

/** The scenario server of one server's rows; replicas its management point reads are added to `replicas`. */
export function mapRoles(
  server: ServerRows,
  schedules: ReplicaSchedules,
  replicas: Map<string, ReplicaInput>,
  log: ImportLog,
): ServerInput {
  const roles: Roles = {};
  // The scenario's role order, whatever the export's.
  if (server.roles.has("enrollmentPoint")) roles.enrollmentPoint = { https: true };
  if (server.roles.has("enrollmentProxyPoint")) {
    roles.enrollmentProxyPoint = { https: true, connections: "intranet" };
    log.note(
      `site.servers.${server.name}.roles.enrollmentProxyPoint.connections`,
      "not in the export",
      "no exported property tells an enrollment proxy point's client connections: intranet, the default",
      "intranet",
    );
  }
  const dp = server.roles.get("distributionPoint");
  if (dp !== undefined) roles.distributionPoint = distributionPoint(server, dp.row, log);
  const mp = server.roles.get("managementPoint");
  if (mp !== undefined) roles.managementPoint = managementPoint(server, mp.row, schedules, replicas, log);

  const publicName = embeddedText(
    server.siteSystem === undefined
      ? undefined
      : embeddedProperties(server.siteSystem)?.get("Server Remote Public Name"),
  )?.toLowerCase();
  log.note(
    `site.servers.${server.name}.certificate`,
    "not in the export",
    "left out (a certificate every device trusts that names the server): `mdmsim probe SCENARIO --update-certificates OUT.json` reads it from the live server",
  );
  return { name: server.name, ...(publicName !== undefined ? { internetFqdn: publicName } : {}), roles };
}
