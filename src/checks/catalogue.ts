// The check catalogue's vocabulary: ids in catalogue order, the articles they cite, what a check is about,
// and the shape of one entry of the check table (checks/table.ts), typed over what it detects.
import type { Contact } from "../model/rules.js";
import type { Reason } from "../model/reasons.js";
import type { ManagementPointEstimate } from "../model/estimateSums.js";
import type { SiteModel } from "../model/site.js";
import type { Scenario } from "../scenario/schema.js";

/** `error`: some device cannot work as configured; `warning`: works, with a cost; `info`: worth knowing. */
export type Severity = "error" | "warning" | "info";

/** One thing a check detected: its place, its severity, and what to say about it. */
export interface Hit {
  readonly path: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  /** The device group the hit is about, when it is about one (named with the others at the same place). */
  readonly group?: string;
  /** What tells hits at one path apart when the entry reports each separately (`missing-role`'s role). */
  readonly part?: string;
  /** Figures per device group, for the entries that compute them (`replica-early-failures`). */
  readonly estimates?: readonly GroupEstimate[];
}

/** What one device group can expect at the place of a finding, computed without simulating. */
export interface GroupEstimate {
  readonly group: string;
  /** The group's devices the assignment rule gives the place (expected; two decimals). */
  readonly devices: number;
  /**
   * Of those, the devices expected to succeed within the run (two decimals): what a group's figures are
   * averaged over its places by, to equal `run`'s means.
   */
  readonly connected: number;
  /** Mean failed tries before the first success (null: no device succeeds within the run). */
  readonly failedTries: number | null;
  /** Mean seconds from commit to the first success (null: no device succeeds within the run). */
  readonly timeToFirstSuccessSeconds: number | null;
}

/**
 * The catalogue ids in catalogue order: findings are sorted by it. The first catalogue's ids, then the ones
 * added later (`connection-type-not-allowed` sits beside the device-side rules it joins).
 */
export const CHECK_IDS = [
  "missing-role",
  "https-required",
  "name-not-fqdn",
  "not-a-device-management-point",
  "dp-mobile-not-allowed",
  "macos-requires-internet-connections",
  "mdm-internet-unsupported",
  // Added to the catalogue later, as the reachability reason it mirrors (rule 6): a role a group cannot use
  // because of its connection type (an intranet group and an internet-only role, or the reverse).
  "connection-type-not-allowed",
  "dp-needs-boundaries",
  "unsupported-boundary-type",
  "devices-outside-boundaries",
  "replica-early-failures",
  "replica-unsupported-for-macos",
  "replica-at-secondary",
  // Not in the published catalogue: the reason of the same name, for a group whose every management point
  // reads a database with an outage in the run.
  "database-unavailable",
  "certificate-untrusted",
  "certificate-name-mismatch",
  "certificate-expires",
  "no-certificate",
  "crl-unreachable",
  "crl-ldap-non-domain",
  "mp-capacity",
  "site-capacity",
  "out-of-support",
  // Added later, in the order of the catalogue's second table.
  "certificate-not-yet-valid",
  "duration-in-seconds",
  "poll-schedule-cliff",
  "offered-load",
  "mp-client-capacity",
  "site-mp-count",
  "dp-client-capacity",
  "replica-user-deployments",
  // Not in the published catalogue: a deployment's expected delay by the closed form (docs/checks.md), the
  // figure clients.md asks `check` for beside the replica's early failures.
  "deployment-delay",
] as const;

/** A check's id. */
export type CheckId = (typeof CHECK_IDS)[number];

/** The articles findings cite. */
export const SOURCES = {
  roles: "Install site system roles for on-premises MDM",
  boundaries: "Install site system roles for on-premises MDM; Define site boundaries and boundary groups",
  replicas: "Install site system roles for on-premises MDM; Database replicas for management points",
  /** The replica article alone: what it says of ConfigMgr clients. */
  clientReplicas: "Database replicas for management points",
  deployments:
    "Database replicas for management points; About client settings (Client policy polling interval)",
  macs: "Prepare to deploy client software to Macs",
  secondary: "Database replicas for management points; Plan for site system servers and roles",
  certificates: "Set up certificates for on-premises MDM",
  pki: "PKI certificate requirements",
  scale: "Size and scale numbers",
  deprecated: "Removed and deprecated features",
  format: "The scenario format (docs/scenario.md, durations)",
  load: "The load model (docs/model.md, the load model)",
} as const;

/** What a finding's path points at. */
export type Scope =
  | "site"
  | "server"
  | "server role"
  | "certificate"
  | "device group"
  | "boundary group"
  | "scenario field"
  | "deployment";

/** A contact some group's devices would make (the same choice as `run`), with the rule that fails it. */
export interface FailingContact {
  readonly contact: Contact;
  readonly reason: Reason;
  /** The group is pinned to this management point: it uses no other. */
  readonly pinned: boolean;
}

/** What every check reads: the scenario, the compiled site, and the failing contacts of its groups. */
export interface CheckInput {
  readonly scenario: Scenario;
  /**
   * The scenario as its file held it, after `--set` (`writtenForm`: durations as written, defaults absent),
   * or undefined for a scenario `loadScenario` did not make; what only the way it is written tells.
   */
  readonly written: unknown;
  readonly site: SiteModel;
  readonly contacts: readonly FailingContact[];
  /**
   * The exact estimate for the devices of group `group` on management point `mp` (site positions), computed
   * once per check however many entries read it.
   */
  readonly estimate: (group: number, mp: number) => ManagementPointEstimate;
}

/** One entry of the check table, typed over the subject its detection finds (a server, a group, …). */
export interface CheckEntry<S> {
  /** The usual severity; `severityOf` may choose another for a subject (documented in `severityNote`). */
  readonly severity: Severity;
  /** When the severity differs from `severity`, in words (the catalogue's severity column). */
  readonly severityNote?: string;
  readonly scope: Scope;
  readonly source: string;
  /** What the check finds, in words (the catalogue's finding column). */
  readonly summary: string;
  /** What the fix is, in words. */
  readonly fixSummary: string;
  /** Every subject that trips the check, in a fixed order (the first at a place speaks for it). */
  readonly detect: (input: CheckInput) => readonly S[];
  readonly path: (subject: S) => string;
  readonly severityOf?: (subject: S) => Severity;
  readonly message: (subject: S) => string;
  readonly fix: (subject: S) => string;
  /** The device group a subject is about, named beside the first when several share a place. */
  readonly group?: (subject: S) => string | undefined;
  /** For an entry that reports several findings at one path: what tells them apart. */
  readonly part?: (subject: S) => string;
  /** Figures per device group the finding carries. */
  readonly estimates?: (subject: S) => readonly GroupEstimate[];
}

/** A table entry with its subject type hidden, so entries of different subjects form one table. */
export interface Check {
  readonly severity: Severity;
  readonly severityNote: string | undefined;
  readonly scope: Scope;
  readonly source: string;
  readonly summary: string;
  readonly fixSummary: string;
  /** Everything the check detects in a scenario, as hits (`findingsOf` makes one finding per place). */
  readonly hits: (input: CheckInput) => Hit[];
}

/** A table entry from its declaration. */
export function defineCheck<S>(entry: CheckEntry<S>): Check {
  return {
    severity: entry.severity,
    severityNote: entry.severityNote,
    scope: entry.scope,
    source: entry.source,
    summary: entry.summary,
    fixSummary: entry.fixSummary,
    hits: (input) =>
      entry.detect(input).map((subject) => {
        const group = entry.group?.(subject);
        const part = entry.part?.(subject);
        const estimates = entry.estimates?.(subject);
        return {
          path: entry.path(subject),
          severity: entry.severityOf?.(subject) ?? entry.severity,
          message: entry.message(subject),
          fix: entry.fix(subject),
          ...(group !== undefined ? { group } : {}),
          ...(part !== undefined ? { part } : {}),
          ...(estimates !== undefined ? { estimates } : {}),
        };
      }),
  };
}
