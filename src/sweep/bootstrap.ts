// The expanded percentile bootstrap of a mean over runs: resample the runs with replacement (a seeded
// stream, so the same values always give the same interval), take the mean of each resample, and read
// the interval off their distribution. Every bound is a mean of observed values, so the interval never
// leaves the range the values came from: the point of using it for percentiles and maxima, whose values
// are discrete and bounded. "Expanded": with few runs the plain percentile interval is too narrow (it
// uses a divisor n instead of n − 1 and a normal instead of a t quantile), so the tail probability is
// taken as Φ(−√(n/(n−1)) · t(0.975, n−1)) instead of 2.5% (Hesterberg's correction).
import type { Rng } from "../random.js";
import { normalUpperTail, tCritical95 } from "./tDistribution.js";

/** Resamples per interval. */
export const BOOTSTRAP_RESAMPLES = 2000;

/** The tail probability each side of the expanded 95% interval for `n` values (n ≥ 2). */
export function expandedTail(n: number): number {
  return normalUpperTail(Math.sqrt(n / (n - 1)) * tCritical95(n - 1));
}

/**
 * The expanded percentile bootstrap 95% interval of the mean of `values`.
 * @param values - at least two values, in run order
 * @param rng - the stream the resamples draw from
 */
export function bootstrapMeanInterval(values: readonly number[], rng: Rng): [number, number] {
  const n = values.length;
  if (n < 2) throw new RangeError(`a bootstrap needs at least two values, got ${n}`);
  const means = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng() * n)] ?? 0;
    means[b] = sum / n;
  }
  means.sort();
  // The ⌈tail·B⌉-th smallest and largest resample means.
  const k = Math.max(1, Math.ceil(expandedTail(n) * BOOTSTRAP_RESAMPLES));
  return [means[k - 1] ?? NaN, means[BOOTSTRAP_RESAMPLES - k] ?? NaN];
}
