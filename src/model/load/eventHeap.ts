// The loaded engine's event queue: a binary min-heap over typed arrays, ordered by (time, key). Keys are
// unique among the events waiting at one time (priority/order.ts's orderKey), so the order is the model's,
// never the heap's.
import { grown } from "./grown.js";

/**
 * A heap of events (time, key, a, b): `a` and `b` are the event's integers (a device, a request, a token).
 * `take` reads the earliest event but leaves its slot as a hole: most events queue another, and the first
 * `push` after a `take` fills the hole with one sift down instead of a pop's sift down and a push's sift up.
 * `settle` removes a hole no push filled; call it before the next `take`.
 */
export class EventHeap {
  private times = new Float64Array(1024);
  private keys = new Float64Array(1024);
  private as = new Int32Array(1024);
  private bs = new Int32Array(1024);
  size = 0;
  /** The root is the event `take` read, not yet removed or replaced. */
  private hole = false;
  /** The time and key of the event `add` queues: fields, since a double passed to a call is boxed. */
  nextTime = 0;
  nextKey = 0;
  /** The event `take` read. */
  time = 0;
  key = 0;
  a = 0;
  b = 0;

  push(time: number, key: number, a: number, b: number): void {
    this.nextTime = time;
    this.nextKey = key;
    this.add(a, b);
  }

  /** Queues (nextTime, nextKey, a, b). */
  add(a: number, b: number): void {
    if (this.hole) {
      this.hole = false;
      this.siftDown(a, b);
      return;
    }
    if (this.size === this.times.length) this.grow();
    const { times, keys, as, bs } = this;
    const time = this.nextTime;
    const key = this.nextKey;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] ?? 0;
      if (pt < time || (pt === time && (keys[parent] ?? 0) < key)) break;
      times[i] = pt;
      keys[i] = keys[parent] ?? 0;
      as[i] = as[parent] ?? 0;
      bs[i] = bs[parent] ?? 0;
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    as[i] = a;
    bs[i] = b;
  }

  /** Whether this heap's earliest event comes before `other`'s (false when this one is empty). */
  before(other: EventHeap): boolean {
    if (this.size === 0) return false;
    if (other.size === 0) return true;
    const t = this.times[0] ?? 0;
    const u = other.times[0] ?? 0;
    return t < u || (t === u && (this.keys[0] ?? 0) < (other.keys[0] ?? 0));
  }

  /** Reads the earliest event into `time`, `key`, `a`, `b`; its slot stays until a push or `settle`. */
  take(): void {
    this.time = this.times[0] ?? 0;
    this.key = this.keys[0] ?? 0;
    this.a = this.as[0] ?? 0;
    this.b = this.bs[0] ?? 0;
    this.hole = true;
  }

  /** Removes the event `take` read if no push replaced it. */
  settle(): void {
    if (!this.hole) return;
    this.hole = false;
    const n = --this.size;
    if (n === 0) return;
    this.nextTime = this.times[n] ?? 0;
    this.nextKey = this.keys[n] ?? 0;
    this.siftDown(this.as[n] ?? 0, this.bs[n] ?? 0);
  }

  /** Takes the earliest event into `time`, `key`, `a`, `b`. */
  pop(): void {
    this.take();
    this.settle();
  }

  /** Places (nextTime, nextKey, a, b) at the root or below, moving smaller children up. */
  private siftDown(a: number, b: number): void {
    const { times, keys, as, bs } = this;
    const t = this.nextTime;
    const k = this.nextKey;
    const n = this.size;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = times[c] ?? 0;
      const r = c + 1;
      if (r < n) {
        const rt = times[r] ?? 0;
        if (rt < ct || (rt === ct && (keys[r] ?? 0) < (keys[c] ?? 0))) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && k < (keys[c] ?? 0))) break;
      times[i] = ct;
      keys[i] = keys[c] ?? 0;
      as[i] = as[c] ?? 0;
      bs[i] = bs[c] ?? 0;
      i = c;
    }
    times[i] = t;
    keys[i] = k;
    as[i] = a;
    bs[i] = b;
  }

  private grow(): void {
    const n = this.times.length * 2;
    this.times = grown(this.times, n);
    this.keys = grown(this.keys, n);
    this.as = grown(this.as, n);
    this.bs = grown(this.bs, n);
  }
}
