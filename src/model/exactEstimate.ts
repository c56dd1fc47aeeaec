// `check`'s exact estimates: for one group's devices on one management point, the mean failed tries and
// mean time to first success, integrated over the group's enrollment pattern against the compiled site (the
// replica's real sync ticks and apply delays, outages, certificate validity) with the run's own walk.
//
// Without jitter a device's outcome is a function of its first enrollment try tE alone, and a piecewise
// constant one: it can change only where one of the tries it makes crosses an instant that decides a try
// (a rule's change point, its record's visibility, a sync tick for its commit, the end of the run). So each
// probe of the walk also says over which open interval of tE nothing it did would change, and the pattern's
// weight of that interval is added at once; the intervals left over are probed in turn. No sampling; the
// probes grow with the pieces of the outcome (about one per sync, rule change and try offset the window
// holds). Past `PROBE_BUDGET` probes the estimate falls back to the closed form and says so.
import {
  assignmentShares,
  deviceAddress,
  managementPointCandidates,
  poolStretches,
  poolTableOf,
} from "./assignment.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { enrollmentSpread, enrollmentTimes } from "./enrollment.js";
import { outageEdges } from "./outage.js";
import { replicaClosedForm } from "./closedForm.js";
import { pollOffsets } from "./pollSchedule.js";
import type { WalkSink } from "./sink.js";
import type { GroupModel, SiteModel } from "./site.js";
import { okFrom } from "./timeline.js";
import { GroupWalk } from "./walk.js";
import { combineEstimates, Sums, type ManagementPointEstimate, type Outcome } from "./estimateSums.js";

/** Most probes one estimate makes before it falls back to the closed form (about a second of work). */
export const PROBE_BUDGET = 200_000;

/** A probe: the outcome at tE, and the open interval of tE around it over which it holds. */
interface Probed {
  readonly outcome: Outcome;
  readonly lo: number;
  readonly hi: number;
}

/** The tries a probe walk made: enrollment tries and management point tries, in order. */
class TryLog implements WalkSink {
  enrollments: number[] = [];
  tries: number[] = [];
  enrollmentTry(t: number): void {
    this.enrollments.push(t);
  }
  managementPointTry(t: number): void {
    this.tries.push(t);
  }
  okPolls(): void {
    // A probe ends at the first success: no poll is fast-forwarded.
  }
  content(): void {
    // Content does not move the first success.
  }
  switched(): void {
    // A client's fallback shows in the tries that follow it.
  }
  deployment(): void {
    // Deployments do not move the first success.
  }
  endDevice(): void {
    // The outcome is read from the walk.
  }
  clear(): void {
    this.enrollments = [];
    this.tries = [];
  }
}

/** Offsets after the commit of every try a device may make: polls without jitter and their retries. */
function tryOffsets(model: GroupModel, duration: number): number[] {
  const g = model.group;
  const polls = pollOffsets(g, duration);
  const { count, initialBackoff } = g.connectionRetries;
  const offsets: number[] = [];
  polls.forEach((o, j) => {
    offsets.push(o);
    const next = polls[j + 1] ?? Infinity;
    for (let r = 1; r <= count; r++) {
      const t = o + initialBackoff * (2 ** r - 1);
      if (t >= next) break;
      offsets.push(t);
    }
  });
  return offsets.sort((a, b) => a - b);
}

/** The index of the first value of a sorted array greater than `t` (its length for none). */
function after(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Probes the walk at any tE, and bounds the interval around it over which its outcome holds. */
class Prober {
  private readonly walk: GroupWalk;
  private readonly log = new TryLog();
  /**
   * Instants that decide an enrollment try: the EPPs' and the enrollment point's change points (a ConfigMgr
   * client's registration: the management points' and the site database's too), the end.
   */
  private readonly enrollmentCritical: number[];
  /** Instants that decide a commit: the replica's ticks (which one carries it) and the end. */
  private readonly commitCritical: number[];
  /** Instants that decide a management point try (besides the record's visibility): change points, the end. */
  private readonly tryCritical: number[];
  private readonly offsets: number[];

  constructor(
    private readonly site: SiteModel,
    private readonly model: GroupModel,
    private readonly mp: number,
  ) {
    this.walk = GroupWalk.probing(site, model, this.log);
    const end = site.duration;
    const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);
    // A ConfigMgr client registers at a management point, whose record the site database takes: every
    // management point's change points and the site database's outage edges may decide its registration
    // (more instants than decide it only split the probed intervals further).
    const registration = isConfigMgrClient(model.group)
      ? [
          ...model.mpTimelines.flatMap((tl) => [...tl.starts]),
          ...outageEdges(site.scenario.site.database.outages),
        ]
      : [];
    this.enrollmentCritical = sorted([
      ...site.enrollmentPoint.starts,
      ...model.eppTimelines.flatMap((tl) => [...tl.starts]),
      ...registration,
      end,
    ]);
    const replica = site.replicas[site.mpReplica[mp] ?? -1];
    // A client whose tries here can fail may fall back to another management point (docs/clients.md): then
    // its tries there, the replica ticks carrying its commit to that one's database and their visibility
    // decide too. Every management point's and replica's instants cover it (a superset, as above).
    const own = model.mpTimelines[mp];
    const fallback = isConfigMgrClient(model.group) && (own === undefined || okFrom(own) > 0);
    const replicas = fallback ? site.replicas : replica ? [replica] : [];
    this.commitCritical = sorted([...replicas.flatMap((r) => [...r.ticks]), end]);
    this.tryCritical = sorted([
      ...(fallback ? model.mpTimelines : [own]).flatMap((tl) => [...(tl?.starts ?? [])]),
      ...(fallback ? replicas.flatMap((r) => [...r.visible]) : []),
      end,
    ]);
    this.offsets = tryOffsets(model, end);
  }

  /** Probes made so far. */
  probes = 0;

  probe(first: number, address = -1): Probed {
    const { log, site } = this;
    this.probes++;
    log.clear();
    const o = this.walk.probe(first, this.mp, address);
    let lo = -Infinity;
    let hi = Infinity;
    // A try at time t: nothing it decides changes while t stays strictly between two critical instants.
    const narrow = (t: number, critical: ArrayLike<number>, extra = NaN) => {
      const i = after(critical, t);
      let below = critical[i - 1] ?? -Infinity;
      let above = critical[i] ?? Infinity;
      if (extra <= t) below = Math.max(below, extra);
      else if (extra > t) above = Math.min(above, extra);
      lo = Math.max(lo, first + (below - t));
      hi = Math.min(hi, first + (above - t));
    };
    const { retryAfter, maxAttempts, delay } = this.model.group.enrollment;
    for (const t of log.enrollments) narrow(t, this.enrollmentCritical);
    if (o.enrolledAt < 0 && log.enrollments.length < maxAttempts)
      // The try the end of the run cut off would be made were tE earlier.
      narrow(first + log.enrollments.length * retryAfter, [site.duration]);
    if (o.enrolledAt >= 0) narrow(o.enrolledAt + delay, this.commitCritical);
    if (o.committedAt >= 0) {
      // On the site database the record is visible at the commit, which moves with tE: no bound from it.
      const visible = o.replica >= 0 ? o.visibleAt : NaN;
      for (const t of log.tries) narrow(t, this.tryCritical, visible);
      if (o.firstSuccessAt < 0) {
        // Likewise the first try the end cut off (unknown past the offsets' bound: no interval below tE).
        const k = after(this.offsets, site.duration - o.committedAt - 1e-9 * site.duration);
        const cut = this.offsets[k];
        if (cut !== undefined) narrow(o.committedAt + cut, [site.duration]);
        else lo = Math.max(lo, first);
      }
    }
    const outcome =
      o.firstSuccessAt >= 0 ? { time: o.firstSuccessAt - o.committedAt, failed: o.failedBefore } : null;
    return { outcome, lo, hi };
  }
}

/**
 * The closed form's figures (commits spread evenly over many syncs, no outage), for an estimate too large to
 * compute exactly: every device counted as connecting, the site database's devices at their first poll.
 */
function closedFormEstimate(
  site: SiteModel,
  model: GroupModel,
  mp: number,
  devices: number,
): ManagementPointEstimate {
  const replica = site.replicas[site.mpReplica[mp] ?? -1];
  const form = replicaClosedForm(model.group, {
    syncInterval: replica?.interval ?? 0,
    applyDelay: replica?.applyDelay ?? 0,
  });
  const first = model.group.firstPollDelay;
  const time = replica ? form.timeToFirstSuccess : first;
  const failed = replica ? form.failedPolls : 0;
  return {
    devices,
    connected: devices,
    failedTries: failed,
    failedTriesSquared: failed * failed,
    timeToFirstSuccess: time,
    timeToFirstSuccessSquared: time * time,
    exact: false,
  };
}

/** An interval too short to split again (its weight is taken with the outcome at its middle). */
const tiny = (a: number, b: number) => b - a <= 1e-9 * Math.max(1, Math.abs(a));

/**
 * The exact expectation for the devices of group `group` (site position) on management point `mp`.
 * Jitter is left out: a group with jitter gets its jitter-free schedule's figures. For a Poisson pattern
 * whose devices a boundary group splits between management points, every device is taken to be as likely
 * on `mp` as the group's share says.
 */
export function managementPointEstimate(site: SiteModel, group: number, mp: number): ManagementPointEstimate {
  const model = site.groups[group];
  if (model === undefined || mp < 0) throw new RangeError(`no group ${group} or management point ${mp}`);
  const g = model.group;
  const devices = g.count * (assignmentShares(model, site.managementPoints.length).get(mp) ?? 0);
  const prober = new Prober(site, model, mp);
  const { from, to, share } = enrollmentSpread(g);
  const spread = share === null ? null : { from, to, share };
  if (spread !== null && isConfigMgrClient(g)) {
    // A client's registration and fallback depend on its address only through its pool: each distinct pool
    // that holds `mp` is probed once, at the first address of one of its stretches, and weighs the devices
    // of all of them on `mp` (stretches of one pool share one array: the Map is keyed by it).
    const candidates = managementPointCandidates(model, site.managementPoints.length);
    const pools = new Map<readonly number[], { address: number; devices: number }>();
    for (const s of poolStretches(model, candidates)) {
      if (!s.pool.includes(mp)) continue;
      const kept = pools.get(s.pool);
      if (kept === undefined) pools.set(s.pool, { address: s.address, devices: s.devices / s.pool.length });
      else kept.devices += s.devices / s.pool.length;
    }
    const parts = [...pools.values()].map((p) => spreadEstimate(site, prober, spread, p.address, p.devices));
    return parts.includes(null)
      ? closedFormEstimate(site, model, mp, devices)
      : combineEstimates(
          parts.filter((p) => p !== null),
          devices,
        );
  }
  if (spread !== null)
    return spreadEstimate(site, prober, spread, -1, devices) ?? closedFormEstimate(site, model, mp, devices);
  const sums = new Sums();
  // Devices at known instants: each weighs its chance of drawing `mp`; one probe serves every instant
  // strictly inside the interval it covers (at one pool: a client's registration depends on it).
  const times = enrollmentTimes(g, site.seed);
  const candidates = managementPointCandidates(model, site.managementPoints.length);
  // The table's pools are shared arrays (one per distinct pool): compared by identity, without allocating.
  const pools = poolTableOf(model, candidates);
  let last: Probed | null = null;
  let lastPool: readonly number[] | null = null;
  for (let i = 0; i < g.count; i++) {
    const address = deviceAddress(model.addresses, i);
    const pool = pools.pool(address);
    if (!pool.includes(mp)) continue;
    const t = times[i] ?? 0;
    if (prober.probes > PROBE_BUDGET) return closedFormEstimate(site, model, mp, devices);
    if (last === null || !(last.lo < t && t < last.hi) || pool !== lastPool) last = prober.probe(t, address);
    lastPool = pool;
    sums.add(last.outcome, 1 / pool.length);
    // An instant on a critical one holds for itself alone.
    if (!(last.lo < t && t < last.hi)) last = null;
  }
  return sums.estimate(devices);
}

/** A spread enrollment pattern (`enrollmentSpread`'s, with a share). */
interface Spread {
  readonly from: number;
  readonly to: number;
  readonly share: (a: number, b: number) => number;
}

/**
 * The estimate of `devices` on `mp` whose first tries follow the group's `spread` pattern, probed at
 * `address`; null when the probes' budget ran out.
 */
function spreadEstimate(
  site: SiteModel,
  prober: Prober,
  spread: Spread,
  address: number,
  devices: number,
): ManagementPointEstimate | null {
  const { share } = spread;
  const sums = new Sums();
  const to = Math.max(spread.from, Math.min(spread.to, site.duration));
  // Cover [from, to) with intervals of one outcome each: probe inside what is left, take what the probe
  // covers, and leave the rest on the stack.
  const left: [number, number][] = to > spread.from ? [[spread.from, to]] : [];
  for (let piece = left.pop(); piece !== undefined; piece = left.pop()) {
    if (prober.probes > PROBE_BUDGET) return null;
    const [a, b] = piece;
    let p = prober.probe(a + (b - a) / 2, address);
    // A probe exactly on a critical instant covers nothing: probe elsewhere in the interval.
    if (!(p.lo < a + (b - a) / 2 && p.hi > a + (b - a) / 2))
      p = prober.probe(a + (b - a) * 0.381966, address);
    if (tiny(a, b) || !(p.hi > p.lo)) {
      sums.add(p.outcome, share(a, b));
      continue;
    }
    const lo = Math.max(a, p.lo);
    const hi = Math.min(b, p.hi);
    sums.add(p.outcome, share(lo, hi));
    if (lo > a) left.push([a, lo]);
    if (hi < b) left.push([hi, b]);
  }
  // What the pattern puts at or after the end of the run never enrolls.
  sums.add(null, Math.max(0, 1 - share(spread.from, to)));
  return sums.estimate(devices);
}

/**
 * A group's estimate over every management point the assignment rule may give its devices, each weighed
 * by the devices expected to succeed there (what a run's group means are taken over).
 * @param estimate - the estimate of the group on one management point (a cache's, in `check`)
 */
export function groupEstimate(
  site: SiteModel,
  group: number,
  estimate: (group: number, mp: number) => ManagementPointEstimate = (g, mp) =>
    managementPointEstimate(site, g, mp),
): ManagementPointEstimate {
  const model = site.groups[group];
  if (model === undefined) throw new RangeError(`no group ${group}`);
  const parts = [...assignmentShares(model, site.managementPoints.length).keys()].map((mp) =>
    estimate(group, mp),
  );
  return combineEstimates(parts);
}
