// Database replicas: sync ticks at φ, φ+P, φ+2P, … driven by the kernel. A tick is skipped while replication
// is paused (`outages`), while the replica's SQL Server is down (`serverOutages`) or while the site database
// is down; the next tick carries everything. Each tick's records become visible its apply delay later (a
// draw per tick when the delay is a distribution), never before an earlier tick's records.
import type { Environment } from "../kernel/environment.js";
import { Priority } from "../kernel/priority.js";
import { substream, type Rng } from "../random.js";
import { drawTime, isConstant, meanOf } from "./distribution.js";
import { inOutage, type Outage } from "./outage.js";
import type { Replica } from "../scenario/schema.js";
import { carries } from "../kernel/ties.js";

/** The sync schedule of one replica over a run. */
export interface ReplicaTimeline {
  readonly name: string;
  /** `syncInterval` P, seconds. */
  readonly interval: number;
  /** `syncOffset` φ in [0, P), seconds (drawn from `replica:<name>:offset` when absent). */
  readonly offset: number;
  /** The mean of `applyDelay` D, seconds (the closed forms' D). */
  readonly applyDelay: number;
  /** Start times of the ticks that happened, ascending. */
  readonly ticks: Float64Array;
  /** When each tick's records become visible (same index as `ticks`), ascending. */
  readonly visible: Float64Array;
  /** Ticks that fell inside an outage. */
  readonly skipped: number;
}

/** Whether a sync due at `s` is skipped: replication paused, the replica's server or the site database down. */
export function syncSkipped(replica: Replica, siteDatabase: readonly Outage[], s: number): boolean {
  return inOutage(replica.outages, s) || inOutage(replica.serverOutages, s) || inOutage(siteDatabase, s);
}

/** The apply delays of a replica's ticks, drawn in tick order from its own stream (none for a constant). */
export function applyDelays(replica: Replica, seed: number): () => number {
  const d = replica.applyDelay;
  if (isConstant(d)) {
    const constant = meanOf(d);
    return () => constant;
  }
  const rng: Rng = substream(seed, `replica:${replica.name}:apply`);
  return () => drawTime(d, rng);
}

/** When a tick at `tick` with apply delay `delay` makes its records visible, after the tick before it. */
export function visibleAfter(previous: number, tick: number, delay: number): number {
  return Math.max(previous, tick + delay);
}

/** The sync offset: the scenario's, else a uniform draw in [0, P) from the replica's own substream. */
export function syncOffset(replica: Replica, seed: number): number {
  if (replica.syncOffset !== undefined) return replica.syncOffset;
  // Drawn to the millisecond (down, so it stays below P): `run --print-scenario` writes it as a person
  // would, and the printed file runs the same.
  return Math.floor(substream(seed, `replica:${replica.name}:offset`)() * replica.syncInterval * 1000) / 1000;
}

/**
 * Runs the replica's sync process on `env` until `duration`; the returned timeline fills as the kernel runs.
 */
export function scheduleReplica(
  env: Environment,
  replica: Replica,
  seed: number,
  duration: number,
  siteDatabase: readonly Outage[],
): () => ReplicaTimeline {
  const offset = syncOffset(replica, seed);
  const delay = applyDelays(replica, seed);
  const ticks: number[] = [];
  const visible: number[] = [];
  let skipped = 0;
  const tick = (k: number) => (e: Environment) => {
    const s = e.now;
    if (syncSkipped(replica, siteDatabase, s)) skipped++;
    else {
      ticks.push(s);
      visible.push(visibleAfter(visible[visible.length - 1] ?? -Infinity, s, delay()));
    }
    // φ + kP computed afresh, so long runs do not accumulate rounding.
    const next = offset + (k + 1) * replica.syncInterval;
    if (next < duration) e.schedule(next, Priority.SYNC_TICK, tick(k + 1));
  };
  if (offset < duration) env.schedule(offset, Priority.SYNC_TICK, tick(0));
  return () => ({
    name: replica.name,
    interval: replica.syncInterval,
    offset,
    applyDelay: meanOf(replica.applyDelay),
    ticks: Float64Array.from(ticks),
    visible: Float64Array.from(visible),
    skipped,
  });
}

/**
 * The index of the tick that carries a record committed at `committedAt`: the first at or after it. Ticks sit
 * on the grid φ + kP but for skipped ones, so the grid's index is tried first and kept when the ticks either
 * side bracket the commit (one division, two reads: a device's commit is on the walk's hot path); anything
 * else (after a skipped tick, a rounding edge) takes the binary search, so the answer is the same either way.
 */
export function carryingIndex(timeline: ReplicaTimeline, committedAt: number): number {
  const ticks = timeline.ticks;
  const n = ticks.length;
  if (n === 0) return 0;
  const first = ticks[0] ?? 0;
  if (carries(first, committedAt)) return 0;
  const guess = Math.ceil((committedAt - first) / timeline.interval);
  if (
    guess <= n &&
    !carries(ticks[guess - 1] ?? Infinity, committedAt) &&
    carries(ticks[guess] ?? Infinity, committedAt)
  )
    return guess;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!carries(ticks[mid] ?? Infinity, committedAt)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** When a record committed at `committedAt` becomes visible in the replica (Infinity: not in this run). */
export function visibleAt(timeline: ReplicaTimeline, committedAt: number): number {
  return timeline.visible[carryingIndex(timeline, committedAt)] ?? Infinity;
}

/** The closed form for evenly spread commits without outages: delays in [D, P + D], mean P/2 + D. */
export function expectedVisibilityDelay(replica: { syncInterval: number; applyDelay: number }): {
  min: number;
  mean: number;
  max: number;
} {
  return {
    min: replica.applyDelay,
    mean: replica.syncInterval / 2 + replica.applyDelay,
    max: replica.syncInterval + replica.applyDelay,
  };
}
