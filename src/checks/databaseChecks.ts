// Checks of the databases the management points read: a group whose every management point reads a
// database that is down at some point of the run fails with database-unavailable then.
import { managementPointCandidates } from "../model/assignment.js";
import { databaseOutages, managementPointDatabase } from "../model/rules.js";
import type { Outage } from "../model/outage.js";
import { formatDuration } from "../scenario/duration.js";
import type { DeviceGroup } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";

interface DownDatabase {
  readonly server: string;
  readonly database: string;
  readonly outages: readonly Outage[];
}

interface Exposed {
  readonly group: DeviceGroup;
  readonly databases: readonly DownDatabase[];
}

const windows = (outages: readonly Outage[]) =>
  outages.map((o) => `${formatDuration(o.from)}–${formatDuration(o.to)}`).join(", ");

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
        if (server === undefined) return [];
        const database = managementPointDatabase(server);
        const outages = databaseOutages(site.scenario.site, database).filter((o) => o.from < site.duration);
        return [{ server: server.name, database, outages }];
      });
      return databases.length > 0 && databases.every((d) => d.outages.length > 0)
        ? [{ group: g.group, databases }]
        : [];
    }),
  path: (e) => `devices.${e.group.name}`,
  group: (e) => e.group.name,
  message: (e) =>
    `every management point group "${e.group.name}" can use reads a database that goes down: ${e.databases
      .map(
        (d) =>
          `${d.server} reads ${d.database === "site" ? "the site database" : `replica "${d.database}"`} (down ${windows(d.outages)})`,
      )
      .join("; ")}; its tries then fail with database-unavailable`,
  fix: () =>
    "Give the group a management point whose database stays up: a management point on a replica keeps answering devices the replica already holds while the site database is down (new devices wait for the replica's first sync after it)",
});
