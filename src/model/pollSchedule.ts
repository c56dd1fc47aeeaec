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

/**
 * One device's walk through the schedule: the offset `u` of its current poll (from commit) and its phase.
 * `next()` is the rule in one call (the phase of the poll at `u`, then u + every(phase) + jitter draw), so
 * a walk makes one call per poll, which matters while V8 still interprets the engine.
 */
export class PollCursor {
  /** Offset of the current poll after commit, seconds. */
  u: number;
  private phase = 0;

  constructor(
    private readonly schedule: PollSchedule,
    private readonly jitter: number,
    private readonly rng: Rng,
  ) {
    this.u = schedule.firstPollDelay;
  }

  /** The offset of the poll after the current one (drawing its jitter); the cursor does not move. */
  next(): number {
    this.phase = phaseAt(this.schedule, this.u, this.phase);
    return this.u + pollInterval(this.schedule, this.phase) + jitterDraw(this.rng, this.jitter);
  }

  /** Moves to the next poll (drawing its jitter); returns its offset. */
  advance(): number {
    this.u = this.next();
    return this.u;
  }
}

/**
 * Poll offsets after commit (seconds, jitter left out) while they are at most `horizon`, then the first one
 * past it; at most 100,000 (a bound for charts and closed forms, never reached by a validated scenario
 * inside its run).
 */
export function pollOffsets(group: PollSettings, horizon: number): number[] {
  const schedule = pollSchedule(group);
  const offsets: number[] = [];
  let u = schedule.firstPollDelay;
  let phase = 0;
  while (u <= horizon && offsets.length < 100_000) {
    offsets.push(u);
    phase = phaseAt(schedule, u, phase);
    u += pollInterval(schedule, phase);
  }
  offsets.push(u);
  return offsets;
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
