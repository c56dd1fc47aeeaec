// A site export (`mdmsim-site-export/1`, or AdminService `value` arrays under the same keys) → a scenario
// of that site with its counted ConfigMgr clients or placeholder devices, and the notes on what the export
// could not tell. Pure.
import { ScenarioError, UsageError } from "../errors.js";
import { showValue, type ScenarioInput } from "../scenario/schema.js";
import { mapBoundaries, type BoundaryRows } from "./boundaries.js";
import { readClientCounts, readDefaultBoundaryGroup } from "./clientCounts.js";
import { clientGroups } from "./clientGroups.js";
import { DEFAULT_DEVICES, MACOS_GROUP, placeholderGroups, WINDOWS_GROUP } from "./deviceGroups.js";
import { asNumber, asString, field, isRow, rowsAt, type ExportRow } from "./exportRows.js";
import { importedScenarioText } from "./importedScenario.js";
import {
  importLog,
  TakenNames,
  type ImportLog,
  type ImportNote,
  type ImportSummary,
  type SkippedRow,
} from "./notes.js";
import { readReplicaSchedules } from "./replicas.js";
import { mapSiteRoles } from "./siteRoles.js";
import { DEFAULT_START } from "../scenario/schema.js";

/** The `format` of a site export. */
export const EXPORT_FORMAT = "mdmsim-site-export/1";

/** Options of `importSite`. */
export interface ImportOptions {
  /** The scenario's name (default `site CODE`). */
  readonly name?: string;
  /** Windows devices of the placeholder group (default 1000, or 0 when the scenario gets ConfigMgr clients). */
  readonly devices?: number;
  /** macOS clients of the placeholder group (default 0: none). */
  readonly macs?: number;
  /** ConfigMgr clients of a placeholder group when the export counts none (default 0: none). */
  readonly clients?: number;
  /** The site whose roles are imported (default: the export's `siteCode`). */
  readonly site?: string;
}

/** What an import gives. */
export interface ImportResult {
  /** The scenario as a file would say it (it loads). */
  readonly scenario: ScenarioInput;
  /** The scenario file's text: it loads, and no command refuses it by a limit (`importedScenarioText`). */
  readonly text: string;
  /** Facts to fill in or confirm, each with its scenario path. */
  readonly notes: readonly ImportNote[];
  /** Rows the mapping could not read. */
  readonly skipped: readonly SkippedRow[];
  readonly summary: ImportSummary;
}

const SITE_CODE = /^[A-Za-z0-9]{3}$/;

function rowsOrThrow(data: ExportRow, key: string, what: string): readonly unknown[] | undefined {
  const rows = rowsAt(data, key);
  if (rows === null) throw new ScenarioError(`expected an array of ${what} (or { "value": [...] })`, [key]);
  return rows;
}

function chooseSite(data: ExportRow, rows: readonly unknown[], site: string | undefined): string {
  if (site !== undefined) {
    if (!SITE_CODE.test(site))
      throw new ScenarioError(`expected a site code of 3 letters or digits, got ${showValue(site)}`);
    return site.toUpperCase();
  }
  const code: unknown = field(data, "siteCode");
  if (typeof code === "string" && SITE_CODE.test(code.trim())) return code.trim().toUpperCase();
  if (code !== undefined)
    throw new ScenarioError(`expected a site code of 3 letters or digits, got ${showValue(code)}`, [
      "siteCode",
    ]);
  // No siteCode: the rows' own, when they agree.
  const codes = new Set(
    rows.flatMap((r) => {
      const c = isRow(r) ? asString(field(r, "SiteCode"))?.trim().toUpperCase() : undefined;
      return c !== undefined && SITE_CODE.test(c) ? [c] : [];
    }),
  );
  const only = [...codes][0];
  if (codes.size === 1 && only !== undefined) return only;
  throw new ScenarioError(
    codes.size === 0
      ? 'missing (expected the site code, e.g. "PS1")'
      : `missing, and the rows hold several sites (${[...codes].sort().join(", ")}): choose one`,
    ["siteCode"],
  );
}

function siteType(data: ExportRow, code: string, log: ImportLog): "primary" | "secondary" | undefined {
  const value = field(data, "siteType");
  if (value === undefined) return undefined;
  // siteType describes the export's own site; another site's type is not in the export.
  const exported = asString(field(data, "siteCode"))?.trim().toUpperCase();
  if (exported !== undefined && exported !== code) {
    log.note(
      "site.type",
      "not in the export",
      `siteType describes site ${exported}: a primary site assumed`,
      "primary",
    );
    return undefined;
  }
  const text = asString(value)?.trim().toLowerCase();
  const number = asNumber(value);
  if (text === "primary" || number === 2) return "primary";
  if (text === "secondary" || number === 1) return "secondary";
  log.skip("siteType", `expected "primary" or "secondary", got ${showValue(value)}: a primary site assumed`);
  return undefined;
}

// The export script leaves out a key it could not read (and says so): the scenario then lacks those facts.
function noteMissingKeys(data: ExportRow, log: ImportLog): void {
  const missing = (key: string) => rowsAt(data, key) === undefined;
  if (missing("boundaries"))
    log.note(
      "site.boundaries",
      "not in the export",
      "the export has no boundaries (see the export script's warnings): add them by hand",
      [],
    );
  if (missing("boundaryGroups"))
    log.note(
      "site.boundaryGroups",
      "not in the export",
      "the export has no boundary groups (see the export script's warnings): add them by hand",
      [],
    );
  else {
    if (missing("boundaryGroupMembers"))
      log.note(
        "site.boundaryGroups",
        "not in the export",
        "the export has no boundary group members: add each group's boundaries by hand",
      );
    if (missing("boundaryGroupSiteSystems"))
      log.note(
        "site.boundaryGroups",
        "not in the export",
        "the export has no boundary group site systems: add each group's servers by hand",
      );
  }
}

/**
 * Maps a site export to a scenario.
 * @param data - the parsed export file
 * @throws ScenarioError when `data` is not a site export (not an object, another format, no siteRoles array,
 *   a key that holds no array, no server with an on-prem MDM role), or the scenario it makes would be
 *   refused by a limit (too large a file, too many devices, too much memory)
 */
export function importSite(data: unknown, options: ImportOptions = {}): ImportResult {
  if (!isRow(data))
    throw new ScenarioError(`expected a site export: a JSON object with "format": "${EXPORT_FORMAT}"`);
  const format = field(data, "format");
  if (format !== undefined && format !== EXPORT_FORMAT)
    throw new ScenarioError(`expected "${EXPORT_FORMAT}", got ${showValue(format)}`, ["format"]);
  const roleRows = rowsOrThrow(data, "siteRoles", "SMS_SCI_SysResUse objects (Get-CMSiteRole -AllSite)");
  if (roleRows === undefined)
    throw new ScenarioError(
      "missing (expected an array of SMS_SCI_SysResUse objects from Get-CMSiteRole -AllSite)",
      ["siteRoles"],
    );
  const boundaryRows: BoundaryRows = {
    boundaries: rowsOrThrow(data, "boundaries", "SMS_Boundary objects") ?? [],
    boundaryGroups: rowsOrThrow(data, "boundaryGroups", "SMS_BoundaryGroup objects") ?? [],
    boundaryGroupMembers: rowsOrThrow(data, "boundaryGroupMembers", "SMS_BoundaryGroupMembers objects") ?? [],
    boundaryGroupSiteSystems:
      rowsOrThrow(data, "boundaryGroupSiteSystems", "SMS_BoundaryGroupSiteSystems objects") ?? [],
  };
  const scheduleRows =
    rowsOrThrow(data, "replicaSchedules", "{ server, database, intervalMinutes } objects") ?? [];
  const countRows = rowsOrThrow(data, "clientCounts", "{ boundaryGroup, activeClients } objects");
  const code = chooseSite(data, roleRows, options.site);

  const log = importLog();
  noteMissingKeys(data, log);
  const type = siteType(data, code, log);
  const schedules = readReplicaSchedules(scheduleRows, log);
  const roles = mapSiteRoles(roleRows, code, schedules, log);
  if (roles.servers.length === 0)
    throw new ScenarioError(
      `no server of site ${code} has a management point, distribution point, enrollment point or enrollment proxy point` +
        ` (${roleRows.length} rows, ${roles.otherSiteRows} of other sites)`,
      ["siteRoles"],
    );
  const mapped = mapBoundaries(boundaryRows, new Set(roles.servers.map((s) => s.name)), log);
  const { boundaries, boundaryGroups } = mapped;
  const defaultBoundaryGroup = readDefaultBoundaryGroup(field(data, "defaultBoundaryGroup"), mapped, log);
  const counts = countRows === undefined ? undefined : readClientCounts(countRows, mapped, log);
  const site = { code, servers: roles.servers, boundaries, boundaryGroups, defaultBoundaryGroup };
  // The client groups follow the on-prem MDM placeholders in the file, but decide their default: with
  // ConfigMgr clients in the scenario, placeholder Windows MDM devices are added only when asked for.
  const clientLog = importLog();
  const taken = new TakenNames([WINDOWS_GROUP, MACOS_GROUP]);
  const clients = clientGroups(counts, options.clients ?? 0, site, taken, clientLog);
  const mdm = placeholderGroups(
    site,
    options.devices ?? (clients.groups.length > 0 ? 0 : DEFAULT_DEVICES),
    options.macs ?? 0,
    log,
  );
  log.notes.push(...clientLog.notes);
  const devices = [...mdm, ...clients.groups];
  if (devices.length === 0)
    throw new UsageError(
      "expected some devices (or --macs N, or --clients N when the export counts no clients)",
      { argument: "devices", value: "0" },
    );
  log.note(
    "start",
    "not in the export",
    "the run starts at the default instant: set the day you plan for, since certificate validity is judged from it",
    DEFAULT_START,
  );

  const scenario: ScenarioInput = {
    name: options.name ?? `site ${code}`,
    description: `Imported from a Configuration Manager site export (${EXPORT_FORMAT})`,
    duration: "3h",
    site: {
      code,
      ...(type !== undefined ? { type } : {}),
      ...(roles.replicas.length > 0 ? { replicas: roles.replicas } : {}),
      servers: roles.servers,
      boundaries,
      boundaryGroups,
      ...(defaultBoundaryGroup !== undefined ? { defaultBoundaryGroup } : {}),
    },
    devices,
  };
  const text = importedScenarioText(scenario);
  return {
    scenario,
    text,
    notes: log.notes,
    skipped: log.skipped,
    summary: {
      siteCode: code,
      servers: roles.servers.length,
      roles: roles.servers.reduce((n, s) => n + Object.keys(s.roles).length, 0),
      boundaries: boundaries.length,
      boundaryGroups: boundaryGroups.length,
      otherSiteRows: roles.otherSiteRows,
      serversWithoutMdmRoles: roles.serversWithoutMdmRoles,
      ...(clients.summary !== undefined ? { clients: clients.summary } : {}),
    },
  };
}
