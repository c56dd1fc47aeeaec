// Database replicas: sync ticks at φ, φ+P, φ+2P, … driven by the kernel; a tick inside an outage is skipped.
import type { Environment } from "../kernel/environment.js";
import { Priority } from "../kernel/priority.js";
import { substream } from "../random.js";
import { inOutage } from "./outage.js";
import type { Replica } from "../scenario/schema.js";

/** The sync schedule of one replica over a run. */
export interface ReplicaTimeline {
  readonly name: string;
  /** `syncInterval` P, seconds. */
  readonly interval: number;
  /** `syncOffset` φ in [0, P), seconds (drawn from `replica:<name>:offset` when absent). */
  readonly offset: number;
  /** `applyDelay` D, seconds. */
  readonly applyDelay: number;
  /** Start times of the ticks that happened, ascending. */
  readonly ticks: Float64Array;
  /** Ticks that fell inside an outage. */
  readonly skipped: number;
}

/** The sync offset: the scenario's, else a uniform draw in [0, P) from the replica's own substream. */
export function syncOffset(replica: Replica, seed: number): number {
  if (replica.syncOffset !== undefined) return replica.syncOffset;
  return substream(seed, `replica:${replica.name}:offset`)() * replica.syncInterval;
}

/**
 * Runs the replica's sync process on `env` until `duration`; the returned timeline fills as the kernel runs.
 */
export function scheduleReplica(
  env: Environment,
  replica: Replica,
  seed: number,
  duration: number,
): () => ReplicaTimeline {
  const offset = syncOffset(replica, seed);
  const ticks: number[] = [];
  let skipped = 0;
  const tick = (k: number) => (e: Environment) => {
    const s = e.now;
    if (inOutage(replica.outages, s)) skipped++;
    else ticks.push(s);
    // φ + kP computed afresh, so long runs do not accumulate rounding.
    const next = offset + (k + 1) * replica.syncInterval;
    if (next < duration) e.schedule(next, Priority.SYNC_TICK, tick(k + 1));
  };
  if (offset < duration) env.schedule(offset, Priority.SYNC_TICK, tick(0));
  return () => ({
    name: replica.name,
    interval: replica.syncInterval,
    offset,
    applyDelay: replica.applyDelay,
    ticks: Float64Array.from(ticks),
    skipped,
  });
}

/** The tick that carries a record committed at `committedAt`: the first at or after it; Infinity for none. */
export function carryingTick(timeline: ReplicaTimeline, committedAt: number): number {
  const ticks = timeline.ticks;
  let lo = 0;
  let hi = ticks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ticks[mid] ?? Infinity) < committedAt) lo = mid + 1;
    else hi = mid;
  }
  return ticks[lo] ?? Infinity;
}

/** When a record committed at `committedAt` becomes visible in the replica: its tick plus the apply delay. */
export function visibleAt(timeline: ReplicaTimeline, committedAt: number): number {
  return carryingTick(timeline, committedAt) + timeline.applyDelay;
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
