// One finite server: `workers` at once, a first-in-first-out queue of at most `queueLimit`, and the
// counters of its tally. The one implementation of the queue discipline and of what it counts: both
// engines call it, in the same event order, so every sum is made in the same order and has the same bits.
// Requests are ids of the engine's request table, where the station keeps what it needs per request.
import type { Rng } from "../../random.js";
import type { Capacity } from "../../scenario/capacitySchema.js";
import { drawTime, exponentialDraw } from "../distribution.js";
import { substream } from "../../random.js";
import type { LoadPlan } from "./plan.js";
import type { Requests } from "./requests.js";
import { newStationTally, type StationTally } from "./stationTally.js";

/** `arrive`'s answers besides a service time (≥ 0: started at once); `admit`'s are these and STARTED. */
export const STARTED = 0;
export const QUEUED = -1;
export const REFUSED = -2;

/** The finite servers of `plan`, fresh, each with its service-time stream (both engines build them here). */
export function newStations(plan: LoadPlan, seed: number, requests: Requests, duration: number): Station[] {
  return plan.stations.map(
    (spec) =>
      new Station(
        newStationTally(spec.kind, spec.name, spec.capacity.workers, duration),
        spec.capacity,
        substream(seed, spec.stream),
        requests,
        duration,
      ),
  );
}

/** What one finite server knows and does. */
export class Station {
  /** Workers busy now. */
  busy = 0;
  /** Requests waiting now. */
  waiting = 0;
  private readonly queueLimit: number;
  private readonly workers: number;
  /** An exponential service time's mean; NaN for another kind. */
  private readonly mean: number;
  /** The tally's per-minute arrays, held here: read on every request. */
  private readonly arrivals: Uint32Array;
  private readonly servedPerMinute: Uint32Array;
  private readonly busyPerMinute: Float64Array;
  /** The queue as a ring of (id, ticket); an entry is live while its id still waits on that ticket. */
  private ringIds = new Int32Array(64);
  private ringTickets = new Float64Array(64);
  private head = 0;
  private size = 0;
  /** Requests in service (each one's place in this list is in the request table). */
  private readonly inService: Int32Array;
  private inServiceCount = 0;
  /** Queue length bookkeeping: the last change, and the first minute whose end is not yet recorded. */
  private lastChange = 0;
  private minute = 0;
  /**
   * The instant of the call under way. The helpers read it here: a double passed to a call that is not
   * inlined is boxed, and these run several times per request.
   */
  private at = 0;

  constructor(
    readonly tally: StationTally,
    private readonly capacity: Capacity,
    private readonly rng: Rng,
    private readonly requests: Requests,
    private readonly duration: number,
  ) {
    this.queueLimit = capacity.queueLimit ?? Infinity;
    this.workers = capacity.workers;
    const d = capacity.serviceTime;
    this.mean = typeof d !== "number" && d.distribution === "exponential" ? d.mean : NaN;
    this.arrivals = tally.minutes.arrivals;
    this.servedPerMinute = tally.minutes.served;
    this.busyPerMinute = tally.minutes.busySeconds;
    this.inService = new Int32Array(capacity.workers);
  }

  /**
   * Request `id` arrives now: started at once (returns its service time, drawn now), waiting (`QUEUED`) or
   * refused (`REFUSED`, counted).
   */
  arrive(id: number, now: number): number {
    const answer = this.admit(id, now);
    return answer === STARTED ? this.started : answer;
  }

  /** `arrive`, answering `STARTED` for a request started at once (its service time in `started`). */
  admit(id: number, now: number): number {
    const { tally, arrivals } = this;
    this.at = now;
    const m = (now / 60) | 0;
    arrivals[m] = (arrivals[m] ?? 0) + 1;
    this.requests.arrival[id] = now;
    if (this.busy < this.workers) {
      this.begin(id);
      return STARTED;
    }
    if (this.waiting >= this.queueLimit) {
      tally.requests++;
      tally.refused++;
      tally.minutes.refused[m] = (tally.minutes.refused[m] ?? 0) + 1;
      return REFUSED;
    }
    this.queueChanges();
    this.waiting++;
    if (this.waiting > tally.queueMax) tally.queueMax = this.waiting;
    const ticket = this.requests.nextTicket++;
    this.requests.ticket[id] = ticket;
    this.enqueue(id, ticket);
    return QUEUED;
  }

  /**
   * The service of `id` ended now (it was in service): counted served, its worker free. Returns the id the
   * freed worker starts (the queue's head; its service time in `started`), or -1.
   */
  finish(id: number, now: number): number {
    const { tally, servedPerMinute } = this;
    this.at = now;
    const from = this.requests.start[id] ?? now;
    const arrived = this.requests.arrival[id] ?? now;
    this.leaveService(id);
    tally.requests++;
    tally.served++;
    const m = (now / 60) | 0;
    servedPerMinute[m] = (servedPerMinute[m] ?? 0) + 1;
    tally.waits.next = from - arrived;
    tally.waits.add();
    tally.responses.next = now - arrived;
    tally.responses.add();
    return this.takeHead();
  }

  /** The service time of the request `admit` or `finish` just started. */
  started = 0;

  /** `id`, waiting, leaves the queue at its deadline: left and timed out. */
  leave(id: number, now: number): void {
    const { tally } = this;
    this.at = now;
    this.queueChanges();
    this.requests.ticket[id] = 0;
    this.waiting--;
    tally.requests++;
    tally.left++;
    this.timedOut();
  }

  /** `id`, in service, is given up on by its device at its deadline: timed out (the service goes on). */
  giveUp(now: number): void {
    this.at = now;
    this.timedOut();
  }

  /** Whether `id` waits in the queue now. */
  isWaiting(id: number): boolean {
    return (this.requests.ticket[id] ?? 0) > 0;
  }

  /**
   * An outage begins now: every request in service (in the list's order) and then every waiting one (first
   * in, first out) ends, counted refused; returns their ids in that order.
   */
  endAll(now: number): number[] {
    const ended: number[] = [];
    this.at = now;
    while (this.inServiceCount > 0) {
      const id = this.inService[0] ?? 0;
      this.leaveService(id);
      ended.push(id);
    }
    this.queueChanges();
    while (this.size > 0) {
      const id = this.dequeue();
      if (id >= 0) {
        this.requests.ticket[id] = 0;
        ended.push(id);
      }
    }
    this.waiting = 0;
    const { tally } = this;
    const m = (now / 60) | 0;
    tally.requests += ended.length;
    tally.refused += ended.length;
    tally.minutes.refused[m] = (tally.minutes.refused[m] ?? 0) + ended.length;
    return ended;
  }

  /** The run ends: busy time of the services still going, the queue's area and its minute ends. */
  close(): void {
    const end = this.duration;
    this.at = end;
    for (let i = 0; i < this.inServiceCount; i++)
      this.busyTime(this.requests.start[this.inService[i] ?? 0] ?? end);
    this.queueChanges();
    const ends = this.tally.minutes.queueAtEnd;
    for (; this.minute < ends.length; this.minute++) ends[this.minute] = this.waiting;
  }

  private timedOut(): void {
    const { tally } = this;
    tally.timedOut++;
    const m = (this.at / 60) | 0;
    tally.minutes.timedOut[m] = (tally.minutes.timedOut[m] ?? 0) + 1;
  }

  /** `id` takes a worker now; its service time (drawn now) in `started`. */
  private begin(id: number): void {
    const { requests } = this;
    this.busy++;
    requests.start[id] = this.at;
    requests.place[id] = this.inServiceCount;
    this.inService[this.inServiceCount++] = id;
    // A sync holds its worker for its replica's cost, and draws nothing.
    const fixed = requests.fixed[id] ?? -1;
    // An exponential without drawTime's dispatch: the same draw, from the same rule.
    this.started =
      fixed >= 0
        ? fixed
        : this.mean === this.mean
          ? exponentialDraw(this.mean, this.rng())
          : drawTime(this.capacity.serviceTime, this.rng);
  }

  private leaveService(id: number): void {
    const { requests } = this;
    this.busy--;
    this.busyTime(requests.start[id] ?? this.at);
    // Swap-remove: the list's order changes the same way in both engines.
    const at = requests.place[id] ?? -1;
    const last = this.inService[--this.inServiceCount] ?? 0;
    this.inService[at] = last;
    requests.place[last] = at;
    requests.place[id] = -1;
  }

  /** The head of the queue takes the free worker now; -1 when nobody waits. */
  private takeHead(): number {
    if (this.waiting === 0) return -1;
    this.queueChanges();
    for (;;) {
      const id = this.dequeue();
      if (id < 0) continue;
      this.requests.ticket[id] = 0;
      this.waiting--;
      this.begin(id);
      return id;
    }
  }

  private enqueue(id: number, ticket: number): void {
    if (this.size === this.ringIds.length) this.grow();
    const at = (this.head + this.size) % this.ringIds.length;
    this.ringIds[at] = id;
    this.ringTickets[at] = ticket;
    this.size++;
  }

  /** Pops the ring's head: its id when still live, else -1 (an entry left behind by a deadline). */
  private dequeue(): number {
    const id = this.ringIds[this.head] ?? 0;
    const ticket = this.ringTickets[this.head] ?? 0;
    this.head = (this.head + 1) % this.ringIds.length;
    this.size--;
    return this.requests.ticket[id] === ticket ? id : -1;
  }

  private grow(): void {
    const n = this.ringIds.length;
    const ids = new Int32Array(n * 2);
    const tickets = new Float64Array(n * 2);
    for (let i = 0; i < this.size; i++) {
      ids[i] = this.ringIds[(this.head + i) % n] ?? 0;
      tickets[i] = this.ringTickets[(this.head + i) % n] ?? 0;
    }
    this.ringIds = ids;
    this.ringTickets = tickets;
    this.head = 0;
  }

  /** Before the queue length changes now: its area since the last change, and the minute ends passed. */
  private queueChanges(): void {
    const { tally } = this;
    const now = this.at;
    tally.queueArea += this.waiting * (now - this.lastChange);
    this.lastChange = now;
    const ends = tally.minutes.queueAtEnd;
    while (this.minute < ends.length && 60 * (this.minute + 1) <= now) ends[this.minute++] = this.waiting;
  }

  /** Busy worker-seconds of a service over [from, now), inside the run, by minute. */
  private busyTime(from: number): void {
    const end = Math.min(this.at, this.duration);
    if (!(end > from)) return;
    const { tally } = this;
    tally.busySeconds += end - from;
    const busy = this.busyPerMinute;
    const m0 = (from / 60) | 0;
    // Most services lie inside one minute.
    if (end <= 60 * (m0 + 1)) {
      busy[m0] = (busy[m0] ?? 0) + (end - from);
      return;
    }
    let t = from;
    while (t < end) {
      const m = (t / 60) | 0;
      const next = Math.min(end, 60 * (m + 1));
      busy[m] = (busy[m] ?? 0) + (next - t);
      t = next;
    }
  }
}
