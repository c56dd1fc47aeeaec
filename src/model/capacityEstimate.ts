// The planner's share of the load model (estimate.ts): a request at a role or database with a `capacity`
// costs a run more than a try at an infinite one (a service end and a deadline on the event queue), and
// each finite server keeps its waits and responses (counted by the millisecond) and per-minute series. Estimated per
// server before anything runs, so the part that passes a limit is named at its capacity's path.
import type { Capacity } from "../scenario/capacitySchema.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { DeviceGroup, Scenario } from "../scenario/schema.js";
import { pollCount } from "./pollSchedule.js";
import { isDmp, isMobileDp, managementPointDatabase, type RoleName } from "./rules.js";
import { STATION_ROLES } from "./load/plan.js";

/** One part of an estimate: its size and the scenario field that shrinks it (as estimate.ts reads it). */
export interface CapacityPart {
  readonly value: number;
  readonly what: string;
  readonly path: (string | number)[];
}

/** Events per request at a finite server: its service end and its deadline. */
export const EVENTS_PER_REQUEST = 2;
/** Bytes per finite server: its waits and responses, counted by the millisecond (two 256 KiB tables). */
const BYTES_PER_STATION = 524_288;
/** Bytes per finite server and minute: five 32-bit counters and the busy seconds. */
const BYTES_PER_MINUTE = 28;

interface Station {
  readonly capacity: Capacity;
  readonly label: string;
  readonly path: (string | number)[];
  requests: number;
  syncs: number;
}

/** The tries one group makes at most, as `estimateEvents` counts them. */
function triesOf(g: DeviceGroup, duration: number) {
  const polls = g.count * pollCount(g, duration) * (1 + g.connectionRetries.count);
  return { enrollment: g.count * g.enrollment.maxAttempts, dmp: polls, content: g.content ? polls : 0 };
}

/**
 * The extra events and memory of a run's finite servers, one part each (none without a capacity). A
 * server's requests are estimated without compiling the site: a role's tries shared evenly among the
 * servers that may take them (a pinned group's polls all at its management point), a database's those of
 * the management points that read it, the site database's also every replica sync when `syncCost` > 0.
 */
export function capacityParts(scenario: Scenario): { memory: CapacityPart[]; work: CapacityPart[] } {
  const { servers, replicas, database } = scenario.site;
  const stations: Station[] = [];
  const roleStations = new Map<string, Station>();
  const add = (capacity: Capacity | undefined, label: string, path: (string | number)[]) => {
    if (capacity === undefined) return undefined;
    const s = { capacity, label, path, requests: 0, syncs: 0 };
    stations.push(s);
    return s;
  };
  servers.forEach((server, i) => {
    for (const role of STATION_ROLES) {
      const path = ["site", "servers", i, "roles", role, "capacity"];
      const s = add(server.roles[role]?.capacity, `the ${role} role of ${server.name}`, path);
      if (s !== undefined) roleStations.set(`${role}\0${server.name}`, s);
    }
  });
  if (stations.length === 0 && database.capacity === undefined && replicas.every((r) => !r.capacity))
    return { memory: [], work: [] };
  const siteDatabase = add(database.capacity, "the site database", ["site", "database", "capacity"]);
  const replicaStations = new Map(
    replicas.map((r, i) => [
      r.name,
      add(r.capacity, `replica "${r.name}"`, ["site", "replicas", i, "capacity"]),
    ]),
  );
  const station = (role: RoleName, name: string) => roleStations.get(`${role}\0${name}`);
  const holding = (role: RoleName) => servers.filter((s) => s.roles[role] !== undefined);
  const epps = holding("enrollmentProxyPoint");
  const eps = holding("enrollmentPoint");
  const mps = holding("managementPoint");
  const dmps = mps.filter(isDmp);
  const allDps = holding("distributionPoint");
  const dps = allDps.filter(isMobileDp);
  for (const g of scenario.devices) {
    const tries = triesOf(g, scenario.duration);
    const charge = (role: RoleName, pool: readonly { name: string }[], n: number) => {
      for (const server of pool) {
        const s = station(role, server.name);
        if (s !== undefined) s.requests += n / pool.length;
      }
    };
    // A ConfigMgr client registers at a management point (any MP, any DP); an MDM device at the EPP and EP.
    const client = isConfigMgrClient(g);
    if (!client) {
      charge("enrollmentProxyPoint", epps, tries.enrollment);
      charge("enrollmentPoint", eps, tries.enrollment);
    }
    charge("distributionPoint", client ? allDps : dps, tries.content);
    const pinned = mps.filter((s) => s.name === g.managementPoint);
    const pool = pinned.length > 0 ? pinned : client ? mps : dmps.length > 0 ? dmps : mps.slice(0, 1);
    charge("managementPoint", pool, tries.dmp + (client ? tries.enrollment : 0));
    for (const mp of pool) {
      const db = managementPointDatabase(mp);
      const s = db === "site" ? siteDatabase : replicaStations.get(db);
      if (s !== undefined) s.requests += tries.dmp / pool.length;
    }
  }
  if (siteDatabase !== undefined)
    for (const r of replicas) if (r.syncCost > 0) siteDatabase.syncs += scenario.duration / r.syncInterval;
  const minutes = Math.max(1, Math.ceil(scenario.duration / 60));
  const count = (n: number) => Math.ceil(n).toExponential(1);
  return {
    work: stations.map((s) => ({
      value: s.requests * EVENTS_PER_REQUEST + s.syncs,
      what: `service ends and deadlines of about ${count(s.requests)} requests at ${s.label}, a finite server (fewer devices, longer polling intervals, a shorter duration, or no capacity there)`,
      path: s.path,
    })),
    memory: stations.map((s) => ({
      value: BYTES_PER_STATION + minutes * BYTES_PER_MINUTE,
      what: `the waits, responses and per-minute series of ${s.label}, a finite server (a shorter duration, or no capacity there)`,
      path: s.path,
    })),
  };
}
