// The offered load of every role and database with a `capacity`, computed without simulating: the expected
// first tries per minute from the enrollment pattern and each group's poll offsets (jitter left out), charged
// to the servers the load model sends them to (docs/model.md, "The load model"), and the busiest 15 minutes
// of the run judged against the workers. Retries are not counted: a lower bound on what a failing site offers.
import { assignmentShares, contentCandidates, deviceAddress, usedAddresses } from "../model/assignment.js";
import { meanOf } from "../model/distribution.js";
import { enrollmentSpread, enrollmentTimes } from "../model/enrollment.js";
import { pollOffsets } from "../model/pollSchedule.js";
import { OK, REASON_ID } from "../model/reasons.js";
import { answeringEnrollmentPoint, outagesAt, type RoleName } from "../model/rules.js";
import { STATION_ROLES } from "../model/load/plan.js";
import { NO_MP, type GroupModel, type SiteModel } from "../model/site.js";
import { segmentsWhere, timelineAt, type ReasonTimeline } from "../model/timeline.js";
import type { Capacity } from "../scenario/capacitySchema.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { Server } from "../scenario/schema.js";
import { ROLE_LABEL, serverPath } from "./labels.js";

/** The window the offered load is judged over: a quarter of an hour (the whole run when shorter). */
export const LOAD_WINDOW = 900;
const MINUTE = 60;

/** One role or database with a capacity, and what the busiest window of the run offers it. */
export interface StationLoad {
  /** The capacity's override path. */
  readonly path: string;
  /** How a message names it: `cm01.corp.contoso.com's management point`, `the site database`. */
  readonly label: string;
  readonly workers: number;
  /** The mean service time (seconds). */
  readonly meanService: number;
  /** The busiest window, [from, to) in seconds of the run. */
  readonly from: number;
  readonly to: number;
  /** Expected first tries per second arriving in the window. */
  readonly requestsPerSecond: number;
  /** Replica syncs per second charged to the site database in the window, and the seconds of work each takes. */
  readonly syncsPerSecond: number;
  readonly syncSeconds: number;
  /** Work offered per second over the workers: ρ. */
  readonly load: number;
}

/** A station's expected arrivals and work per minute of the run. */
interface Station {
  readonly path: string;
  readonly label: string;
  readonly capacity: Capacity;
  readonly mean: number;
  readonly requests: Float64Array;
  readonly syncs: Float64Array;
  readonly syncWork: Float64Array;
}

/** Expected first enrollment tries of a group in [a, b), and the span outside which there are none. */
interface FirstTries {
  readonly from: number;
  /** The last instant that can hold a first try (inclusive). */
  readonly last: number;
  readonly count: (a: number, b: number) => number;
}

/** The group's first tries by its pattern: `enrollmentSpread`'s shares, or `enrollmentTimes` where exact. */
function firstTries(model: GroupModel, seed: number): FirstTries {
  const group = model.group;
  const spread = enrollmentSpread(group);
  const share = spread.share;
  if (share !== null) {
    const n = group.count;
    if (group.enrollment.pattern !== "poisson")
      return { from: spread.from, last: spread.to, count: (a, b) => (b > a ? n * share(a, b) : 0) };
    // A Poisson group's arrivals are all in well before its mean time to the n-th arrival plus 20 σ. Its
    // share costs a sum over the Poisson terms near n; read from a table of at most 20,000 steps of at least
    // a second, linearly between them (the minutes this check counts in are coarser still).
    const from = spread.from;
    const last = from + ((n + 20 * Math.sqrt(n) + 60) * 60) / group.enrollment.ratePerMinute;
    const step = Math.max(1, (last - from) / 20_000);
    const table = Float64Array.from({ length: Math.ceil((last - from) / step) + 1 }, (_, i) =>
      share(from, from + i * step),
    );
    const reached = (t: number) => {
      const x = (t - from) / step;
      if (x <= 0) return 0;
      const i = Math.floor(x);
      if (i + 1 >= table.length) return table[table.length - 1] ?? 1;
      const lo = table[i] ?? 0;
      return lo + (x - i) * ((table[i + 1] ?? lo) - lo);
    };
    return { from, last, count: (a, b) => (b > a ? n * (reached(b) - reached(a)) : 0) };
  }
  // `even` and `burst` draw nothing: their times are the run's own.
  const times = enrollmentTimes(group, seed);
  const below = (t: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((times[mid] ?? Infinity) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    from: times[0] ?? Infinity,
    last: times[times.length - 1] ?? -Infinity,
    count: (a, b) => (b > a ? below(b) - below(a) : 0),
  };
}

/** Each DP's expected share of the group's content requests: `contentCandidates` over the addresses used. */
function contentShares(model: GroupModel): Map<number, number> {
  const shares = new Map<number, number>();
  const add = (pool: readonly number[], n: number) => {
    for (const d of pool) shares.set(d, (shares.get(d) ?? 0) + n / pool.length);
  };
  const count = model.group.count;
  const range = usedAddresses(model);
  if (model.internetDps !== null || range === undefined) add(contentCandidates(model, -1), count);
  else {
    // The candidates change only at the boundary ranges' edges: the used range is walked edge to edge.
    const edges = new Set([range.first, range.last + 1]);
    for (const p of model.dpPreferences)
      for (const r of p.ranges) for (const e of [r.first, r.last + 1]) edges.add(e);
    const cuts = [...edges].filter((e) => e >= range.first && e <= range.last + 1).sort((a, b) => a - b);
    const size = range.last - range.first + 1;
    for (let c = 0; c + 1 < cuts.length; c++) {
      const from = cuts[c] ?? 0;
      const to = cuts[c + 1] ?? 0;
      // Device i uses address first + (i mod size): the range was cut to the count, so each address once
      // per cycle, and the group's count is a whole number of passes plus a first part.
      const used = Math.floor(count / size) * (to - from);
      const rest = count % size;
      const extra = Math.max(0, Math.min(to - range.first, rest) - (from - range.first));
      add(contentCandidates(model, deviceAddress(range, from - range.first)), used + extra);
    }
  }
  if (count > 0) for (const [d, n] of shares) shares.set(d, n / count);
  return shares;
}

const DATABASE_UNAVAILABLE = REASON_ID["database-unavailable"];

/** Reads the run into stations and charges each group's first tries to them. */
class Offered {
  readonly stations: Station[] = [];
  private readonly bins: number;
  private readonly byRole = new Map<string, Station>();
  private siteDatabase: Station | undefined;
  private readonly replicaDatabases: (Station | undefined)[];

  constructor(private readonly site: SiteModel) {
    this.bins = Math.ceil(site.duration / MINUTE);
    const scenario = site.scenario;
    for (const server of scenario.site.servers)
      for (const role of STATION_ROLES) {
        const capacity = server.roles[role]?.capacity;
        if (capacity === undefined) continue;
        const station = this.station(
          serverPath(server.name, "roles", role, "capacity"),
          `${server.name}'s ${ROLE_LABEL[role]}`,
          capacity,
        );
        this.byRole.set(`${role}\0${server.name}`, station);
      }
    const db = scenario.site.database.capacity;
    if (db !== undefined) this.siteDatabase = this.station("site.database.capacity", "the site database", db);
    this.replicaDatabases = scenario.site.replicas.map((r) =>
      r.capacity === undefined
        ? undefined
        : this.station(`site.replicas.${r.name}.capacity`, `replica "${r.name}"`, r.capacity),
    );
  }

  private station(path: string, label: string, capacity: Capacity): Station {
    const s: Station = {
      path,
      label,
      capacity,
      mean: meanOf(capacity.serviceTime),
      requests: new Float64Array(this.bins),
      syncs: new Float64Array(this.bins),
      syncWork: new Float64Array(this.bins),
    };
    this.stations.push(s);
    return s;
  }

  role(role: RoleName, server: Server | undefined): Station | undefined {
    return server === undefined ? undefined : this.byRole.get(`${role}\0${server.name}`);
  }

  /** The database station a management point's queries go to, if it has a capacity. */
  database(mp: number): Station | undefined {
    const r = this.site.mpReplica[mp] ?? -1;
    return r < 0 ? this.siteDatabase : this.replicaDatabases[r];
  }

  /**
   * Charges `station` with `weight` requests for each first try in [u, v) of `tries`, arriving `shift` after
   * it, minute by minute inside the run.
   */
  charge(
    station: Station | undefined,
    tries: FirstTries,
    u: number,
    v: number,
    shift: number,
    weight: number,
  ) {
    if (station === undefined || weight <= 0) return;
    const lo = Math.max(u, tries.from) + shift;
    const hi = Math.min(v, tries.last) + shift;
    if (!(lo <= hi) || lo >= this.site.duration) return;
    const end = this.site.duration;
    for (let b = Math.floor(lo / MINUTE); b <= Math.min(this.bins - 1, Math.floor(hi / MINUTE)); b++) {
      const a = Math.max(u, b * MINUTE - shift);
      const z = Math.min(v, Math.min((b + 1) * MINUTE, end) - shift);
      const n = tries.count(a, z);
      if (n > 0) station.requests[b] = (station.requests[b] ?? 0) + n * weight;
    }
  }

  /** `charge`, for the first tries in [u, v) whose arrival `shift` later finds `timeline` accepting. */
  chargeWhere(
    station: Station | undefined,
    timeline: ReasonTimeline | undefined,
    accept: (reason: number) => boolean,
    piece: { tries: FirstTries; u: number; v: number; shift: number; weight: number },
  ) {
    if (station === undefined || timeline === undefined) return;
    const { tries, u, v, shift, weight } = piece;
    for (const s of segmentsWhere(timeline, this.site.duration, accept))
      this.charge(station, tries, Math.max(u, s.from - shift), Math.min(v, s.to - shift), shift, weight);
  }

  /** Charges what one group's devices ask of the stations. */
  group(model: GroupModel): void {
    const site = this.site;
    const tries = firstTries(model, site.seed);
    const group = model.group;
    const client = isConfigMgrClient(group);
    if (tries.from > tries.last || (!client && site.enrollmentProxyPoints.length === 0)) return;
    const delay = group.enrollment.delay;
    const offsets = pollOffsets(group, site.duration).filter((o) => o < site.duration);
    const mpShares = [...assignmentShares(model, site.managementPoints.length)];
    const dpShares = group.content ? [...contentShares(model)] : [];
    // Where the EPPs a device can reach, or the enrollment point's answer, may change.
    const cuts = new Set<number>([0, site.duration]);
    const entries = client
      ? mpShares.map(([p]) => model.mpTimelines[p])
      : [...model.eppTimelines, site.enrollmentPoint];
    for (const t of entries) for (const s of t?.starts ?? []) cuts.add(s);
    const edges = [...cuts].filter((t) => t <= site.duration).sort((a, b) => a - b);
    for (let i = 0; i + 1 < edges.length; i++) {
      const u = i === 0 ? -Infinity : (edges[i] ?? 0);
      const v = i + 2 === edges.length ? Infinity : (edges[i + 1] ?? 0);
      const at = edges[i] ?? 0;
      // The device draws among the EPPs it reaches (a refused try takes no capacity), then the first
      // enrollment point that is up and uses HTTPS serves, when the site's enrollment point check passes.
      if (client) {
        // A client registers at a management point of its pool that answers (weighed here by the assignment
        // rule's shares, those that answer now), and no enrollment role is involved.
        const answering = mpShares.filter(([p]) => timelineAt(model.mpTimelines[p] ?? NO_MP, at) === OK);
        const total = answering.reduce((n, [, share]) => n + share, 0);
        for (const [p, share] of answering) {
          const mp = this.role("managementPoint", site.managementPoints[p]);
          this.charge(mp, tries, u, v, 0, share / total);
        }
        if (answering.length === 0) continue;
      } else {
        const reached = model.eppTimelines.flatMap((t, j) => (timelineAt(t, at) === OK ? [j] : []));
        const epp = (j: number) => this.role("enrollmentProxyPoint", site.enrollmentProxyPoints[j]);
        for (const j of reached) this.charge(epp(j), tries, u, v, 0, 1 / reached.length);
        if (reached.length === 0 || timelineAt(site.enrollmentPoint, at) !== OK) continue;
        const ep = answeringEnrollmentPoint(site.scenario, outagesAt(at, site.scenario.site));
        this.charge(this.role("enrollmentPoint", ep), tries, u, v, 0, 1);
      }
      // Polls of the devices whose first try enrolled, at the DMP the assignment rule gives them: the MP
      // serves every try the rules let through, its database those that find it up.
      for (const [p, share] of mpShares) {
        const timeline = model.mpTimelines[p];
        const mp = this.role("managementPoint", site.managementPoints[p]);
        for (const o of offsets) {
          const piece = { tries, u, v, shift: delay + o, weight: share };
          this.chargeWhere(mp, timeline, (r) => r === OK || r === DATABASE_UNAVAILABLE, piece);
          this.chargeWhere(this.database(p), timeline, (r) => r === OK, piece);
        }
        for (const [shift, a, z] of this.firstSuccesses(p, offsets, delay, u, v))
          for (const [d, dpShare] of dpShares)
            this.chargeWhere(
              this.role("distributionPoint", site.distributionPoints[d]),
              model.dpTimelines[d],
              (r) => r === OK,
              { tries, u: a, v: z, shift, weight: share * dpShare },
            );
      }
    }
  }

  /**
   * When a device whose first try is in [u, v) first succeeds at management point `p`, as pieces
   * `[shift, from, to)`: its first poll on the site database; on a replica, its first poll at or after the
   * record becomes visible (none when the record is not carried inside the run).
   */
  private firstSuccesses(p: number, offsets: readonly number[], delay: number, u: number, v: number) {
    const pieces: [number, number, number][] = [];
    const first = offsets[0];
    if (first === undefined) return pieces;
    const replica = this.site.replicas[this.site.mpReplica[p] ?? -1];
    if (replica === undefined) return [[delay + first, u, v] as [number, number, number]];
    let previous = -Infinity;
    replica.ticks.forEach((tick, j) => {
      const visible = replica.visible[j] ?? Infinity;
      // Commits in (previous tick, tick] are carried by this tick; poll k is the first to succeed for the
      // commits c with o[k-1] < visible - c <= o[k].
      let upper = Infinity;
      for (const o of offsets) {
        const from = Math.max(previous, visible - o, u + delay);
        const to = Math.min(tick, upper, v + delay);
        if (from < to) pieces.push([delay + o, from - delay, to - delay]);
        upper = visible - o;
        if (upper <= previous) break;
      }
      previous = tick;
    });
    return pieces;
  }

  /** Charges the site database with each replica sync's `syncCost`. */
  syncs(): void {
    const db = this.siteDatabase;
    if (db === undefined) return;
    this.site.replicas.forEach((replica, r) => {
      const cost = this.site.scenario.site.replicas[r]?.syncCost ?? 0;
      if (cost <= 0) return;
      for (const tick of replica.ticks) {
        const b = Math.floor(tick / MINUTE);
        db.syncs[b] = (db.syncs[b] ?? 0) + 1;
        db.syncWork[b] = (db.syncWork[b] ?? 0) + cost;
      }
    });
  }
}

/** The busiest window of a station: the 15 minutes (or the whole run) offering the most work. */
function busiest(station: Station, duration: number): StationLoad {
  const bins = station.requests.length;
  const width = Math.min(LOAD_WINDOW / MINUTE, bins);
  const work = (b: number) => (station.requests[b] ?? 0) * station.mean + (station.syncWork[b] ?? 0);
  let sum = 0;
  for (let b = 0; b < width; b++) sum += work(b);
  let best = sum;
  let start = 0;
  for (let b = width; b < bins; b++) {
    sum += work(b) - work(b - width);
    if (sum > best) {
      best = sum;
      start = b - width + 1;
    }
  }
  // Of windows offering as much, the one that starts with its first busy minute (a burst's, not 14 before it).
  while (work(start) === 0 && start + width < bins && work(start + width) === 0) start++;
  const from = start * MINUTE;
  const to = Math.min(duration, (start + width) * MINUTE);
  const total = (values: Float64Array) => values.subarray(start, start + width).reduce((a, x) => a + x, 0);
  const syncs = total(station.syncs);
  const seconds = to - from;
  return {
    path: station.path,
    label: station.label,
    workers: station.capacity.workers,
    meanService: station.mean,
    from,
    to,
    requestsPerSecond: total(station.requests) / seconds,
    syncsPerSecond: syncs / seconds,
    syncSeconds: syncs > 0 ? total(station.syncWork) / syncs : 0,
    load: best / seconds / station.capacity.workers,
  };
}

/** The offered load of every role and database with a capacity, in the file's order (servers, then databases). */
export function offeredLoads(site: SiteModel): StationLoad[] {
  const offered = new Offered(site);
  if (offered.stations.length === 0) return [];
  for (const model of site.groups) offered.group(model);
  offered.syncs();
  return offered.stations.map((s) => busiest(s, site.duration));
}
