// The replicas management points read: named after their SQL Server and database, their sync interval from
// the export's `replicaSchedules` (read by the export script from the replica's SQL Server Agent job).
import { formatPath } from "../errors.js";
import type { ScenarioInput } from "../scenario/schema.js";
import { asNumber, asString, field, isRow } from "./exportRows.js";
import type { ImportLog } from "./notes.js";
import { DEFAULT_SYNC_INTERVAL } from "../scenario/schema.js";

/** A replica as the scenario writes it. */
export type ReplicaInput = NonNullable<ScenarioInput["site"]["replicas"]>[number];

/** One `replicaSchedules` entry. */
export interface ReplicaSchedule {
  readonly server: string;
  readonly database: string | undefined;
  readonly intervalMinutes: number;
}

/** Reads `replicaSchedules`, skipping entries without a server or a positive interval. */
export function readReplicaSchedules(rows: readonly unknown[], log: ImportLog): ReplicaSchedule[] {
  const out: ReplicaSchedule[] = [];
  rows.forEach((row, i) => {
    const where = formatPath(["replicaSchedules", i]);
    if (!isRow(row)) {
      log.skip(where, "expected an object { server, database, intervalMinutes }");
      return;
    }
    const server = asString(field(row, "server"))?.trim();
    const minutes = asNumber(field(row, "intervalMinutes"));
    if (server === undefined || server === "") log.skip(where, "no server");
    else if (minutes === undefined || !Number.isInteger(minutes) || minutes <= 0)
      log.skip(where, "intervalMinutes is not a whole number of minutes > 0");
    else out.push({ server, database: asString(field(row, "database"))?.trim(), intervalMinutes: minutes });
  });
  return out;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The replica a management point reads (added to `replicas` on first use), its name `SQLSERVER/DATABASE`.
 * @returns the replica's name
 */
export function replicaFor(
  server: string,
  sqlServer: string | undefined,
  database: string | undefined,
  schedules: readonly ReplicaSchedule[],
  replicas: Map<string, ReplicaInput>,
  log: ImportLog,
): string {
  const name =
    sqlServer === undefined
      ? `replica of ${server}`
      : `${sqlServer.toLowerCase()}${database === undefined ? "" : `/${database}`}`;
  if (sqlServer === undefined)
    log.note(
      `site.servers.${server}.roles.managementPoint.database`,
      "not in the export",
      "the management point reads a replica, but its row names no SQLServerName: see the management point's Management Point Database tab",
      name,
    );
  if (replicas.has(name)) return name;
  const schedule =
    sqlServer === undefined
      ? undefined
      : schedules.find(
          (s) =>
            same(s.server, sqlServer) &&
            (s.database === undefined || database === undefined || same(s.database, database)),
        );
  if (schedule !== undefined) {
    replicas.set(name, { name, syncInterval: `${schedule.intervalMinutes}m` });
  } else {
    replicas.set(name, { name, syncInterval: DEFAULT_SYNC_INTERVAL });
    log.note(
      `site.replicas.${name}.syncInterval`,
      "not in the export",
      "the replica's SQL Server was not reached: the documented 5 minutes assumed; read freq_subday_interval of the Distribution Agent job's schedule in msdb.dbo.sysschedules on the replica's server",
      DEFAULT_SYNC_INTERVAL,
    );
  }
  return name;
}
