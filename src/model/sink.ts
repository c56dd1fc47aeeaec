// What the device walk reports. The walk decides what happens to a device; sinks decide what is kept:
// the counters of the result (CountingSink), a record per device (RecordSink), one device's trace
// (TraceSink). Every report is a fact about the current device at one instant, in the device's time order.
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
  /** Management point position, or -1 for none. */
  managementPoint = -1;
  /** When its DMP's database shows the record (Infinity: no tick in the run carries it). */
  visibleAt = Infinity;
  firstSuccessAt = -1;
  failedBefore = 0;
  /** Reason of the last DMP try; `not-polled` before the first. */
  lastReason: number = NOT_POLLED;
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
    this.visibleAt = Infinity;
    this.firstSuccessAt = -1;
    this.failedBefore = 0;
    this.lastReason = NOT_POLLED;
  }
}

/** The walk's reports. Positions are site positions; reasons are reason ids (OK = -1). */
export interface WalkSink {
  /** An enrollment try at `t` through EPP `epp` (-1: the site has none). */
  enrollmentTry(t: number, reason: number, epp: number): void;
  /**
   * The record reached the site database at `t`, and the device is assigned management point `mp` (-1:
   * none) at that instant; it reads `replica` (-1: the site database), whose tick at `tick` makes the record
   * visible at `visible` (Infinity: not in the run).
   */
  committed(t: number, mp: number, replica: number, tick: number, visible: number): void;
  /** A try at the device's DMP at `t`: a poll's first try, or a retry. */
  managementPointTry(t: number, retry: boolean, reason: number): void;
  /**
   * Fast-forwarded polls: a poll at `committedAt + offsets[i]` for each i from `from` to `to - 1`, each a
   * first-try success.
   */
  okPolls(committedAt: number, offsets: Float64Array, from: number, to: number): void;
  /** A content request at `t` to DP `dp` (-1: no candidate), for a device committed at `committedAt`. */
  content(t: number, reason: number, dp: number, committedAt: number): void;
  /** The device's walk is over. */
  endDevice(outcome: DeviceOutcome): void;
}

/** Reports to several sinks, in order. */
export class TeeSink implements WalkSink {
  constructor(private readonly sinks: readonly WalkSink[]) {}

  enrollmentTry(t: number, reason: number, epp: number): void {
    for (const s of this.sinks) s.enrollmentTry(t, reason, epp);
  }
  committed(t: number, mp: number, replica: number, tick: number, visible: number): void {
    for (const s of this.sinks) s.committed(t, mp, replica, tick, visible);
  }
  managementPointTry(t: number, retry: boolean, reason: number): void {
    for (const s of this.sinks) s.managementPointTry(t, retry, reason);
  }
  okPolls(committedAt: number, offsets: Float64Array, from: number, to: number): void {
    for (const s of this.sinks) s.okPolls(committedAt, offsets, from, to);
  }
  content(t: number, reason: number, dp: number, committedAt: number): void {
    for (const s of this.sinks) s.content(t, reason, dp, committedAt);
  }
  endDevice(outcome: DeviceOutcome): void {
    for (const s of this.sinks) s.endDevice(outcome);
  }
}
