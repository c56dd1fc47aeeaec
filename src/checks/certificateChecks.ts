// Checks of the servers' web server certificates: trust, names, validity over the run, binding, and CRLs.
import { nameUsed, validityWindow } from "../model/rules.js";
import { formatDuration } from "../scenario/duration.js";
import type { Server } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";
import { contactCheck, groupLabel, ROLE_LABEL, serverPath } from "./labels.js";

const certificatePath = (server: Server) => serverPath(server.name, "certificate");

/** `certificate-untrusted`: a group does not trust the issuer of a server it must reach. */
export const certificateUntrusted: Check = contactCheck("certificate-untrusted", {
  scope: "certificate",
  source: SOURCES.certificates,
  summary: "a device group does not trust the issuer of a server it must reach",
  fixSummary:
    "deliver the issuer's root certificate to the devices, or issue the certificate from a root they trust",
  path: (c) => certificatePath(c.server),
  message: (c) => {
    const issuer = c.server.certificate?.issuer ?? "";
    const trusted = (c.group.trustedRoots ?? []).map((r) => `"${r}"`).join(", ") || "no root";
    return `${groupLabel(c)} does not trust "${issuer}", the issuer of ${c.server.name}'s certificate (it trusts ${trusted})`;
  },
  fix: (c) =>
    `Deliver the root certificate "${c.server.certificate?.issuer ?? ""}" to the devices (trusted root certificate profile or the bulk enrollment package), or issue the server certificate from a root they trust`,
});

/** `certificate-name-mismatch`: a certificate does not name the FQDN its devices use. */
export const certificateNameMismatch: Check = contactCheck("certificate-name-mismatch", {
  scope: "certificate",
  source: SOURCES.pki,
  summary: "a certificate does not name the FQDN its devices use",
  fixSummary: "issue a certificate whose Subject Alternative Name contains the name the devices use",
  path: (c) => certificatePath(c.server),
  message: (c) => {
    const certificate = c.server.certificate ?? undefined;
    // The schema defaults a certificate's names to the server's name and internet FQDN.
    const names = certificate ? certificate.names : [];
    return `${c.server.name}'s certificate names ${names.map((n) => `"${n}"`).join(", ") || "nothing"}, and ${groupLabel(c)} connects to "${nameUsed(c.group, c.server, c.role)}"`;
  },
  fix: (c) =>
    `Issue a web server certificate whose Subject Alternative Name contains "${nameUsed(c.group, c.server, c.role)}"`,
});

/** A certificate whose validity ends before the run does: already at the start, or during it. */
interface Expiry {
  readonly server: Server;
  /** Already expired when the run starts (else: expires during it). */
  readonly atStart: boolean;
  readonly message: string;
}

/** `certificate-expires`: `notAfter` against `start` and `duration`. */
export const certificateExpires: Check = defineCheck<Expiry>({
  severity: "warning",
  severityNote: "error if already expired at the start, warning if it expires before the end of the run",
  scope: "certificate",
  source: SOURCES.pki,
  summary: "certificate validity (`notAfter`) vs `start` and `duration`",
  fixSummary: "renew the web server certificate bound in IIS",
  detect: ({ site, scenario }) =>
    scenario.site.servers.flatMap((server): Expiry[] => {
      const c = server.certificate;
      if (c == null) return [];
      const { until } = validityWindow(c, site.startMs);
      if (until <= 0) {
        const message = `${server.name}'s certificate expired at ${c.notAfter ?? ""}, before the run starts (${scenario.start})`;
        return [{ server, atStart: true, message }];
      }
      if (until >= scenario.duration) return [];
      return [
        {
          server,
          atStart: false,
          message: `${server.name}'s certificate expires at ${c.notAfter ?? ""}, ${formatDuration(until)} into the run; every try after that fails with certificate-expired`,
        },
      ];
    }),
  path: (v) => certificatePath(v.server),
  severityOf: (v) => (v.atStart ? "error" : "warning"),
  message: (v) => v.message,
  fix: (v) => `Renew the web server certificate bound in IIS on ${v.server.name}`,
});

/** A certificate that is not valid yet when the run starts. */
interface NotYetValid {
  readonly server: Server;
  readonly notBefore: string;
  /** Seconds from the run's start to `notBefore`. */
  readonly from: number;
  readonly start: string;
}

/** `certificate-not-yet-valid`: `notBefore` after the run's `start`. */
export const certificateNotYetValid: Check = defineCheck<NotYetValid>({
  severity: "error",
  scope: "certificate",
  source: SOURCES.pki,
  summary:
    "a certificate's `notBefore` is after the run's `start`: every try before it fails with certificate-not-yet-valid",
  fixSummary:
    "move the scenario's `start` to `notBefore` or later (a certificate recorded from a live server, by `probe --update-certificates`, is valid only from when it was issued), or bind a certificate valid at `start`",
  detect: ({ site, scenario }) =>
    scenario.site.servers.flatMap((server): NotYetValid[] => {
      const c = server.certificate;
      if (c == null || c.notBefore === undefined) return [];
      const { from } = validityWindow(c, site.startMs);
      return from > 0 ? [{ server, notBefore: c.notBefore, from, start: scenario.start }] : [];
    }),
  path: (v) => certificatePath(v.server),
  message: (v) =>
    `${v.server.name}'s certificate is not valid until ${v.notBefore}, ${formatDuration(v.from)} after the run starts (${v.start}); every try before then fails with certificate-not-yet-valid`,
  fix: (v) =>
    `Move the scenario's start (${v.start}) to ${v.notBefore} or later, the certificate's notBefore: a certificate recorded from the live server is valid only from when it was issued. Or bind a certificate on ${v.server.name} that is valid at ${v.start}`,
});

/** `no-certificate`: an HTTPS role's server has no certificate bound. */
export const noCertificate: Check = contactCheck("no-certificate", {
  scope: "certificate",
  source: SOURCES.certificates,
  summary: "an HTTPS role's server has no certificate bound",
  fixSummary: "request a web server certificate and bind it to the Default Web Site's HTTPS binding in IIS",
  path: (c) => certificatePath(c.server),
  message: (c) =>
    `${c.server.name} has no web server certificate bound, and ${groupLabel(c)} must reach its ${ROLE_LABEL[c.role]} over HTTPS`,
  fix: () => "Request a web server certificate and bind it to the Default Web Site's HTTPS binding in IIS",
});

/** `crl-unreachable`: macOS groups and a certificate with an LDAP-only CRL. */
export const crlUnreachable: Check = contactCheck("crl-unreachable", {
  scope: "certificate",
  source: SOURCES.macs,
  summary: "macOS groups and a certificate with an LDAP-only CRL",
  fixSummary: "add an HTTP CRL distribution point to the issuing CA and reissue the certificate",
  path: (c) => certificatePath(c.server),
  message: (c) =>
    `${c.server.name}'s certificate publishes only an LDAP CRL; macOS ${groupLabel(c)} always checks revocation and cannot read LDAP CRLs`,
  fix: () => "Add an HTTP CRL distribution point to the issuing CA and reissue the certificate",
});

/** `crl-ldap-non-domain`: an LDAP-only CRL, which non-domain-joined Windows devices cannot reach. */
export const crlLdapNonDomain: Check = defineCheck<Server>({
  severity: "info",
  scope: "certificate",
  source: SOURCES.certificates,
  summary:
    "LDAP CRLs are only reachable by domain-joined devices; non-domain-joined Windows devices need an HTTP CRL",
  fixSummary: "add an HTTP CRL distribution point",
  detect: ({ scenario }) =>
    scenario.devices.some((g) => g.platform === "windows")
      ? scenario.site.servers.filter((s) => s.certificate != null && s.certificate.crl === "ldap")
      : [],
  path: certificatePath,
  message: (s) =>
    `${s.name}'s certificate publishes only an LDAP CRL, which only domain-joined devices can reach`,
  fix: () => "Add an HTTP CRL distribution point for non-domain-joined Windows devices",
});
