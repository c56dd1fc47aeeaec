// The fast engine's coupled part: the devices of every group that can meet a finite server, in one event
// queue, since their tries wait for each other. It reads the same compiled site as the walk (timelines,
// replica ticks, eligible DMPs) and reports to the same sinks; only the order differs: events in the
// model's order at one instant (kernel/priority.ts), devices' outcomes at the end, in device order.
import { kindOf, Priority } from "../../kernel/priority.js";
import { counterDraw, pickUniform, type Rng } from "../../random.js";
import { contentCandidates, deviceAddress } from "../assignment.js";
import { inOutage, type Outage } from "../outage.js";
import { jitterDraw, phaseAt, pollInterval } from "../pollSchedule.js";
import { isConnectionLevel, OK, REASON_ID } from "../reasons.js";
import { carryingIndex, visibleAt } from "../replica.js";
import { databaseOutages } from "../rules.js";
import { DeviceOutcome } from "../sink.js";
import { NO_MP, type SiteModel } from "../site.js";
import { timelineAt } from "../timeline.js";
import { ClientFlow } from "./clientFlow.js";
import type { GroupContext, LoadedGroup } from "./loadedGroups.js";
import type { LoadPlan } from "./plan.js";
import type { PollStreams } from "./pollStreams.js";
import { CONTENT, Stage, TRY } from "./requests.js";
import type { StationTally } from "./stationTally.js";
import { visibleFor } from "../../kernel/ties.js";

const NOT_IN_REPLICA = REASON_ID["device-not-in-replica"];
const DB_UNAVAILABLE = REASON_ID["database-unavailable"];
const NO_CONTENT_LOCATION = REASON_ID["no-content-location"];

/** Runs the loaded groups and the finite servers over the whole run. */
export class LoadedEngine extends ClientFlow {
  /** Per MP position: the outages of the database it reads. */
  private readonly mpDatabaseOutages: (readonly Outage[])[];
  /** The device whose counter-based jitter is drawn (the rule takes an Rng). */
  private jitterDevice = 0;
  private readonly jitterRng: Rng;

  constructor(site: SiteModel, plan: LoadPlan, loaded: readonly LoadedGroup[]) {
    super(site, plan, loaded);
    this.mpDatabaseOutages = Array.from(site.mpReplica, (r) =>
      databaseOutages(site.scenario.site, r < 0 ? "site" : (site.replicas[r]?.name ?? "site")),
    );
    this.jitterRng = () => {
      const d = this.jitterDevice;
      return this.devices.draw(d, this.groupOf(d).keys.jitter, this.devices.jitterDraws);
    };
  }

  /** Simulates every loaded device and finite server; the tries are reported to the sinks as they end. */
  run(): StationTally[] {
    const { heap, ends, site } = this;
    // Each group's first tries, in time order, one queued at a time (b = 1 marks the group's next).
    this.groups.forEach((gc, gi) => {
      if (gc.g.enrollment.maxAttempts > 0) this.nextFirstTry(gc, gi);
    });
    this.scheduleServers(site.replicas.map((r) => r.ticks));
    for (;;) {
      const queue = ends.before(heap) ? ends : heap;
      if (queue.size === 0) break;
      queue.take();
      if (queue.time >= this.duration) break;
      this.now = queue.time;
      const kind = kindOf(queue.key);
      const { a, b } = queue;
      if (!this.serverEvent(kind, a, b)) this.dispatch(kind, a, b);
      queue.settle();
    }
    return this.closeStations();
  }

  /** Runs a device's event of `kind`. */
  private dispatch(kind: number, a: number, b: number): void {
    switch (kind) {
      case Priority.ENROLLMENT_TRY:
        this.enrollmentTry(a, b === 1);
        break;
      case Priority.COMMIT:
        this.commit(a);
        break;
      case Priority.MP_TRY:
        if (b === 0) this.poll(a);
        else if (b < 0) this.streamPoll(a, -b - 1);
        else this.managementPointTry(a, b);
        break;
      case Priority.CONTENT_TRY:
        this.contentTry(a);
        break;
    }
  }

  /** Reports every loaded device's outcome to its group's sinks, device order (call per group, in order). */
  finishGroup(loadedPosition: number): void {
    const gc = this.groups[loadedPosition];
    if (gc === undefined) return;
    const out = new DeviceOutcome(this.site.replicas.length);
    for (let i = 0; i < gc.g.count; i++) {
      const d = gc.localOf[i] ?? 0;
      // A client's refreshes after its last try still happen before the run ends.
      if (gc.client) this.refreshes(d, gc, this.duration, false);
      this.devices.outcome(d, out, this.site.replicas);
      this.sinkOf(d).endDevice(out);
    }
  }

  /** Whether device `d`'s record is in `mp`'s database now (a client may use another MP than its own). */
  protected queryFinds(d: number, mp: number): number {
    return visibleFor(this.visibleOn(d, mp), this.now) ? OK : NOT_IN_REPLICA;
  }

  /** When management point `mp`'s database shows device `d`'s record (its assigned MP's is known from the commit). */
  private visibleOn(d: number, mp: number): number {
    const { devices, site } = this;
    if (mp === devices.assigned[d]) return devices.visibleAt[d] ?? Infinity;
    const committedAt = devices.committedAt[d] ?? 0;
    const replica = site.replicas[mp >= 0 ? (site.mpReplica[mp] ?? -1) : -1];
    return replica === undefined ? committedAt : visibleAt(replica, committedAt);
  }

  protected advance(id: number): void {
    const { requests } = this;
    const d = requests.device[id] ?? 0;
    switch (requests.stage[id]) {
      case Stage.ENROLLMENT_PROXY:
        this.enrollmentPointStage(d, id, requests.via[id] ?? 0);
        return;
      case Stage.MANAGEMENT_POINT:
        this.databaseStage(d, id, requests.retry[id] ?? 0, requests.via[id] ?? -1);
        return;
      case Stage.DATABASE:
        this.answer(id, requests.outcome[id] ?? OK);
        break;
      default:
        this.answer(id, OK);
    }
    requests.release(id);
  }

  protected answer(id: number, reason: number): void {
    const { requests } = this;
    const d = requests.device[id] ?? 0;
    requests.listening[id] = 0;
    switch (requests.stage[id]) {
      case Stage.ENROLLMENT_PROXY:
      case Stage.ENROLLMENT_POINT:
      case Stage.REGISTRATION:
        this.enrollmentAnswer(d, reason, requests.via[id] ?? 0);
        return;
      case Stage.MANAGEMENT_POINT:
      case Stage.DATABASE:
        this.tryAnswer(d, reason, requests.retry[id] ?? 0, requests.via[id] ?? -1);
        return;
      case Stage.CONTENT:
        this.contentAnswer(d, reason, requests.via[id] ?? -1);
        return;
    }
  }

  // --- Commit and polls --------------------------------------------------------------------------------

  private commit(d: number): void {
    const gc = this.groupOf(d);
    const { devices, now, site } = this;
    devices.committedAt[d] = now;
    const i = devices.index[d] ?? 0;
    let mp = -1;
    if (gc.candidates.length > 0) {
      const pool = gc.pools.pool(deviceAddress(gc.model.addresses, i));
      mp = pickUniform(pool, () => counterDraw(gc.keys.assignment, i, 0)) ?? 0;
    }
    devices.managementPoint[d] = mp;
    devices.assigned[d] = mp;
    const r = mp >= 0 ? (site.mpReplica[mp] ?? -1) : -1;
    devices.replica[d] = r;
    const replica = site.replicas[r];
    if (replica === undefined) {
      devices.tick[d] = now;
      devices.visibleAt[d] = now;
    } else {
      const k = carryingIndex(replica, now);
      devices.tick[d] = replica.ticks[k] ?? Infinity;
      devices.visibleAt[d] = replica.visible[k] ?? Infinity;
    }
    if (gc.client) this.clientCommitted(d, gc);
    const first = gc.schedule.firstPollDelay;
    devices.nextOffset[d] = first;
    devices.phase[d] = 0;
    devices.nextPollAt[d] = now + first;
    if (gc.streams !== null) for (const k of gc.streams.committed(d)) this.streamHead(gc, k, d);
    else if (now + first < this.duration) {
      this.heap.nextTime = now + first;
      this.deviceEventAt(Priority.MP_TRY, d, 0);
    }
  }

  /** Queues stream `k`'s poll of its head `d` (b = -(k + 1)), or ends the stream past the run. */
  private streamHead(gc: GroupContext, k: number, d: number): void {
    const streams = gc.streams as PollStreams;
    const t = (this.devices.committedAt[d] ?? 0) + (streams.offsets[k] ?? Infinity);
    if (t < this.duration) {
      this.heap.nextTime = t;
      this.deviceEventAt(Priority.MP_TRY, d, -(k + 1));
    } else streams.finished(k);
  }

  /** Stream `k`'s poll of device `d` now: the stream moves on, the device polls. */
  private streamPoll(d: number, k: number): void {
    const gc = this.groupOf(d);
    const streams = gc.streams as PollStreams;
    this.devices.nextPollAt[d] = (this.devices.committedAt[d] ?? 0) + (streams.offsets[k + 1] ?? Infinity);
    const next = streams.advance(k);
    if (next >= 0) this.streamHead(gc, k, next);
    this.pollMade(d, gc);
  }

  private poll(d: number): void {
    const gc = this.groupOf(d);
    const { devices } = this;
    const u = devices.nextOffset[d] ?? 0;
    const phase = phaseAt(gc.schedule, u, devices.phase[d] ?? 0);
    this.jitterDevice = d;
    const next = u + pollInterval(gc.schedule, phase) + jitterDraw(this.jitterRng, gc.g.jitter);
    devices.phase[d] = phase;
    devices.nextOffset[d] = next;
    const nextAt = (devices.committedAt[d] ?? 0) + next;
    devices.nextPollAt[d] = nextAt;
    if (nextAt < this.duration) {
      this.heap.nextTime = nextAt;
      this.deviceEventAt(Priority.MP_TRY, d, 0);
    }
    this.pollMade(d, gc);
  }

  /** A poll of `d` falls due now: made unless the device still waits for an answer (one session at a time). */
  private pollMade(d: number, gc: GroupContext): void {
    if (this.devices.waiting[d] === 1) return;
    if (gc.g.content && (this.devices.firstSuccessAt[d] ?? -1) >= 0) this.contentDue(d);
    this.managementPointTry(d, 0);
  }

  /** A DMP try of device `d` now: the poll's first (`retry` 0) or a retry. */
  private managementPointTry(d: number, retry: number): void {
    const gc = this.groupOf(d);
    const { devices, now } = this;
    if (gc.client) this.refreshes(d, gc, now, true);
    const mp = devices.managementPoint[d] ?? -1;
    const reason = timelineAt(mp >= 0 ? (gc.model.mpTimelines[mp] ?? NO_MP) : NO_MP, now);
    // The database row is decided at the database's stage.
    if (reason !== OK && reason !== DB_UNAVAILABLE) {
      this.tryAnswer(d, reason, retry, mp);
      return;
    }
    devices.waiting[d] = 1;
    const s = this.plan.mp[mp] ?? -1;
    if (s < 0) {
      this.databaseStage(d, -1, retry, mp);
      return;
    }
    this.enterStage(d, -1, TRY, Stage.MANAGEMENT_POINT, s, mp, retry);
  }

  /** The database stage of device `d`'s try at `mp` (request `id`, or -1 when none was needed yet). */
  private databaseStage(d: number, id: number, retry: number, mp: number): void {
    const { now, requests } = this;
    const s = this.plan.mpDatabase[mp] ?? -1;
    const outages = this.mpDatabaseOutages[mp] ?? [];
    const down = outages.length > 0 && inOutage(outages, now);
    if (down || s < 0) {
      if (id >= 0) requests.release(id);
      this.tryAnswer(d, down ? DB_UNAVAILABLE : this.queryFinds(d, mp), retry, mp);
      return;
    }
    this.enterStage(d, id, TRY, Stage.DATABASE, s, mp, retry);
  }

  /** Device `d`'s try at `mp` answered now with `reason`. */
  private tryAnswer(d: number, reason: number, retry: number, mp: number): void {
    const gc = this.groupOf(d);
    const { devices, now } = this;
    devices.waiting[d] = 0;
    // A refresh while the client waited came first (its instant is before the answer's).
    if (gc.client) this.refreshes(d, gc, now, true);
    this.sinkOf(d).managementPointTry(now, mp, retry > 0, reason);
    devices.lastReason[d] = reason;
    if (reason === OK) {
      if ((devices.firstSuccessAt[d] ?? -1) < 0) {
        devices.firstSuccessAt[d] = now;
        if (gc.g.content) this.contentDue(d);
      }
      if (gc.deployed) this.deliverDeployments(d, gc, mp);
      return;
    }
    if ((devices.firstSuccessAt[d] ?? -1) < 0) devices.failedBefore[d] = (devices.failedBefore[d] ?? 0) + 1;
    if (gc.client) this.clientFailed(d, gc, mp, reason);
    const { count, initialBackoff, on } = gc.g.connectionRetries;
    if (!isConnectionLevel(reason, on) || retry >= count) return;
    const t = now + initialBackoff * 2 ** retry;
    if (t < (devices.nextPollAt[d] ?? Infinity) && t < this.duration) {
      this.heap.nextTime = t;
      this.deviceEventAt(Priority.MP_TRY, d, retry + 1);
    }
  }

  // --- Content -----------------------------------------------------------------------------------------

  /** Content is due now, unless it is done or a request for it is already due or waiting. */
  private contentDue(d: number): void {
    const { devices } = this;
    if (devices.contentDone[d] === 1 || devices.contentBusy[d] === 1) return;
    devices.contentBusy[d] = 1;
    this.heap.nextTime = this.now;
    this.deviceEventAt(Priority.CONTENT_TRY, d, 0, 1);
  }

  private contentTry(d: number): void {
    const gc = this.groupOf(d);
    const { devices, now } = this;
    devices.contentAsked[d] = 1;
    const i = devices.index[d] ?? 0;
    const candidates = contentCandidates(gc.model, deviceAddress(gc.model.addresses, i));
    const dp = pickUniform(candidates, () => devices.draw(d, gc.keys.content, devices.contentDraws)) ?? -1;
    const timeline = gc.model.dpTimelines[dp];
    const reason = timeline ? timelineAt(timeline, now) : NO_CONTENT_LOCATION;
    const s = this.plan.dp[dp] ?? -1;
    if (reason !== OK || s < 0) {
      this.contentAnswer(d, reason, dp);
      return;
    }
    this.enterStage(d, -1, CONTENT, Stage.CONTENT, s, dp, 0);
  }

  private contentAnswer(d: number, reason: number, dp: number): void {
    const { devices, now } = this;
    devices.contentBusy[d] = 0;
    const committedAt = devices.committedAt[d] ?? 0;
    this.sinkOf(d).content(now, reason, dp, committedAt);
    if (reason !== OK) return;
    devices.contentDone[d] = 1;
    devices.contentAt[d] = now - committedAt;
  }
}
