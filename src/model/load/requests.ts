// The requests in flight at finite servers, as a table (struct of arrays, no object per request). An id is
// taken when a try, a content request or a sync enters a finite server and given back when no server holds
// it and no event waits for it; tokens tell a live event from one left behind.
import { grown } from "./grown.js";

/** What a request is. */
export const TRY = 0;
export const CONTENT = 1;
export const SYNC = 2;

/** Where a request is in its life. */
export const Stage = {
  ENROLLMENT_PROXY: 0,
  ENROLLMENT_POINT: 1,
  MANAGEMENT_POINT: 2,
  DATABASE: 3,
  CONTENT: 4,
  SYNC: 5,
  /** A ConfigMgr client's registration at a management point. */
  REGISTRATION: 6,
} as const;

/** The table of requests: fields indexed by id. */
export class Requests {
  private capacity: number;
  private freeList: number[] = [];
  private used = 0;
  /** Queue tickets, unique over every server: a ticket names one wait of one request. */
  nextTicket = 1;
  /** The local device (engine's numbering), or the replica of a sync. */
  device: Int32Array;
  kind: Int8Array;
  stage: Int8Array;
  /** The tie-break of the request's events among its device's requests (its try's sequence number). */
  sub: Int32Array;
  /** Its events' order key less their priority's part (see requestKey in finiteServers.ts). */
  order: Float64Array;
  /** The try's deadline (Infinity for a sync). */
  deadline: Float64Array;
  /** The device still waits for the answer. */
  listening: Uint8Array;
  /** Its deadline's event is queued (the fast engine queues one only when it may matter). */
  deadlineQueued: Uint8Array;
  /** The finite server it is at (waiting or in service), or -1. */
  station: Int32Array;
  /** At that server: arrival and service start. */
  arrival: Float64Array;
  start: Float64Array;
  /** Its place in the server's in-service list (-1: not in service) and its queue ticket (0: not waiting). */
  place: Int32Array;
  ticket: Float64Array;
  /** A fixed service time (a sync's cost), or -1: drawn. */
  fixed: Float64Array;
  /** The reason decided at its database query's start (device-not-in-replica or OK). */
  outcome: Int16Array;
  /** Changes whenever an event about the request must be forgotten: taken, answered, ended by an outage. */
  token: Int32Array;
  /** Changes whenever its service is ended by an outage (the service-end event is then forgotten). */
  service: Int32Array;
  /** The EPP (position) an enrollment try went through, or the DP of a content request. */
  via: Int32Array;
  /** The retry number of a DMP try (0: the poll's first). */
  retry: Int32Array;

  constructor(initial = 256) {
    this.capacity = initial;
    this.device = new Int32Array(initial);
    this.kind = new Int8Array(initial);
    this.stage = new Int8Array(initial);
    this.sub = new Int32Array(initial);
    this.order = new Float64Array(initial);
    this.deadline = new Float64Array(initial);
    this.listening = new Uint8Array(initial);
    this.deadlineQueued = new Uint8Array(initial);
    this.station = new Int32Array(initial);
    this.arrival = new Float64Array(initial);
    this.start = new Float64Array(initial);
    this.place = new Int32Array(initial);
    this.ticket = new Float64Array(initial);
    this.fixed = new Float64Array(initial);
    this.outcome = new Int16Array(initial);
    this.token = new Int32Array(initial);
    this.service = new Int32Array(initial);
    this.via = new Int32Array(initial);
    this.retry = new Int32Array(initial);
  }

  /** A fresh id for a request of `device` (its `kind`), with its deadline. */
  take(device: number, kind: number, sub: number, deadline: number): number {
    const id = this.freeList.length > 0 ? (this.freeList.pop() ?? 0) : this.used++;
    if (id >= this.capacity) this.grow();
    this.device[id] = device;
    this.kind[id] = kind;
    this.sub[id] = sub;
    this.deadline[id] = deadline;
    this.listening[id] = 1;
    this.deadlineQueued[id] = 0;
    this.station[id] = -1;
    this.place[id] = -1;
    this.ticket[id] = 0;
    this.fixed[id] = -1;
    this.outcome[id] = -1;
    this.token[id] = (this.token[id] ?? 0) + 1;
    this.via[id] = -1;
    this.retry[id] = 0;
    return id;
  }

  /** Gives `id` back: no server holds it and no live event names it. */
  release(id: number): void {
    this.token[id] = (this.token[id] ?? 0) + 1;
    this.station[id] = -1;
    this.freeList.push(id);
  }

  private grow(): void {
    const n = this.capacity * 2;
    this.device = grown(this.device, n);
    this.kind = grown(this.kind, n);
    this.stage = grown(this.stage, n);
    this.sub = grown(this.sub, n);
    this.order = grown(this.order, n);
    this.deadline = grown(this.deadline, n);
    this.listening = grown(this.listening, n);
    this.deadlineQueued = grown(this.deadlineQueued, n);
    this.station = grown(this.station, n);
    this.arrival = grown(this.arrival, n);
    this.start = grown(this.start, n);
    this.place = grown(this.place, n);
    this.ticket = grown(this.ticket, n);
    this.fixed = grown(this.fixed, n);
    this.outcome = grown(this.outcome, n);
    this.token = grown(this.token, n);
    this.service = grown(this.service, n);
    this.via = grown(this.via, n);
    this.retry = grown(this.retry, n);
    this.capacity = n;
  }
}
