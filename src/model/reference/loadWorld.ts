// The reference's finite servers: each request a plain object whose device waits on a signal, each service
// end, deadline and outage an event of the kernel. The queue discipline and its counters are the Station's,
// as in the fast engine; what happens around them is written here again, plainly, from docs/model.md.
import type { Environment } from "../../kernel/environment.js";
import { Signal } from "../../kernel/environment.js";
import { deviceEntity, orderKey, Priority } from "../../kernel/priority.js";
import { REASON_ID } from "../reasons.js";
import type { LoadPlan } from "../load/plan.js";
import { Requests, SYNC } from "../load/requests.js";
import { newStations, QUEUED, REFUSED, type Station } from "../load/station.js";
import type { StationTally } from "../load/stationTally.js";

const SERVER_BUSY = REASON_ID["server-busy"];
const TIMEOUT = REASON_ID["request-timeout"];

/** A request in flight: where it is, and the signal its device waits on (null: passed the stage). */
export interface Request {
  readonly id: number;
  /** The entity of its events (a device's try or content, or a sync) and its tie-break. */
  readonly entity: number;
  readonly sub: number;
  listening: boolean;
  /** The signal of the stage it is in; fired with null when the stage ends, or with a failure reason. */
  signal: Signal | null;
  /** Called when its service starts at a database (what the query finds then). */
  onStart: (() => void) | null;
  /** Ended by an outage: its service end does not happen. */
  cut: boolean;
  /** When its last service ended (ties, for the statistics). */
  endedAt: number;
}

/** Every finite server of the run, and the requests in flight. */
export class LoadWorld {
  readonly stations: Station[];
  private readonly requests = new Requests();
  private readonly inFlight = new Map<number, Request>();
  /** Per finite server: its last arrival's and last service end's instants (ties, for the statistics). */
  private readonly lastArrival: number[];
  private readonly lastEnd: number[];

  constructor(
    private readonly env: Environment,
    readonly plan: LoadPlan,
    seed: number,
    duration: number,
    /** Notes a branch of the model taken (for the property's statistics). */
    private readonly branch: (name: string) => void = () => undefined,
  ) {
    this.stations = newStations(plan, seed, this.requests, duration);
    this.lastArrival = plan.stations.map(() => -1);
    this.lastEnd = plan.stations.map(() => -1);
    plan.stations.forEach((spec, s) => {
      for (const o of spec.outages)
        env.schedule(o.from, orderKey(Priority.OUTAGE_EDGE, s), () => {
          this.outage(s, spec.kind === "database" ? "database-unavailable" : "server-down");
        });
    });
  }

  /**
   * A device's new request, arriving now: `device` is its number over every group, `kind` 0 for a try
   * (enrollment or DMP) and 1 for content, `sub` its number among the device's requests. Its deadline is
   * `timeout` from now.
   */
  newRequest(device: number, kind: 0 | 1, sub: number, timeout: number): Request {
    const entity = deviceEntity(device, kind);
    const id = this.requests.take(device, kind, sub & 0xffff, this.env.now + timeout);
    const request: Request = {
      id,
      entity,
      sub: sub & 0xffff,
      listening: true,
      signal: null,
      onStart: null,
      cut: false,
      endedAt: NaN,
    };
    this.inFlight.set(id, request);
    this.env.schedule(this.env.now + timeout, orderKey(Priority.DEADLINE, entity, request.sub), () => {
      this.deadline(request);
    });
    return request;
  }

  /** The request is over for its device (answered): its id goes back once no server holds it. */
  done(request: Request): void {
    request.listening = false;
    if (this.requests.station[request.id] === -1) this.forget(request);
  }

  /**
   * One stage of `request` at finite server `s`: waits for it (a generator to delegate to). Returns null
   * when the stage's service ended, else the failure that ended it (refused, timed out, the outage's).
   */
  *stage(request: Request, s: number): Generator<Signal, number | null, unknown> {
    const station = this.stations[s] as Station;
    this.requests.station[request.id] = s;
    if (this.lastArrival[s] === this.env.now) this.branch("load: arrivals at one instant at a server");
    this.lastArrival[s] = this.env.now;
    const service = station.arrive(request.id, this.env.now);
    if (service === REFUSED) {
      this.branch("load: refused, the queue full");
      this.requests.station[request.id] = -1;
      return SERVER_BUSY;
    }
    if (service !== QUEUED) this.started(request, service);
    else this.branch("load: waited in a queue");
    const signal = new Signal();
    request.signal = signal;
    const result = yield signal;
    return result as number | null;
  }

  /** A replica's sync charging the site database now: `cost` seconds of a worker, no deadline. */
  sync(entity: number, cost: number): void {
    const id = this.requests.take(entity, SYNC, 0, Infinity);
    this.requests.fixed[id] = cost;
    const request: Request = {
      id,
      entity,
      sub: 0,
      listening: false,
      signal: null,
      onStart: null,
      cut: false,
      endedAt: NaN,
    };
    this.inFlight.set(id, request);
    const s = this.plan.siteDatabase;
    this.requests.station[id] = s;
    const service = (this.stations[s] as Station).arrive(id, this.env.now);
    if (service === REFUSED) this.forget(request);
    else if (service !== QUEUED) this.started(request, service);
  }

  /** The counters of every finite server, closed at the end of the run. */
  close(): StationTally[] {
    for (const s of this.stations) s.close();
    return this.stations.map((s) => s.tally);
  }

  private started(request: Request, service: number): void {
    request.onStart?.();
    this.env.schedule(
      this.env.now + service,
      orderKey(Priority.SERVICE_END, request.entity, request.sub),
      () => {
        this.serviceEnd(request);
      },
    );
  }

  private serviceEnd(request: Request): void {
    if (request.cut) return;
    const s = this.requests.station[request.id] ?? -1;
    const station = this.stations[s] as Station;
    if (this.lastEnd[s] === this.env.now) this.branch("load: services ending at one instant at a server");
    if (this.lastArrival[s] === this.env.now) this.branch("tie: service end at an arrival instant");
    request.endedAt = this.env.now;
    this.lastEnd[s] = this.env.now;
    const next = station.finish(request.id, this.env.now);
    if (next >= 0) {
      const head = this.inFlight.get(next);
      if (head) this.started(head, station.started);
    }
    this.requests.station[request.id] = -1;
    if (request.listening) request.signal?.fire(null);
    else this.forget(request);
  }

  private deadline(request: Request): void {
    if (request.endedAt === this.env.now) this.branch("tie: deadline at a service end");
    if (!request.listening || !this.inFlight.has(request.id)) return;
    const s = this.requests.station[request.id] ?? -1;
    const station = this.stations[s];
    if (station === undefined) return;
    request.listening = false;
    this.branch(
      station.isWaiting(request.id) ? "load: left the queue at its deadline" : "load: given up in service",
    );
    if (station.isWaiting(request.id)) {
      station.leave(request.id, this.env.now);
      this.requests.station[request.id] = -1;
      this.forget(request);
    } else station.giveUp(this.env.now);
    request.signal?.fire(TIMEOUT);
  }

  private outage(s: number, reason: "server-down" | "database-unavailable"): void {
    for (const id of (this.stations[s] as Station).endAll(this.env.now)) {
      const request = this.inFlight.get(id);
      if (request === undefined) continue;
      request.cut = true;
      this.branch(
        request.listening ? "load: ended by an outage" : "load: ended by an outage, given up before",
      );
      this.requests.station[id] = -1;
      const listening = request.listening;
      request.listening = false;
      this.forget(request);
      if (listening) request.signal?.fire(REASON_ID[reason]);
    }
  }

  private forget(request: Request): void {
    if (!this.inFlight.delete(request.id)) return;
    this.requests.release(request.id);
  }
}
