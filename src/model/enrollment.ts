// First enrollment times of a group's devices, from its pattern and each device's `enrollment` draw.
import { counterDraw, counterKey } from "../random.js";
import { logGamma } from "../logGamma.js";
import type { DeviceGroup } from "../scenario/schema.js";

/**
 * The first enrollment try of every device of the group, in device order (seconds).
 * `uniform`: independent draws in [from, to); `even`: from + i·(to − from)/count; `burst`: all at `at`;
 * `poisson`: arrivals from `from` with exponential gaps at `ratePerMinute`. Device i's draw (its time, or
 * the gap before it) is its own first `enrollment` draw, whatever the group's count.
 */
export function enrollmentTimes(group: DeviceGroup, seed: number): Float64Array {
  const n = group.count;
  const times = new Float64Array(n);
  const e = group.enrollment;
  switch (e.pattern) {
    case "uniform": {
      const key = counterKey(seed, group.name, "enrollment");
      const span = e.to - e.from;
      for (let i = 0; i < n; i++) times[i] = e.from + counterDraw(key, i, 0) * span;
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
      const key = counterKey(seed, group.name, "enrollment");
      const perSecond = e.ratePerMinute / 60;
      let t = e.from;
      for (let i = 0; i < n; i++) {
        t += -Math.log(1 - counterDraw(key, i, 0)) / perSecond;
        times[i] = t;
      }
      break;
    }
  }
  return times;
}

/**
 * Where a group's first tries can fall, and (for the patterns whose devices are alike) how they spread:
 * `share(a, b)` is the expected share of the group's devices whose first try is in [a, b). `uniform` and
 * `poisson` spread continuously; `even` and `burst` put each device at a known instant (`share` is null:
 * take `enrollmentTimes`).
 */
export function enrollmentSpread(group: DeviceGroup): {
  readonly from: number;
  readonly to: number;
  readonly share: ((a: number, b: number) => number) | null;
} {
  const e = group.enrollment;
  switch (e.pattern) {
    case "uniform": {
      const span = e.to - e.from;
      const clamp = (t: number) => Math.min(e.to, Math.max(e.from, t));
      return { from: e.from, to: e.to, share: (a, b) => (clamp(b) - clamp(a)) / span };
    }
    case "poisson": {
      // The i-th arrival is Gamma(i, λ); a device drawn from the group's n is in [from, t) with probability
      // E[min(N(t), n)] / n, N(t) ~ Poisson(λ (t − from)).
      const n = group.count;
      const perSecond = e.ratePerMinute / 60;
      const reached = (t: number) => expectedMin(perSecond * Math.max(0, t - e.from), n) / n;
      return { from: e.from, to: Infinity, share: (a, b) => reached(b) - reached(a) };
    }
    case "even":
      return { from: e.from, to: e.to, share: null };
    case "burst":
      return { from: e.at, to: e.at, share: null };
  }
}

/** E[min(N, n)] for N ~ Poisson(μ): the sum runs only where the probabilities are not negligible. */
function expectedMin(mu: number, n: number): number {
  if (mu === 0) return 0;
  const spread = 12 * Math.sqrt(mu) + 30;
  const pmf = (k: number) => Math.exp(k * Math.log(mu) - mu - logGamma(k + 1));
  if (mu <= n) {
    // μ − E[(N − n)⁺]
    let excess = 0;
    for (let k = n + 1; k <= mu + spread; k++) excess += (k - n) * pmf(k);
    return mu - excess;
  }
  // n − E[(n − N)⁺]
  let shortfall = 0;
  for (let k = Math.max(0, Math.floor(mu - spread)); k < n; k++) shortfall += (n - k) * pmf(k);
  return n - shortfall;
}
