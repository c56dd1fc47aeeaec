// The polls of a jitter-free group as streams. Every device of such a group polls at its commit plus the
// same offsets, so the k-th polls of its devices, taken in commit order, come in time order (ties in
// device order, as commits at one instant are). The queue then holds one event per stream, its head,
// instead of one per device: it stays as small as the schedule is long, and the order is the same.
import { jitterFreeOffsets, type PollSchedule } from "../pollSchedule.js";

/** Most offsets a group's streams may have; a longer schedule keeps one event per device. */
export const STREAM_LIMIT = 4096;

/** One jitter-free group's polls, as one stream per offset. */
export class PollStreams {
  /** The offsets inside the run, then the first at or after its end (the last poll's next). */
  readonly offsets: Float64Array;
  /** The group's committed devices, in commit order. */
  private readonly order: Int32Array;
  private committedCount = 0;
  /** Per stream: the position in `order` of its head. */
  private readonly heads: Int32Array;
  /** Streams every committed device has gone through, waiting for the next commit. */
  private idle: number[];

  private constructor(offsets: number[], devices: number) {
    this.offsets = Float64Array.from(offsets);
    this.order = new Int32Array(devices);
    this.heads = new Int32Array(Math.max(0, offsets.length - 1));
    this.idle = Array.from(this.heads, (_, k) => k);
  }

  /** The streams of a group of `devices` polling by `schedule` in a run ending at `end`, or null when too long. */
  static of(schedule: PollSchedule, devices: number, end: number): PollStreams | null {
    const offsets = jitterFreeOffsets(schedule, (u, n) => u < end && n <= STREAM_LIMIT);
    return offsets.length <= STREAM_LIMIT ? new PollStreams(offsets, devices) : null;
  }

  /** Local device `d` committed now: returns the streams whose head it becomes (each to be queued). */
  committed(d: number): number[] {
    this.order[this.committedCount++] = d;
    const starting = this.idle;
    this.idle = [];
    return starting;
  }

  /** Stream `k`'s head device, or -1 when it waits for a commit. */
  head(k: number): number {
    const at = this.heads[k] ?? 0;
    return at < this.committedCount ? (this.order[at] ?? -1) : -1;
  }

  /** Stream `k`'s head polled: moves on; returns the new head, or -1 (then it waits for a commit). */
  advance(k: number): number {
    const at = (this.heads[k] ?? 0) + 1;
    this.heads[k] = at;
    if (at < this.committedCount) return this.order[at] ?? -1;
    this.idle.push(k);
    return -1;
  }

  /** Stream `k` has no poll left inside the run (its head's is past the end, so every later one's is). */
  finished(k: number): void {
    this.heads[k] = this.order.length;
    this.idle = this.idle.filter((s) => s !== k);
  }
}
