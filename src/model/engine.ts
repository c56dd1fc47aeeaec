// The engine. Devices interact only through the site timeline (replica ticks, outages, certificate
// validity), which the kernel computes first; each device's own events are then generated in time order
// and processed to completion, device after device. Every output is a sum or a per-device value, so this
// order gives exactly the results of a single global event queue, at a fraction of its cost (see
// ARCHITECTURE.md, "Why the engine has this form").
import type { DeviceGroup } from "../scenario/schema.js";
import { Priority } from "../kernel/priority.js";
import { groupStream, type Rng } from "../random.js";
import { countingRng, newDrawCounts, type DeviceStream, type DrawCounts } from "./draws.js";
import { isConnectionLevel, OK, REASON_ID, REASONS } from "./reasons.js";
import { enrollmentTimes } from "./enrollment.js";
import { visibleAt } from "./replica.js";
import {
  assignmentPool,
  deviceAddress,
  managementPointCandidates,
  preferredPositions,
} from "./assignment.js";
import { jitterDraw, phaseAt, pollInterval, pollSchedule, type PollSchedule } from "./pollSchedule.js";
import { alwaysFailing, type GroupModel, type SiteModel } from "./site.js";
import { okFrom, timelineAt, type ReasonTimeline } from "./timeline.js";

const R = REASONS.length;
const NOT_IN_REPLICA = REASON_ID["device-not-in-replica"];
const NO_CONTENT_LOCATION = REASON_ID["no-content-location"];
const NOT_POLLED = REASON_ID["not-polled"];
const NO_MP = alwaysFailing("no-management-point");
const NO_EPP = alwaysFailing("no-enrollment-proxy-point");

/** One event of a traced device. */
export interface TraceEvent {
  /** Simulation time, seconds. */
  readonly time: number;
  /** Equal-time order (`Priority`). */
  readonly priority: number;
  /** What happened: `enrollment-try`, `commit`, `assigned`, `sync`, `visible`, `poll`, `retry`, `content`. */
  readonly event: string;
  /** `ok`, a reason, or a short note. */
  readonly outcome: string;
  /** The server or replica involved, when one is. */
  readonly target: string | null;
}

/** Per-device outcome, when `perDevice` is asked for. Times in seconds, null where it never happened. */
export interface DeviceRecord {
  readonly name: string;
  readonly group: string;
  readonly enrolledAt: number | null;
  readonly committedAt: number | null;
  readonly managementPoint: string | null;
  readonly visibleAt: number | null;
  readonly firstSuccessAt: number | null;
  readonly failedBeforeSuccess: number;
  readonly lastReason: string | null;
}

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
}

/** Everything a run counted; `summarize` turns it into the result document. */
export interface RawRun {
  readonly site: SiteModel;
  readonly groups: readonly GroupTally[];
  readonly managementPoints: readonly ManagementPointTally[];
  /** Per replica: the visibility delay of every commit a tick carried in the run. */
  readonly visibilityDelays: readonly Float64Array[];
  readonly events: number;
  readonly trace: TraceEvent[] | null;
  readonly perDevice: DeviceRecord[] | null;
  /** Per group: each device's draws from each stream, when `countDraws` asked for them. */
  readonly draws: readonly DrawCounts[] | null;
}

/** Options of `runEngine`. */
export interface EngineOptions {
  /** Record one `DeviceRecord` per device. */
  readonly perDevice?: boolean;
  /** Record the timeline of one device: group position and 0-based index. */
  readonly trace?: { readonly group: number; readonly index: number };
  /** Told the devices simulated so far and in all, every `PROGRESS_DEVICES` devices (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Count each device's random draws (for the reference engine). */
  readonly countDraws?: boolean;
}

/** How many devices the engine simulates between two calls of `onProgress`. */
export const PROGRESS_DEVICES = 8192;

export function newGroupTally(count: number): GroupTally {
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
    failedByReason: new Float64Array(R),
    enrollmentFailedByReason: new Float64Array(R),
    neverConnectedByReason: new Float64Array(R),
    contentAttempted: 0,
    contentSucceeded: 0,
    contentFailedByReason: new Float64Array(R),
    timeToContent: [],
  };
}

function outcomeOf(reasonId: number): string {
  return reasonId === OK ? "ok" : (REASONS[reasonId] ?? "unknown");
}

function pick<T>(items: readonly T[], rng: Rng): T | undefined {
  // No draw for a single candidate: the stream only moves when there is a choice.
  return items.length === 1 ? items[0] : items[Math.floor(rng() * items.length)];
}

/** Run-wide outputs shared by every group. */
class RunState {
  readonly managementPoints: ManagementPointTally[];
  readonly delays: Float64Array[];
  readonly delayCounts: Int32Array;
  /** Each commit's visibility in every replica, computed once per device (statistics and its own DMP). */
  readonly seenBy: Float64Array;
  readonly perDevice: DeviceRecord[] | null;
  readonly trace: TraceEvent[] | null;
  events: number;

  constructor(site: SiteModel, options: EngineOptions) {
    const minutes = Math.max(1, Math.ceil(site.duration / 60));
    this.managementPoints = site.managementPoints.map(() => ({
      devices: 0,
      attempts: 0,
      failed: 0,
      perMinute: new Uint32Array(minutes),
      failedPerMinute: new Uint32Array(minutes),
    }));
    const commits = site.groups.reduce((n, g) => n + g.group.count, 0);
    this.delays = site.replicas.map(() => new Float64Array(commits));
    this.delayCounts = new Int32Array(site.replicas.length);
    this.seenBy = new Float64Array(site.replicas.length);
    this.perDevice = options.perDevice === true ? [] : null;
    this.trace = options.trace !== undefined ? [] : null;
    this.events = site.siteEvents;
  }

  record(time: number, priority: number, event: string, outcome: string, target: string | null): void {
    this.trace?.push({ time, priority, event, outcome, target });
  }
}

/**
 * One device group's run: its constants, streams and counters, and a device's life in three steps
 * (enroll, assign, poll). Small methods on a fixed-shape object get optimized early, which matters for
 * runs of a few hundred thousand devices where one large loop would still be in the interpreter.
 */
class GroupRun {
  readonly tally: GroupTally;
  private readonly g: DeviceGroup;
  private readonly duration: number;
  private readonly times: Float64Array;
  private readonly eppRng: Rng;
  private readonly assignRng: Rng;
  private readonly jitterRng: Rng;
  private readonly contentRng: Rng;
  private readonly schedule: PollSchedule;
  private readonly eppTimelines: readonly ReasonTimeline[];
  private readonly reachable: Int32Array;
  private readonly candidates: readonly number[];
  /** Per management point: from when every try there succeeds (given the record is visible). */
  private readonly mpOkFrom: Float64Array;
  /** Every EPP and the enrollment point accept every try: the first try enrolls. */
  private readonly enrollAlwaysOk: boolean;
  private readonly traceIndex: number;
  /** Each device's draws, when counted. */
  readonly draws: DrawCounts | null;
  private current = 0;
  // Per device, set by enroll().
  private enrolledAt = -1;
  private lastEnrollReason = OK;

  constructor(
    private readonly site: SiteModel,
    private readonly model: GroupModel,
    private readonly state: RunState,
    traceIndex: number,
    counting: boolean,
  ) {
    const g = model.group;
    const seed = site.seed;
    this.g = g;
    this.duration = site.duration;
    this.tally = newGroupTally(g.count);
    this.times = enrollmentTimes(g, seed);
    this.draws = counting ? newDrawCounts(g.count) : null;
    const stream = (name: DeviceStream): Rng => {
      const rng = groupStream(seed, g.name, name);
      return this.draws ? countingRng(rng, this.draws[name], () => this.current) : rng;
    };
    this.eppRng = stream("epp");
    this.assignRng = stream("assignment");
    this.jitterRng = stream("jitter");
    this.contentRng = stream("content");
    this.schedule = pollSchedule(g);
    this.eppTimelines = model.eppTimelines.length > 0 ? model.eppTimelines : [NO_EPP];
    this.reachable = new Int32Array(this.eppTimelines.length);
    this.candidates = managementPointCandidates(model, site.managementPoints.length);
    this.mpOkFrom = Float64Array.from(model.mpTimelines, okFrom);
    this.enrollAlwaysOk =
      okFrom(site.enrollmentPoint) === 0 && this.eppTimelines.every((tl) => okFrom(tl) === 0);
    this.traceIndex = traceIndex;
  }

  /** Every device of the group; `progress` hears the devices done after each chunk. */
  run(progress?: (done: number) => void): GroupTally {
    const count = this.g.count;
    for (let start = 0; start < count; start += PROGRESS_DEVICES) {
      const end = Math.min(count, start + PROGRESS_DEVICES);
      for (let i = start; i < end; i++) {
        this.current = i;
        this.device(i);
      }
      progress?.(end);
    }
    return this.tally;
  }

  private device(i: number): void {
    const tracing = i === this.traceIndex;
    const committedAt = this.enroll(i, tracing);
    if (committedAt < 0) return;
    const { site, state } = this;
    this.tally.enrolled++;
    state.events++;
    if (tracing) state.record(committedAt, Priority.COMMIT, "commit", "ok", null);
    for (let r = 0; r < site.replicas.length; r++) {
      const replica = site.replicas[r];
      if (replica === undefined) continue;
      const seen = visibleAt(replica, committedAt);
      state.seenBy[r] = seen;
      if (seen === Infinity) continue;
      const slot = state.delayCounts[r] ?? 0;
      const into = state.delays[r];
      if (into) into[slot] = seen - committedAt;
      state.delayCounts[r] = slot + 1;
    }
    const address = deviceAddress(this.model.addresses, i);
    const mp = this.assign(address);
    const replicaIndex = mp >= 0 ? (site.mpReplica[mp] ?? -1) : -1;
    const visible = replicaIndex >= 0 ? (state.seenBy[replicaIndex] ?? Infinity) : committedAt;
    if (tracing) this.traceAssignment(committedAt, mp, replicaIndex, visible);
    this.polls(i, committedAt, mp, visible, address, tracing);
  }

  /** Enrollment tries; returns the commit time, or -1 when the device failed or is still pending. */
  private enroll(i: number, tracing: boolean): number {
    const { site, g, state, eppTimelines, reachable } = this;
    const { delay, retryAfter, maxAttempts } = g.enrollment;
    this.enrolledAt = -1;
    this.lastEnrollReason = OK;
    if (this.enrollAlwaysOk && !tracing) {
      // The loop below, for a first try that must succeed: the same EPP draw, no reasons to look up.
      const t = this.times[i] ?? 0;
      if (t < this.duration && maxAttempts > 0) {
        state.events++;
        if (eppTimelines.length > 1) this.eppRng();
        this.enrolledAt = t;
        const committedAt = t + delay;
        if (committedAt < this.duration) return committedAt;
      }
      return this.notEnrolled(i);
    }
    for (let k = 0; k < maxAttempts; k++) {
      const t = (this.times[i] ?? 0) + k * retryAfter;
      if (t >= this.duration) break;
      state.events++;
      let reachableCount = 0;
      for (let e = 0; e < eppTimelines.length; e++) {
        const tl = eppTimelines[e];
        if (tl !== undefined && timelineAt(tl, t) === OK) reachable[reachableCount++] = e;
      }
      let chosen = 0;
      let reason: number;
      if (reachableCount === 0) reason = timelineAt(eppTimelines[0] ?? NO_EPP, t);
      else {
        // No draw for a single reachable EPP: the stream moves only when there is a choice.
        chosen =
          reachableCount === 1
            ? (reachable[0] ?? 0)
            : (reachable[Math.floor(this.eppRng() * reachableCount)] ?? 0);
        reason = timelineAt(site.enrollmentPoint, t);
      }
      this.lastEnrollReason = reason;
      if (tracing) {
        const epp =
          this.model.eppTimelines.length > 0 ? (site.enrollmentProxyPoints[chosen]?.name ?? null) : null;
        state.record(t, Priority.ENROLLMENT_TRY, "enrollment-try", outcomeOf(reason), epp);
      }
      if (reason === OK) {
        this.enrolledAt = t;
        const committedAt = t + delay;
        if (committedAt < this.duration) return committedAt;
        break;
      }
    }
    return this.notEnrolled(i);
  }

  /** Counts a device that did not enroll within the run (failed or pending); returns -1. */
  private notEnrolled(i: number): number {
    const { g, tally, state } = this;
    const { retryAfter, maxAttempts } = g.enrollment;
    const triesLeft =
      this.enrolledAt < 0 && (this.times[i] ?? 0) + (maxAttempts - 1) * retryAfter >= this.duration;
    if (this.enrolledAt >= 0 || triesLeft) tally.enrollmentPending++;
    else {
      tally.enrollmentFailed++;
      bump(tally.enrollmentFailedByReason, this.lastEnrollReason);
    }
    const last = this.enrolledAt >= 0 ? OK : this.lastEnrollReason;
    state.perDevice?.push(deviceRecord(g.name, i, this.enrolledAt, -1, null, -1, -1, 0, last));
    return -1;
  }

  /** DMP assignment at commit: a uniform draw from the device's pool (the assignment rule). */
  private assign(address: number): number {
    const { candidates } = this;
    if (candidates.length === 0) return -1;
    const mp = pick(assignmentPool(this.model, candidates, address), this.assignRng) ?? 0;
    const mpTally = this.state.managementPoints[mp];
    if (mpTally) mpTally.devices++;
    return mp;
  }

  private traceAssignment(committedAt: number, mp: number, replicaIndex: number, visible: number): void {
    const { site, state } = this;
    const mpName = mp >= 0 ? (site.managementPoints[mp]?.name ?? null) : null;
    state.record(
      committedAt,
      Priority.COMMIT,
      "assigned",
      mpName === null ? "no-management-point" : "ok",
      mpName,
    );
    const replica = replicaIndex >= 0 ? site.replicas[replicaIndex] : undefined;
    if (visible === Infinity) return;
    if (replica !== undefined)
      state.record(
        visible - replica.applyDelay,
        Priority.SYNC_TICK,
        "sync",
        "carries the record",
        replica.name,
      );
    // The record becomes visible after the run's end: that event does not happen in the run.
    if (visible < this.duration)
      state.record(visible, Priority.VISIBLE, "visible", "ok", replica?.name ?? "site");
  }

  /** Polls by phase with jitter, connection retries with backoff, content after the first success. */
  private polls(
    i: number,
    committedAt: number,
    mp: number,
    visible: number,
    address: number,
    tracing: boolean,
  ): void {
    const { g, tally, state, schedule, duration } = this;
    const timeline = mp >= 0 ? (this.model.mpTimelines[mp] ?? NO_MP) : NO_MP;
    const okSince = mp >= 0 ? (this.mpOkFrom[mp] ?? Infinity) : Infinity;
    const mpTally = mp >= 0 ? state.managementPoints[mp] : undefined;
    const mpName = tracing && mp >= 0 ? (this.site.managementPoints[mp]?.name ?? null) : null;
    const { count: retries, initialBackoff: backoff, on: retryOn } = g.connectionRetries;
    const jitter = g.jitter;
    let u = schedule.firstPollDelay;
    let phase = 0;
    let firstSuccess = -1;
    let failedBefore = 0;
    let lastReason = NOT_POLLED;
    let contentDone = !g.content;
    while (committedAt + u < duration) {
      phase = phaseAt(schedule, u, phase);
      const nextU = u + pollInterval(schedule, phase) + jitterDraw(this.jitterRng, jitter);
      const pollAt = committedAt + u;
      const nextPollAt = committedAt + nextU;
      const successBefore = firstSuccess >= 0;
      for (let r = 0; r <= retries; r++) {
        const t = r === 0 ? pollAt : pollAt + backoff * (2 ** r - 1);
        // A retry due at or after the next poll (or the end) is dropped: the next poll starts afresh.
        if (r > 0 && (t >= nextPollAt || t >= duration)) break;
        state.events++;
        let reason = t >= okSince ? OK : timelineAt(timeline, t);
        if (reason === OK && t < visible) reason = NOT_IN_REPLICA;
        tally.attempts++;
        if (mpTally) {
          mpTally.attempts++;
          perMinute(mpTally.perMinute, t);
        }
        lastReason = reason;
        if (tracing) state.record(t, Priority.MP_TRY, r === 0 ? "poll" : "retry", outcomeOf(reason), mpName);
        if (reason === OK) {
          tally.succeeded++;
          if (firstSuccess < 0) {
            firstSuccess = t;
            tally.ttfs[tally.connected] = t - committedAt;
            tally.failures[tally.connected] = failedBefore;
            tally.connected++;
            if (failedBefore > 0) tally.connectedAfterFailures++;
          }
          break;
        }
        bump(tally.failedByReason, reason);
        if (mpTally) {
          mpTally.failed++;
          perMinute(mpTally.failedPerMinute, t);
        }
        if (firstSuccess < 0) failedBefore++;
        if (!isConnectionLevel(reason, retryOn)) break;
      }
      // Content: at the first success, then at every later poll until it succeeds.
      if (!contentDone && firstSuccess >= 0) {
        const t = successBefore ? pollAt : firstSuccess;
        contentDone = this.content(t, committedAt, address, tracing);
      }
      u = nextU;
      // Connected, content done, and the DMP fine from here on: every later poll is a first-try success,
      // so the rest of the schedule (same arithmetic, same jitter draws) only needs counting.
      if (firstSuccess >= 0 && contentDone && !tracing && committedAt + u >= okSince) {
        const minutes = mpTally?.perMinute;
        let n = 0;
        while (committedAt + u < duration) {
          phase = phaseAt(schedule, u, phase);
          if (minutes) perMinute(minutes, committedAt + u);
          n++;
          u = u + pollInterval(schedule, phase) + jitterDraw(this.jitterRng, jitter);
        }
        if (n > 0) lastReason = OK;
        state.events += n;
        tally.attempts += n;
        tally.succeeded += n;
        if (mpTally) mpTally.attempts += n;
        break;
      }
    }
    if (firstSuccess < 0) bump(tally.neverConnectedByReason, lastReason);
    state.perDevice?.push(
      deviceRecord(
        g.name,
        i,
        this.enrolledAt,
        committedAt,
        mp >= 0 ? (this.site.managementPoints[mp]?.name ?? null) : null,
        visible,
        firstSuccess,
        failedBefore,
        lastReason,
      ),
    );
  }

  /** One content request at `t`; returns whether it succeeded. */
  private content(t: number, committedAt: number, address: number, tracing: boolean): boolean {
    const { tally, state } = this;
    state.events++;
    tally.contentAttempted++;
    const result = contentTry(this.model, this.site, address, t, this.contentRng);
    if (tracing) state.record(t, Priority.CONTENT_TRY, "content", outcomeOf(result.id), result.dp);
    if (result.id !== OK) {
      bump(tally.contentFailedByReason, result.id);
      return false;
    }
    tally.contentSucceeded++;
    tally.timeToContent.push(t - committedAt);
    return true;
  }
}

/** Runs every device of the compiled site. Pure: same site, same options, same result. */
export function runEngine(site: SiteModel, options: EngineOptions = {}): RawRun {
  const state = new RunState(site, options);
  const report = options.onProgress;
  const total = site.groups.reduce((n, model) => n + model.group.count, 0);
  let before = 0;
  const runs = site.groups.map(
    (model, g) =>
      new GroupRun(
        site,
        model,
        state,
        options.trace?.group === g ? options.trace.index : -1,
        options.countDraws === true,
      ),
  );
  const groups = runs.map((run, g) => {
    const offset = before;
    const tally = run.run(
      report &&
        ((done) => {
          report(offset + done, total);
        }),
    );
    before += site.groups[g]?.group.count ?? 0;
    return tally;
  });
  return {
    site,
    groups,
    managementPoints: state.managementPoints,
    visibilityDelays: state.delays.map((d, r) => d.subarray(0, state.delayCounts[r])),
    events: state.events,
    trace: state.trace,
    perDevice: state.perDevice,
    draws: options.countDraws === true ? runs.map((run) => run.draws ?? newDrawCounts(0)) : null,
  };
}

// Two monomorphic counters: one function for both array types would make the hottest line polymorphic.
/** Adds one to the count of reason `i`. */
function bump(counts: Float64Array, i: number): void {
  counts[i] = (counts[i] ?? 0) + 1;
}

/**
 * Adds one to the count of the minute holding time `t`. Times are ≥ 0 and runs are at most 366 days, so
 * truncation is the floor, and cheaper than Math.floor before V8 optimizes the caller.
 */
function perMinute(counts: Uint32Array, t: number): void {
  const m = (t / 60) | 0;
  counts[m] = (counts[m] ?? 0) + 1;
}

function contentTry(
  model: GroupModel,
  site: SiteModel,
  address: number,
  t: number,
  rng: Rng,
): { id: number; dp: string | null } {
  // Intranet devices: the mobile-enabled DPs of the boundary groups containing their address.
  const candidates =
    model.internetDps ?? (address >= 0 ? (preferredPositions(model.dpPreferences, address) ?? []) : []);
  if (candidates.length === 0) return { id: NO_CONTENT_LOCATION, dp: null };
  const dp = pick(candidates, rng) ?? 0;
  const timeline = model.dpTimelines[dp];
  return {
    id: timeline ? timelineAt(timeline, t) : NO_CONTENT_LOCATION,
    dp: site.distributionPoints[dp]?.name ?? null,
  };
}

function deviceRecord(
  group: string,
  i: number,
  enrolledAt: number,
  committedAt: number,
  managementPoint: string | null,
  visible: number,
  firstSuccess: number,
  failedBefore: number,
  lastReason: number,
): DeviceRecord {
  return {
    name: `${group}-${i + 1}`,
    group,
    enrolledAt: enrolledAt >= 0 ? enrolledAt : null,
    committedAt: committedAt >= 0 ? committedAt : null,
    managementPoint,
    visibleAt: committedAt >= 0 && Number.isFinite(visible) ? visible : null,
    firstSuccessAt: firstSuccess >= 0 ? firstSuccess : null,
    failedBeforeSuccess: failedBefore,
    lastReason: lastReason === OK ? null : (REASONS[lastReason] ?? null),
  };
}
