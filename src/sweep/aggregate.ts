// One metric of one variant over its runs: mean, 95% confidence interval, min and max. The interval is
// Student's t for means and counts, an expanded percentile bootstrap for order statistics, and is kept
// inside the metric's possible range either way.
import { substream } from "../random.js";
import { round3 } from "../results/statistics.js";
import { bootstrapMeanInterval } from "./bootstrap.js";
import { clamp, type Bounds, type IntervalMethod, type MetricProfile } from "./metricProfile.js";
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
   * 95% confidence interval of the mean (see `method`), inside the metric's possible range. With one
   * value there is no spread to estimate: `[mean, mean]`. Null with no values.
   */
  readonly ci95: readonly [number, number] | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Runs in which the metric had a value (added field; `runs` when it is never null). */
  readonly count: number;
  /** How `ci95` was computed. */
  readonly method: IntervalMethod;
}

/** How `aggregate` computes the interval. */
export interface AggregateOptions {
  /** The metric's method and range (default: Student's t, unbounded). */
  readonly profile?: MetricProfile;
  /**
   * The stream the bootstrap draws from (`substream(seed, name)`): the sweep passes its first seed and the
   * metric's path, so the same command gives the same interval.
   */
  readonly stream?: { readonly seed: number; readonly name: string };
}

const UNBOUNDED: Bounds = [null, null];

/**
 * The 95% interval of the mean of `values` (at least two) by `method`, clamped to `bounds`. Sums run in
 * the values' order, so the same values always give the same bits, whichever worker computed them.
 */
export function meanInterval(
  values: readonly number[],
  method: IntervalMethod,
  bounds: Bounds,
  stream: { readonly seed: number; readonly name: string },
): [number, number] {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (values.every((v) => v === values[0])) return [mean, mean];
  if (method === "bootstrap-percentile") {
    const [lo, hi] = bootstrapMeanInterval(values, substream(stream.seed, `bootstrap:${stream.name}`));
    return [clamp(lo, bounds), clamp(hi, bounds)];
  }
  // Two passes (deviations from the mean) rather than Σx² − n·mean²: no cancellation for large values.
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const half = tCritical95(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return [clamp(mean - half, bounds), clamp(mean + half, bounds)];
}

/**
 * Aggregates one metric's values over runs, in run order.
 * @param values - one value per run; null for a run where the metric has no value
 */
export function aggregate(values: readonly (number | null)[], options: AggregateOptions = {}): MetricStats {
  const method = options.profile?.method ?? "student-t";
  const present: number[] = [];
  for (const v of values) if (v !== null) present.push(v);
  const n = present.length;
  if (n === 0) return { mean: null, ci95: null, min: null, max: null, count: 0, method };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of present) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  const [lo, hi] =
    n > 1
      ? meanInterval(
          present,
          method,
          options.profile?.bounds ?? UNBOUNDED,
          options.stream ?? { seed: 0, name: "" },
        )
      : [mean, mean];
  return {
    mean: round3(mean),
    ci95: [round3(lo), round3(hi)],
    min: round3(min),
    max: round3(max),
    count: n,
    method,
  };
}
