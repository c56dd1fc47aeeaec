// The counters a run keeps (struct of arrays: no object per device), filled by the counting sink.
import type { DeviceRecord, TraceEvent } from "../results/device.js";
import { REASONS } from "./reasons.js";
import type { SiteModel } from "./site.js";
import { loadPlan } from "./load/plan.js";
import { newStationTally, type StationTally } from "./load/stationTally.js";

/** Counters of one device group. */
export interface GroupTally {
  total: number;
  enrolled: number;
  enrollmentFailed: number;
  enrollmentPending: number;
  connected: number;
  connectedAfterFailures: number;
  /** Time to first success of connected devices, device order (first `connected` entries used). */
  readonly ttfs: Float64Array;
  /** Failed tries before first success, same order. */
  readonly failures: Int32Array;
  attempts: number;
  succeeded: number;
  readonly failedByReason: Float64Array;
  readonly enrollmentFailedByReason: Float64Array;
  readonly neverConnectedByReason: Float64Array;
  contentAttempted: number;
  contentSucceeded: number;
  readonly contentFailedByReason: Float64Array;
  /** Time from commit to content success, device order. */
  readonly timeToContent: number[];
  /** Devices that asked for content and never got it in the run. */
  contentNeverServed: number;
}

/** Counters of one management point. */
export interface ManagementPointTally {
  devices: number;
  attempts: number;
  failed: number;
  /** Tries per minute of the run. */
  readonly perMinute: Uint32Array;
  /** Failed tries per minute of the run. */
  readonly failedPerMinute: Uint32Array;
  /** ConfigMgr clients that fell back from it, and to it (each switch once). */
  fallbacksFrom: number;
  fallbacksTo: number;
  /** Clients that came back to it at a refresh, after falling back elsewhere. */
  returnsTo: number;
  /** Clients that fell back to it, per minute of the run. */
  readonly fallbacksToPerMinute: Uint32Array;
}

/** Everything a run counted; `buildRunResult` turns it into the result document. */
export interface RawRun {
  readonly site: SiteModel;
  readonly groups: readonly GroupTally[];
  readonly managementPoints: readonly ManagementPointTally[];
  /** Per replica: the visibility delay of every commit a tick carried in the run, device order. */
  readonly visibilityDelays: readonly Float64Array[];
  readonly events: number;
  readonly trace: readonly TraceEvent[] | null;
  readonly perDevice: readonly DeviceRecord[] | null;
  /**
   * Per deployment (scenario order), per targeted device (its group's offset plus its index): when it received
   * the deployment, NaN when it did not in the run.
   */
  readonly deployments: readonly Float64Array[];
  /** Per finite server (a role or database with a `capacity`), in station order; null when none has one. */
  readonly load: readonly StationTally[] | null;
}

/** Zeroed counters for a group of `count` devices. */
export function newGroupTally(count: number): GroupTally {
  const reasons = () => new Float64Array(REASONS.length);
  return {
    total: count,
    enrolled: 0,
    enrollmentFailed: 0,
    enrollmentPending: 0,
    connected: 0,
    connectedAfterFailures: 0,
    ttfs: new Float64Array(count),
    failures: new Int32Array(count),
    attempts: 0,
    succeeded: 0,
    failedByReason: reasons(),
    enrollmentFailedByReason: reasons(),
    neverConnectedByReason: reasons(),
    contentAttempted: 0,
    contentSucceeded: 0,
    contentFailedByReason: reasons(),
    timeToContent: [],
    contentNeverServed: 0,
  };
}

/**
 * The counters of a run in which nothing happened: every group, management point and replica there, all at
 * zero. Its document has the shape of any run's of the site (what `check` reads expectation paths in).
 */
export function emptyRun(site: SiteModel): RawRun {
  return {
    site,
    groups: site.scenario.devices.map(() => newGroupTally(0)),
    managementPoints: site.managementPoints.map(() => newManagementPointTally(0)),
    visibilityDelays: site.replicas.map(() => new Float64Array(0)),
    events: 0,
    trace: null,
    perDevice: null,
    deployments: site.deployments.map(() => new Float64Array(0)),
    load:
      loadPlan(site)?.stations.map((s) =>
        newStationTally(s.kind, s.name, s.capacity.workers, site.duration),
      ) ?? null,
  };
}

/** Per deployment: a slot per targeted device, none received yet. */
export function newDeploymentTallies(site: SiteModel): Float64Array[] {
  return site.deployments.map((d) => new Float64Array(d.targeted).fill(NaN));
}

/** Counts a client's change of management point at `t` (`back`: at a refresh). */
export function countSwitch(
  managementPoints: readonly ManagementPointTally[],
  t: number,
  from: number,
  to: number,
  back: boolean,
): void {
  const source = managementPoints[from];
  const target = managementPoints[to];
  if (back) {
    if (target) target.returnsTo++;
    return;
  }
  if (source) source.fallbacksFrom++;
  if (target) {
    target.fallbacksTo++;
    perMinute(target.fallbacksToPerMinute, t);
  }
}

/** Zeroed counters for a management point over a run of `duration` seconds. */
export function newManagementPointTally(duration: number): ManagementPointTally {
  const minutes = Math.max(1, Math.ceil(duration / 60));
  return {
    devices: 0,
    attempts: 0,
    failed: 0,
    perMinute: new Uint32Array(minutes),
    failedPerMinute: new Uint32Array(minutes),
    fallbacksFrom: 0,
    fallbacksTo: 0,
    returnsTo: 0,
    fallbacksToPerMinute: new Uint32Array(minutes),
  };
}

// Two monomorphic counters: one function for both array types would make the hottest line polymorphic.
/** Adds one to the count of reason `i`. */
export function bump(counts: Float64Array, i: number): void {
  counts[i] = (counts[i] ?? 0) + 1;
}

/** The minute of the run holding time `t` (t ≥ 0, below 2^31 minutes): the one rule of every per-minute count. */
export function minuteOf(t: number): number {
  return (t / 60) | 0;
}

/**
 * Adds one to the count of the minute holding time `t`. Times are ≥ 0 and runs are at most 366 days, so
 * truncation is the floor, and cheaper than Math.floor before V8 optimizes the caller.
 */
export function perMinute(counts: Uint32Array, t: number): void {
  const m = minuteOf(t);
  counts[m] = (counts[m] ?? 0) + 1;
}
