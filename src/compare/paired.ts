// One metric of a comparison: A's and B's means with their intervals, and the paired differences B − A
// (one per seed: both sides ran the same seeds, so each difference cancels the luck the two runs share).
import { round3 } from "../results/statistics.js";
import { aggregate } from "../sweep/aggregate.js";
import { tCritical95 } from "../sweep/tDistribution.js";
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
 * The 95% interval of the relative change B̄/Ā − 1 from the runs where both sides had a value, by the delta
 * method for a ratio of paired means: with r = B̄/Ā and dᵢ = bᵢ − r·aᵢ, the ratio's standard error is
 * s_d / (√n · |Ā|), and the interval r − 1 ± t(0.975, n−1) · that. A relative change of values that are never
 * negative is never below −1 (−100%), so the lower end is clamped there. Null with fewer than two pairs or when
 * Ā is 0. Three decimals.
 */
export function relativeInterval(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): readonly [number, number] | null {
  const pairs: [number, number][] = [];
  a.forEach((x, i) => {
    const y = b[i];
    if (x !== null && y !== null && y !== undefined) pairs.push([x, y]);
  });
  const n = pairs.length;
  if (n < 2) return null;
  const meanA = pairs.reduce((sum, [x]) => sum + x, 0) / n;
  const meanB = pairs.reduce((sum, [, y]) => sum + y, 0) / n;
  if (meanA === 0) return null;
  const r = meanB / meanA;
  const residuals = pairs.map(([x, y]) => y - r * x);
  const variance = residuals.reduce((sum, d) => sum + d * d, 0) / (n - 1);
  const half = (tCritical95(n - 1) * Math.sqrt(variance / n)) / Math.abs(meanA);
  const nonNegative = pairs.every(([x, y]) => x >= 0 && y >= 0);
  const lo = r - 1 - half;
  return [round3(nonNegative ? Math.max(-1, lo) : lo), round3(r - 1 + half)];
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
