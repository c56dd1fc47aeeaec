// The counters of the result: per group, per management point, per replica. The sink every run has.
import { OK } from "./reasons.js";
import type { DeviceOutcome, WalkSink } from "./sink.js";
import { bump, perMinute, type GroupTally, type ManagementPointTally } from "./tally.js";

/** Run-wide counters shared by every group's counting sink. */
export class RunCounters {
  readonly delays: Float64Array[];
  readonly delayCounts: Int32Array;

  constructor(
    readonly managementPoints: readonly ManagementPointTally[],
    replicas: number,
    commits: number,
  ) {
    this.delays = Array.from({ length: replicas }, () => new Float64Array(commits));
    this.delayCounts = new Int32Array(replicas);
  }

  /** Per replica: the delays recorded, device order. */
  visibilityDelays(): Float64Array[] {
    return this.delays.map((d, r) => d.subarray(0, this.delayCounts[r]));
  }
}

/** Counts one group's devices into its tally and the run's counters. */
export class CountingSink implements WalkSink {
  /** Events of this group: enrollment tries, commits, DMP and content tries. */
  events = 0;
  // The current device's management point and its per-minute counters (null: no MP), set at its commit.
  // Kept in fields of their own: the fast-forwarded polls count a minute each, the hottest line of a long run.
  private mp: ManagementPointTally | null = null;
  private minutes: Uint32Array | null = null;
  private failedMinutes: Uint32Array | null = null;

  constructor(
    readonly tally: GroupTally,
    private readonly run: RunCounters,
  ) {}

  enrollmentTry(): void {
    this.events++;
  }

  committed(_t: number, mp: number): void {
    this.events++;
    const tally = this.run.managementPoints[mp] ?? null;
    this.mp = tally;
    if (tally === null) {
      this.minutes = null;
      this.failedMinutes = null;
      return;
    }
    tally.devices++;
    this.minutes = tally.perMinute;
    this.failedMinutes = tally.failedPerMinute;
  }

  managementPointTry(t: number, _retry: boolean, reason: number): void {
    const { tally, mp } = this;
    this.events++;
    tally.attempts++;
    if (mp !== null) mp.attempts++;
    if (this.minutes !== null) perMinute(this.minutes, t);
    if (reason === OK) {
      tally.succeeded++;
      return;
    }
    bump(tally.failedByReason, reason);
    if (mp !== null) mp.failed++;
    if (this.failedMinutes !== null) perMinute(this.failedMinutes, t);
  }

  okPolls(committedAt: number, offsets: Float64Array, from: number, to: number): void {
    const polls = to - from;
    this.events += polls;
    this.tally.attempts += polls;
    this.tally.succeeded += polls;
    const { mp, minutes } = this;
    if (mp === null || minutes === null) return;
    mp.attempts += polls;
    for (let k = from; k < to; k++) perMinute(minutes, committedAt + (offsets[k] ?? 0));
  }

  content(t: number, reason: number, _dp: number, committedAt: number): void {
    const { tally } = this;
    this.events++;
    tally.contentAttempted++;
    if (reason !== OK) {
      bump(tally.contentFailedByReason, reason);
      return;
    }
    tally.contentSucceeded++;
    tally.timeToContent.push(t - committedAt);
  }

  endDevice(d: DeviceOutcome): void {
    const { tally } = this;
    if (d.committedAt < 0) {
      if (d.enrollmentFailed) {
        tally.enrollmentFailed++;
        bump(tally.enrollmentFailedByReason, d.lastEnrollReason);
      } else tally.enrollmentPending++;
      return;
    }
    tally.enrolled++;
    // The commit's visibility delay in each replica whose tick carries it (Infinity: none does).
    const { delays, delayCounts } = this.run;
    const seen = d.visibilityDelays;
    for (let r = 0; r < seen.length; r++) {
      const delay = seen[r] ?? Infinity;
      if (delay === Infinity) continue;
      const slot = delayCounts[r] ?? 0;
      const into = delays[r];
      if (into) into[slot] = delay;
      delayCounts[r] = slot + 1;
    }
    if (d.firstSuccessAt < 0) {
      bump(tally.neverConnectedByReason, d.lastReason);
      return;
    }
    tally.ttfs[tally.connected] = d.firstSuccessAt - d.committedAt;
    tally.failures[tally.connected] = d.failedBefore;
    tally.connected++;
    if (d.failedBefore > 0) tally.connectedAfterFailures++;
  }
}
