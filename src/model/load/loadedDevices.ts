// The devices of the groups that meet finite servers, as a struct of arrays (no object per device): what
// the loaded engine knows of each, indexed by its local number (groups in order, devices in order).
import { counterDraw } from "../../random.js";
import { OK, REASON_ID } from "../reasons.js";
import { carryingIndex, type ReplicaTimeline } from "../replica.js";
import type { DeviceOutcome } from "../sink.js";
import type { FailureWindow } from "../fallback.js";

const NOT_POLLED = REASON_ID["not-polled"];

/** State of every loaded device. */
export class LoadedDevices {
  /** Position of its group among the loaded groups, and its index in that group. */
  readonly group: Int32Array;
  readonly index: Int32Array;
  /** Its number over every group of the scenario (the entity of its events). */
  readonly global: Int32Array;
  readonly enrollTries: Int32Array;
  readonly enrolledAt: Float64Array;
  readonly lastEnrollReason: Int16Array;
  readonly enrollmentFailed: Uint8Array;
  readonly committedAt: Float64Array;
  /** The management point in use (a client's changes when it falls back), and the one assigned at commit. */
  readonly managementPoint: Int32Array;
  readonly assigned: Int32Array;
  readonly replica: Int32Array;
  readonly tick: Float64Array;
  readonly visibleAt: Float64Array;
  readonly firstSuccessAt: Float64Array;
  readonly failedBefore: Int32Array;
  readonly lastReason: Int16Array;
  /** The next poll's offset from the commit, its phase so far, and its time. */
  readonly nextOffset: Float64Array;
  readonly phase: Int32Array;
  readonly nextPollAt: Float64Array;
  /** Waiting for the answer to an enrollment or DMP try. */
  readonly waiting: Uint8Array;
  /** A content request is due or waiting for its answer. */
  readonly contentBusy: Uint8Array;
  readonly contentDone: Uint8Array;
  readonly contentAsked: Uint8Array;
  readonly contentAt: Float64Array;
  /** Draws taken from its counter-based streams. */
  readonly eppDraws: Int32Array;
  readonly jitterDraws: Int32Array;
  readonly contentDraws: Int32Array;
  /** Requests made (their order among the device's events at one instant). */
  readonly requests: Int32Array;
  /** ConfigMgr clients: fell back (until the next refresh), the next refresh, draws of the fallback stream. */
  readonly fellBack: Uint8Array;
  readonly nextRefresh: Float64Array;
  readonly fallbackDraws: Int32Array;
  /** Clients' failed tries at their management point, for the ones that have failed (fallback.ts). */
  readonly failures = new Map<number, FailureWindow>();
  /** Per device, per deployment (device × deployments + deployment): received. */
  readonly received: Uint8Array;

  constructor(
    global: Int32Array,
    /** How many deployments the scenario has. */
    readonly deployments = 0,
  ) {
    const count = global.length;
    this.fellBack = new Uint8Array(count);
    this.nextRefresh = new Float64Array(count).fill(Infinity);
    this.fallbackDraws = new Int32Array(count);
    this.received = new Uint8Array(count * deployments);
    this.group = new Int32Array(count);
    this.index = new Int32Array(count);
    this.global = global;
    this.enrollTries = new Int32Array(count);
    this.enrolledAt = new Float64Array(count).fill(-1);
    this.lastEnrollReason = new Int16Array(count).fill(OK);
    this.enrollmentFailed = new Uint8Array(count);
    this.committedAt = new Float64Array(count).fill(-1);
    this.managementPoint = new Int32Array(count).fill(-1);
    this.assigned = new Int32Array(count).fill(-1);
    this.replica = new Int32Array(count).fill(-1);
    this.tick = new Float64Array(count).fill(Infinity);
    this.visibleAt = new Float64Array(count).fill(Infinity);
    this.firstSuccessAt = new Float64Array(count).fill(-1);
    this.failedBefore = new Int32Array(count);
    this.lastReason = new Int16Array(count).fill(NOT_POLLED);
    this.nextOffset = new Float64Array(count);
    this.phase = new Int32Array(count);
    this.nextPollAt = new Float64Array(count).fill(Infinity);
    this.waiting = new Uint8Array(count);
    this.contentBusy = new Uint8Array(count);
    this.contentDone = new Uint8Array(count);
    this.contentAsked = new Uint8Array(count);
    this.contentAt = new Float64Array(count).fill(-1);
    this.eppDraws = new Int32Array(count);
    this.jitterDraws = new Int32Array(count);
    this.contentDraws = new Int32Array(count);
    this.requests = new Int32Array(count);
  }

  /** Device `d`'s next draw from the counter-based stream `key`, whose draws so far `taken` counts. */
  draw(d: number, key: number, taken: Int32Array): number {
    const k = taken[d] ?? 0;
    taken[d] = k + 1;
    return counterDraw(key, this.index[d] ?? 0, k);
  }

  /** Device `d`'s life as an outcome for the sinks, with its commit's visibility delay in each replica. */
  outcome(d: number, out: DeviceOutcome, replicas: readonly ReplicaTimeline[]): void {
    out.reset(this.index[d] ?? 0);
    out.enrolledAt = this.enrolledAt[d] ?? -1;
    out.lastEnrollReason = this.lastEnrollReason[d] ?? OK;
    out.enrollmentFailed = this.enrollmentFailed[d] === 1;
    out.committedAt = this.committedAt[d] ?? -1;
    out.managementPoint = this.assigned[d] ?? -1;
    out.replica = this.replica[d] ?? -1;
    out.tick = this.tick[d] ?? Infinity;
    out.visibleAt = this.visibleAt[d] ?? Infinity;
    out.firstSuccessAt = this.firstSuccessAt[d] ?? -1;
    out.failedBefore = this.failedBefore[d] ?? 0;
    out.lastReason = this.lastReason[d] ?? NOT_POLLED;
    out.contentPending = this.contentAsked[d] === 1 && this.contentDone[d] === 0;
    out.contentAt = this.contentAt[d] ?? -1;
    const committedAt = out.committedAt;
    if (committedAt >= 0)
      replicas.forEach((replica, r) => {
        out.visibilityDelays[r] =
          (replica.visible[carryingIndex(replica, committedAt)] ?? Infinity) - committedAt;
      });
  }
}
