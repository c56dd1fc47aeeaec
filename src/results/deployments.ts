// The result's `deployments`: per deployment, how many devices it targeted, how many received it during the
// run and how long after it was made (docs/clients.md).
import { deploymentClosedForm } from "../model/deploymentClosedForm.js";
import type { SiteModel } from "../model/site.js";
import type { Scenario } from "../scenario/schema.js";
import { round3, summarize, type Summary } from "./statistics.js";

/** One deployment's numbers. */
export interface DeploymentResult {
  readonly targeted: number;
  readonly received: number;
  readonly notReceived: number;
  /** Seconds from `at` to each receiving device's successful try, over the devices that received it. */
  readonly receivedAfterSeconds: Summary;
  /**
   * The closed form beside it: this run's visibility delay at each targeted device's management point plus
   * the wait for its next poll (`deploymentClosedForm`'s `thisRun`); null where it does not apply.
   */
  readonly expectedReceivedAfterSeconds: {
    readonly min: number;
    readonly mean: number;
    readonly max: number;
  } | null;
}

/**
 * The paths sweeps and comparisons add for a scenario's deployments (beside the devices' numbers): how long
 * devices took to receive each, and how many did not.
 */
export function deploymentMetricPaths(scenario: Scenario): string[] {
  return scenario.deployments.flatMap((d) => {
    const at = `deployments.${d.name}`;
    return [`${at}.receivedAfterSeconds.mean`, `${at}.receivedAfterSeconds.p90`, `${at}.notReceived`];
  });
}

/** The result's `deployments`, by name, from each deployment's per-device receipt times (NaN: not received). */
export function buildDeployments(
  site: SiteModel,
  receivedAt: readonly Float64Array[],
): Record<string, DeploymentResult> {
  const out: Record<string, DeploymentResult> = {};
  site.deployments.forEach((d, i) => {
    const declared = site.scenario.deployments[i];
    const form = declared ? deploymentClosedForm(site, declared)?.thisRun : null;
    const times = receivedAt[i] ?? new Float64Array(0);
    // In device order (group, then index): both engines' sums then have the same bits.
    let received = 0;
    for (const t of times) if (!Number.isNaN(t)) received++;
    const after = new Float64Array(received);
    let k = 0;
    for (const t of times) if (!Number.isNaN(t)) after[k++] = t - d.at;
    out[d.name] = {
      targeted: d.targeted,
      received: after.length,
      notReceived: d.targeted - after.length,
      receivedAfterSeconds: summarize(after),
      expectedReceivedAfterSeconds: form
        ? { min: round3(form.minSeconds), mean: round3(form.meanSeconds), max: round3(form.maxSeconds) }
        : null,
    };
  });
  return out;
}
