// The check ids of ../shared/spec/checks.md, in its order: copied from the spec, not from src/, so the
// tests notice when the code drifts from the catalogue.
export const CATALOGUE: readonly string[] = [
  "missing-role",
  "https-required",
  "name-not-fqdn",
  "not-a-device-management-point",
  "dp-mobile-not-allowed",
  "macos-requires-internet-connections",
  "mdm-internet-unsupported",
  "dp-needs-boundaries",
  "unsupported-boundary-type",
  "devices-outside-boundaries",
  "replica-early-failures",
  "replica-unsupported-for-macos",
  "replica-at-secondary",
  "certificate-untrusted",
  "certificate-name-mismatch",
  "certificate-expires",
  "no-certificate",
  "crl-unreachable",
  "crl-ldap-non-domain",
  "mp-capacity",
  "site-capacity",
  "out-of-support",
];

/**
 * The spec's second table ("Added in the fidelity, load and client steps"), in its order: the code holds
 * those of them that are built so far.
 */
export const ADDED: readonly string[] = [
  "connection-type-not-allowed",
  "certificate-not-yet-valid",
  "duration-in-seconds",
  "poll-schedule-cliff",
  "offered-load",
  "mp-client-capacity",
  "site-mp-count",
  "dp-client-capacity",
  "replica-user-deployments",
];

/**
 * Ids the project adds beyond the spec's tables: the reason of the same name, for a group's databases; and a
 * deployment's expected delay (clients.md asks `check` for it; the spec's tables have no id for it).
 */
export const PROJECT_IDS: readonly string[] = ["database-unavailable", "deployment-delay"];

/**
 * Every id of the spec in the order findings come in: the first table, with connection-type-not-allowed after
 * mdm-internet-unsupported (beside the device-side rules) and the project's database-unavailable after
 * replica-at-secondary (beside the replica checks), then the rest of the second table, then the project's
 * deployment-delay.
 */
export const ORDER: readonly string[] = [
  ...CATALOGUE.slice(0, CATALOGUE.indexOf("mdm-internet-unsupported") + 1),
  "connection-type-not-allowed",
  ...CATALOGUE.slice(
    CATALOGUE.indexOf("mdm-internet-unsupported") + 1,
    CATALOGUE.indexOf("replica-at-secondary") + 1,
  ),
  "database-unavailable",
  ...CATALOGUE.slice(CATALOGUE.indexOf("replica-at-secondary") + 1),
  ...ADDED.filter((id) => id !== "connection-type-not-allowed"),
  "deployment-delay",
];
