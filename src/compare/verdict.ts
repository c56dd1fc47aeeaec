// Which direction is better for a metric, and the verdict on a paired difference B − A.

/** The verdict on one metric of `compare` (and of `sweep --baseline`). */
export type Verdict = "better" | "worse" | "same" | "inconclusive";

// Metrics where more is better; every other metric (times, failures, counts of trouble, and every number of
// a finite server's `load`: utilisation, waits, responses, refusals, timeouts, queue, and its requests and
// served, which grow with the retries trouble brings) is better lower.
const HIGHER_IS_BETTER = new Set(["connected", "enrolled", "succeeded", "received"]);

/**
 * Whether a larger value of a metric is better: true for paths ending in `connected`, `enrolled`, `succeeded`
 * or `received` (`devices.connected`, `deployments.app.received`); false for everything else (times, failures, `neverConnected`, …).
 */
export function higherIsBetter(path: string): boolean {
  return HIGHER_IS_BETTER.has(path.slice(path.lastIndexOf(".") + 1));
}

/**
 * The verdict on B against A for one metric:
 * - `same` when every paired difference is 0;
 * - `better` or `worse` when the 95% interval of the mean difference excludes 0 (lower is better unless
 *   `higherIsBetter`), which needs at least two pairs;
 * - `inconclusive` otherwise (and with no pair at all).
 * @param differences - the paired differences B − A, one per seed where both had a value
 * @param ci95 - their mean's interval, as reported (rounded), so the verdict agrees with the numbers shown
 */
export function verdictOf(
  path: string,
  differences: readonly number[],
  ci95: readonly [number, number] | null,
): Verdict {
  if (differences.length === 0) return "inconclusive";
  if (differences.every((d) => d === 0)) return "same";
  if (differences.length < 2 || ci95 === null) return "inconclusive";
  const [lo, hi] = ci95;
  if (lo <= 0 && hi >= 0) return "inconclusive";
  return lo > 0 === higherIsBetter(path) ? "better" : "worse";
}
