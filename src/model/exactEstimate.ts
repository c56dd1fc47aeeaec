// `check`'s exact estimates: for one group's devices on one management point, the mean failed tries and
// mean time to first success, integrated over the group's enrollment pattern against the compiled site (the
// replica's real sync ticks and apply delays, outages, certificate validity) with the run's own walk.
//
// A device's outcome is a function of its first enrollment try tE alone (jitter left out), and a
// piecewise-constant one: it changes only where tE, shifted by the enrollment retries and delay and by a
// try's offset after the commit, meets a timeline change, a tick, a visibility time or the end of the run.
// So the walk is probed once per piece, and each piece weighs what the pattern puts in it: no sampling.
import { assignmentPool, assignmentShares, deviceAddress, managementPointCandidates } from "./assignment.js";
import { enrollmentSpread, enrollmentTimes } from "./enrollment.js";
import { pollOffsets } from "./pollSchedule.js";
import type { GroupModel, SiteModel } from "./site.js";
import { GroupWalk } from "./walk.js";

/** What a group's devices on one management point expect. */
export interface ManagementPointEstimate {
  /** The group's devices the assignment rule gives the management point (expected). */
  readonly devices: number;
  /** Of those, the devices expected to succeed before the end of the run. */
  readonly connected: number;
  /** Mean failed tries before the first success, over the devices that succeed (null: none does). */
  readonly failedTries: number | null;
  /** The mean square of the failed tries (with the mean, their spread). */
  readonly failedTriesSquared: number | null;
  /** Mean seconds from commit to the first success, over the devices that succeed (null: none does). */
  readonly timeToFirstSuccess: number | null;
  /** The mean square of that time: with the mean, the spread a run's mean is drawn from. */
  readonly timeToFirstSuccessSquared: number | null;
}

/** One probed outcome: null when the device does not succeed within the run. */
type Outcome = { readonly time: number; readonly failed: number } | null;

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
  return offsets;
}

/** Values of a sorted array within [lo, hi]. */
function within(sorted: readonly number[], lo: number, hi: number): number[] {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((sorted[mid] ?? 0) < lo) a = mid + 1;
    else b = mid;
  }
  const out: number[] = [];
  for (let i = a; i < sorted.length && (sorted[i] ?? Infinity) <= hi; i++) out.push(sorted[i] ?? 0);
  return out;
}

/** Every first-try time in [from, to] at which the outcome of a device on `mp` may change, ascending. */
function breakpoints(site: SiteModel, model: GroupModel, mp: number, from: number, to: number): number[] {
  const { delay, retryAfter, maxAttempts } = model.group.enrollment;
  const points = new Set<number>([from, to]);
  const add = (t: number) => {
    if (t > from && t < to) points.add(t);
  };
  const enrollmentChanges = [
    ...site.enrollmentPoint.starts,
    ...model.eppTimelines.flatMap((tl) => [...tl.starts]),
  ];
  const replica = site.replicas[site.mpReplica[mp] ?? -1];
  const critical = [
    ...new Set([...(replica?.visible ?? []), ...(model.mpTimelines[mp]?.starts ?? []), site.duration]),
  ].sort((a, b) => a - b);
  const ticks = [...(replica?.ticks ?? [])];
  const offsets = tryOffsets(model, site.duration);
  for (let k = 0; k < maxAttempts; k++) {
    for (const c of enrollmentChanges) add(c - k * retryAfter);
    const shift = k * retryAfter + delay;
    for (const tick of within(ticks, from + shift, to + shift)) add(tick - shift);
    for (const o of offsets)
      for (const c of within(critical, from + shift + o, to + shift + o)) add(c - o - shift);
  }
  return [...points].sort((a, b) => a - b);
}

/** Sums of outcomes weighed by how many devices they stand for. */
class Sums {
  devices = 0;
  connected = 0;
  failed = 0;
  failedSquares = 0;
  time = 0;
  squares = 0;

  add(outcome: Outcome, weight: number): void {
    this.devices += weight;
    if (outcome === null || weight === 0) return;
    this.connected += weight;
    this.failed += weight * outcome.failed;
    this.failedSquares += weight * outcome.failed * outcome.failed;
    this.time += weight * outcome.time;
    this.squares += weight * outcome.time * outcome.time;
  }

  estimate(devices: number): ManagementPointEstimate {
    const c = this.connected;
    const mean = (x: number) => (c > 0 ? x / c : null);
    // `devices` counts the devices assigned; `connected` scales the probed share to them.
    const scale = this.devices > 0 ? devices / this.devices : 0;
    return {
      devices,
      connected: c * scale,
      failedTries: mean(this.failed),
      failedTriesSquared: mean(this.failedSquares),
      timeToFirstSuccess: mean(this.time),
      timeToFirstSuccessSquared: mean(this.squares),
    };
  }
}

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
  const walk = GroupWalk.probing(site, model);
  const probe = (first: number): Outcome => {
    const o = walk.probe(first, mp);
    return o.firstSuccessAt >= 0 ? { time: o.firstSuccessAt - o.committedAt, failed: o.failedBefore } : null;
  };
  const spread = enrollmentSpread(g);
  const to = Math.min(spread.to, site.duration);
  const cuts = breakpoints(site, model, mp, spread.from, Math.max(spread.from, to));
  const sums = new Sums();
  if (spread.share !== null) {
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i] ?? 0;
      const b = cuts[i + 1] ?? 0;
      sums.add(probe((a + b) / 2), spread.share(a, b));
    }
    // What the pattern puts at or after the end of the run never enrolls.
    sums.add(null, Math.max(0, 1 - spread.share(spread.from, to)));
    return sums.estimate(devices);
  }
  // Devices at known instants: each weighs its chance of drawing `mp`; alike devices share one probe.
  const times = enrollmentTimes(g, site.seed);
  const candidates = managementPointCandidates(model, site.managementPoints.length);
  const known = new Map<number, Outcome>();
  for (let i = 0; i < g.count; i++) {
    const pool = assignmentPool(model, candidates, deviceAddress(model.addresses, i));
    if (!pool.includes(mp)) continue;
    const t = times[i] ?? 0;
    // The piece holding t, keyed by its lower cut; an instant on a cut is a piece of its own.
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cuts[mid] ?? 0) <= t) lo = mid + 1;
      else hi = mid;
    }
    const onCut = Math.abs((cuts[lo - 1] ?? -Infinity) - t) <= 1e-9 * Math.max(1, Math.abs(t));
    const key = onCut ? -1 - lo : lo;
    let outcome = onCut ? undefined : known.get(key);
    if (outcome === undefined) {
      outcome = probe(t);
      if (!onCut) known.set(key, outcome);
    }
    sums.add(outcome, 1 / pool.length);
  }
  return sums.estimate(devices);
}
