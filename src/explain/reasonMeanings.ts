// What each reason string means, in one sentence: for `explain --result`, the result's declaration and
// docs/model.md. The rules themselves live in model/rules.ts; this is their vocabulary for people.
import type { Reason } from "../model/reasons.js";

/** One sentence per reason. */
export const REASON_MEANINGS: Readonly<Record<Reason, string>> = {
  "server-down": "the server was inside one of its outages",
  "not-a-device-management-point":
    "the MP does not allow mobile devices and Macs (allowMobileDevicesAndMacs is off), so it is no DMP",
  "dp-mobile-not-allowed": "the DP does not allow mobile devices (allowMobileDevices is off)",
  "https-required": "the role uses HTTP; on-prem MDM needs HTTPS",
  "mdm-internet-unsupported":
    "a Windows MDM device on the internet: on-prem MDM supports intranet devices only",
  "macos-requires-internet-connections":
    "a macOS client and a DP or DMP that allows intranet connections only (Mac clients are internet-only clients)",
  "connection-type-not-allowed":
    "the device's location does not match the role's connections (intranet device, internet-only role, or the reverse)",
  "name-not-fqdn": "the server's name is not an FQDN (no dot, or an IP address): devices need its FQDN",
  "no-certificate": "the server has no web server certificate bound (certificate: null)",
  "certificate-untrusted": "the certificate's issuer is not among the group's trustedRoots",
  "certificate-name-mismatch": "the certificate does not carry the name the device uses for the server",
  "certificate-not-yet-valid": "the try was before the certificate's notBefore",
  "certificate-expired": "the try was at or after the certificate's notAfter",
  "crl-unreachable":
    "a macOS client and a certificate whose revocation list is on LDAP, which Macs cannot read",
  "replica-unsupported-for-macos": "a macOS client and an MP that reads a database replica",
  "database-unavailable":
    "the database the try needed was down: the site database (for an MP on it, or the enrollment point's write) or the replica's SQL Server",
  "device-not-in-replica":
    "the DMP reads a replica that has not yet received the device's record (the next sync brings it)",
  "no-management-point": "the site has no management point at all",
  "no-enrollment-proxy-point": "the site has no enrollment proxy point",
  "no-enrollment-point": "the site has no enrollment point",
  "enrollment-point-down": "every enrollment point was inside an outage",
  "no-content-location": "no distribution point could serve the device content",
  "server-busy":
    "the role or database has a capacity, every worker was busy and its queue was full: refused at once (HTTP 503)",
  "request-timeout":
    "the device waited `requestTimeout` for an answer from a role or database with a capacity and gave up",
  "not-polled": "enrolled, but its first poll would have fallen at or after the end of the run",
};
