// One metric of one variant over its runs: mean, 95% confidence interval (Student's t), min and max.
import { round3 } from "../results/statistics.js";
import { tCritical95 } from "./tDistribution.js";

/**
 * A metric over the runs of a variant (`sweep --format json`, `variants[].metrics`). Units are the
 * metric's own (seconds for `…Seconds…` paths, counts otherwise), rounded to three decimals.
 *
 * A run in which the metric is null (a statistic over no values, e.g. no device connected) is left out:
 * `count` says how many runs had a value, and when none had, every statistic is null.
 */
export interface MetricStats {
  /** Mean over the runs with a value. */
  readonly mean: number | null;
  /**
   * 95% confidence interval of the mean, `mean ± t(0.975, n − 1) · s / √n` with `s` the sample standard
   * deviation. With one value there is no spread to estimate: `[mean, mean]`. Null with no values.
   */
  readonly ci95: readonly [number, number] | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Runs in which the metric had a value (added field; `runs` when it is never null). */
  readonly count: number;
}

/**
 * Aggregates one metric's values over runs, in run order: sums are taken in that fixed order so the same
 * values always give the same bits, whichever worker computed them.
 * @param values - one value per run; null for a run where the metric has no value
 */
export function aggregate(values: readonly (number | null)[]): MetricStats {
  const present: number[] = [];
  for (const v of values) if (v !== null) present.push(v);
  const n = present.length;
  if (n === 0) return { mean: null, ci95: null, min: null, max: null, count: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of present) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let half = 0;
  if (n > 1) {
    // Two passes (deviations from the mean) rather than Σx² − n·mean²: no cancellation for large values.
    let squares = 0;
    for (const v of present) squares += (v - mean) * (v - mean);
    half = tCritical95(n - 1) * Math.sqrt(squares / (n - 1) / n);
  }
  return {
    mean: round3(mean),
    ci95: [round3(mean - half), round3(mean + half)],
    min: round3(min),
    max: round3(max),
    count: n,
  };
}
