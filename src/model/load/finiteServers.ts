// The finite servers of the loaded engine: requests arriving, waiting, served, refused, given up on and
// ended by outages, each a timed event of one queue. What a request is for (which device, which stage
// comes next, what its answer does) is the subclass's: the engine's device flows (loadedEngine.ts).
import { deviceEntity, orderKey, Priority, syncEntity } from "../../kernel/priority.js";
import type { Replica } from "../../scenario/schema.js";
import { REASON_ID } from "../reasons.js";
import { EventHeap } from "./eventHeap.js";
import type { LoadPlan } from "./plan.js";
import { CONTENT, Requests, Stage, SYNC } from "./requests.js";
import { newStations, QUEUED, REFUSED, STARTED, type Station } from "./station.js";
import type { StationTally } from "./stationTally.js";

const DB_UNAVAILABLE = REASON_ID["database-unavailable"];
const SERVER_DOWN = REASON_ID["server-down"];
const SERVER_BUSY = REASON_ID["server-busy"];
const TIMEOUT = REASON_ID["request-timeout"];
/** orderKey's step from one priority to the next. */
const PRIORITY_UNIT = orderKey(1, 0);

/** The queue of events and the finite servers; devices are the subclass's. */
export abstract class FiniteServers {
  protected readonly heap = new EventHeap();
  /**
   * The service ends, apart: each heap is smaller, so each push and take costs less, and the run takes the
   * earlier of the two heads (keys are unique over both, so the order is the same as in one heap).
   */
  protected readonly ends = new EventHeap();
  protected readonly requests = new Requests();
  protected readonly stations: Station[];
  protected now = 0;

  constructor(
    protected readonly plan: LoadPlan,
    seed: number,
    protected readonly duration: number,
    private readonly replicas: readonly Replica[],
    /** Per local device: its number over every group (its events' entity). */
    protected readonly global: Int32Array,
  ) {
    this.stations = newStations(plan, seed, this.requests, duration);
  }

  /** Request `id` finished a stage now and its device still listens: on to the next stage, or its answer. */
  protected abstract advance(id: number): void;

  /** The device of request `id` hears `reason` now. */
  protected abstract answer(id: number, reason: number): void;

  /** What device `d`'s database query finds, starting now: OK or device-not-in-replica. */
  protected abstract queryFinds(d: number, mp: number): number;

  /** Schedules the outage starts of the finite servers and the syncs that charge the site database. */
  protected scheduleServers(ticks: readonly Float64Array[]): void {
    this.plan.stations.forEach((spec, s) => {
      for (const o of spec.outages)
        if (o.from < this.duration) this.heap.push(o.from, orderKey(Priority.OUTAGE_EDGE, s), s, 0);
    });
    ticks.forEach((replicaTicks, r) => {
      if (this.plan.syncCharged[r] !== true) return;
      replicaTicks.forEach((tick, j) => {
        if (tick < this.duration) this.heap.push(tick, orderKey(Priority.SYNC_TICK, r), r, j);
      });
    });
  }

  /** Handles an event of the finite servers' kinds; returns false for a kind that is not theirs. */
  protected serverEvent(kind: number, a: number, b: number): boolean {
    switch (kind) {
      case Priority.OUTAGE_EDGE:
        this.outage(a);
        return true;
      case Priority.SYNC_TICK:
        this.sync(a, b);
        return true;
      case Priority.SERVICE_END:
        this.serviceEnd(a, b);
        return true;
      case Priority.DEADLINE:
        this.deadline(a, b);
        return true;
    }
    return false;
  }

  /** The finite servers' counters, closed at the end of the run. */
  protected closeStations(): StationTally[] {
    for (const s of this.stations) s.close();
    return this.stations.map((s) => s.tally);
  }

  /**
   * The order key of a request's events of `priority`: orderKey's value, from the part `order` keeps (both
   * sums are of integers below 2^53, so exact and equal).
   */
  protected requestKey(priority: number, id: number): number {
    return priority * PRIORITY_UNIT + (this.requests.order[id] ?? 0);
  }

  /** A new request of device `d` (its `sub`-th) arriving now, its deadline `timeout` away and scheduled. */
  protected take(d: number, kind: number, stage: number, sub: number, timeout: number): number {
    const { requests } = this;
    const deadline = this.now + timeout;
    const id = requests.take(d, kind, sub & 0xffff, deadline);
    requests.stage[id] = stage;
    requests.order[id] = orderKey(
      0,
      deviceEntity(this.global[d] ?? 0, kind === CONTENT ? 1 : 0),
      sub & 0xffff,
    );
    return id;
  }

  /**
   * Queues request `id`'s deadline, once: when it waits, or is served past its deadline. A request served
   * in time needs none (its deadline would find it answered), which keeps a lightly loaded run's queue short.
   */
  private deadlineDue(id: number): void {
    const { requests } = this;
    const deadline = requests.deadline[id] ?? Infinity;
    if (requests.deadlineQueued[id] === 1 || !(deadline < this.duration)) return;
    requests.deadlineQueued[id] = 1;
    this.heap.push(deadline, this.requestKey(Priority.DEADLINE, id), id, requests.token[id] ?? 0);
  }

  /** Request `id` arrives at finite server `s` now: served, waiting, or refused (then answered). */
  protected enter(id: number, s: number): void {
    const station = this.stations[s] as Station;
    this.requests.station[id] = s;
    const answer = station.admit(id, this.now);
    if (answer === STARTED) this.started(id, station);
    else if (answer === REFUSED) {
      this.requests.station[id] = -1;
      this.answer(id, SERVER_BUSY);
      this.requests.release(id);
    } else if (answer === QUEUED) this.deadlineDue(id);
    else throw new Error(`unexpected station answer ${String(answer)}`);
  }

  /** Request `id`'s service started now at `station` (its length there): a query decides what it finds now. */
  private started(id: number, station: Station): void {
    const { requests } = this;
    const service = station.started;
    if (requests.stage[id] === Stage.DATABASE)
      requests.outcome[id] = this.queryFinds(requests.device[id] ?? 0, requests.via[id] ?? -1);
    const end = this.now + service;
    if (end > (requests.deadline[id] ?? Infinity)) this.deadlineDue(id);
    if (end < this.duration) {
      const { ends } = this;
      ends.nextTime = end;
      ends.nextKey = this.requestKey(Priority.SERVICE_END, id);
      ends.add(id, requests.service[id] ?? 0);
    }
  }

  private serviceEnd(id: number, service: number): void {
    const { requests } = this;
    if (requests.service[id] !== service) return;
    const s = requests.station[id] ?? -1;
    const station = this.stations[s] as Station;
    const next = station.finish(id, this.now);
    if (next >= 0) this.started(next, station);
    requests.station[id] = -1;
    if (requests.listening[id] !== 1) {
      requests.release(id);
      return;
    }
    this.advance(id);
  }

  private deadline(id: number, token: number): void {
    const { requests } = this;
    if (requests.token[id] !== token || requests.listening[id] !== 1) return;
    const s = requests.station[id] ?? -1;
    const station = this.stations[s] as Station;
    this.answer(id, TIMEOUT);
    if (station.isWaiting(id)) {
      station.leave(id, this.now);
      requests.release(id);
    } else station.giveUp(this.now);
  }

  /** An outage of finite server `s` begins now: what waits or is served there ends. */
  private outage(s: number): void {
    const { requests } = this;
    const station = this.stations[s] as Station;
    const reason = this.plan.stations[s]?.kind === "database" ? DB_UNAVAILABLE : SERVER_DOWN;
    for (const id of station.endAll(this.now)) {
      requests.service[id] = (requests.service[id] ?? 0) + 1;
      requests.station[id] = -1;
      if (requests.listening[id] === 1) this.answer(id, reason);
      requests.release(id);
    }
  }

  private sync(replica: number, index: number): void {
    const { requests } = this;
    const entity = syncEntity(replica, index, this.replicas.length);
    const id = requests.take(entity, SYNC, 0, Infinity);
    requests.stage[id] = Stage.SYNC;
    requests.order[id] = orderKey(0, entity);
    requests.listening[id] = 0;
    requests.fixed[id] = this.replicas[replica]?.syncCost ?? 0;
    requests.station[id] = this.plan.siteDatabase;
    const station = this.stations[this.plan.siteDatabase] as Station;
    const answer = station.admit(id, this.now);
    if (answer === STARTED) this.started(id, station);
    else if (answer === REFUSED) requests.release(id);
  }
}
