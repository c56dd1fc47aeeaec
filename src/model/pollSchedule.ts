// The poll schedule of model.md step 4, written once: the first poll `firstPollDelay` after commit; after
// poll u (an offset from commit) the next is at u + every(phase) + jitter draw, where the phase is the first
// polling entry whose `until` is greater than u. The engines, the closed form and the run estimate use it.
import type { Rng } from "../random.js";
import type { DeviceGroup } from "../scenario/schema.js";

/** The polling settings of a group. */
export type PollSettings = Pick<DeviceGroup, "polling" | "firstPollDelay">;

/** A group's polling compiled for the hot loop. Phase i covers offsets below `until[i]`. */
export interface PollSchedule {
  readonly firstPollDelay: number;
  /** Interval of each phase, seconds. */
  readonly every: Float64Array;
  /** End of each phase as an offset from commit; the last phase's is Infinity (it lasts forever). */
  readonly until: Float64Array;
}

/**
 * The interval after a phase the schedule does not have. A validated scenario always has a last phase
 * without `until`, so this never applies to one; declared once so that every reader agrees: no more polls.
 */
export const NO_MORE_POLLS = Infinity;

/** Compiles a group's `polling` and `firstPollDelay`. */
export function pollSchedule(group: PollSettings): PollSchedule {
  return {
    firstPollDelay: group.firstPollDelay,
    every: Float64Array.from(group.polling, (p) => p.every),
    until: Float64Array.from(group.polling, (p, i) =>
      i === group.polling.length - 1 ? Infinity : (p.until ?? Infinity),
    ),
  };
}

/** The phase of a poll at offset `u`: the first phase from `from` on whose `until` is greater than `u`. */
export function phaseAt(schedule: PollSchedule, u: number, from: number): number {
  let phase = from;
  while ((schedule.until[phase] ?? Infinity) <= u) phase++;
  return phase;
}

/** The interval of `phase` (seconds); `NO_MORE_POLLS` past the last phase. */
export function pollInterval(schedule: PollSchedule, phase: number): number {
  return schedule.every[phase] ?? NO_MORE_POLLS;
}

/** A jitter draw uniform in [0, jitter); no draw (the stream does not move) when jitter is 0. */
export function jitterDraw(rng: Rng, jitter: number): number {
  return jitter > 0 ? rng() * jitter : 0;
}

/** Most offsets a jitter-free schedule keeps in its table (512 KiB); a longer one is stepped per device. */
export const OFFSET_TABLE_LIMIT = 65_536;

/**
 * A schedule's offsets without jitter: from the first while `more(offset, offsets so far)` holds, then the
 * first one for which it does not.
 */
export function jitterFreeOffsets(
  schedule: PollSchedule,
  more: (u: number, count: number) => boolean,
): number[] {
  const offsets: number[] = [];
  let u = schedule.firstPollDelay;
  let phase = 0;
  while (more(u, offsets.length)) {
    offsets.push(u);
    phase = phaseAt(schedule, u, phase);
    // No jitter: the draw is 0 and takes nothing from the stream, so u + every is the rule's next offset.
    u += pollInterval(schedule, phase);
  }
  offsets.push(u);
  return offsets;
}

/** Polls a stepped schedule makes ready per call: a day of a default schedule fits, and 2 KiB is nothing. */
export const POLL_CHUNK = 256;

/**
 * Walks devices through the schedule: `offsets` holds the offsets after commit of the polls made ready, so
 * the walk reads polls from an array rather than calling per poll. One cursor serves a whole group: `start`
 * puts it at a device's commit.
 *
 * Without jitter every device has the same offsets, so they are computed once, into a table that is then
 * `offsets` for every device: starting a device finds its last poll inside the run (a guess on the last
 * phase's grid, checked; else a binary search). With jitter each device's polls are stepped by the rule,
 * `POLL_CHUNK` at a time, into a buffer of its own.
 */
export class PollCursor {
  /** The offsets of the polls made ready: the first `start` (or `next`) returned are inside the run. */
  offsets: Float64Array;
  /** The offset of the poll after the ones made ready (outside the run when `next` has none). */
  after = 0;
  /** More polls may follow the ones made ready: call `next` once they are taken (a stepped schedule only). */
  more = false;
  private committedAt = 0;
  /** Stepping: the offset of the next poll not yet made ready, and its phase so far. */
  private u = 0;
  private phase = 0;
  /** Jitter-free offsets up to the first one at or after the end (null: stepped). */
  private readonly table: Float64Array | null;
  /** The table's first offset in the last phase, and that phase's interval: the grid `start` guesses on. */
  private readonly gridFrom: number;
  private readonly gridStep: number;

  constructor(
    private readonly schedule: PollSchedule,
    private readonly jitter: number,
    private readonly rng: Rng,
    /** The end of the run: polls at or after it are never made ready. */
    private readonly end: number,
  ) {
    // A commit is at or after 0, so a poll inside the run is at an offset below the end.
    const offsets =
      jitter > 0 ? [] : jitterFreeOffsets(schedule, (u, n) => u < end && n <= OFFSET_TABLE_LIMIT);
    this.table =
      offsets.length > 0 && offsets.length <= OFFSET_TABLE_LIMIT ? Float64Array.from(offsets) : null;
    this.offsets = this.table ?? new Float64Array(POLL_CHUNK);
    const last = schedule.every.length - 1;
    const lastFrom = last > 0 ? (schedule.until[last - 1] ?? Infinity) : 0;
    this.gridFrom = offsets.findIndex((u) => u >= lastFrom);
    this.gridStep = schedule.every[last] ?? Infinity;
  }

  /** The jitter-free table `offsets` is for every device, or null (a buffer stepped per device). */
  get sharedTable(): Float64Array | null {
    return this.table;
  }

  /**
   * Puts the cursor at the first poll of a device committed at `committedAt`.
   * @returns how many polls, from `offsets[0]`, are ready (inside the run)
   */
  start(committedAt: number): number {
    this.committedAt = committedAt;
    const table = this.table;
    if (table === null) {
      this.u = this.schedule.firstPollDelay;
      this.phase = 0;
      return this.step();
    }
    // The first offset whose poll is at or after the end: commit + offset grows with the offset, so a binary
    // search finds exactly the poll the walk would stop at; the table's last offset is one. In the last
    // phase the offsets are a grid: its index is guessed and then checked by the same comparison.
    const { end, gridFrom: from } = this;
    if (from >= 0 && committedAt + (table[from] ?? Infinity) < end) {
      const n = table.length - 1;
      let g = Math.min(n, from + Math.ceil((end - committedAt - (table[from] ?? 0)) / this.gridStep));
      while (g > from + 1 && committedAt + (table[g - 1] ?? Infinity) >= end) g--;
      while (g < n && committedAt + (table[g] ?? Infinity) < end) g++;
      this.after = table[g] ?? Infinity;
      this.more = false;
      return g;
    }
    let lo = 0;
    let hi = table.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (committedAt + (table[mid] ?? Infinity) < end) lo = mid + 1;
      else hi = mid;
    }
    this.after = table[lo] ?? Infinity;
    this.more = false;
    return lo;
  }

  /**
   * Once the polls made ready are taken: makes the next ones ready (a stepped schedule whose buffer was full).
   * @returns how many, from `offsets[0]`; 0 when no poll is left inside the run
   */
  next(): number {
    return this.more ? this.step() : 0;
  }

  /**
   * Steps the rule from the cursor's poll into the buffer while polls fall inside the run. Each poll made
   * ready draws the jitter of the poll after it, as the rule says; so the draws of a device are the same
   * whatever the buffer's size.
   */
  private step(): number {
    const { schedule, committedAt, end, offsets } = this;
    let { u, phase } = this;
    let n = 0;
    while (n < POLL_CHUNK && committedAt + u < end) {
      offsets[n++] = u;
      phase = phaseAt(schedule, u, phase);
      u = u + pollInterval(schedule, phase) + jitterDraw(this.rng, this.jitter);
    }
    this.u = u;
    this.phase = phase;
    this.after = u;
    this.more = n === POLL_CHUNK;
    return n;
  }
}

/**
 * Poll offsets after commit (seconds, jitter left out) while they are at most `horizon`, then the first one
 * past it; at most 100,000 (a bound for charts and closed forms, never reached by a validated scenario
 * inside its run).
 */
export function pollOffsets(group: PollSettings, horizon: number): number[] {
  return jitterFreeOffsets(pollSchedule(group), (u, n) => u <= horizon && n < 100_000);
}

/**
 * Polls at offsets in [0, horizon), jitter left out (it only spreads polls further): phase by phase, as a
 * count instead of a walk, so a year of one-second polls costs as little as a day of hourly ones.
 */
export function pollCount(group: PollSettings, horizon: number): number {
  const schedule = pollSchedule(group);
  let u = schedule.firstPollDelay;
  let count = 0;
  for (let phase = 0; phase < schedule.every.length && u < horizon; phase++) {
    const end = Math.min(schedule.until[phase] ?? Infinity, horizon);
    if (u >= end) continue;
    // Polls at u, u + every, … below `end`; the first one at or past `end` belongs to a later phase.
    const every = pollInterval(schedule, phase);
    const n = Math.ceil((end - u) / every);
    count += n;
    u += n * every;
  }
  return count;
}
