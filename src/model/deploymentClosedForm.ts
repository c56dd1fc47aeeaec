// The closed form of a deployment's delay (docs/checks.md, `deployment-delay`): for every targeted device,
// the time from `at` until its management point's database holds the deployment (the visibility delay),
// plus the wait from then to its next poll. `check` prints it; `run` puts it beside what the devices did.
import type { Deployment } from "../scenario/schema.js";
import { assignmentShares } from "./assignment.js";
import { expectedVisibilityDelay, visibleAt } from "./replica.js";
import type { SiteModel } from "./site.js";
import { largest, smallest } from "../extremes.js";

/** A delay in seconds: its mean and the range it falls in. */
export interface DelayFigures {
  readonly meanSeconds: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
}

/** The devices of one targeted group on one management point, and what they expect. */
export interface DeploymentPart {
  readonly group: string;
  readonly managementPoint: string;
  /** The database the management point reads: "site" or a replica's name. */
  readonly database: string;
  /** The group's devices the assignment rule gives the management point (expected, not rounded). */
  readonly devices: number;
  /** The group's steady polling interval (its last phase's `every`), seconds. */
  readonly pollInterval: number;
  /** The group's `jitter`, seconds. */
  readonly jitter: number;
  /** From `at` until the database holds the deployment, averaged over where `at` falls in the sync cycle. */
  readonly visibility: DelayFigures;
  /** From the visibility to the next poll: a stationary renewal process's residual time. */
  readonly wait: DelayFigures;
  /** The two together: the delay of these devices. */
  readonly delay: DelayFigures;
  /**
   * This run's visibility delay: from `at` to the instant the replica's real sync ticks (offset, skipped syncs
   * and apply delays of the compiled site) make the deployment visible; 0 on the site database; null when no
   * tick of the run carries it.
   */
  readonly visibleAfterSeconds: number | null;
}

/** A deployment's closed form: its delay over every targeted device, and the parts it is made of. */
export interface DeploymentClosedForm extends DelayFigures {
  readonly deployment: string;
  /** The targeted devices that have a management point (expected; the parts' sum). */
  readonly devices: number;
  readonly parts: readonly DeploymentPart[];
  /**
   * The same figures with this run's visibility delays (`visibleAfterSeconds`) in place of their average over
   * the sync cycle: what a run's mean `receivedAfterSeconds` comes near. Null when some part's database does
   * not hold the deployment within the run.
   */
  readonly thisRun: DelayFigures | null;
}

/**
 * The wait from an instant independent of a device's polls to its next poll, when its polls are `interval`
 * plus a uniform draw in [0, jitter) apart: the residual time of a stationary renewal process, mean
 * E[X²] / (2 E[X]), which is interval / 2 without jitter; from 0 to interval + jitter.
 */
export function nextPollWait(interval: number, jitter: number): DelayFigures {
  const meanGap = interval + jitter / 2;
  const meanSquare = interval * interval + interval * jitter + (jitter * jitter) / 3;
  return { meanSeconds: meanSquare / (2 * meanGap), minSeconds: 0, maxSeconds: interval + jitter };
}

const sum = (a: DelayFigures, b: DelayFigures): DelayFigures => ({
  meanSeconds: a.meanSeconds + b.meanSeconds,
  minSeconds: a.minSeconds + b.minSeconds,
  maxSeconds: a.maxSeconds + b.maxSeconds,
});

/** Parts weighed by their devices: the mean of the means, the least minimum and the largest maximum. */
function combine(parts: readonly { devices: number; figures: DelayFigures }[]): DelayFigures {
  const devices = parts.reduce((n, p) => n + p.devices, 0);
  return {
    meanSeconds: parts.reduce((s, p) => s + p.devices * p.figures.meanSeconds, 0) / devices,
    minSeconds: smallest(parts.map((p) => p.figures.minSeconds)),
    maxSeconds: largest(parts.map((p) => p.figures.maxSeconds)),
  };
}

/**
 * The closed form of a deployment's delay, from `at` to the instant a targeted device receives it (its first
 * successful try at or after the instant its management point's database holds the deployment). Per group
 * and management point (the assignment rule's expected shares, `assignmentShares`):
 *
 * - visibility: 0 on the site database; on a replica with sync interval P and mean apply delay D, uniform
 *   on [D, P + D] (mean P/2 + D) over where `at` falls in the sync cycle (`expectedVisibilityDelay`; a drawn
 *   apply delay counts with its mean, so the range is that of the mean);
 * - the wait for the next poll: the group's steady interval I (its last polling phase) plus its jitter J,
 *   taken as a renewal process whose phase is independent of `at` (devices that committed at least one
 *   interval before `at`, at instants spread over an interval or more): mean (I² + IJ + J²/3) / (2I + J),
 *   which is I/2 without jitter; from 0 to I + J.
 *
 * It assumes every targeted device is registered (or enrolled) and in its steady polling phase at `at`, that
 * its tries at that time succeed (no outage, no failing rule, no device missing from the replica), that it
 * stays on the management point the assignment rule gives it (no fallback), and it ignores the end of the run.
 * `thisRun` replaces the averaged visibility by the replica's real sync ticks in the compiled site (its
 * seed's offset, skipped syncs, drawn apply delays).
 * @returns null when no targeted device has a management point (nothing to expect)
 */
export function deploymentClosedForm(site: SiteModel, deployment: Deployment): DeploymentClosedForm | null {
  const targeted = deployment.groups;
  const parts: DeploymentPart[] = [];
  for (const model of site.groups) {
    const g = model.group;
    if (targeted !== undefined && !targeted.includes(g.name)) continue;
    // A group no management point accepts never connects: it receives nothing and expects nothing.
    if (model.eligible.length === 0) continue;
    const interval = g.polling[g.polling.length - 1]?.every ?? 0;
    const wait = nextPollWait(interval, g.jitter);
    for (const [position, share] of assignmentShares(model, site.managementPoints.length)) {
      const server = site.managementPoints[position];
      const devices = g.count * share;
      if (server === undefined || devices <= 0) continue;
      const replica = site.replicas[site.mpReplica[position] ?? -1];
      const form = replica
        ? expectedVisibilityDelay({ syncInterval: replica.interval, applyDelay: replica.applyDelay })
        : { min: 0, mean: 0, max: 0 };
      const visibility = { meanSeconds: form.mean, minSeconds: form.min, maxSeconds: form.max };
      const visible = replica ? visibleAt(replica, deployment.at) - deployment.at : 0;
      parts.push({
        group: g.name,
        managementPoint: server.name,
        database: replica?.name ?? "site",
        devices,
        pollInterval: interval,
        jitter: g.jitter,
        visibility,
        wait,
        delay: sum(visibility, wait),
        visibleAfterSeconds: Number.isFinite(visible) ? visible : null,
      });
    }
  }
  if (parts.length === 0) return null;
  const overall = combine(parts.map((p) => ({ devices: p.devices, figures: p.delay })));
  const thisRun = parts.every((p) => p.visibleAfterSeconds !== null)
    ? combine(
        parts.map((p) => {
          const v = p.visibleAfterSeconds ?? 0;
          return {
            devices: p.devices,
            figures: sum({ meanSeconds: v, minSeconds: v, maxSeconds: v }, p.wait),
          };
        }),
      )
    : null;
  return {
    deployment: deployment.name,
    ...overall,
    devices: parts.reduce((n, p) => n + p.devices, 0),
    parts,
    thisRun,
  };
}
