// A binary min-heap of events ordered by (time, priority, seq): equal times run by priority, then FIFO.

/** An event waiting in the queue. */
export interface QueuedEvent<T> {
  /** Simulation time, in seconds. */
  readonly time: number;
  /** Lower runs first among equal times (see `Priority`). */
  readonly priority: number;
  /** Insertion counter: equal (time, priority) run in the order they were scheduled. */
  readonly seq: number;
  readonly payload: T;
}

function before<T>(a: QueuedEvent<T>, b: QueuedEvent<T>): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

/** The event queue of the kernel. */
export class EventQueue<T> {
  private readonly heap: QueuedEvent<T>[] = [];
  private nextSeq = 0;

  /** Number of waiting events. */
  get size(): number {
    return this.heap.length;
  }

  /** Adds an event; returns it with its sequence number. */
  push(time: number, priority: number, payload: T): QueuedEvent<T> {
    const event = { time, priority, seq: this.nextSeq++, payload };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p === undefined || !before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
    return event;
  }

  /** The next event without removing it. */
  peek(): QueuedEvent<T> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the next event. */
  pop(): QueuedEvent<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const left = heap[l];
      const right = heap[r];
      let child = l;
      let c = left;
      if (right !== undefined && left !== undefined && before(right, left)) {
        child = r;
        c = right;
      }
      if (c === undefined || !before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
