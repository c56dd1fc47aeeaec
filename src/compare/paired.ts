// One metric of a comparison: A's and B's means with their intervals, and the paired differences B − A
// (one per seed: both sides ran the same seeds, so each difference cancels the luck the two runs share).
import { round3 } from "../results/statistics.js";
import { aggregate } from "../sweep/aggregate.js";
import { differenceBounds, type IntervalMethod, type MetricProfile } from "../sweep/metricProfile.js";
import { verdictOf, type Verdict } from "./verdict.js";

/** A mean and its 95% interval (nulls when no run had a value). */
export interface MeanInterval {
  readonly mean: number | null;
  readonly ci95: readonly [number, number] | null;
}

/** One metric of `compare --format json` (`metrics.PATH`). */
export interface MetricComparison {
  readonly a: MeanInterval;
  readonly b: MeanInterval;
  /** The mean of the paired differences B − A over the seeds where both had a value, and its interval. */
  readonly difference: MeanInterval;
  /** B's mean / A's mean − 1; null when A's mean is 0 or null. */
  readonly relative: number | null;
  /** The 95% interval of `relative` from the paired runs (`relativeInterval`); null when it has none. */
  readonly relativeCi95: readonly [number, number] | null;
  readonly verdict: Verdict;
  /** How the intervals were computed (the same method on both sides and for the difference). */
  readonly method: IntervalMethod;
}

/** The inputs of `pairedDifference` for one metric. */
export interface PairedValues {
  readonly path: string;
  /** A's value per seed (null where the run had none), in seed order. */
  readonly a: readonly (number | null)[];
  /** B's value per seed, in the same order. */
  readonly b: readonly (number | null)[];
  /** The metric's method and range on each side. */
  readonly profileA: MetricProfile;
  readonly profileB: MetricProfile;
  /** The first seed: the bootstrap's stream (see `aggregate`). */
  readonly seed: number;
}

const meanInterval = (s: MeanInterval): MeanInterval => ({ mean: s.mean, ci95: s.ci95 });

/** B's mean / A's mean − 1, to three decimals; null when A's mean is 0 or either mean is null. */
export function relativeChange(aMean: number | null, bMean: number | null): number | null {
  return aMean === null || aMean === 0 || bMean === null ? null : round3(bMean / aMean - 1);
}

/**
 * The 95% interval of the relative change: the paired difference's interval over A's mean, (B − A)/Ā. It is
 * read off the same paired runs by the same method as the difference (Student's t, or the bootstrap for
 * percentiles and maxima), so it excludes 0 exactly when the difference's does and agrees with the verdict.
 * It takes A's mean as known, which a ratio's full interval would widen by about A's own relative error
 * (its ± half-width over its mean, under 2% on the bundled scenarios). Null when A's mean is 0 or null or the
 * difference has no interval. Three decimals.
 */
export function relativeInterval(
  difference: readonly [number, number] | null,
  aMean: number | null,
): readonly [number, number] | null {
  if (difference === null || aMean === null || aMean === 0) return null;
  const [lo, hi] = [difference[0] / aMean, difference[1] / aMean].sort((x, y) => x - y);
  return [round3(lo ?? 0), round3(hi ?? 0)];
}

/**
 * The paired part of a comparison: the differences B − A over the seeds where both had a value, their mean
 * and interval, and the verdict (for callers that have each side's statistics already, as a sweep does).
 */
export function pairedDifference(values: PairedValues): {
  readonly difference: MeanInterval;
  readonly verdict: Verdict;
} {
  const differences: number[] = [];
  values.a.forEach((x, i) => {
    const y = values.b[i];
    if (x !== null && y !== null && y !== undefined) differences.push(y - x);
  });
  const difference = aggregate(differences, {
    profile: {
      method: values.profileB.method,
      bounds: differenceBounds(values.profileA.bounds, values.profileB.bounds),
    },
    stream: { seed: values.seed, name: values.path },
  });
  return {
    difference: meanInterval(difference),
    verdict: verdictOf(values.path, differences, difference.ci95),
  };
}
