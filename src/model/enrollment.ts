// First enrollment times of a group's devices, from its pattern and its `enrollment` substream.
import { groupStream } from "../random.js";
import type { DeviceGroup } from "../scenario/schema.js";

/**
 * The first enrollment try of every device of the group, in device order (seconds).
 * `uniform`: independent draws in [from, to); `even`: from + i·(to − from)/count; `burst`: all at `at`;
 * `poisson`: arrivals from `from` with exponential gaps at `ratePerMinute`.
 */
export function enrollmentTimes(group: DeviceGroup, seed: number): Float64Array {
  const n = group.count;
  const times = new Float64Array(n);
  const e = group.enrollment;
  switch (e.pattern) {
    case "uniform": {
      const rng = groupStream(seed, group.name, "enrollment");
      const span = e.to - e.from;
      for (let i = 0; i < n; i++) times[i] = e.from + rng() * span;
      break;
    }
    case "even": {
      const span = e.to - e.from;
      for (let i = 0; i < n; i++) times[i] = e.from + (i * span) / n;
      break;
    }
    case "burst":
      times.fill(e.at);
      break;
    case "poisson": {
      const rng = groupStream(seed, group.name, "enrollment");
      const perSecond = e.ratePerMinute / 60;
      let t = e.from;
      for (let i = 0; i < n; i++) {
        t += -Math.log(1 - rng()) / perSecond;
        times[i] = t;
      }
      break;
    }
  }
  return times;
}
