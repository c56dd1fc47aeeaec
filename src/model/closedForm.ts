// Closed forms for a device on a replica-backed DMP, with visibility delay V uniform on [D, P + D]
// (commits spread evenly over many sync intervals, no outages, no jitter): a poll at offset o after commit
// fails iff o < V, so the expected failures are Σ P(V > o_k) and the expected time to first success is
// o_0 + Σ (o_{k+1} − o_k)·P(V > o_k).
import { pollOffsets, type PollSettings } from "./pollSchedule.js";

/** Probability that V ~ U[D, P + D] exceeds `o`. */
function beyond(o: number, interval: number, applyDelay: number): number {
  if (interval <= 0) return o < applyDelay ? 1 : 0;
  return Math.min(1, Math.max(0, (interval + applyDelay - o) / interval));
}

/** Expected failed polls and time to first success (seconds) for a group on a replica (P, D). */
export function replicaClosedForm(
  group: PollSettings,
  replica: { syncInterval: number; applyDelay: number },
): { failedPolls: number; timeToFirstSuccess: number } {
  const offsets = pollOffsets(group, replica.syncInterval + replica.applyDelay);
  let failedPolls = 0;
  let time = offsets[0] ?? 0;
  for (let k = 0; k + 1 < offsets.length; k++) {
    const p = beyond(offsets[k] ?? 0, replica.syncInterval, replica.applyDelay);
    failedPolls += p;
    time += ((offsets[k + 1] ?? 0) - (offsets[k] ?? 0)) * p;
  }
  return { failedPolls, timeToFirstSuccess: time };
}
