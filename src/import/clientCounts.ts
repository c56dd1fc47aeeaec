// The export's `clientCounts` (active Configuration Manager clients per boundary group, as the export script
// counts them) and `defaultBoundaryGroup` (the site's default boundary group), read against the boundary
// groups the import kept. A row the mapping cannot read is skipped with its index.
import { formatPath } from "../errors.js";
import { showValue } from "../scenario/schema.js";
import type { MappedBoundaries } from "./boundaries.js";
import { asNumber, asString, field, isRow } from "./exportRows.js";
import type { ImportLog } from "./notes.js";

/** The active clients the export counts in one boundary group, or in none. */
export interface ClientCount {
  /** The imported boundary group's name; null for the clients the export found in no boundary group. */
  readonly boundaryGroup: string | null;
  readonly activeClients: number;
}

type GroupNames = Pick<MappedBoundaries, "groupIds" | "groupNames">;

/** The imported group the export's name means: the same name (trimmed), else the same without regard to case. */
function groupNamed(name: string, groups: GroupNames): string | undefined {
  const exact = groups.groupNames.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [exported, imported] of groups.groupNames) if (exported.toLowerCase() === lower) return imported;
  return undefined;
}

/** Where a row's clients are: an imported group's name, null (no boundary group), or why it cannot tell. */
function rowGroup(
  row: Readonly<Record<string, unknown>>,
  groups: GroupNames,
): string | null | { why: string } {
  const id = asNumber(field(row, "groupId"));
  const byId = id === undefined ? undefined : groups.groupIds.get(id);
  if (byId !== undefined) return byId;
  const name: unknown = field(row, "boundaryGroup");
  if (typeof name === "string" && name.trim() !== "") {
    const found = groupNamed(name.trim(), groups);
    return found ?? { why: `boundaryGroup ${JSON.stringify(name.trim())} names no imported boundary group` };
  }
  if (id !== undefined) return { why: `groupId ${id} names no imported boundary group` };
  if (name === undefined || name === null) return null;
  return { why: `boundaryGroup: expected a boundary group's name, or null, got ${showValue(name)}` };
}

/**
 * Reads `clientCounts`: `{ boundaryGroup, groupId?, activeClients }` per boundary group (`boundaryGroup` null
 * or absent: the clients in no boundary group). A row that is not an object, whose count is not a whole
 * number ≥ 0, that names no imported group, or that repeats a group is skipped.
 */
export function readClientCounts(
  rows: readonly unknown[],
  groups: GroupNames,
  log: ImportLog,
): ClientCount[] {
  const out: ClientCount[] = [];
  const seen = new Set<string | null>();
  rows.forEach((row, i) => {
    const where = formatPath(["clientCounts", i]);
    if (!isRow(row)) {
      log.skip(where, "expected an object { boundaryGroup, activeClients }");
      return;
    }
    const count = asNumber(field(row, "activeClients"));
    if (count === undefined || !Number.isSafeInteger(count) || count < 0) {
      log.skip(
        where,
        `activeClients: expected a whole number of clients >= 0, got ${showValue(field(row, "activeClients"))}`,
      );
      return;
    }
    const group = rowGroup(row, groups);
    if (group !== null && typeof group === "object") {
      log.skip(where, group.why);
      return;
    }
    if (seen.has(group)) {
      log.skip(
        where,
        group === null
          ? "a second count of the clients in no boundary group"
          : `a second count for boundary group ${JSON.stringify(group)}`,
      );
      return;
    }
    seen.add(group);
    out.push({ boundaryGroup: group, activeClients: count });
  });
  return out;
}

/**
 * Reads `defaultBoundaryGroup`, the name of the site's default boundary group
 * (`Default-Site-Boundary-Group<CODE>`).
 * @returns the imported group's name; undefined when the export does not name one it kept
 */
export function readDefaultBoundaryGroup(
  value: unknown,
  groups: GroupNames,
  log: ImportLog,
): string | undefined {
  if (value === undefined) return undefined;
  const name = asString(value)?.trim();
  if (name === undefined || name === "") {
    log.skip("defaultBoundaryGroup", `expected the name of a boundary group, got ${showValue(value)}`);
    return undefined;
  }
  const found = groupNamed(name, groups);
  if (found === undefined)
    log.skip("defaultBoundaryGroup", `${JSON.stringify(name)} names no imported boundary group`);
  return found;
}
