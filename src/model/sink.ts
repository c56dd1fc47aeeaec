// What the device walk reports. The walk decides what happens to a device; sinks decide what is kept:
// the counters of the result (CountingSink), a record per device (RecordSink), one device's trace
// (TraceSink). Tries are reported as they happen, in the device's time order; what happens to a device once
// (its commit, assignment and visibility) is in its outcome, given at its end: a report fewer per device,
// which counts while V8 has not yet optimized the walk.
import { OK, REASON_ID } from "./reasons.js";

// A module constant: REASON_ID is a lookup table, slower to read in a loop than a number.
const NOT_POLLED = REASON_ID["not-polled"];

/** One device's life as the walk saw it; reused from device to device (sinks copy what they keep). */
export class DeviceOutcome {
  /** Position in its group. */
  index = 0;
  /** The successful enrollment try, or -1. */
  enrolledAt = -1;
  /** Reason of the last enrollment try (OK when it enrolled or never tried). */
  lastEnrollReason = OK;
  /** Used up its enrollment tries inside the run. */
  enrollmentFailed = false;
  /** Commit time, or -1 when the device did not enroll within the run. */
  committedAt = -1;
  /** Management point position (assigned at the commit), or -1 for none. */
  managementPoint = -1;
  /** The replica its DMP reads (-1: the site database). */
  replica = -1;
  /** The tick of that replica carrying the commit (the commit time for the site database; Infinity: none). */
  tick = Infinity;
  /** When its DMP's database shows the record (Infinity: no tick in the run carries it). */
  visibleAt = Infinity;
  firstSuccessAt = -1;
  failedBefore = 0;
  /** Reason of the last DMP try; `not-polled` before the first. */
  lastReason: number = NOT_POLLED;
  /** Asked for content (from its first success on) and never got it in the run. */
  contentPending = false;
  /** Seconds from the commit to its content success, or -1. */
  contentAt = -1;
  /**
   * Of a committed device, per replica: seconds from the commit until the replica shows the record (its
   * carrying tick plus the apply delay), or Infinity when no tick in the run carries it. A fact of the device
   * rather than a report, so that the commonest per-device statistic costs no call.
   */
  readonly visibilityDelays: Float64Array;

  constructor(replicas = 0) {
    this.visibilityDelays = new Float64Array(replicas);
  }

  reset(index: number): void {
    this.index = index;
    this.enrolledAt = -1;
    this.lastEnrollReason = OK;
    this.enrollmentFailed = false;
    this.committedAt = -1;
    this.managementPoint = -1;
    this.replica = -1;
    this.tick = Infinity;
    this.visibleAt = Infinity;
    this.firstSuccessAt = -1;
    this.failedBefore = 0;
    this.lastReason = NOT_POLLED;
    this.contentPending = false;
    this.contentAt = -1;
  }
}

/** The walk's reports. Positions are site positions; reasons are reason ids (OK = -1). */
export interface WalkSink {
  /** An enrollment try at `t` through EPP `epp` (-1: the site has none). */
  enrollmentTry(t: number, reason: number, epp: number): void;
  /** A try at the device's DMP, management point `mp` (-1: none), at `t`: a poll's first try, or a retry. */
  managementPointTry(t: number, mp: number, retry: boolean, reason: number): void;
  /**
   * Fast-forwarded polls at management point `mp`: one at `committedAt + offsets[i]` for each i from `from`
   * to `to - 1`, each a first-try success. `offsets` is the walk's cursor's: its jitter-free table, the same
   * array for every device of the group, or a buffer refilled per device.
   */
  okPolls(mp: number, committedAt: number, offsets: Float64Array, from: number, to: number): void;
  /** A content request at `t` to DP `dp` (-1: no candidate), for a device committed at `committedAt`. */
  content(t: number, reason: number, dp: number, committedAt: number): void;
  /**
   * A ConfigMgr client changed management point at `t`, from `from` to `to`: it fell back after failed tries,
   * or (`back`) it went back to its own boundary group's at a refresh.
   */
  switched(t: number, from: number, to: number, back: boolean): void;
  /** Device `index` of its group received deployment `deployment` (site order) at `t`. */
  deployment(deployment: number, index: number, t: number): void;
  /** The device's walk is over: what happened to it. */
  endDevice(outcome: DeviceOutcome): void;
}

/** Reports to several sinks, in order. */
export class TeeSink implements WalkSink {
  constructor(private readonly sinks: readonly WalkSink[]) {}

  enrollmentTry(t: number, reason: number, epp: number): void {
    for (const s of this.sinks) s.enrollmentTry(t, reason, epp);
  }
  managementPointTry(t: number, mp: number, retry: boolean, reason: number): void {
    for (const s of this.sinks) s.managementPointTry(t, mp, retry, reason);
  }
  okPolls(mp: number, committedAt: number, offsets: Float64Array, from: number, to: number): void {
    for (const s of this.sinks) s.okPolls(mp, committedAt, offsets, from, to);
  }
  content(t: number, reason: number, dp: number, committedAt: number): void {
    for (const s of this.sinks) s.content(t, reason, dp, committedAt);
  }
  switched(t: number, from: number, to: number, back: boolean): void {
    for (const s of this.sinks) s.switched(t, from, to, back);
  }
  deployment(deployment: number, index: number, t: number): void {
    for (const s of this.sinks) s.deployment(deployment, index, t);
  }
  endDevice(outcome: DeviceOutcome): void {
    for (const s of this.sinks) s.endDevice(outcome);
  }
}
