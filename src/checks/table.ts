// The check table: one entry per catalogue id, in catalogue order. `checkScenario` runs every entry; the
// documentation's catalogue is `checkCatalogue()`, a plain data view of the same table.
import { CHECK_IDS, type Check, type CheckId, type Scope, type Severity } from "./catalogue.js";
import { devicesOutsideBoundaries, dpNeedsBoundaries, unsupportedBoundaryType } from "./boundaryChecks.js";
import {
  dpClientCapacity,
  mpCapacity,
  mpClientCapacity,
  outOfSupport,
  siteCapacity,
  siteMpCount,
} from "./capacityChecks.js";
import {
  certificateExpires,
  certificateNameMismatch,
  certificateNotYetValid,
  certificateUntrusted,
  crlLdapNonDomain,
  crlUnreachable,
  noCertificate,
} from "./certificateChecks.js";
import { databaseUnavailable } from "./databaseChecks.js";
import { deploymentDelay } from "./deploymentChecks.js";
import { pollScheduleCliff } from "./pollScheduleChecks.js";
import { durationInSeconds } from "./durationChecks.js";
import { offeredLoad } from "./loadChecks.js";
import {
  replicaAtSecondary,
  replicaEarlyFailures,
  replicaUnsupportedForMacos,
  replicaUserDeployments,
} from "./replicaChecks.js";
import {
  connectionTypeNotAllowed,
  dpMobileNotAllowed,
  httpsRequired,
  macosRequiresInternetConnections,
  mdmInternetUnsupported,
  missingRole,
  nameNotFqdn,
  notADeviceManagementPoint,
} from "./roleChecks.js";

/** Every check, by id: the type makes a missing or unknown id a compile error. */
export const CHECKS: { readonly [K in CheckId]: Check } = {
  "missing-role": missingRole,
  "https-required": httpsRequired,
  "name-not-fqdn": nameNotFqdn,
  "not-a-device-management-point": notADeviceManagementPoint,
  "dp-mobile-not-allowed": dpMobileNotAllowed,
  "macos-requires-internet-connections": macosRequiresInternetConnections,
  "mdm-internet-unsupported": mdmInternetUnsupported,
  "connection-type-not-allowed": connectionTypeNotAllowed,
  "dp-needs-boundaries": dpNeedsBoundaries,
  "unsupported-boundary-type": unsupportedBoundaryType,
  "devices-outside-boundaries": devicesOutsideBoundaries,
  "replica-early-failures": replicaEarlyFailures,
  "replica-unsupported-for-macos": replicaUnsupportedForMacos,
  "replica-at-secondary": replicaAtSecondary,
  "database-unavailable": databaseUnavailable,
  "certificate-untrusted": certificateUntrusted,
  "certificate-name-mismatch": certificateNameMismatch,
  "certificate-expires": certificateExpires,
  "no-certificate": noCertificate,
  "crl-unreachable": crlUnreachable,
  "crl-ldap-non-domain": crlLdapNonDomain,
  "mp-capacity": mpCapacity,
  "site-capacity": siteCapacity,
  "out-of-support": outOfSupport,
  "certificate-not-yet-valid": certificateNotYetValid,
  "duration-in-seconds": durationInSeconds,
  "poll-schedule-cliff": pollScheduleCliff,
  "offered-load": offeredLoad,
  "mp-client-capacity": mpClientCapacity,
  "site-mp-count": siteMpCount,
  "dp-client-capacity": dpClientCapacity,
  "replica-user-deployments": replicaUserDeployments,
  "deployment-delay": deploymentDelay,
};

/** One check as the documentation shows it (plain data; stable field names). */
export interface CheckDescription {
  readonly id: CheckId;
  readonly severity: Severity;
  /** When the severity can differ, in words; else null. */
  readonly severityNote: string | null;
  readonly scope: Scope;
  readonly source: string;
  /** What the check finds. */
  readonly finding: string;
  /** What to change. */
  readonly fix: string;
}

/** The check catalogue in catalogue order, as plain data (for docs and tools). */
export function checkCatalogue(): CheckDescription[] {
  return CHECK_IDS.map((id) => {
    const c = CHECKS[id];
    return {
      id,
      severity: c.severity,
      severityNote: c.severityNote ?? null,
      scope: c.scope,
      source: c.source,
      finding: c.summary,
      fix: c.fixSummary,
    };
  });
}
