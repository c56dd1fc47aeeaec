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

/** A `replicaSchedules` row that could not be read, kept so its replica is not said to be out of reach. */
export interface MalformedSchedule {
  /** `replicaSchedules[3]`. */
  readonly where: string;
  /** The server it names, when it names one. */
  readonly server: string | undefined;
  readonly reason: string;
}

/** The schedules of `replicaSchedules`: the rows read, and the rows that could not be, each also skipped. */
export interface ReplicaSchedules {
  readonly rows: readonly ReplicaSchedule[];
  readonly malformed: readonly MalformedSchedule[];
}

/** The shape of a `replicaSchedules` row, for messages. */
export const REPLICA_SCHEDULE_SHAPE = "{ server, database, intervalMinutes }";

/**
 * Reads `replicaSchedules`. A malformed row (not an object, no server, an interval that is no whole number
 * of minutes > 0) is skipped and named with its key, index and what was expected.
 */
export function readReplicaSchedules(rows: readonly unknown[], log: ImportLog): ReplicaSchedules {
  const out: ReplicaSchedule[] = [];
  const malformed: MalformedSchedule[] = [];
  const bad = (where: string, server: string | undefined, reason: string) => {
    log.skip(where, reason);
    malformed.push({ where, server, reason });
  };
  rows.forEach((row, i) => {
    const where = formatPath(["replicaSchedules", i]);
    if (!isRow(row)) {
      bad(where, undefined, `expected an object ${REPLICA_SCHEDULE_SHAPE}, got ${JSON.stringify(row)}`);
      return;
    }
    const server = asString(field(row, "server"))?.trim();
    const interval = field(row, "intervalMinutes");
    const minutes = asNumber(interval);
    if (server === undefined || server === "")
      bad(where, undefined, `expected server, the replica's SQL Server name, in ${REPLICA_SCHEDULE_SHAPE}`);
    else if (minutes === undefined || !Number.isInteger(minutes) || minutes <= 0)
      bad(
        where,
        server,
        `expected intervalMinutes, a whole number of minutes > 0, got ${interval === undefined ? "none" : JSON.stringify(interval)}`,
      );
    else out.push({ server, database: asString(field(row, "database"))?.trim(), intervalMinutes: minutes });
  });
  return { rows: out, malformed };
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
  schedules: ReplicaSchedules,
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
      : schedules.rows.find(
          (s) =>
            same(s.server, sqlServer) &&
            (s.database === undefined || database === undefined || same(s.database, database)),
        );
  // A row for this replica that could not be read: the server was reached, the row is what failed.
  const unread = schedules.malformed.find(
    (m) => sqlServer !== undefined && m.server !== undefined && same(m.server, sqlServer),
  );
  if (schedule !== undefined) {
    replicas.set(name, { name, syncInterval: `${schedule.intervalMinutes}m` });
  } else if (unread !== undefined) {
    replicas.set(name, { name, syncInterval: DEFAULT_SYNC_INTERVAL });
    log.note(
      `site.replicas.${name}.syncInterval`,
      "not in the export",
      `the export's ${unread.where} for this replica is malformed (${unread.reason}): the documented 5 minutes assumed; correct the row or set the interval`,
      DEFAULT_SYNC_INTERVAL,
    );
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
