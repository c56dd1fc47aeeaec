// The reachability rules of model.md, in their order, as one table. `run` samples them into per-contact
// timelines, `check` and `reach` evaluate them directly: one implementation of each rule.
import type { Certificate, DeviceGroup, Scenario, Server } from "../scenario/schema.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { isFqdn } from "./fqdn.js";
import { inOutage, outageEdges, type Outage } from "./outage.js";
import type { Reason } from "./reasons.js";
import { inForce } from "../kernel/ties.js";

/** A role a device can contact. */
export type RoleName = "enrollmentProxyPoint" | "enrollmentPoint" | "distributionPoint" | "managementPoint";

/** What a rule reads of the site's databases: the site database's and each replica's server outages. */
export type SiteDatabases = Pick<Scenario["site"], "database" | "replicas">;

/** A device group contacting one role of one server. */
export interface Contact {
  readonly group: DeviceGroup;
  readonly server: Server;
  readonly role: RoleName;
  /** Wall time of t = 0, in epoch milliseconds (certificate validity). */
  readonly startMs: number;
  /** The site's databases, for the management point's database (site or replica) being up. */
  readonly site: SiteDatabases;
}

/** One row of the reachability table. */
export interface Rule {
  /** Row number in model.md. */
  readonly row: number;
  /** The roles it is checked for. */
  readonly roles: readonly RoleName[];
  /** Part of DMP eligibility (model.md step 3). */
  readonly eligibility: boolean;
  /** Depends on the time of the try (outages, certificate validity). */
  readonly timeDependent: boolean;
  /**
   * The failure reason at simulation time `t` (seconds), or null when the rule passes; `down` says whether a
   * server or a database is inside an outage then (by default what the outages say; the reference asks its
   * server and database processes).
   */
  readonly check: (contact: Contact, t: number, down?: Down) => Reason | null;
}

/** Whether a server, or a database's SQL Server ("site" or a replica's name), is down at the instant asked about. */
export interface Down {
  readonly server: (server: Server) => boolean;
  readonly database: (name: string) => boolean;
}

/** The outages of a database's SQL Server: the site database's, or a replica's `serverOutages`. */
export function databaseOutages(site: SiteDatabases, name: string): readonly Outage[] {
  if (name === "site") return site.database.outages;
  return site.replicas.find((r) => r.name === name)?.serverOutages ?? [];
}

/** What the outages of the servers and of `site`'s databases say of instant `t`. */
export const outagesAt = (t: number, site: SiteDatabases): Down => ({
  server: (server) => inOutage(server.outages, t),
  database: (name) => inOutage(databaseOutages(site, name), t),
});

/** The database a management point reads: "site" or a replica's name. */
export function managementPointDatabase(server: Server): string {
  return server.roles.managementPoint?.database ?? "site";
}

/** The database a role needs: an MP's own, the site database for the enrollment point (it writes there). */
function roleDatabase(server: Server, role: RoleName): string | null {
  if (role === "managementPoint") return managementPointDatabase(server);
  return role === "enrollmentPoint" ? "site" : null;
}

/** The database row: `database-unavailable` while the database a role on `server` needs is down. */
function databaseReason(server: Server, role: RoleName, down: Down): Reason | null {
  const database = roleDatabase(server, role);
  return database !== null && down.database(database) ? "database-unavailable" : null;
}

/** Where the database row may change for a role on `server`: its database's outage edges. */
function databaseEdges(site: SiteDatabases, server: Server, role: RoleName): number[] {
  const database = roleDatabase(server, role);
  return database === null ? [] : outageEdges(databaseOutages(site, database));
}

const DP_MP: readonly RoleName[] = ["distributionPoint", "managementPoint"];
const EPP_DP_MP: readonly RoleName[] = ["enrollmentProxyPoint", "distributionPoint", "managementPoint"];
const MP: readonly RoleName[] = ["managementPoint"];

/** A Mac client is an internet client toward DPs and DMPs, whatever its location; toward an EPP its location counts. */
export function isInternetDevice(group: DeviceGroup, role: RoleName): boolean {
  if (group.platform === "macos" && (role === "distributionPoint" || role === "managementPoint")) return true;
  return group.location === "internet";
}

/** The role's `connections` setting (an EP takes no device connections: it behaves as intranet-only). */
export function roleConnections(
  server: Server,
  role: RoleName,
): "intranet" | "internet" | "intranetAndInternet" {
  switch (role) {
    case "enrollmentProxyPoint":
      return server.roles.enrollmentProxyPoint?.connections ?? "intranet";
    case "distributionPoint":
      return server.roles.distributionPoint?.connections ?? "intranet";
    case "managementPoint":
      return server.roles.managementPoint?.connections ?? "intranet";
    case "enrollmentPoint":
      return "intranet";
  }
}

function roleHttps(server: Server, role: RoleName): boolean {
  return server.roles[role]?.https ?? false;
}

/** The FQDN a device group uses for a server role: `internetFqdn` for internet devices when set. */
export function nameUsed(group: DeviceGroup, server: Server, role: RoleName): string {
  return isInternetDevice(group, role) ? (server.internetFqdn ?? server.name) : server.name;
}

/** Whether a certificate name matches a host name; `*.` wildcards match exactly one label. */
export function certificateNameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith("*.")) return p === h;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** Certificate validity as simulation seconds `[from, until)`; unbounded sides are ±Infinity. */
export function validityWindow(certificate: Certificate, startMs: number): { from: number; until: number } {
  return {
    from:
      certificate.notBefore !== undefined ? (Date.parse(certificate.notBefore) - startMs) / 1000 : -Infinity,
    until:
      certificate.notAfter !== undefined ? (Date.parse(certificate.notAfter) - startMs) / 1000 : Infinity,
  };
}

// Typed wrapper, so each row's `check` is checked against `Rule` where it is written.
/** The roles of a server as far as rule 2 reads them (a scenario's server, or an import's). */
interface MobileRoles {
  readonly roles: {
    readonly managementPoint?: { readonly allowMobileDevicesAndMacs?: boolean | undefined } | undefined;
    readonly distributionPoint?: { readonly allowMobileDevices?: boolean | undefined } | undefined;
  };
}

/** An MP that allows mobile devices and Macs: a device management point (rule 2). */
export const isDmp = (s: MobileRoles): boolean => s.roles.managementPoint?.allowMobileDevicesAndMacs === true;

/** A DP that allows mobile devices (rule 2). */
export const isMobileDp = (s: MobileRoles): boolean => s.roles.distributionPoint?.allowMobileDevices === true;

const rule = (row: Rule): Rule => row;

/** The reachability table of model.md, rows 1 to 13 (row 14, the record check, needs the device's commit). */
export const RULES: readonly Rule[] = [
  rule({
    row: 1,
    roles: ["enrollmentProxyPoint", "enrollmentPoint", "distributionPoint", "managementPoint"],
    eligibility: false,
    timeDependent: true,
    check: ({ server, site }, t, down = outagesAt(t, site)) => (down.server(server) ? "server-down" : null),
  }),
  rule({
    row: 2,
    roles: DP_MP,
    eligibility: true,
    timeDependent: false,
    check: ({ group, server, role }) => {
      // A ConfigMgr client uses any management point and distribution point: the mobile flags are not its.
      if (isConfigMgrClient(group)) return null;
      if (role === "managementPoint") return isDmp(server) ? null : "not-a-device-management-point";
      return isMobileDp(server) ? null : "dp-mobile-not-allowed";
    },
  }),
  rule({
    row: 3,
    roles: ["enrollmentProxyPoint", "enrollmentPoint", "distributionPoint", "managementPoint"],
    eligibility: true,
    timeDependent: false,
    check: ({ server, role }) => (roleHttps(server, role) ? null : "https-required"),
  }),
  rule({
    row: 4,
    roles: EPP_DP_MP,
    eligibility: false,
    timeDependent: false,
    check: ({ group }) =>
      group.platform === "windows" && group.location === "internet" ? "mdm-internet-unsupported" : null,
  }),
  rule({
    row: 5,
    roles: DP_MP,
    eligibility: true,
    timeDependent: false,
    check: ({ group, server, role }) =>
      group.platform === "macos" && roleConnections(server, role) === "intranet"
        ? "macos-requires-internet-connections"
        : null,
  }),
  rule({
    row: 6,
    roles: EPP_DP_MP,
    eligibility: true,
    timeDependent: false,
    check: ({ group, server, role }) => {
      const connections = roleConnections(server, role);
      const internet = isInternetDevice(group, role);
      if (!internet && connections === "internet") return "connection-type-not-allowed";
      if (internet && connections === "intranet") return "connection-type-not-allowed";
      return null;
    },
  }),
  rule({
    row: 7,
    roles: EPP_DP_MP,
    eligibility: true,
    timeDependent: false,
    // An FQDN: a dot, and not an IP address (fqdn.ts).
    check: ({ server }) => (isFqdn(server.name) ? null : "name-not-fqdn"),
  }),
  rule({
    row: 8,
    roles: EPP_DP_MP,
    eligibility: true,
    timeDependent: false,
    check: ({ server }) => (server.certificate === null ? "no-certificate" : null),
  }),
  rule({
    row: 9,
    roles: EPP_DP_MP,
    eligibility: true,
    timeDependent: false,
    check: ({ group, server }) => {
      const certificate = server.certificate;
      if (certificate == null || group.trustedRoots === undefined) return null;
      return group.trustedRoots.includes(certificate.issuer) ? null : "certificate-untrusted";
    },
  }),
  rule({
    row: 10,
    roles: EPP_DP_MP,
    eligibility: true,
    timeDependent: false,
    check: ({ group, server, role }) => {
      const certificate = server.certificate;
      if (certificate == null) return null;
      const host = nameUsed(group, server, role);
      return certificate.names.some((n) => certificateNameMatches(n, host))
        ? null
        : "certificate-name-mismatch";
    },
  }),
  rule({
    row: 11,
    roles: EPP_DP_MP,
    eligibility: false,
    timeDependent: true,
    check: ({ server, startMs }, t) => {
      const certificate = server.certificate;
      if (certificate == null) return null;
      const window = validityWindow(certificate, startMs);
      // Validity instants are rule changes like outage edges: in force for a try at their instant.
      if (!inForce(window.from, t)) return "certificate-not-yet-valid";
      if (inForce(window.until, t)) return "certificate-expired";
      return null;
    },
  }),
  rule({
    row: 12,
    roles: EPP_DP_MP,
    eligibility: false,
    timeDependent: false,
    check: ({ group, server }) =>
      group.platform === "macos" && server.certificate?.crl === "ldap" ? "crl-unreachable" : null,
  }),
  rule({
    row: 13,
    roles: MP,
    eligibility: true,
    timeDependent: false,
    check: ({ group, server }) =>
      group.platform === "macos" && managementPointDatabase(server) !== "site"
        ? "replica-unsupported-for-macos"
        : null,
  }),
  rule({
    // Between rows 13 and 14 of model.md: the query needs its database's SQL Server before it can ask for
    // the record.
    row: 13.5,
    roles: ["enrollmentPoint", "managementPoint"],
    eligibility: false,
    timeDependent: true,
    check: ({ server, role, site }, t, down = outagesAt(t, site)) => databaseReason(server, role, down),
  }),
];

// Each role's rules, filtered once: every timeline point and reach cell asks for them.
const RULES_BY_ROLE = new Map<RoleName, readonly Rule[]>(
  (["enrollmentProxyPoint", "enrollmentPoint", "distributionPoint", "managementPoint"] as const).map(
    (role) => [role, RULES.filter((rule) => rule.roles.includes(role))],
  ),
);

/** The rules checked for a role, in table order. */
export function rulesFor(role: RoleName): readonly Rule[] {
  return RULES_BY_ROLE.get(role) ?? [];
}

/** The first failing rule's reason for a contact at time `t` (rows 1 to 13, then the database), or null. */
export function contactReason(
  contact: Contact,
  t: number,
  down: Down = outagesAt(t, contact.site),
): Reason | null {
  for (const rule of rulesFor(contact.role)) {
    const reason = rule.check(contact, t, down);
    if (reason !== null) return reason;
  }
  return null;
}

/** The first failing time-independent rule's reason (rows 2–10, 12, 13), or null: what `check` reports. */
export function staticContactReason(contact: Contact): Reason | null {
  for (const rule of rulesFor(contact.role)) {
    if (rule.timeDependent) continue;
    const reason = rule.check(contact, 0);
    if (reason !== null) return reason;
  }
  return null;
}

/** Whether a management point is eligible for a group: every time-independent rule of step 3 passes. */
export function isEligibleManagementPoint(contact: Contact): boolean {
  return rulesFor("managementPoint").every((rule) => !rule.eligibility || rule.check(contact, 0) === null);
}

/** Times in (0, duration) where some time-dependent rule of this contact may change its answer. */
export function changePoints(contact: Contact, duration: number): number[] {
  const points = new Set<number>();
  for (const edge of outageEdges(contact.server.outages)) points.add(edge);
  for (const edge of databaseEdges(contact.site, contact.server, contact.role)) points.add(edge);
  const certificate = contact.server.certificate;
  if (certificate != null) {
    const window = validityWindow(certificate, contact.startMs);
    points.add(window.from);
    points.add(window.until);
  }
  return [...points].filter((t) => t > 0 && t < duration).sort((a, b) => a - b);
}

/**
 * The site-level enrollment point check at `t`: none, all down, none of the up ones on HTTPS, or the site
 * database (where the enrollment point writes the record) down.
 * @param down - whether a server or a database is inside an outage at `t` (by default, the outages say)
 */
export function enrollmentPointReason(
  scenario: Scenario,
  t: number,
  down: Down = outagesAt(t, scenario.site),
): Reason | null {
  const eps = scenario.site.servers.filter((s) => s.roles.enrollmentPoint !== undefined);
  if (eps.length === 0) return "no-enrollment-point";
  const up = eps.filter((s) => !down.server(s));
  if (up.length === 0) return "enrollment-point-down";
  const https = answeringEnrollmentPoint(scenario, down);
  return https === undefined ? "https-required" : databaseReason(https, "enrollmentPoint", down);
}

/** The enrollment point that answers an enrollment: the first in the file that is up and uses HTTPS. */
export function answeringEnrollmentPoint(scenario: Scenario, down: Down): Server | undefined {
  return scenario.site.servers.find((s) => s.roles.enrollmentPoint?.https === true && !down.server(s));
}

/** Times in (0, duration) where the enrollment point check may change. */
export function enrollmentPointChangePoints(scenario: Scenario, duration: number): number[] {
  const points = new Set<number>();
  for (const server of scenario.site.servers) {
    if (server.roles.enrollmentPoint === undefined) continue;
    for (const edge of outageEdges(server.outages)) points.add(edge);
  }
  const ep = scenario.site.servers.find((s) => s.roles.enrollmentPoint !== undefined);
  if (ep !== undefined)
    for (const edge of databaseEdges(scenario.site, ep, "enrollmentPoint")) points.add(edge);
  return [...points].filter((t) => t > 0 && t < duration).sort((a, b) => a - b);
}
