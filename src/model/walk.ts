// The fast engine's device walk. Devices interact only through the site timeline (replica ticks, outages,
// certificate validity), which compileSite computes first; so each device's events are generated in time
// order and processed to completion, device after device, against the compiled timelines. Every output is
// a sum or a per-device value, so this gives exactly the results of one global event queue (the reference
// engine, model/reference/, checks it), at a fraction of its cost. What is kept is up to the sinks.
import { DeviceDraws, pickUniform, type GroupStreamName } from "../random.js";
import type { DeviceGroup } from "../scenario/schema.js";
import {
  contentCandidates,
  deviceAddress,
  managementPointCandidates,
  poolTableOf,
  type PoolTable,
} from "./assignment.js";
import { ClientChoice } from "./clientChoice.js";
import { ClientEntryPoints, mdmEntryPoints, type EntryPoints } from "./entryPoints.js";
import { PendingDeployments } from "./deployments.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { enrollmentTimes } from "./enrollment.js";
import { PollCursor, pollSchedule } from "./pollSchedule.js";
import { isConnectionLevel, OK, REASON_ID } from "./reasons.js";
import { carryingIndex } from "./replica.js";
import { DeviceOutcome, type WalkSink } from "./sink.js";
import { NO_EPP, NO_MP, type GroupModel, type SiteModel } from "./site.js";
import { okFrom, timelineAt } from "./timeline.js";
import { inForce, refreshedBy, visibleFor } from "../kernel/ties.js";

const NOT_IN_REPLICA = REASON_ID["device-not-in-replica"];
const NO_CONTENT_LOCATION = REASON_ID["no-content-location"];

/** Where a group's walk reports. */
export interface GroupSinks {
  /** Every device's reports. */
  readonly all: WalkSink;
  /** Device `index` of the group reports to `sink` instead (which passes them on to `all` too). */
  readonly traced?: { readonly index: number; readonly sink: WalkSink };
}

/**
 * One device group's walk: its constants and streams, and a device's life in three steps (enroll, assign,
 * poll). Small methods on a fixed-shape object get optimized early, which matters for runs of a few hundred
 * thousand devices where one large loop would still be in the interpreter.
 */
export class GroupWalk {
  private readonly g: DeviceGroup;
  private readonly duration: number;
  /** First enrollment tries, drawn when the group is walked (a probe walk draws none). */
  private times: Float64Array = new Float64Array(0);
  /** A probe walk (`probe`): polls without jitter, and a device's walk ends at its first success. */
  private readonly probing: boolean;
  /** The device's own streams (random.ts), moved to each device as it is walked. */
  private readonly streams: DeviceDraws[];
  private readonly eppRng: DeviceDraws;
  private readonly assignRng: DeviceDraws;
  private readonly jitterRng: DeviceDraws;
  private readonly contentRng: DeviceDraws;
  /** A ConfigMgr client group's management point choice (fallback, refresh); null for MDM devices. */
  private readonly choice: ClientChoice | null;
  /** The deployments the current device has still to receive; null when none targets the group. */
  private readonly deployments: PendingDeployments | null;
  /** A client group's registration candidates per pool; null for MDM devices. */
  private readonly clientEntries: ClientEntryPoints | null;
  /** The group's poll schedule, put at each device's commit in turn. */
  readonly cursor: PollCursor;
  private readonly reachable: Int32Array;
  private readonly candidates: readonly number[];
  /** Each device's pool by its address (the assignment rule). */
  private readonly pools: PoolTable;
  /** Per management point: from when every try there succeeds (given the record is visible). */
  private readonly mpOkFrom: Float64Array;
  /** Every EPP and the enrollment point accept every try: the first try enrolls. */
  private readonly enrollAlwaysOk: boolean;
  /** Per replica: the tick carrying the current device's commit, and when its records become visible. */
  private readonly ticks: Float64Array;
  private readonly visible: Float64Array;
  private readonly outcome: DeviceOutcome;
  /** An MDM device's entry points: the group's EPPs, then the enrollment point. */
  private readonly mdmEntry: EntryPoints;
  /** The sink of the device being walked: `sinks.all`, or `sinks.traced` for the traced device. */
  private sink: WalkSink;

  constructor(
    private readonly site: SiteModel,
    private readonly model: GroupModel,
    private readonly sinks: GroupSinks,
    probing = false,
  ) {
    this.sink = sinks.all;
    const g = model.group;
    this.g = g;
    this.duration = site.duration;
    this.probing = probing;
    this.streams = [];
    const stream = (name: GroupStreamName): DeviceDraws => {
      const draws = DeviceDraws.of(site.seed, g.name, name);
      this.streams.push(draws);
      return draws;
    };
    this.eppRng = stream("epp");
    this.assignRng = stream("assignment");
    this.jitterRng = stream("jitter");
    this.contentRng = stream("content");
    this.deployments = site.deployments.some((d) => d.targets[model.position] === true)
      ? new PendingDeployments(site.deployments)
      : null;
    this.cursor = new PollCursor(pollSchedule(g), probing ? 0 : g.jitter, this.jitterRng.rng, site.duration);
    this.reachable = new Int32Array(Math.max(1, model.eppTimelines.length, site.managementPoints.length));
    this.mdmEntry = mdmEntryPoints(site, model);
    this.candidates = managementPointCandidates(model, site.managementPoints.length);
    this.mpOkFrom = Float64Array.from(model.mpTimelines, okFrom);
    const client = isConfigMgrClient(g);
    this.pools = poolTableOf(model, this.candidates);
    this.choice = client
      ? new ClientChoice(model, this.candidates, this.pools, stream("fallback").rng)
      : null;
    this.clientEntries = client ? new ClientEntryPoints(model) : null;
    // A client registers at a management point of its pool; an MDM device enrolls through an EPP.
    this.enrollAlwaysOk = client
      ? this.candidates.length > 0 && this.candidates.every((p) => this.mpOkFrom[p] === 0)
      : okFrom(site.enrollmentPoint) === 0 && this.mdmEntry.timelines.every((tl) => okFrom(tl) === 0);
    this.ticks = new Float64Array(site.replicas.length);
    this.visible = new Float64Array(site.replicas.length);
    this.outcome = new DeviceOutcome(site.replicas.length);
  }

  /**
   * A walk of one device at a time (`probe`), reporting its tries to `sink`: what `check`'s exact estimates
   * integrate over the enrollment pattern, with the run's own rules.
   */
  static probing(site: SiteModel, model: GroupModel, sink: WalkSink): GroupWalk {
    return new GroupWalk(site, model, { all: sink }, true);
  }

  /** Probes made: probe k draws as device k would, so a group's probes see its spread of choices. */
  private probes = 0;
  /**
   * One device whose first try is at `first`, on management point `mp`, its polls without jitter: its outcome
   * up to its first success (the object is reused). `address` (-1: none) decides a client's pool.
   */
  probe(first: number, mp: number, address = -1): DeviceOutcome {
    const { outcome } = this;
    outcome.reset(0);
    for (const s of this.streams) s.at(this.probes);
    this.probes++;
    const committedAt = this.enroll(first, this.entryPoints(address));
    if (committedAt >= 0) this.polls(committedAt, mp, this.commit(committedAt, mp), address);
    return outcome;
  }

  /** Walks every device of the group, in order; `progress` hears the devices done after each `chunk`. */
  run(chunk = Infinity, progress?: (done: number) => void): void {
    this.times = enrollmentTimes(this.g, this.site.seed);
    const count = this.g.count;
    for (let start = 0; start < count; start += chunk) {
      const end = Math.min(count, start + chunk);
      for (let i = start; i < end; i++) this.device(i);
      progress?.(end);
    }
  }

  private device(i: number): void {
    const { outcome, sinks } = this;
    const traced = sinks.traced !== undefined && sinks.traced.index === i;
    if (traced) this.sink = sinks.traced.sink;
    const sink = this.sink;
    outcome.reset(i);
    for (const s of this.streams) s.at(i);
    const address = deviceAddress(this.model.addresses, i);
    const committedAt = this.enroll(this.times[i] ?? 0, this.entryPoints(address));
    if (committedAt >= 0) {
      // DMP assignment at commit: a uniform draw from the device's pool (the assignment rule).
      const { candidates } = this;
      const mp =
        candidates.length === 0 ? -1 : (pickUniform(this.pools.pool(address), this.assignRng.rng) ?? 0);
      this.polls(committedAt, mp, this.commit(committedAt, mp), address);
    }
    sink.endDevice(outcome);
    if (traced) this.sink = sinks.all;
  }

  /** Device `index` received deployment `deployment` at `t`. */
  private readonly received = (deployment: number, t: number): void => {
    this.sink.deployment(deployment, this.outcome.index, t);
  };

  /**
   * What the walk reads of management point `mp` once a client uses it (a fallback or a refresh moved it): its
   * timeline, from when it accepts every try, and when its database shows the record committed at `committedAt`.
   */
  private using(mp: number, committedAt: number) {
    return {
      mp,
      timeline: mp >= 0 ? (this.model.mpTimelines[mp] ?? NO_MP) : NO_MP,
      okSince: mp >= 0 ? (this.mpOkFrom[mp] ?? Infinity) : Infinity,
      visible: this.visibleOn(mp, committedAt),
    };
  }

  /** When management point `mp`'s database shows the current device's record (committed at `committedAt`). */
  private visibleOn(mp: number, committedAt: number): number {
    const r = mp >= 0 ? (this.site.mpReplica[mp] ?? -1) : -1;
    return r >= 0 ? (this.visible[r] ?? Infinity) : committedAt;
  }

  /** Where the device at `address` makes its enrollment (or registration) tries. */
  private entryPoints(address: number): EntryPoints {
    return this.clientEntries?.of(this.pools.pool(address)) ?? this.mdmEntry;
  }

  /**
   * The commit at `committedAt` and the assignment to `mp`: every replica's tick that carries it and the
   * visibility delay there (a statistic), and when `mp`'s database shows the record (returned).
   */
  private commit(committedAt: number, mp: number): number {
    const { site, outcome, ticks, visible: visibleAt } = this;
    outcome.committedAt = committedAt;
    const delays = outcome.visibilityDelays;
    for (let r = 0; r < site.replicas.length; r++) {
      const replica = site.replicas[r];
      const k = replica ? carryingIndex(replica, committedAt) : 0;
      const v = replica?.visible[k] ?? Infinity;
      ticks[r] = replica?.ticks[k] ?? Infinity;
      visibleAt[r] = v;
      delays[r] = v - committedAt;
    }
    const replicaIndex = mp >= 0 ? (site.mpReplica[mp] ?? -1) : -1;
    const onReplica = replicaIndex >= 0;
    const visible = onReplica ? (visibleAt[replicaIndex] ?? Infinity) : committedAt;
    outcome.managementPoint = mp;
    outcome.replica = replicaIndex;
    outcome.tick = onReplica ? (ticks[replicaIndex] ?? Infinity) : committedAt;
    outcome.visibleAt = visible;
    return visible;
  }

  /**
   * Enrollment tries from the first at `first`; returns the commit time, or -1 when the device failed or is
   * still pending.
   */
  private enroll(first: number, entry: EntryPoints): number {
    const { g, sink, reachable, outcome } = this;
    const { delay, retryAfter, maxAttempts } = g.enrollment;
    const { timelines: eppTimelines, positions, check } = entry;
    const epps = positions.length;
    if (this.enrollAlwaysOk) {
      // Fast-forward: every EPP and the enrollment point accept every try over the whole run, so the first
      // try enrolls. Exact because the general loop below would find every EPP reachable (the same single
      // draw among all of them when there is a choice) and the enrollment point OK.
      if (first < this.duration && maxAttempts > 0) {
        const epp = epps > 1 ? Math.floor(this.eppRng.rng() * epps) : 0;
        sink.enrollmentTry(first, OK, positions[epp] ?? -1);
        return this.enrolled(first, first + delay);
      }
      return this.notEnrolled(first);
    }
    for (let k = 0; k < maxAttempts; k++) {
      const t = first + k * retryAfter;
      if (t >= this.duration) break;
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
            : (reachable[Math.floor(this.eppRng.rng() * reachableCount)] ?? 0);
        reason = check === null ? OK : timelineAt(check, t);
      }
      outcome.lastEnrollReason = reason;
      sink.enrollmentTry(t, reason, epps > 0 ? (positions[chosen] ?? -1) : -1);
      if (reason === OK) return this.enrolled(t, t + delay);
    }
    return this.notEnrolled(first);
  }

  /** Enrolled at `t`: the commit time, or -1 when the commit falls at or after the end. */
  private enrolled(t: number, committedAt: number): number {
    this.outcome.enrolledAt = t;
    return committedAt < this.duration ? committedAt : -1;
  }

  /** Not enrolled within the run: failed when its last try fell inside the run, else pending. Returns -1. */
  private notEnrolled(first: number): number {
    const { retryAfter, maxAttempts } = this.g.enrollment;
    this.outcome.enrollmentFailed = first + (maxAttempts - 1) * retryAfter < this.duration;
    return -1;
  }

  /** Polls by phase with jitter, connection retries with backoff, content after the first success. */
  private polls(committedAt: number, mp: number, visible: number, address: number): void {
    const { g, sink, duration, outcome, cursor, choice, deployments } = this;
    let timeline = mp >= 0 ? (this.model.mpTimelines[mp] ?? NO_MP) : NO_MP;
    let okSince = mp >= 0 ? (this.mpOkFrom[mp] ?? Infinity) : Infinity;
    choice?.start(mp, committedAt, address);
    deployments?.start(this.model.position);

    const { count: retries, initialBackoff: backoff, on: retryOn } = g.connectionRetries;
    let firstSuccess = -1;
    let failedBefore = 0;
    let lastReason = outcome.lastReason;
    let contentDone = !g.content;
    let n = cursor.start(committedAt);
    let k = 0;
    while (k < n) {
      const pollAt = committedAt + (cursor.offsets[k++] ?? Infinity);
      // The polls made ready are used up: make the next ones ready now, as this poll's retries need the time
      // of the next poll.
      if (k === n && cursor.more) {
        n = cursor.next();
        k = 0;
      }
      const nextPollAt = committedAt + (k < n ? (cursor.offsets[k] ?? Infinity) : cursor.after);
      const successBefore = firstSuccess >= 0;
      for (let r = 0; r <= retries; r++) {
        const t = r === 0 ? pollAt : pollAt + backoff * (2 ** r - 1);
        // A retry due at or after the next poll (or the end) is dropped: the next poll starts afresh.
        if (r > 0 && (t >= nextPollAt || t >= duration)) break;
        if (choice !== null && refreshedBy(choice.nextRefresh, t) && choice.refreshUntil(t, sink))
          ({ mp, timeline, okSince, visible } = this.using(choice.mp, committedAt));
        let reason = inForce(okSince, t) ? OK : timelineAt(timeline, t);
        if (reason === OK && !visibleFor(visible, t)) reason = NOT_IN_REPLICA;
        lastReason = reason;
        sink.managementPointTry(t, mp, r > 0, reason);
        if (reason === OK) {
          if (firstSuccess < 0) firstSuccess = t;
          if (deployments !== null && deployments.any) deployments.success(t, mp, this.received);
          break;
        }
        if (firstSuccess < 0) failedBefore++;
        if (choice !== null && choice.failed(t, reason, sink))
          ({ mp, timeline, okSince, visible } = this.using(choice.mp, committedAt));
        if (!isConnectionLevel(reason, retryOn)) break;
      }
      if (this.probing && firstSuccess >= 0) break;
      // Content: at the first success, then at every later poll until it succeeds.
      if (!contentDone && firstSuccess >= 0)
        contentDone = this.content(successBefore ? pollAt : firstSuccess, committedAt, address);
      if (
        firstSuccess >= 0 &&
        contentDone &&
        inForce(okSince, nextPollAt) &&
        visibleFor(visible, nextPollAt)
      ) {
        // Fast-forward through the rest of the schedule: the device is connected, its content is done, and
        // its MP's timeline is OK from here to the end and shows its record, so every later poll is a
        // first-try success. Exact because this loop would take the same polls from the cursor (the same
        // jitter draws) and find OK at each first try: only the polls need reporting. A client that fell
        // back is fast-forwarded up to its refresh only; the poll at or after it is walked again above.
        const until = choice !== null && choice.fellBack ? choice.nextRefresh : Infinity;
        let walked = false;
        for (;;) {
          let end = n;
          if (until !== Infinity) {
            end = k;
            while (end < n && !refreshedBy(until, committedAt + (cursor.offsets[end] ?? Infinity))) end++;
          }
          if (end > k) {
            sink.okPolls(mp, committedAt, cursor.offsets, k, end);
            if (deployments !== null && deployments.any)
              deployments.okPolls(mp, committedAt, cursor.offsets, k, end, this.received);
            lastReason = OK;
          }
          if (end < n) {
            k = end;
            walked = true;
            break;
          }
          if (!cursor.more) break;
          n = cursor.next();
          k = 0;
        }
        if (!walked) break;
      }
    }
    // Refreshes after the last try still happen: a client that fell back goes back before the run ends.
    choice?.refreshBefore(duration, sink);
    outcome.firstSuccessAt = firstSuccess;
    outcome.failedBefore = failedBefore;
    outcome.lastReason = lastReason;
    // A content group's device asks at its first success (always inside the run) and until it gets it.
    outcome.contentPending = firstSuccess >= 0 && !contentDone;
  }

  /** One content request at `t`; returns whether it succeeded. */
  private content(t: number, committedAt: number, address: number): boolean {
    // Intranet devices: the mobile-enabled DPs of the boundary groups containing their address.
    const dp = pickUniform(contentCandidates(this.model, address), this.contentRng.rng) ?? -1;
    const timeline = this.model.dpTimelines[dp];
    const reason = timeline ? timelineAt(timeline, t) : NO_CONTENT_LOCATION;
    this.sink.content(t, reason, dp, committedAt);
    if (reason === OK) this.outcome.contentAt = t - committedAt;
    return reason === OK;
  }
}
