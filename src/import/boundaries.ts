// SMS_Boundary, SMS_BoundaryGroup, SMS_BoundaryGroupMembers and SMS_BoundaryGroupSiteSystems objects →
// the scenario's boundaries and boundary groups.
import { formatPath } from "../errors.js";
import { parseIpv4Range } from "../scenario/ipv4.js";
import type { ScenarioInput } from "../scenario/schema.js";
import { asNumber, asString, field, isRow, serverFromPath } from "./exportRows.js";
import { TakenNames, uniqueName, type ImportLog } from "./notes.js";

type Site = ScenarioInput["site"];
/** A boundary as the scenario writes it. */
export type BoundaryInput = NonNullable<Site["boundaries"]>[number];
/** A boundary group as the scenario writes it. */
export type BoundaryGroupInput = NonNullable<Site["boundaryGroups"]>[number];

/** SMS_Boundary.BoundaryType → the scenario's boundary type. */
const BOUNDARY_TYPES: readonly BoundaryInput["type"][] = [
  "ipSubnet",
  "adSite",
  "ipv6Prefix",
  "ipv4Range",
  "vpn",
];

/** The rows of each boundary key of the export (absent keys as empty lists). */
export interface BoundaryRows {
  readonly boundaries: readonly unknown[];
  readonly boundaryGroups: readonly unknown[];
  readonly boundaryGroupMembers: readonly unknown[];
  readonly boundaryGroupSiteSystems: readonly unknown[];
}

/** The boundaries with their BoundaryID (absent when the row had none). */
interface ReadBoundary {
  readonly id: number | undefined;
  readonly boundary: BoundaryInput;
}

function readBoundaries(rows: readonly unknown[], log: ImportLog): ReadBoundary[] {
  const taken = new TakenNames();
  const out: ReadBoundary[] = [];
  rows.forEach((row, i) => {
    const where = formatPath(["boundaries", i]);
    if (!isRow(row)) {
      log.skip(where, "expected an object (an SMS_Boundary)");
      return;
    }
    const code = asNumber(field(row, "BoundaryType"));
    const type = code !== undefined && Number.isInteger(code) ? BOUNDARY_TYPES[code] : undefined;
    if (type === undefined) {
      const shown = JSON.stringify(field(row, "BoundaryType") ?? null);
      {
        log.skip(
          where,
          `unknown BoundaryType ${shown} (expected 0 IP subnet, 1 AD site, 2 IPv6 prefix, 3 IP address range or 4 VPN)`,
        );
        return;
      }
    }
    const value = asString(field(row, "Value"))?.trim();
    if (value === undefined || value === "") {
      log.skip(where, "no Value");
      return;
    }
    if (type === "ipv4Range" && parseIpv4Range(value) === undefined) {
      log.skip(where, `Value ${JSON.stringify(value)} is not an IPv4 range like "10.1.0.1-10.1.255.254"`);
      return;
    }
    const display = asString(field(row, "DisplayName"))?.trim();
    const name = uniqueName(display !== undefined && display !== "" ? display : value, taken);
    out.push({ id: asNumber(field(row, "BoundaryID")), boundary: { name, type, value } });
  });
  return out;
}

/** The imported boundaries and boundary groups, and how the export's rows name the groups. */
export interface MappedBoundaries {
  readonly boundaries: BoundaryInput[];
  readonly boundaryGroups: BoundaryGroupInput[];
  /** The imported group's name by its GroupID (the first group with that ID). */
  readonly groupIds: ReadonlyMap<number, string>;
  /** The imported group's name by the export's `Name` (trimmed; the first group with that name). */
  readonly groupNames: ReadonlyMap<string, string>;
}

/** Boundaries and boundary groups; group members and site systems that name nothing imported are skipped. */
export function mapBoundaries(
  rows: BoundaryRows,
  servers: ReadonlySet<string>,
  log: ImportLog,
): MappedBoundaries {
  const read = readBoundaries(rows.boundaries, log);
  const boundaryById = new Map<number, string>();
  for (const b of read)
    if (b.id !== undefined && !boundaryById.has(b.id)) boundaryById.set(b.id, b.boundary.name);

  const taken = new TakenNames();
  const groups: { name: string; boundaries: string[]; servers: string[] }[] = [];
  const groupById = new Map<number, (typeof groups)[number]>();
  const groupNames = new Map<string, string>();
  rows.boundaryGroups.forEach((row, i) => {
    const where = formatPath(["boundaryGroups", i]);
    if (!isRow(row)) {
      log.skip(where, "expected an object (an SMS_BoundaryGroup)");
      return;
    }
    const name = asString(field(row, "Name"))?.trim();
    if (name === undefined || name === "") {
      log.skip(where, "no Name");
      return;
    }
    const group = { name: uniqueName(name, taken), boundaries: [], servers: [] };
    groups.push(group);
    if (!groupNames.has(name)) groupNames.set(name, group.name);
    const id = asNumber(field(row, "GroupID"));
    if (id !== undefined && !groupById.has(id)) groupById.set(id, group);
  });

  // What each group lists so far: a repeated member is looked up, not searched for (110,000 rows stay linear).
  const listed = new Map<(typeof groups)[number], Set<string>>();
  /** Whether `key` is new to `group` (it is then listed). */
  const listedIn = (group: (typeof groups)[number], key: string): boolean => {
    let keys = listed.get(group);
    if (keys === undefined) listed.set(group, (keys = new Set()));
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  };

  const groupOf = (row: unknown, where: string, what: string) => {
    if (!isRow(row)) {
      log.skip(where, `expected an object (an ${what})`);
      return undefined;
    }
    const id = asNumber(field(row, "GroupID"));
    const group = id === undefined ? undefined : groupById.get(id);
    if (group === undefined)
      log.skip(where, id === undefined ? "no GroupID" : `GroupID ${id} names no imported boundary group`);
    return group === undefined ? undefined : { group, row };
  };

  rows.boundaryGroupMembers.forEach((member, i) => {
    const where = formatPath(["boundaryGroupMembers", i]);
    const found = groupOf(member, where, "SMS_BoundaryGroupMembers object");
    if (found === undefined) return;
    const id = asNumber(field(found.row, "BoundaryID"));
    const name = id === undefined ? undefined : boundaryById.get(id);
    if (name === undefined) {
      log.skip(where, id === undefined ? "no BoundaryID" : `BoundaryID ${id} names no imported boundary`);
      return;
    }
    if (listedIn(found.group, `boundary:${name}`)) found.group.boundaries.push(name);
  });

  rows.boundaryGroupSiteSystems.forEach((system, i) => {
    const where = formatPath(["boundaryGroupSiteSystems", i]);
    const found = groupOf(system, where, "SMS_BoundaryGroupSiteSystems object");
    if (found === undefined) return;
    const path = asString(field(found.row, "ServerNALPath"));
    const server = path === undefined ? undefined : serverFromPath(path);
    if (server === undefined) {
      log.skip(where, "no server name in ServerNALPath");
      return;
    }
    // A site system of another site, or one without MDM roles, is not in the scenario: nothing to refer to.
    if (servers.has(server) && listedIn(found.group, `server:${server}`)) found.group.servers.push(server);
  });

  return {
    boundaries: read.map((b) => b.boundary),
    boundaryGroups: groups,
    groupIds: new Map([...groupById].map(([id, g]) => [id, g.name])),
    groupNames,
  };
}
