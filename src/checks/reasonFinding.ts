// Turns a reachability reason for one group and one server role into a finding: the same rule that fails a
// try in `run` is the finding in `check`.
import type { Reason } from "../model/reasons.js";
import { certificateNames, nameUsed, roleConnections, type Contact, type RoleName } from "../model/rules.js";
import { SOURCES, type Finding } from "./finding.js";

/** How the console names each role. */
export const ROLE_LABEL: Readonly<Record<RoleName, string>> = {
  enrollmentPoint: "enrollment point",
  enrollmentProxyPoint: "enrollment proxy point",
  distributionPoint: "distribution point",
  managementPoint: "management point",
};

/** The override path of a server, a role, or a server field. */
export function serverPath(server: string, ...rest: string[]): string {
  return ["site.servers", server, ...rest].join(".");
}

const CONNECTIONS_LABEL = {
  intranet: '"Allow intranet-only connections"',
  internet: '"Allow internet-only connections"',
  intranetAndInternet: '"Allow intranet and internet connections"',
} as const;

/**
 * The finding for a reason that a group's device gets from a server role (rows 2–13 of model.md).
 * @returns null for reasons that are not configuration (outages, record visibility)
 */
export function reasonFinding(reason: Reason, contact: Contact): Finding | null {
  const { group, server, role } = contact;
  const g = `group "${group.name}"`;
  const label = `${ROLE_LABEL[role]} ${server.name}`;
  const rolePath = serverPath(server.name, "roles", role);
  const certPath = serverPath(server.name, "certificate");
  const certificate = server.certificate ?? undefined;
  const error = (path: string, message: string, fix: string, source: string = SOURCES.roles): Finding => ({
    id: reason,
    severity: "error",
    path,
    message,
    fix,
    source,
  });
  switch (reason) {
    case "not-a-device-management-point":
      return error(
        rolePath,
        `${label} does not allow mobile devices and Macs, and ${g} would use it`,
        'On the management point\'s General tab, select "Allow mobile devices and Mac computers to use this management point"',
      );
    case "dp-mobile-not-allowed":
      return error(
        rolePath,
        `${label} does not allow mobile devices, and ${g} would use it`,
        'On the distribution point\'s Communication tab, select "Allow mobile devices to connect to this distribution point"',
      );
    case "https-required":
      return error(
        rolePath,
        `${label} uses HTTP; on-prem MDM requires HTTPS`,
        `In the ${ROLE_LABEL[role]}'s properties, select "HTTPS"`,
      );
    case "mdm-internet-unsupported":
      return error(
        `devices.${group.name}.location`,
        `${g} is Windows on-prem MDM on the internet; current branch supports only intranet connections to DPs and DMPs`,
        "Manage these devices on the intranet (location: intranet), or move them to Intune",
      );
    case "macos-requires-internet-connections":
      return error(
        rolePath,
        `${label} allows intranet-only connections, and macOS ${g} needs internet connections (Mac clients are internet-only clients)`,
        `On the ${ROLE_LABEL[role]}, select ${CONNECTIONS_LABEL.intranetAndInternet}`,
      );
    case "connection-type-not-allowed": {
      const connections = roleConnections(server, role);
      const from =
        group.platform === "macos" && role !== "enrollmentProxyPoint"
          ? "the internet (a Mac client)"
          : `the ${group.location}`;
      return error(
        rolePath,
        `${label} allows ${CONNECTIONS_LABEL[connections]}, and ${g} connects from ${from}`,
        `On the ${ROLE_LABEL[role]}, select ${CONNECTIONS_LABEL.intranetAndInternet} or the connection type its devices use`,
      );
    }
    case "name-not-fqdn":
      return error(
        serverPath(server.name, "name"),
        `site system name "${server.name}" is not an FQDN`,
        "In the site system's Properties > General, set the Name to the server's FQDN (for example cm01.corp.contoso.com)",
      );
    case "no-certificate":
      return error(
        certPath,
        `${server.name} has no web server certificate bound, and ${g} must reach its ${ROLE_LABEL[role]} over HTTPS`,
        "Request a web server certificate and bind it to the Default Web Site's HTTPS binding in IIS",
        SOURCES.certificates,
      );
    case "certificate-untrusted":
      return error(
        certPath,
        `${g} does not trust "${certificate?.issuer ?? ""}", the issuer of ${server.name}'s certificate (it trusts ${(group.trustedRoots ?? []).map((r) => `"${r}"`).join(", ") || "no root"})`,
        `Deliver the root certificate "${certificate?.issuer ?? ""}" to the devices (trusted root certificate profile or the bulk enrollment package), or issue the server certificate from a root they trust`,
        SOURCES.certificates,
      );
    case "certificate-name-mismatch": {
      const names = certificate ? certificateNames(server, certificate) : [];
      const host = nameUsed(group, server, role);
      return error(
        certPath,
        `${server.name}'s certificate names ${names.map((n) => `"${n}"`).join(", ") || "nothing"}, and ${g} connects to "${host}"`,
        `Issue a web server certificate whose Subject Alternative Name contains "${host}"`,
        SOURCES.pki,
      );
    }
    case "crl-unreachable":
      return error(
        certPath,
        `${server.name}'s certificate publishes only an LDAP CRL; macOS ${g} always checks revocation and cannot read LDAP CRLs`,
        "Add an HTTP CRL distribution point to the issuing CA and reissue the certificate",
        SOURCES.macs,
      );
    case "replica-unsupported-for-macos":
      return error(
        serverPath(server.name, "roles", "managementPoint", "database"),
        `${label} reads database replica "${server.roles.managementPoint?.database ?? ""}", and macOS ${g} would use it; the macOS client cannot use an MP on a replica`,
        'Give Macs a management point that uses the site database (Management Point Database tab: "Use the site database")',
        SOURCES.macs,
      );
    default:
      return null;
  }
}
