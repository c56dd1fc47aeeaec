// Which roles and databases are finite servers, where each try meets them, and which groups reach one:
// compiled once per run, for both engines.
import type { Capacity } from "../../scenario/capacitySchema.js";
import { isConfigMgrClient } from "../../scenario/deviceSchema.js";
import type { Scenario, Server } from "../../scenario/schema.js";
import { managementPointCandidates } from "../assignment.js";
import type { Outage } from "../outage.js";
import type { RoleName } from "../rules.js";
import type { SiteModel } from "../site.js";
import type { StationKind } from "./stationTally.js";

/** One finite server. */
export interface StationSpec {
  readonly kind: StationKind;
  /** The server's name for a role; `site` or the replica's name for a database. */
  readonly name: string;
  readonly capacity: Capacity;
  /** The outages that end its requests: its server's, or its database's SQL Server's. */
  readonly outages: readonly Outage[];
  /** The name of its service-time stream. */
  readonly stream: string;
}

/** The finite servers of a site and where tries meet them; station indexes, -1 for none. */
export interface LoadPlan {
  readonly stations: readonly StationSpec[];
  /** Per EPP position. */
  readonly epp: Int32Array;
  /** Per MP position: the MP's station, and its database's. */
  readonly mp: Int32Array;
  readonly mpDatabase: Int32Array;
  /** Per DP position. */
  readonly dp: Int32Array;
  /** Enrollment point server name → its station. */
  readonly enrollmentPoint: ReadonlyMap<string, number>;
  /** The site database's station. */
  readonly siteDatabase: number;
  /** Per replica: whether its syncs charge the site database (a `syncCost` and a site-database capacity). */
  readonly syncCharged: readonly boolean[];
  /** Per group: whether its devices can meet a finite server (then the event engine runs them). */
  readonly loadedGroups: readonly boolean[];
}

/** The roles that may have a capacity, in the order a server's finite servers are listed. */
export const STATION_ROLES: readonly RoleName[] = [
  "enrollmentProxyPoint",
  "enrollmentPoint",
  "managementPoint",
  "distributionPoint",
];

/**
 * The finite servers of a scenario, in station order (roles server by server, in role order; then the site
 * database; then the replicas), with where tries meet them by server and role.
 */
export function stationSpecs(scenario: Scenario): {
  stations: StationSpec[];
  roleStation: ReadonlyMap<string, number>;
  siteDatabase: number;
  replicaStation: number[];
} {
  const stations: StationSpec[] = [];
  const roleStation = new Map<string, number>();
  for (const server of scenario.site.servers)
    for (const role of STATION_ROLES) {
      const capacity = server.roles[role]?.capacity;
      if (capacity === undefined) continue;
      roleStation.set(roleKey(server, role), stations.length);
      stations.push({
        kind: role,
        name: server.name,
        capacity,
        outages: server.outages,
        stream: `load:${server.name}/${role}`,
      });
    }
  const database = (name: string, capacity: Capacity | undefined, outages: readonly Outage[]): number => {
    if (capacity === undefined) return -1;
    stations.push({ kind: "database", name, capacity, outages, stream: `load:database/${name}` });
    return stations.length - 1;
  };
  const siteDatabase = database("site", scenario.site.database.capacity, scenario.site.database.outages);
  const replicaStation = scenario.site.replicas.map((r) => database(r.name, r.capacity, r.serverOutages));
  return { stations, roleStation, siteDatabase, replicaStation };
}

const roleKey = (server: Server, role: RoleName) => `${server.name}\u0000${role}`;

/** The finite servers of a compiled site, or null when no role or database has a `capacity`. */
export function loadPlan(site: SiteModel): LoadPlan | null {
  const { scenario } = site;
  const { stations, roleStation, siteDatabase, replicaStation } = stationSpecs(scenario);
  const key = roleKey;
  if (stations.length === 0) return null;
  const of = (servers: readonly Server[], role: RoleName) =>
    Int32Array.from(servers, (s) => roleStation.get(key(s, role)) ?? -1);
  const mp = of(site.managementPoints, "managementPoint");
  const mpDatabase = Int32Array.from(site.mpReplica, (r) =>
    r < 0 ? siteDatabase : (replicaStation[r] ?? -1),
  );
  const epp = of(site.enrollmentProxyPoints, "enrollmentProxyPoint");
  const dp = of(site.distributionPoints, "distributionPoint");
  const enrollmentPoint = new Map(
    scenario.site.servers.flatMap((s) => {
      const station = roleStation.get(key(s, "enrollmentPoint"));
      return station === undefined ? [] : [[s.name, station] as const];
    }),
  );
  const enrolling = epp.some((s) => s >= 0) || enrollmentPoint.size > 0;
  const anyDp = dp.some((s) => s >= 0);
  // A ConfigMgr client registers at a management point (no EPP or EP) and may fall back to any candidate.
  const loadedGroups = site.groups.map(
    (model) =>
      (enrolling && !isConfigMgrClient(model.group)) ||
      (model.group.content && anyDp) ||
      managementPointCandidates(model, site.managementPoints.length).some(
        (p) => (mp[p] ?? -1) >= 0 || (mpDatabase[p] ?? -1) >= 0,
      ),
  );
  return {
    stations,
    epp,
    mp,
    mpDatabase,
    dp,
    enrollmentPoint,
    siteDatabase,
    syncCharged: scenario.site.replicas.map((r) => siteDatabase >= 0 && r.syncCost > 0),
    loadedGroups,
  };
}
