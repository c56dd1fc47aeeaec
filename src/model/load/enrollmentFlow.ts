// The loaded engine's devices and their enrollment: what every device flow shares (the devices' arrays, the
// groups, their sinks, a device's requests and events) and the enrollment tries, each through the chosen
// EPP then the enrollment point. The polls, DMP tries and content build on it (loadedEngine.ts).
import { deviceEntity, orderKey, Priority } from "../../kernel/priority.js";
import { OK, REASON_ID } from "../reasons.js";
import { deviceAddress } from "../assignment.js";
import { answeringEnrollmentPoint, outagesAt } from "../rules.js";
import type { WalkSink } from "../sink.js";
import { NO_EPP, NO_MP, type SiteModel } from "../site.js";
import { timelineAt } from "../timeline.js";
import { FiniteServers } from "./finiteServers.js";
import { LoadedDevices } from "./loadedDevices.js";
import { globalNumbers, groupContexts, type GroupContext, type LoadedGroup } from "./loadedGroups.js";
import type { LoadPlan } from "./plan.js";
import { Stage, TRY } from "./requests.js";
import { largest } from "../../extremes.js";

const NO_MP_REASON = REASON_ID["no-management-point"];

/** The loaded devices, their groups and their enrollment; the rest of their flows is the subclass's. */
export abstract class EnrollmentFlow extends FiniteServers {
  protected readonly devices: LoadedDevices;
  protected readonly groups: GroupContext[];
  /** Per loaded group: the next of its first enrollment tries to queue (in local, time, order). */
  private readonly nextFirst: Int32Array;
  /** The EPPs reachable at a try (room for every group's EPPs; filled per try, no array allocated). */
  private readonly reachable: Int32Array;
  /**
   * The finite server of the enrollment point that answers while the check passes, when no enrollment point
   * ever goes down (so it is always the same one); undefined: asked at each try.
   */
  private readonly answering: number | undefined;

  constructor(
    protected readonly site: SiteModel,
    plan: LoadPlan,
    loaded: readonly LoadedGroup[],
  ) {
    super(plan, site.seed, site.duration, site.scenario.site.replicas, globalNumbers(loaded));
    this.devices = new LoadedDevices(this.global, site.deployments.length);
    this.groups = groupContexts(site, loaded, this.devices);
    this.nextFirst = new Int32Array(this.groups.length);
    this.reachable = new Int32Array(
      Math.max(1, site.managementPoints.length, largest(this.groups.map((gc) => gc.epps.length))),
    );
    const { servers } = site.scenario.site;
    this.answering = servers.every((s) => s.roles.enrollmentPoint === undefined || s.outages.length === 0)
      ? this.answeringStation(0)
      : undefined;
  }

  protected sinkOf(d: number): WalkSink {
    const gc = this.groups[this.devices.group[d] ?? 0];
    const traced = gc?.sinks.traced;
    return traced !== undefined && traced.index === this.devices.index[d]
      ? traced.sink
      : (gc?.sinks.all as WalkSink);
  }

  protected groupOf(d: number): GroupContext {
    return this.groups[this.devices.group[d] ?? 0] as GroupContext;
  }

  /** A new request of device `d` arriving now (its deadline scheduled). */
  private newRequest(d: number, kind: number, stage: number): number {
    const n = this.devices.requests[d] ?? 0;
    this.devices.requests[d] = n + 1;
    return this.take(d, kind, stage, n, this.groupOf(d).g.requestTimeout);
  }

  /**
   * Device `d`'s request `id` (-1: a new one, arriving now) enters finite server `s` at `stage`, through
   * `via` (the EPP or the DP) as the `retry`-th retry of its poll.
   */
  protected enterStage(
    d: number,
    id: number,
    kind: number,
    stage: number,
    s: number,
    via: number,
    retry: number,
  ): void {
    const request = id >= 0 ? id : this.newRequest(d, kind, stage);
    const { requests } = this;
    requests.stage[request] = stage;
    requests.via[request] = via;
    requests.retry[request] = retry;
    this.enter(request, s);
  }

  /** Queues device `d`'s event of `priority` at `heap.nextTime` (set by the caller: a double argument is boxed). */
  protected deviceEventAt(priority: number, d: number, b: number, kind: 0 | 1 = 0): void {
    const { heap } = this;
    heap.nextKey = orderKey(priority, deviceEntity(this.global[d] ?? 0, kind));
    heap.add(d, b);
  }

  // --- Enrollment -------------------------------------------------------------------------------------

  /** Queues the group's next first enrollment try inside the run, if any. */
  protected nextFirstTry(gc: GroupContext, gi: number): void {
    const r = this.nextFirst[gi] ?? 0;
    if (r >= gc.g.count) return;
    this.nextFirst[gi] = r + 1;
    const d = gc.first + r;
    const t = gc.firstTries[this.devices.index[d] ?? 0] ?? Infinity;
    if (t < this.duration) {
      this.heap.nextTime = t;
      this.deviceEventAt(Priority.ENROLLMENT_TRY, d, 1);
    }
  }

  protected enrollmentTry(d: number, firstOfGroup: boolean): void {
    const gc = this.groupOf(d);
    if (firstOfGroup) this.nextFirstTry(gc, this.devices.group[d] ?? 0);
    const { devices, now } = this;
    devices.enrollTries[d] = (devices.enrollTries[d] ?? 0) + 1;
    devices.waiting[d] = 1;
    if (gc.client) {
      this.registrationTry(d, gc);
      return;
    }
    const { reachable } = this;
    let count = 0;
    for (let e = 0; e < gc.epps.length; e++)
      if (timelineAt(gc.epps[e] ?? NO_EPP, now) === OK) reachable[count++] = e;
    if (count === 0) {
      this.enrollmentAnswer(
        d,
        timelineAt(gc.epps[0] ?? NO_EPP, now),
        gc.model.eppTimelines.length > 0 ? 0 : -1,
      );
      return;
    }
    let chosen = reachable[0] ?? 0;
    if (count > 1)
      chosen = reachable[Math.floor(devices.draw(d, gc.keys.epp, devices.eppDraws) * count)] ?? 0;
    const s = this.plan.epp[chosen] ?? -1;
    if (s < 0) {
      this.enrollmentPointStage(d, -1, chosen);
      return;
    }
    this.enterStage(d, -1, TRY, Stage.ENROLLMENT_PROXY, s, chosen, 0);
  }

  /**
   * A ConfigMgr client's registration try now: a management point of its pool that answers (drawn among
   * several), then that MP's finite server when it has one; none answers: the first one's reason.
   */
  private registrationTry(d: number, gc: GroupContext): void {
    const { devices, now, reachable } = this;
    const address = deviceAddress(gc.model.addresses, devices.index[d] ?? 0);
    const pool = gc.pools.pool(address);
    const timeline = (p: number) => gc.model.mpTimelines[p] ?? NO_MP;
    let count = 0;
    for (let e = 0; e < pool.length; e++)
      if (timelineAt(timeline(pool[e] ?? 0), now) === OK) reachable[count++] = e;
    if (count === 0) {
      const first = pool[0];
      this.enrollmentAnswer(
        d,
        first === undefined ? NO_MP_REASON : timelineAt(timeline(first), now),
        first ?? -1,
      );
      return;
    }
    let chosen = reachable[0] ?? 0;
    if (count > 1)
      chosen = reachable[Math.floor(devices.draw(d, gc.keys.epp, devices.eppDraws) * count)] ?? 0;
    const mp = pool[chosen] ?? -1;
    const s = this.plan.mp[mp] ?? -1;
    if (s < 0) this.enrollmentAnswer(d, OK, mp);
    else this.enterStage(d, -1, TRY, Stage.REGISTRATION, s, mp, 0);
  }

  /** The finite server of the enrollment point answering at `t` (-1: none, or one without capacity). */
  private answeringStation(t: number): number {
    const server = answeringEnrollmentPoint(this.site.scenario, outagesAt(t, this.site.scenario.site));
    return server === undefined ? -1 : (this.plan.enrollmentPoint.get(server.name) ?? -1);
  }

  /** The enrollment point's stage of device `d`'s try (request `id`, or -1 when none was needed yet). */
  protected enrollmentPointStage(d: number, id: number, epp: number): void {
    const { site, now, requests } = this;
    const reason = timelineAt(site.enrollmentPoint, now);
    const s = reason === OK ? (this.answering ?? this.answeringStation(now)) : -1;
    if (s < 0) {
      if (id >= 0) requests.release(id);
      this.enrollmentAnswer(d, reason, epp);
      return;
    }
    this.enterStage(d, id, TRY, Stage.ENROLLMENT_POINT, s, epp, 0);
  }

  protected enrollmentAnswer(d: number, reason: number, epp: number): void {
    const gc = this.groupOf(d);
    const { devices, now } = this;
    const { delay, retryAfter, maxAttempts } = gc.g.enrollment;
    devices.waiting[d] = 0;
    this.sinkOf(d).enrollmentTry(now, reason, epp);
    devices.lastEnrollReason[d] = reason;
    if (reason === OK) {
      devices.enrolledAt[d] = now;
      if (now + delay < this.duration) {
        this.heap.nextTime = now + delay;
        this.deviceEventAt(Priority.COMMIT, d, 0);
      }
      return;
    }
    if ((devices.enrollTries[d] ?? 0) >= maxAttempts) devices.enrollmentFailed[d] = 1;
    else if (now + retryAfter < this.duration) {
      this.heap.nextTime = now + retryAfter;
      this.deviceEventAt(Priority.ENROLLMENT_TRY, d, 0);
    }
  }
}
