// The sums an exact estimate is made of: probed outcomes weighed by the share of devices each stands for,
// and parts of a group (management points, stretches of addresses) combined into one figure.

/** What a group's devices on one management point expect. */
export interface ManagementPointEstimate {
  /** The group's devices the assignment rule gives the management point (expected). */
  readonly devices: number;
  /** Of those, the devices expected to succeed before the end of the run. */
  readonly connected: number;
  /** Mean failed tries before the first success, over the devices that succeed (null: none does). */
  readonly failedTries: number | null;
  /** The mean square of the failed tries (with the mean, their spread). */
  readonly failedTriesSquared: number | null;
  /** Mean seconds from commit to the first success, over the devices that succeed (null: none does). */
  readonly timeToFirstSuccess: number | null;
  /** The mean square of that time: with the mean, the spread a run's mean is drawn from. */
  readonly timeToFirstSuccessSquared: number | null;
  /** False when the probes would pass `PROBE_BUDGET`: the figures are then the closed form's. */
  readonly exact: boolean;
}

/** One probed outcome: null when the device does not succeed within the run. */
export type Outcome = { readonly time: number; readonly failed: number } | null;

/** Sums of outcomes weighed by how many devices they stand for. */
export class Sums {
  weight = 0;
  connected = 0;
  failed = 0;
  failedSquares = 0;
  time = 0;
  squares = 0;

  add(outcome: Outcome, weight: number): void {
    this.weight += weight;
    if (outcome === null || weight === 0) return;
    this.connected += weight;
    this.failed += weight * outcome.failed;
    this.failedSquares += weight * outcome.failed * outcome.failed;
    this.time += weight * outcome.time;
    this.squares += weight * outcome.time * outcome.time;
  }

  estimate(devices: number): ManagementPointEstimate {
    const c = this.connected;
    const mean = (x: number) => (c > 0 ? x / c : null);
    return {
      devices,
      connected: this.weight > 0 ? (devices * c) / this.weight : 0,
      failedTries: mean(this.failed),
      failedTriesSquared: mean(this.failedSquares),
      timeToFirstSuccess: mean(this.time),
      timeToFirstSuccessSquared: mean(this.squares),
      exact: true,
    };
  }
}

/**
 * Estimates of parts of a group's devices as one, each weighed by its devices (connected devices for means).
 * @param devices - the devices the whole stands for; absent: the parts' devices summed
 */
export function combineEstimates(
  parts: readonly ManagementPointEstimate[],
  devices?: number,
): ManagementPointEstimate {
  const sums = new Sums();
  let exact = true;
  for (const e of parts) {
    exact &&= e.exact;
    const c = e.connected;
    sums.weight += e.devices;
    if (c === 0 || e.timeToFirstSuccess === null || e.failedTries === null) continue;
    sums.connected += c;
    sums.failed += c * e.failedTries;
    sums.failedSquares += c * (e.failedTriesSquared ?? 0);
    sums.time += c * e.timeToFirstSuccess;
    sums.squares += c * (e.timeToFirstSuccessSquared ?? 0);
  }
  return { ...sums.estimate(devices ?? sums.weight), exact };
}
