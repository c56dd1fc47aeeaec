// Checks of the databases the management points read: a group whose every management point reads a
// database that is down at some point of the run fails with database-unavailable then. Read from the
// group's compiled timelines, where the rules already put the database's outages.
import { managementPointCandidates } from "../model/assignment.js";
import { REASON_ID } from "../model/reasons.js";
import { managementPointDatabase } from "../model/rules.js";
import { segmentsWhere, type Segment } from "../model/timeline.js";
import { formatDuration } from "../scenario/duration.js";
import type { DeviceGroup } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";

const DATABASE_UNAVAILABLE = REASON_ID["database-unavailable"];

interface DownDatabase {
  readonly server: string;
  readonly database: string;
  /** When the group's tries there fail with database-unavailable. */
  readonly down: readonly Segment[];
}

interface Exposed {
  readonly group: DeviceGroup;
  readonly databases: readonly DownDatabase[];
}

const windows = (down: readonly Segment[]) =>
  down.map((o) => `${formatDuration(o.from)}–${formatDuration(o.to)}`).join(", ");

/** `database-unavailable`: every management point a group can use reads a database that goes down. */
export const databaseUnavailable: Check = defineCheck<Exposed>({
  severity: "warning",
  scope: "device group",
  source: SOURCES.replicas,
  summary:
    "every management point a group can use reads a database (the site database, or a replica's SQL Server) that is down at some point of the run: its devices fail with database-unavailable then",
  fixSummary:
    "give the group a management point on a database that stays up (an MP on a replica keeps serving devices the replica holds while the site database is down)",
  detect: ({ site }) =>
    site.groups.flatMap((g) => {
      const databases = managementPointCandidates(g, site.managementPoints.length).flatMap((p) => {
        const server = site.managementPoints[p];
        const timeline = g.mpTimelines[p];
        if (server === undefined || timeline === undefined) return [];
        const down = segmentsWhere(timeline, site.duration, (r) => r === DATABASE_UNAVAILABLE);
        return [{ server: server.name, database: managementPointDatabase(server), down }];
      });
      return databases.length > 0 && databases.every((d) => d.down.length > 0)
        ? [{ group: g.group, databases }]
        : [];
    }),
  path: (e) => `devices.${e.group.name}`,
  group: (e) => e.group.name,
  message: (e) =>
    `every management point group "${e.group.name}" can use reads a database that goes down: ${e.databases
      .map(
        (d) =>
          `${d.server} reads ${d.database === "site" ? "the site database" : `replica "${d.database}"`} (down ${windows(d.down)})`,
      )
      .join("; ")}; its tries then fail with database-unavailable`,
  fix: () =>
    "Give the group a management point whose database stays up: a management point on a replica keeps answering devices the replica already holds while the site database is down (new devices wait for the replica's first sync after it)",
});
