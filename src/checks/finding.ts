// A static finding (checks.md): id, severity, where, what, how to fix, and the documentation it comes from.

/** `error`: some device cannot work as configured; `warning`: works, with a cost; `info`: worth knowing. */
export type Severity = "error" | "warning" | "info";

/** One finding of `mdmsim check`. */
export interface Finding {
  /** The catalogue id (checks.md), e.g. `replica-early-failures`. */
  readonly id: string;
  readonly severity: Severity;
  /** Where in the scenario, as an override path (`site.servers.cm01.corp.contoso.com.roles.managementPoint`). */
  readonly path: string;
  /** What is wrong, naming the offending values. */
  readonly message: string;
  /** What to change, in the console's words where there are some. */
  readonly fix: string;
  /** The documentation article the rule comes from. */
  readonly source: string;
}

/** The articles findings cite. */
export const SOURCES = {
  roles: "Install site system roles for on-premises MDM",
  boundaries: "Install site system roles for on-premises MDM; Define site boundaries and boundary groups",
  replicas: "Install site system roles for on-premises MDM; Database replicas for management points",
  macs: "Prepare to deploy client software to Macs",
  secondary: "Database replicas for management points; Plan for site system servers and roles",
  certificates: "Set up certificates for on-premises MDM",
  pki: "PKI certificate requirements",
  scale: "Size and scale numbers",
  deprecated: "Removed and deprecated features",
} as const;

/** The catalogue ids in checks.md order: findings are sorted by it. */
export const CHECK_IDS = [
  "missing-role",
  "https-required",
  "name-not-fqdn",
  "not-a-device-management-point",
  "dp-mobile-not-allowed",
  "macos-requires-internet-connections",
  "mdm-internet-unsupported",
  // Not in checks.md's catalogue: the reachability rule's own id, for a role a group cannot use.
  "connection-type-not-allowed",
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
] as const;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Drops repeats (same id, path and message: a site-wide rule and a group's contact may say the same thing)
 * and a warning where the same id and path is also an error (a site-wide warning that some group must
 * live with); sorted by catalogue order, then path, so output never depends on rule order.
 */
export function consolidate(findings: readonly Finding[]): Finding[] {
  const worst = new Map<string, number>();
  for (const f of findings) {
    const place = `${f.id}\u0000${f.path}`;
    worst.set(place, Math.min(worst.get(place) ?? Infinity, RANK[f.severity]));
  }
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    if (f.severity === "warning" && worst.get(`${f.id}\u0000${f.path}`) === RANK.error) continue;
    const key = `${f.id}\u0000${f.path}\u0000${f.message}`;
    const seen = byKey.get(key);
    if (seen === undefined || RANK[f.severity] < RANK[seen.severity]) byKey.set(key, f);
  }
  const order = (id: string) => {
    const i = (CHECK_IDS as readonly string[]).indexOf(id);
    return i < 0 ? CHECK_IDS.length : i;
  };
  return [...byKey.values()].sort(
    (a, b) =>
      order(a.id) - order(b.id) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.message < b.message ? -1 : 1),
  );
}
