// Poll times by the poll rule itself, one step at a time: the oracle of the poll cursor and the walk.
import { jitterDraw, phaseAt, pollInterval, pollSchedule } from "../../src/model/pollSchedule.js";

export type Group = { firstPollDelay: number; polling: { every: number; until?: number }[] };

/** Devices' poll times by the rule itself, one step at a time, drawing jitter from one stream. */
export function ruleTimes(group: Group, jitter: number, rng: () => number, commits: number[], end: number) {
  const schedule = pollSchedule(group);
  return commits.map((committedAt) => {
    const times: number[] = [];
    let u = schedule.firstPollDelay;
    let phase = 0;
    while (committedAt + u < end) {
      times.push(committedAt + u);
      phase = phaseAt(schedule, u, phase);
      u = u + pollInterval(schedule, phase) + jitterDraw(rng, jitter);
    }
    return { times, following: committedAt + u, fills: 0 };
  });
}
