// Checks of the roles themselves: which exist, HTTPS, names, the mobile flags, and the connection types
// device groups need.
import { isFqdn, isIpLiteral } from "../model/fqdn.js";
import { isDmp, isMobileDp, roleConnections, type Contact, type RoleName } from "../model/rules.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { Server } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check, type FailingContact } from "./catalogue.js";
import {
  CONNECTIONS_LABEL,
  contactCheck,
  groupLabel,
  hasMdmGroups,
  ROLE_LABEL,
  roleLabel,
  rolePath,
  serverPath,
} from "./labels.js";

const ROLES: readonly RoleName[] = [
  "enrollmentPoint",
  "enrollmentProxyPoint",
  "distributionPoint",
  "managementPoint",
];

const addRole = (name: string) =>
  `Add the "${name}" site system role (Administration > Site Configuration > Servers and Site System Roles > Add Site System Roles)`;

const DMP_FLAG = 'select "Allow mobile devices and Mac computers to use this management point"';
const DP_FLAG =
  'On the distribution point\'s Communication tab, select "Allow mobile devices to connect to this distribution point"';

interface MissingRole {
  /** The missing role (or setting): each missing role is a finding of its own. */
  readonly role: string;
  readonly label: string;
  readonly fix: string;
}

/**
 * `missing-role`: one finding per role the site's device groups need and it lacks. On-prem MDM devices and
 * Macs need an enrollment point, an enrollment proxy point, a distribution point and a device management
 * point; ConfigMgr clients need a management point (any: the mobile flag is not theirs), and a distribution
 * point when a group fetches content (`content: true`). A site of ConfigMgr clients alone needs no enrollment
 * role and no DMP.
 */
export const missingRole: Check = defineCheck<MissingRole>({
  severity: "error",
  scope: "site",
  source: SOURCES.roles,
  summary:
    "the site lacks a role its device groups need (one finding per missing role): with on-prem MDM devices or Macs, an enrollment point, an enrollment proxy point, a distribution point, or a device management point; with ConfigMgr clients alone, a management point, or a distribution point when a group fetches content (`content: true`)",
  fixSummary:
    "add the site system role (for on-prem MDM devices and Macs, allow mobile devices and Macs on a management point)",
  detect: ({ scenario }) => {
    const servers = scenario.site.servers;
    const mdm = hasMdmGroups(scenario);
    const content = scenario.devices.some((g) => g.content);
    const out: MissingRole[] = [];
    const lacks = (role: RoleName, label: string, name: string) => {
      if (!servers.some((s) => s.roles[role])) out.push({ role, label, fix: addRole(name) });
    };
    // In the order of their messages, as the findings were always listed.
    const mps = servers.filter((s) => s.roles.managementPoint);
    if (mps.length === 0)
      out.push(
        mdm
          ? {
              role: "managementPoint",
              label: "device management point (no management point at all)",
              fix: `${addRole("Management point")}, then ${DMP_FLAG}`,
            }
          : { role: "managementPoint", label: "management point", fix: addRole("Management point") },
      );
    else if (mdm && !mps.some(isDmp))
      out.push({
        role: "managementPoint.allowMobileDevicesAndMacs",
        label: "device management point (no management point allows mobile devices and Macs)",
        fix: `On a management point's General tab, ${DMP_FLAG}`,
      });
    if (mdm || content) lacks("distributionPoint", "distribution point", "Distribution point");
    if (mdm) {
      lacks("enrollmentPoint", "enrollment point", "Enrollment point");
      lacks("enrollmentProxyPoint", "enrollment proxy point", "Enrollment proxy point");
    }
    return out;
  },
  path: () => "site.servers",
  // No server holds a missing role, so all share the servers' path: the role tells the findings apart.
  part: (m) => m.role,
  message: (m) => `the site has no ${m.label}`,
  fix: (m) => m.fix,
});

interface HttpRole {
  readonly server: Server;
  readonly role: RoleName;
  /** Who in the scenario needs HTTPS, in words. */
  readonly why: string;
}

/** Why HTTPS is required, by the kinds of device groups in the scenario. */
function httpsReason(mdm: boolean, clients: boolean): string {
  const removed = "version 2403 removed HTTP-only client communication (enhanced HTTP is not modelled)";
  if (mdm && clients) return `on-prem MDM requires HTTPS, and ConfigMgr clients need it since ${removed}`;
  return clients ? `ConfigMgr clients need HTTPS since ${removed}` : "on-prem MDM requires HTTPS";
}

/**
 * `https-required`: every role configured for HTTP (the rule a device's contact fails first with). The
 * enrollment roles only when some group enrolls (on-prem MDM devices or Macs): ConfigMgr clients never use them.
 */
export const httpsRequired: Check = defineCheck<HttpRole>({
  severity: "error",
  scope: "server role",
  source: SOURCES.roles,
  summary:
    "a role is configured for HTTP (on-prem MDM requires HTTPS; ConfigMgr clients need it since version 2403 removed HTTP-only client communication); the enrollment roles only when on-prem MDM devices or Macs are in the scenario",
  fixSummary: 'select "HTTPS" in the role\'s properties',
  detect: ({ scenario }) => {
    const mdm = hasMdmGroups(scenario);
    const why = httpsReason(mdm, scenario.devices.some(isConfigMgrClient));
    const roles = mdm ? ROLES : ROLES.filter((r) => r === "distributionPoint" || r === "managementPoint");
    return scenario.site.servers.flatMap((server) =>
      roles
        .filter((role) => server.roles[role] !== undefined && !server.roles[role].https)
        .map((role) => ({ server, role, why })),
    );
  },
  path: ({ server, role }) => serverPath(server.name, "roles", role),
  message: ({ server, role, why }) => `${ROLE_LABEL[role]} ${server.name} uses HTTP; ${why}`,
  fix: ({ role }) => `In the ${ROLE_LABEL[role]}'s properties, select "HTTPS"`,
});

/** `name-not-fqdn`: every site system whose name is not an FQDN (rule 7's test: no dot, or an IP address). */
export const nameNotFqdn: Check = defineCheck<Server>({
  severity: "error",
  scope: "server",
  source: SOURCES.roles,
  summary: "a site system's Name is not an FQDN (a name without a dot, or an IPv4 or IPv6 address)",
  fixSummary: "set the site system's Name to the server's FQDN",
  detect: ({ scenario }) => scenario.site.servers.filter((s) => !isFqdn(s.name)),
  path: (s) => serverPath(s.name, "name"),
  message: (s) =>
    `site system name "${s.name}" is ${isIpLiteral(s.name) ? "an IP address, not an FQDN" : "not an FQDN"}`,
  fix: () =>
    "In the site system's Properties > General, set the Name to the server's FQDN (for example cm01.corp.contoso.com)",
});

/** A management point without the mobile flag: on its own, or in a contact some group would make. */
interface PlainMp {
  readonly server: Server;
  readonly contact?: FailingContact;
  /** Some other management point is a DMP. */
  readonly anyDmp: boolean;
}

/**
 * `not-a-device-management-point`. A warning while another MP is a DMP: a group falls back to this MP only
 * when no DMP is eligible, and then each DMP's own failing rule is an error, so "no error ⇒ no
 * configuration failure" holds. A group pinned to it fails on every try: an error. With no DMP at all,
 * `missing-role` says so, and the groups that would use the MP are errors here.
 */
export const notADeviceManagementPoint: Check = defineCheck<PlainMp>({
  severity: "warning",
  severityNote: "error for a group pinned to it, or when no MP is a DMP (then also `missing-role`)",
  scope: "server role",
  source: SOURCES.roles,
  summary: 'an MP without "Allow mobile devices and Mac computers to use this management point"',
  fixSummary: `on the management point's General tab, ${DMP_FLAG}`,
  detect: ({ scenario, contacts }) => {
    const anyDmp = scenario.site.servers.some(isDmp);
    const used: PlainMp[] = contacts
      .filter((c) => c.reason === "not-a-device-management-point")
      .map((c) => ({ server: c.contact.server, contact: c, anyDmp }));
    // ConfigMgr clients use any management point: a plain one is worth a word only where MDM devices are.
    const plain =
      anyDmp && hasMdmGroups(scenario)
        ? scenario.site.servers
            .filter((s) => s.roles.managementPoint && !isDmp(s))
            .map((server) => ({ server, anyDmp }))
        : [];
    return [...used, ...plain];
  },
  path: (m) => serverPath(m.server.name, "roles", "managementPoint"),
  severityOf: (m) => (m.contact !== undefined && (m.contact.pinned || !m.anyDmp) ? "error" : "warning"),
  message: (m) =>
    m.contact !== undefined
      ? `${roleLabel(m.contact.contact)} does not allow mobile devices and Macs, and ${groupLabel(m.contact.contact)} would use it`
      : `management point ${m.server.name} does not allow mobile devices and Macs; on-prem MDM devices use only the other management points`,
  fix: () => `On the management point's General tab, ${DMP_FLAG}`,
  group: (m) => m.contact?.contact.group.name,
});

interface PlainDp {
  readonly server: Server;
  readonly contact?: Contact;
  /** No distribution point of the site allows mobile devices. */
  readonly none: boolean;
}

/** `dp-mobile-not-allowed`: an error for a group whose content would come from it, or when no DP allows mobile devices. */
export const dpMobileNotAllowed: Check = defineCheck<PlainDp>({
  severity: "warning",
  severityNote: "error when no DP allows mobile devices, or for a group whose content would come from it",
  scope: "server role",
  source: SOURCES.roles,
  summary: 'a DP without "Allow mobile devices to connect to this distribution point"',
  fixSummary: DP_FLAG,
  detect: ({ scenario, contacts }) => {
    const dps = scenario.site.servers.filter((s) => s.roles.distributionPoint);
    const none = !dps.some(isMobileDp);
    const used: PlainDp[] = contacts
      .filter((c) => c.reason === "dp-mobile-not-allowed")
      .map((c) => ({ server: c.contact.server, contact: c.contact, none }));
    // ConfigMgr clients take content from any distribution point: the flag matters only to MDM devices.
    if (!hasMdmGroups(scenario)) return used;
    return [...used, ...dps.filter((d) => !isMobileDp(d)).map((server) => ({ server, none }))];
  },
  path: (d) => serverPath(d.server.name, "roles", "distributionPoint"),
  severityOf: (d) => (d.contact !== undefined || d.none ? "error" : "warning"),
  message: (d) =>
    d.contact !== undefined
      ? `${roleLabel(d.contact)} does not allow mobile devices, and ${groupLabel(d.contact)} would use it`
      : `distribution point ${d.server.name} does not allow mobile devices${d.none ? ", and no other distribution point does" : ""}`,
  fix: () => DP_FLAG,
  group: (d) => d.contact?.group.name,
});

/** `macos-requires-internet-connections`. */
export const macosRequiresInternetConnections: Check = contactCheck("macos-requires-internet-connections", {
  scope: "server role",
  source: SOURCES.roles,
  summary: "macOS groups exist and a DP or DMP they would use is intranet-only",
  fixSummary: `select ${CONNECTIONS_LABEL.intranetAndInternet} on the role`,
  path: rolePath,
  message: (c) =>
    `${roleLabel(c)} allows intranet-only connections, and macOS ${groupLabel(c)} needs internet connections (Mac clients are internet-only clients)`,
  fix: (c) => `On the ${ROLE_LABEL[c.role]}, select ${CONNECTIONS_LABEL.intranetAndInternet}`,
});

/** `mdm-internet-unsupported`: every Windows group located on the internet. */
export const mdmInternetUnsupported: Check = defineCheck<string>({
  severity: "error",
  scope: "device group",
  source: SOURCES.roles,
  summary: "a Windows MDM group is located on the internet",
  fixSummary: "manage the devices on the intranet, or move them to Intune",
  detect: ({ scenario }) =>
    scenario.devices.filter((g) => g.platform === "windows" && g.location === "internet").map((g) => g.name),
  path: (name) => `devices.${name}.location`,
  message: (name) =>
    `group "${name}" is Windows on-prem MDM on the internet; current branch supports only intranet connections to DPs and DMPs`,
  fix: () => "Manage these devices on the intranet (location: intranet), or move them to Intune",
});

/** `connection-type-not-allowed`: a role whose connection type the group's devices cannot use. */
export const connectionTypeNotAllowed: Check = contactCheck("connection-type-not-allowed", {
  scope: "server role",
  source: SOURCES.roles,
  summary:
    "a group's location and a role's `connections` do not meet (an intranet group and an internet-only role, or an internet group and an intranet-only role): the reachability reason of the same name",
  fixSummary: `select ${CONNECTIONS_LABEL.intranetAndInternet} or the connection type the devices use`,
  path: rolePath,
  message: (c) => {
    const from =
      c.group.platform === "macos" && c.role !== "enrollmentProxyPoint"
        ? "the internet (a Mac client)"
        : `the ${c.group.location}`;
    return `${roleLabel(c)} allows ${CONNECTIONS_LABEL[roleConnections(c.server, c.role)]}, and ${groupLabel(c)} connects from ${from}`;
  },
  fix: (c) =>
    `On the ${ROLE_LABEL[c.role]}, select ${CONNECTIONS_LABEL.intranetAndInternet} or the connection type its devices use`,
});
