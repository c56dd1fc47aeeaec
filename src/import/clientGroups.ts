// The Configuration Manager client groups of an imported scenario: one `configmgr-client` group per boundary
// group the export counts active clients in (or `--clients N` placeholder clients when it counts none), and
// the facts about those clients that the export cannot tell.
import type { BoundaryGroupInput, BoundaryInput } from "./boundaries.js";
import type { ClientCount } from "./clientCounts.js";
import { noteTrustedRoots, type DeviceGroupInput } from "./deviceGroups.js";
import { uniqueName, type ImportClients, type ImportLog, type TakenNames } from "./notes.js";
import type { ServerInput } from "./siteRoles.js";

/** The group of `--clients N` placeholder clients. */
export const PLACEHOLDER_CLIENTS_GROUP = "configmgr-clients";
/** The group of the clients the export found in no boundary group. */
export const OUTSIDE_GROUP = "clients-outside-boundaries";

/** What the client groups are placed by. */
export interface ClientSite {
  readonly code: string;
  readonly servers: readonly ServerInput[];
  readonly boundaries: readonly BoundaryInput[];
  readonly boundaryGroups: readonly BoundaryGroupInput[];
  /** The site's default boundary group, when the export names one. */
  readonly defaultBoundaryGroup: string | undefined;
}

/** The group's first IPv4 range boundary: its name and range. */
function firstRange(group: BoundaryGroupInput | undefined, site: ClientSite) {
  const ranges = new Map(site.boundaries.filter((b) => b.type === "ipv4Range").map((b) => [b.name, b.value]));
  for (const name of group?.boundaries ?? []) {
    const value = ranges.get(name);
    if (value !== undefined) return { boundary: name, value };
  }
  return undefined;
}

/** `clients-<the boundary group's name in lower case, letters and digits>`, unique among the groups. */
function groupName(boundaryGroup: string | null, taken: TakenNames): string {
  if (boundaryGroup === null) return uniqueName(OUTSIDE_GROUP, taken);
  const slug = boundaryGroup
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return uniqueName(slug === "" ? "clients" : `clients-${slug}`, taken);
}

/** The notes every client group gets: what a site export never holds about its clients. */
function noteClientFacts(group: string, log: ImportLog): void {
  const at = `devices.${group}`;
  log.note(
    `${at}.polling`,
    "not in the export",
    "the client policy polling interval (client settings, Client Policy) is not in the export: absent means the default, 60 minutes; set the interval the client settings deployed to these clients give",
  );
  log.note(
    `${at}.registration`,
    "not in the export",
    "the export counts clients that have registered already; the scenario registers them during the run (absent: uniform over the first hour): set the pattern of the case you plan, such as a re-imaging wave",
  );
  log.note(
    `${at}.userDeployments`,
    "not in the export",
    "whether users install user-available deployments from Software Center is not in the export: absent means no; a management point on a replica does not serve them",
  );
  noteTrustedRoots(group, log);
}

/** Places one group: on its boundary group's first IPv4 range, else without addresses (noted either way). */
function placed(
  name: string,
  count: number,
  boundaryGroup: string | null,
  site: ClientSite,
  log: ImportLog,
): DeviceGroupInput {
  const group = site.boundaryGroups.find((g) => g.name === boundaryGroup);
  const range = boundaryGroup === null ? undefined : firstRange(group, site);
  const at = `devices.${name}.addresses`;
  if (range !== undefined)
    log.note(
      at,
      "placeholder",
      `the range of boundary ${JSON.stringify(range.boundary)}, the first IPv4 range of boundary group ${JSON.stringify(boundaryGroup)}: the clients' real addresses may span its other boundaries`,
      range.value,
    );
  else if (boundaryGroup === null)
    log.note(
      at,
      "not in the export",
      "clients in no boundary group: left out, so they use the management points of site.defaultBoundaryGroup (absent: every management point)",
    );
  else if (boundaryGroup === site.defaultBoundaryGroup)
    log.note(
      at,
      "not in the export",
      "the clients of the site's default boundary group are in no other boundary group: left out, so they use its management points",
    );
  else
    log.note(
      at,
      "not in the export",
      `boundary group ${JSON.stringify(boundaryGroup)} has no IPv4 range boundary (its clients match a subnet, AD site, IPv6 prefix or VPN boundary): left out, so they use the default boundary group's management points; give them the range of one of its boundaries, or pin managementPoint`,
    );
  noteClientFacts(name, log);
  return {
    name,
    platform: "configmgr-client",
    count,
    ...(range !== undefined ? { addresses: range.value } : {}),
  };
}

/** The counted groups: one per boundary group with active clients, and the note on groups without a count. */
function countedGroups(
  counts: readonly ClientCount[],
  site: ClientSite,
  taken: TakenNames,
  log: ImportLog,
): DeviceGroupInput[] {
  const groups = counts
    .filter((c) => c.activeClients > 0)
    .map((c) => placed(groupName(c.boundaryGroup, taken), c.activeClients, c.boundaryGroup, site, log));
  const counted = new Set(counts.map((c) => c.boundaryGroup));
  const uncounted = site.boundaryGroups
    .filter((g) => !counted.has(g.name))
    .map((g) => JSON.stringify(g.name));
  if (uncounted.length > 0)
    log.note(
      "devices",
      "not in the export",
      `the export counts no clients for boundary group${uncounted.length === 1 ? "" : "s"} ${uncounted.join(", ")}: add a configmgr-client group for each that has clients`,
    );
  return groups;
}

/** The first IPv4 range of a boundary group that lists a management point, for placeholder clients. */
function placeholderGroup(
  count: number,
  counts: boolean,
  site: ClientSite,
  taken: TakenNames,
  log: ImportLog,
) {
  const mps = new Set(site.servers.filter((s) => s.roles.managementPoint !== undefined).map((s) => s.name));
  const served = site.boundaryGroups.find(
    (g) => (g.servers ?? []).some((s) => mps.has(s)) && firstRange(g, site) !== undefined,
  );
  const name = uniqueName(PLACEHOLDER_CLIENTS_GROUP, taken);
  log.note(
    `devices.${name}.count`,
    "placeholder",
    counts
      ? "the export counts no active clients in any boundary group: set how many clients the site has"
      : "the export has no client counts (see the export script's warnings): set how many clients the site has",
    count,
  );
  return placed(name, count, served?.name ?? null, site, log);
}

/**
 * The client groups: one per boundary group with active clients in `counts`; else, with `placeholder` above
 * 0, that many placeholder clients on the first IPv4 range of a boundary group with a management point.
 * @param counts - the export's `clientCounts`, read; undefined when the export has none
 * @param taken - the device groups' names so far (the new names are added)
 * @returns the groups, and what the summary says of them (undefined: the export and the options name no clients)
 */
export function clientGroups(
  counts: readonly ClientCount[] | undefined,
  placeholder: number,
  site: ClientSite,
  taken: TakenNames,
  log: ImportLog,
): { groups: DeviceGroupInput[]; summary: ImportClients | undefined } {
  const counted = counts === undefined ? [] : countedGroups(counts, site, taken, log);
  const groups =
    counted.length > 0 || placeholder === 0
      ? counted
      : [placeholderGroup(placeholder, counts !== undefined, site, taken, log)];
  if (groups.length > 0 && site.defaultBoundaryGroup === undefined)
    log.note(
      "site.defaultBoundaryGroup",
      "not in the export",
      `the export names no default boundary group: absent, clients outside every boundary group use every management point; name the site's Default-Site-Boundary-Group<${site.code}> if the export has it`,
    );
  if (counts === undefined && groups.length === 0) return { groups, summary: undefined };
  return {
    groups,
    summary: {
      source: counted.length > 0 || placeholder === 0 ? "export" : "placeholder",
      clients: groups.reduce((n, g) => n + g.count, 0),
      groups: groups.length,
      placeholderUnused: counted.length > 0 && placeholder > 0,
    },
  };
}
