// Cumulative distributions of the time to first success: the simulated one (from the devices' values) and
// the closed form (from the poll schedule and the replica), both as step functions for charts.
import { pollOffsets } from "../../model/pollSchedule.js";
import type { DatabaseShare } from "../../results/runSeries.js";
import type { DeviceGroup } from "../../scenario/schema.js";

/** One step of a cumulative distribution: P(X ≤ seconds) = fraction, up to the next step. */
export interface CdfStep {
  readonly seconds: number;
  readonly fraction: number;
}

/** Most steps a simulated distribution keeps: enough for a smooth line, small enough for any fleet. */
export const MAX_CDF_STEPS = 400;

// Index of the first value greater than x in ascending values (the count of values ≤ x).
function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The empirical distribution of values as steps: one per distinct value, `fraction` the share of values at
 * or below it. Above `maxSteps` distinct values it keeps the values at `maxSteps` evenly spaced ranks, each
 * still with its exact fraction, so the line stays true at every step it draws.
 * @param values - any order; not modified
 * @returns ascending steps, starting with (0, 0) when every value is above 0; empty for no values
 */
export function empiricalCdf(values: ArrayLike<number>, maxSteps = MAX_CDF_STEPS): CdfStep[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const steps: CdfStep[] = [];
  if ((sorted[0] ?? 0) > 0) steps.push({ seconds: 0, fraction: 0 });
  const add = (x: number) => {
    const last = steps[steps.length - 1];
    if (last !== undefined && last.seconds === x) return;
    steps.push({ seconds: x, fraction: upperBound(sorted, x) / n });
  };
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxSteps) {
    for (let i = 0; i < n; i++) if (i === n - 1 || sorted[i] !== sorted[i + 1]) add(sorted[i] ?? 0);
  } else {
    // Nearest-rank values at ranks ⌈k·n/maxSteps⌉: the last one is the maximum, so the line reaches 1.
    for (let k = 1; k <= maxSteps; k++) add(sorted[Math.ceil((k * n) / maxSteps) - 1] ?? 0);
  }
  return steps;
}

/** P(V ≤ o) for V uniform on [D, P + D] (model.md, Database visibility); a point mass at D when P is 0. */
export function visibleBy(o: number, replica: { syncInterval: number; applyDelay: number }): number {
  const { syncInterval: p, applyDelay: d } = replica;
  if (p <= 0) return o >= d ? 1 : 0;
  return Math.min(1, Math.max(0, (o - d) / p));
}

/**
 * The closed-form distribution of the time to first success of a group: a device's first success is its
 * first poll at or after its record becomes visible, so P(TTFS ≤ o_k) = Σ share · P(V ≤ o_k) over the poll
 * offsets o_k (jitter, retries and outages left out). A share on the site database sees the record at
 * commit: it succeeds at the first poll.
 * @returns ascending steps from (0, 0) (or the first poll) to the first offset where the fraction is 1
 */
export function closedFormCdf(
  group: Pick<DeviceGroup, "polling" | "firstPollDelay">,
  shares: readonly DatabaseShare[],
): CdfStep[] {
  const horizon = Math.max(
    0,
    ...shares.map((s) => (s.replica ? s.replica.syncInterval + s.replica.applyDelay : 0)),
  );
  const total = shares.reduce((sum, s) => sum + s.weight, 0);
  const steps: CdfStep[] = [];
  const offsets = pollOffsets(group, horizon).filter(Number.isFinite);
  if ((offsets[0] ?? 0) > 0) steps.push({ seconds: 0, fraction: 0 });
  for (const o of offsets) {
    let fraction = 0;
    for (const s of shares) fraction += s.weight * (s.replica ? visibleBy(o, s.replica) : 1);
    // Shares are fractions of the group: divide by their sum, so rounding in the shares never shows as < 1.
    fraction = total > 0 ? Math.min(1, fraction / total) : 0;
    steps.push({ seconds: o, fraction });
    if (fraction >= 1) break;
  }
  return steps;
}
